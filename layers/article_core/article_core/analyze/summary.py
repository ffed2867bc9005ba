"""Extractive summary: two or three whole sentences of the article, in article order.

Sentences score by the keyphrases they contain and by position (news puts the gist first);
too-short fragments (headings, captions) and very long run-ons are avoided. Only full sentences qualify:
a leading dateline or dash ("- ", "— ", "LONDON (Reuters) - ") is dropped first, and what is left must open
like a sentence (a capital, a digit or an opening quote), end like one and close every quote it opens.
A sentence that repeats one already chosen (most of its words the same) is skipped.
"""

from __future__ import annotations

import re
from itertools import compress

from .tokens import lowercase_keeps_places, words

MIN_WORDS = 6
MAX_WORDS = 60
NEAR_DUPLICATE = 0.7  # share of shared words (Jaccard) from which two sentences say the same thing
_LEADING_DASH = re.compile(r"^(?:[-—–•*]+\s*)+")
_DASH_CHARS = "-—–•*"  # what a `_LEADING_DASH` match starts with
# "LONDON, Nov 18 (Reuters) - ", "PARIS (AFP) — ", "22 mai 2012. - ": a dateline glued to the first sentence.
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{1,40}(?:,\s*[^()\n]{1,30})?\s*\([A-Za-z .]{2,20}\)|\d{1,2}(?:er)?\s+\w+\s+\d{4}\.?)"
    r"\s*[-—–]+\s*"
)
_OPENS_SENTENCE = re.compile(r"^[\"'«“‘„(]?\s*[^\W_a-zà-ÿ]")


def summarise(
    text: str,
    spans: list[tuple[int, int]],
    keyphrases: list[tuple[str, float]],
    *,
    size: int = 3,
    span_words: list[list[str]] | None = None,
    span_lowered: list[str] | None = None,
) -> list[str]:
    """Up to `size` sentences (two when the article is short), whole, in their original order.

    `span_words` is `words(text[start:end])` for each span when the caller has them (reused for a sentence that
    `full_sentence` leaves whole), and `span_lowered` their `" ".join(...).lower()` (see `lowered_spans`)."""
    candidates = []
    phrases = [phrase.lower() for phrase, _ in keyphrases]
    scores = [score for _, score in keyphrases]
    for index, (start, end) in enumerate(spans):
        sentence = full_sentence(text[start:end])
        if sentence is None:
            continue
        # full_sentence only cuts from the ends: a sentence as long as its span is the span's text.
        tokens = span_words[index] if span_words is not None and len(sentence) == end - start else words(sentence)
        if not MIN_WORDS <= len(tokens) <= MAX_WORDS:
            continue
        if span_lowered is not None and span_words is not None and tokens is span_words[index]:
            lowered = span_lowered[index]
        else:
            lowered = " ".join(tokens).lower()
        # The scores of the phrases the sentence holds, summed in phrase order: tested and picked in C.
        weight = sum(compress(scores, map(lowered.__contains__, phrases)))
        position = 1.0 / (1.0 + index / 3.0)
        candidates.append((weight / len(tokens) ** 0.5 + position, index, sentence, lowered))
    if not candidates:  # no full sentence at all (a heading, a caption): the first line, cleaned, says what it is
        first = [_strip_dateline(text[start:end]) for start, end in spans[:1]]
        return [sentence for sentence in first if sentence]
    wanted = 2 if len(spans) < 6 else size
    chosen: list[tuple[int, str, set[str]]] = []
    for _, index, sentence, lowered_words in sorted(candidates, key=lambda item: -item[0]):
        if len(chosen) == wanted:
            break
        word_set = _word_set(sentence, lowered_words)
        if not any(_near_duplicate(word_set, other) for _, _, other in chosen):
            chosen.append((index, sentence, word_set))
    return [sentence for _, sentence, _ in sorted(chosen, key=lambda item: item[0])]


def lowered_spans(span_words: list[list[str]], joined: str, lowered: str) -> list[str] | None:
    """`" ".join(words).lower()` for each span's words, cut from `lowered`, the lowercase of `joined`, all the spans'
    words joined by spaces (None when it cannot be cut so: `lowercase_keeps_places`). One lowercasing of the text then
    serves every sentence."""
    if not lowercase_keeps_places(joined, lowered):
        return None
    pieces, at = [], 0
    for span in span_words:
        length = sum(map(len, span)) + len(span) - 1 if span else 0
        pieces.append(lowered[at : at + length])
        at += length + 1 if span else 0
    return pieces


def full_sentence(sentence: str) -> str | None:
    """The sentence without a leading dateline or dash, or None when what is left is not a full sentence."""
    sentence = _strip_dateline(sentence)
    if not sentence or sentence[-1] not in '.!?…»”"' or not _OPENS_SENTENCE.match(sentence):
        return None
    if sentence.count("«") != sentence.count("»") or sentence.count("“") != sentence.count("”"):
        return None  # a piece of a quotation cut by the sentence splitter
    if sentence.count("(") != sentence.count(")"):
        return None  # or of an aside
    if sentence.count('"') % 2:
        return None
    return sentence


def _strip_dateline(sentence: str) -> str:
    """The sentence without a leading dash or dateline. Each pattern runs only where it can match (most sentences
    open with neither): a dash needs one of its characters first; a dateline a digit first or a ")", and a dash."""
    sentence = _without_leading_dash(sentence.strip())
    if (")" in sentence or sentence[:1].isdigit()) and ("-" in sentence or "—" in sentence or "–" in sentence):
        sentence = _DATELINE.sub("", sentence)
    return _without_leading_dash(sentence.strip()).strip()


def _without_leading_dash(sentence: str) -> str:
    return _LEADING_DASH.sub("", sentence) if sentence[:1] in _DASH_CHARS else sentence


def _word_set(sentence: str, lowered_words: str) -> set[str]:
    """`set(words(sentence.lower()))` from the sentence's words, lowercased and joined by spaces: lowercasing keeps
    every character a word character, joiner or other as it was (tests/unit/analyze/test_fingerprints.py checks all
    of Unicode) unless it changes the length ("İ") or the sentence holds a "Σ" (lowercased by its neighbours)."""
    if lowered_words and len(sentence.lower()) == len(sentence) and "Σ" not in sentence:
        return set(lowered_words.split(" "))
    return set(words(sentence.lower()))


def _near_duplicate(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= NEAR_DUPLICATE
