"""The entity tokenizer: the pieces cut at spaces give the tokens, offsets and sentence starts of the chunk-by-search
version it replaced (kept here as the reference), on samples, edge cases and generated text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from article_core.analyze import entity_tokens
from article_core.analyze.entity_tokens import _APOSTROPHES, _SENTENCE_END, _WORD, Tokens, tokenize

ROOT = Path(__file__).resolve().parents[3]
# Every kind of character the cutting treats apart: spaces, other whitespace, elisions, possessives, sentence ends.
_ALPHABET = [*"ab Zé", " ", " ", "  ", "\n", "\t", "\xa0", "\u2009", "\u2028"]
_ALPHABET += ["'", "’", ".", ",", "(", "»", "-", "&", "7"]
EDGE_CASES = [
    "",
    " ",
    "\n\n",
    "  Deux  espaces  et une fin ",
    "l' homme et l'\nhomme, d’ une, qu' il",
    "Trump's and Macron’s, the 's alone, O'Neill's",
    "fin d'",
    "U.S. forces\tin\xa0Kyiv\u2009today.Mr. Smith: ok! M. Dupont ; non?",
    "3,5 % le 1996-08-22 à 10:30…suite",
    "«Nous»,\r\n(Vladimir) Medinski — AFP",
]


def _reference(text: str) -> list[tuple[str, int, int, bool]]:
    """The tokenizer as it was: chunks of `str.split`, each found by `str.find`; (text, start, end, sentence start)
    per token."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    find, findall = text.find, _WORD.findall
    end = 0

    def append(word: str, at: int) -> None:
        words.append(word)
        starts.append(at)

    for chunk in text.split():
        start = find(chunk, end)
        end = start + len(chunk)
        if chunk.isalpha():
            append(chunk, start)
            continue
        for word in findall(text, start, end + 2 if chunk[-1] in _APOSTROPHES else end):
            if start >= end:
                break
            if word in _SENTENCE_END:
                ends.append(len(words))
            elif ("'" in word or "’" in word) and word[0].isalpha() and word[-1] not in _APOSTROPHES:
                head, _, rest = word.partition("'" if "'" in word else "’")
                if rest.lower() == "s":
                    append(head, start)
                    append(word[len(head) :], start + len(head))
                    start += len(word)
                    continue
            append(word, start)
            start += len(word)
    tokens = Tokens(words, starts, [False] * len(words))
    entity_tokens._mark_sentence_starts(text, tokens, ends)
    return _seen(tokens)


def _seen(tokens: Tokens | list[tuple[str, int, int, bool]]) -> list[tuple[str, int, int, bool]]:
    if isinstance(tokens, list):
        return tokens
    ends = [start + len(word) for word, start in zip(tokens.text, tokens.start, strict=True)]
    return list(zip(tokens.text, tokens.start, ends, tokens.sentence_start, strict=True))


@pytest.mark.parametrize("text", EDGE_CASES)
def test_tokens_are_the_reference_tokens_on_edge_cases(text: str) -> None:
    # Given a text with double spaces, other whitespace, elisions, possessives or sentence ends
    # When it is tokenized
    # Then the tokens, their offsets and sentence starts are the reference tokenizer's
    assert _seen(tokenize(text)) == _seen(_reference(text))


def test_tokens_are_the_reference_tokens_on_the_samples() -> None:
    # Given the sample articles
    for name in ("figaro-afp-rubio-lavrov.txt", "rail-strike-en.txt"):
        text = (ROOT / "samples" / name).read_text(encoding="utf-8")
        # When they are tokenized, then the tokens are the reference tokenizer's (and there are many)
        tokens = tokenize(text)
        assert _seen(tokens) == _seen(_reference(text))
        assert len(tokens) > 400


def test_tokens_are_the_reference_tokens_on_generated_text() -> None:
    # Given 3,000 texts drawn from characters that exercise every path of the cutting
    rng = random.Random(12)
    for _ in range(3000):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 40)))
        # Then each tokenizes as the reference does
        assert _seen(tokenize(text)) == _seen(_reference(text)), repr(text)


def test_a_chunk_cut_before_is_cut_the_same_at_any_offset() -> None:
    # Given chunks already cut once in this process (their layouts kept), then met again elsewhere in other texts
    first = "Lavrov, d’une l'Ukraine. Trump's U.S.-based «de foi»,"
    tokenize(first)
    assert "Lavrov," in entity_tokens._LAYOUTS and "Trump's" in entity_tokens._LAYOUTS
    for text in (f"  {first}", f"Puis\n{first} Lavrov, encore d’une fois.", first.replace(" ", "\t")):
        # When they are tokenized from the kept layouts
        # Then the tokens, offsets and sentence starts are the reference tokenizer's
        assert _seen(tokenize(text)) == _seen(_reference(text)), repr(text)


def test_a_chunk_ending_in_an_apostrophe_is_cut_from_what_follows_it() -> None:
    # Given the same chunk "l'" before a word (an elision) and before a digit (not one)
    for text in ("l' homme puis l' 3", "l' 3 puis l' homme", "qu' il et qu' 1"):
        # When each is tokenized
        # Then each occurrence is cut as the reference cuts it there (the chunk's layout is not kept)
        assert _seen(tokenize(text)) == _seen(_reference(text)), repr(text)
    assert "l'" not in entity_tokens._LAYOUTS


def test_the_kept_layouts_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a process that has kept as many chunk layouts as it may
    monkeypatch.setattr(entity_tokens, "_MAX_LAYOUTS", 3)
    monkeypatch.setattr(entity_tokens, "_LAYOUTS", {})
    tokenize("a, b, c,")
    assert len(entity_tokens._LAYOUTS) == 3
    # When a new chunk comes
    tokens = tokenize("d.")
    # Then the kept ones are dropped and the new one kept, its tokens right
    assert entity_tokens._LAYOUTS == {"d.": (("d", "."), (0, 1), (1,))}
    assert _seen(tokens) == _seen(_reference("d."))
