"""The entity tokenizer: the pieces cut at spaces give the tokens, offsets and sentence starts of the chunk-by-search
version it replaced (kept here as the reference), on samples, edge cases and generated text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from article_core.analyze import entity_tokens
from article_core.analyze.entity_tokens import _APOSTROPHES, _SENTENCE_END, _WORD, Token, tokenize

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


def _reference(text: str) -> list[Token]:
    """The tokenizer as it was: chunks of `str.split`, each found by `str.find`."""
    tokens: list[Token] = []
    append = tokens.append
    ends: list[int] = []
    find, findall = text.find, _WORD.findall
    end = 0
    for chunk in text.split():
        start = find(chunk, end)
        end = start + len(chunk)
        if chunk.isalpha():
            append(Token(chunk, start, end))
            continue
        for word in findall(text, start, end + 2 if chunk[-1] in _APOSTROPHES else end):
            if start >= end:
                break
            if word in _SENTENCE_END:
                ends.append(len(tokens))
            elif ("'" in word or "’" in word) and word[0].isalpha() and word[-1] not in _APOSTROPHES:
                head, _, rest = word.partition("'" if "'" in word else "’")
                if rest.lower() == "s":
                    append(Token(head, start, start + len(head)))
                    append(Token(word[len(head) :], start + len(head), start + len(word)))
                    start += len(word)
                    continue
            append(Token(word, start, start + len(word)))
            start += len(word)
    entity_tokens._mark_sentence_starts(text, tokens, ends)
    return tokens


def _seen(tokens: list[Token]) -> list[tuple[str, int, int, bool]]:
    return [(t.text, t.start, t.end, t.sentence_start) for t in tokens]


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
