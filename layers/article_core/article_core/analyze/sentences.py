"""Sentence splitting with offsets, for statistics, the summary and quote attribution.

A sentence ends at . ! ? or … followed by a space and something that can start a sentence,
except after an abbreviation or an initial ("M. Macron", "Dr. Smith", "U.S. Senate") and
inside an open quotation (« … . … » stays one sentence). Line breaks always end a sentence.
"""

from __future__ import annotations

import re

# Titles and common abbreviations (French and English) after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    m mm mme mmes mlle mlles me mgr dr drs pr prof st ste sts mr mrs ms messrs jr sr gen gén col lt capt
    cmdr sgt gov sen rep pres rev hon fr etc cf vs av apr env ex art al no nos vol p pp ch chap fig éd
    ed dept univ inc ltd co corp bros jan feb mar apr jun jul aug sep sept oct nov dec janv févr juil
    déc tél tel
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Abbreviations also written in lowercase mid-sentence ("cf.", "p. 12"); the others need a capital,
# so that "he said no. Then" still ends a sentence.
_LOWERCASE_ABBREVIATIONS = frozenset({"cf", "vs", "av", "env", "ex", "p", "pp", "al", "vol", "art", "ch", "fig"})
_OPENERS = "«“‘„"
_CLOSERS = "»”’"
_QUOTE_SPAN_LIMIT = 1_000  # an unclosed « no longer protects sentence ends beyond this many characters
_MARK = re.compile(r"[«“‘„»”.!?…]")  # the characters _sentence_ends acts on
_END = re.compile(r"[.!?…]+(?:[\"'»”’)\]]|\s»)*")
_STARTER = re.compile(r"\s+(?=[\"'«“‘„(\[—–-]?\s*[^\W_a-z])", re.UNICODE)
_PRECEDING_WORD = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.?$")
# The same, read backwards from the window's end: one match at the start of the reversed window instead of a
# search that tries every offset of the window (`_preceding_word`; tests/unit/analyze/test_sentence_split.py compares).
_PRECEDING_WORD_REVERSED = re.compile(r"\.?((?:[^\W\d_]+\.)*[^\W\d_]+)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in `text`, whitespace trimmed, in order.

    The analysis splits the same text object more than once (statistics, keyphrases, summary): the last
    answer is kept for that object, and a copy handed out so that no caller can change another's."""
    if text is not _last.text:
        _last.text, _last.spans = text, _split(text)
    return list(_last.spans)


class _Last:
    """The last text split and its spans (compared by identity, so a hit costs nothing)."""

    text: str | None = None
    spans: list[tuple[int, int]] = []  # noqa: RUF012 - replaced, never mutated


_last = _Last()


def _split(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for line_start, line_end in _lines(text):
        start = line_start
        for end in _sentence_ends(text, line_start, line_end):
            _add(spans, text, start, end)
            start = end
        _add(spans, text, start, line_end)
    return spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def _lines(text: str) -> list[tuple[int, int]]:
    lines, start = [], 0
    for match in re.finditer(r"\n", text):
        lines.append((start, match.start()))
        start = match.end()
    lines.append((start, len(text)))
    return lines


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets just after each sentence-final punctuation run (with its closing quotes) in text[start:end].

    Jumps from one quote or punctuation mark to the next; the characters between them change nothing
    but the age of an open quotation, which is checked once on arrival.
    """
    ends: list[int] = []
    depth, opened_at = 0, start
    position = checked = start  # every position before `checked` has had the quotation-age check
    while (mark := _MARK.search(text, position, end)) is not None:
        position = mark.start()
        if depth and position - 1 >= checked and position - 1 - opened_at > _QUOTE_SPAN_LIMIT:
            depth = 0  # the quotation grew too old somewhere in the skipped stretch
        ch = text[position]
        if ch in _OPENERS:
            if depth == 0:
                opened_at = position
            depth += 1
        elif ch in "»”" and depth:
            depth -= 1
        if depth and position - opened_at > _QUOTE_SPAN_LIMIT:
            depth = 0
        if ch in ".!?…":
            match = _END.match(text, position, end)
            assert match is not None  # noqa: S101 - the character class above guarantees a match
            stop = match.end()
            closes = text[position:stop].count("»") + text[position:stop].count("”")
            depth = max(0, depth - closes)
            if depth == 0 and _STARTER.match(text, stop, end) and not _is_abbreviation(text, start, position):
                ends.append(stop)
            position = checked = stop
            continue
        position = checked = position + 1
    return ends


def _is_abbreviation(text: str, line_start: int, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial rather than a sentence."""
    if text[dot] != ".":
        return False
    word = _preceding_word(text[max(line_start, dot - 30) : dot])
    if word is None:
        return False
    if "." in word:  # U.S., J.-C., e.g.: dotted abbreviations
        return True
    if len(word) == 1 and word.isupper():  # an initial: "J. K. Rowling"
        return True
    lowered = word.lower()
    return lowered in _ABBREVIATIONS and (word[0].isupper() or lowered in _LOWERCASE_ABBREVIATIONS)


def _preceding_word(window: str) -> str | None:
    """`_PRECEDING_WORD.search(window).group(1)`: the longest end of the window that is letter runs joined by dots
    (a final dot dropped). Greedy on the reversed window, the first match is the longest: each repeat takes a whole
    run and its dot, and backs off one run only when no run follows."""
    match = _PRECEDING_WORD_REVERSED.match(window[::-1])
    return match.group(1)[::-1] if match else None


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
