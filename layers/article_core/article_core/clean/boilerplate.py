"""Generic web boilerplate, French and English: known phrases, glued ad markers, stop words.

Shared by the cleaners. The phrase list lives in `data/boilerplate_phrases.txt` (reason, regex) so it
can grow without code changes; it is read once, lazily. Everything here is generic to the web, never
tuned to one site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

# A phrase only marks a line as boilerplate when the line is short: a long paragraph that mentions
# "cookies" or "newsletter" is article text.
MAX_PHRASE_LINE_WORDS = 30
_COOKIE_MAX_WORDS = 90

_WORD = re.compile(r"\w+")

# Ad markers that page-to-text conversion glues to the neighbouring paragraph
# ("Passer la publicité Passer la publicitéLe secrétaire…"). They never begin real sentences.
_MARKER = (
    r"passer la publicit[ée]|skip (?:the )?ad(?:vertisement)?|continue reading (?:the main story|below)"
    r"|story continues below(?: advertisement)?|article continues (?:below|after)(?: this)?(?: advertisement| ad)?"
    r"|la suite apr[eè]s (?:cette |la )?publicit[ée]|advertisement|publicit[ée]|annonce"
)
_LEADING_MARKERS = re.compile(rf"^(?:(?:{_MARKER})\s*)+", re.IGNORECASE)
_TRAILING_MARKERS = re.compile(rf"(?:\s*(?:{_MARKER}))+$", re.IGNORECASE)
# Every marker ends in one of these letters (or "é"): an ASCII line that ends otherwise ("…said.") has no trailing
# marker, and the search, which tries every position of the line, is skipped.
_MARKER_LAST_LETTERS = frozenset("edtywrsEDTYWRS")
# Words that can also open or close a real sentence: removed only when glued or repeated.
_AMBIGUOUS = re.compile(r"^(?:advertisement|publicit[ée]|annonce)$", re.IGNORECASE)

_STOP_WORDS_TEXT = (
    "a about after all also an and any are as at be because been but by can could did do does for from "
    "had has have he her his how i if in into is it its just more most my no not of on one or other our "
    "out over said she so some than that the their them then there these they this those to up was we "
    "were what when which who will with would you your à au aux avec ce ces cette dans de des du elle en "
    "est et être il ils je la le les leur lui mais même ne nous on ou par pas plus pour qu que qui sa se "
    "ses son sont sur un une vous y été était ont a-t-il selon après avant entre aussi comme tout tous "
    "très déjà d l s n c j m qu’ d’ l’ s’ n’ "
)
STOP_WORDS: frozenset[str] = frozenset(_STOP_WORDS_TEXT.split())


@lru_cache(maxsize=1)
def phrase_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(reason, compiled pattern) pairs from the data file, in file order."""
    text = (Path(__file__).parent.parent / "data" / "boilerplate_phrases.txt").read_text("utf-8")
    out: list[tuple[str, re.Pattern[str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        reason, _, pattern = line.partition("\t")
        out.append((reason.strip(), re.compile(pattern.strip(), re.IGNORECASE)))
    return tuple(out)


def phrase_reason(line: str, words: int | None = None) -> str | None:
    """Why a short line is known boilerplate ("navigation", "cookie_notice", ...), or None. `words` is the
    line's count of `\\w+` words when the caller has it already."""
    if words is None:
        words = len(_WORD.findall(line))
    if words > _COOKIE_MAX_WORDS:
        return None
    stripped = line.strip(" \t|:>›»-–—•·")
    lowered: str | None = None
    for (reason, pattern), needles in zip(phrase_patterns(), _phrase_needles(), strict=True):
        if words > MAX_PHRASE_LINE_WORDS and reason != "cookie_notice":
            continue
        if needles:
            lowered = stripped.lower() if lowered is None else lowered
            if not any(needle in lowered for needle in needles):
                continue
        if pattern.search(stripped):
            return reason
    return None


@lru_cache(maxsize=1)
def _phrase_needles() -> tuple[tuple[str, ...], ...]:
    """Per phrase pattern, its needles (see `needles`), or () (no shortcut)."""
    return tuple(needles(pattern) for _, pattern in phrase_patterns())


class GatedPattern:
    """A case-insensitive pattern searched only in a line that holds one of its needles (see `needles`)."""

    __slots__ = ("needles", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.needles = needles(pattern)

    def search(self, line: str, lowered: str) -> bool:
        """Whether the pattern matches `line`; `lowered` is `line.lower()`."""
        if self.needles and not any(needle in lowered for needle in self.needles):
            return False
        return self.pattern.search(line) is not None


# A pattern searched unanchored ("\\b(?:share this|follow us on …)") tries every position of the line, and
# case-insensitive matching keeps the regex engine from skipping ahead to a first letter. Every match of such a
# pattern holds, for one of its alternatives, that alternative's plain letters ("needles"): a substring test of
# the lowercased line is far cheaper and rules most lines out. Needles keep only characters where case-insensitive
# matching and str.lower() agree: ASCII letters but i and s ("ı", "İ" and "ſ" match them), digits and a few marks
# without case; a character a quantifier follows may be absent from a match, so it ends the run.
_PLAIN_MARKS = frozenset(" -,'’©:/&")
_QUANTIFIERS = frozenset("?*+{")
_NOT_IN_NEEDLES = re.compile("[is]")


def needles(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Substrings one of which the lowercased text of every match of `pattern` holds, or () when the pattern's
    source has a form this reading does not follow (then the pattern is always searched)."""
    alternatives = _alternatives(pattern.pattern)
    if not pattern.flags & re.IGNORECASE or all(a.startswith("^") for a in alternatives):
        return ()  # anchored at the start: the engine tries one position only, cheaper than any needle test
    return tuple(_source_needles(pattern.pattern) or ())


def _source_needles(source: str) -> list[str] | None:
    out: list[str] = []
    for alternative in _alternatives(source):
        found = _alternative_needles(alternative)
        if not found:
            return None
        out += found
    return out


def _alternative_needles(source: str) -> list[str] | None:
    """One needle: the longest plain run every match of this alternative holds; failing that, the needles of
    the group it opens with (one per alternative inside)."""
    runs, run, i = [], "", 0
    while i < len(source):
        char, following = source[i], source[i + 1 : i + 2]
        if char == "(" or char == "[":
            end = _group_end(source[i:]) if char == "(" else _class_end(source, i)
            if end is None:
                return None
            i += end + 1
        elif char == "\\":
            i += 2
        elif char == "{":  # a counted repeat: its digits are not text
            repeat_end = source.find("}", i)
            i = len(source) if repeat_end < 0 else repeat_end + 1
        elif ((char.isascii() and char.isalnum()) or char in _PLAIN_MARKS) and following not in _QUANTIFIERS:
            run += char.lower()
            i += 1
            continue
        else:
            i += 1  # ".", "^", "$", a quantifier, a letter a quantifier follows
        runs.append(run)
        run = ""
    runs.append(run)
    best = max((part for run in runs for part in _NOT_IN_NEEDLES.split(run)), key=len)
    if len(best) >= _GOOD_NEEDLE:
        return [best]
    opening = source.removeprefix("^").removeprefix("\\b")
    if (opening.startswith("(") and not opening.startswith("(?")) or opening.startswith("(?:"):
        group_end = _group_end(opening)
        if group_end is not None and opening[group_end + 1 : group_end + 2] not in _QUANTIFIERS:
            inner = opening[1:group_end].removeprefix("?:")
            found = _source_needles(inner)
            if found:
                return found
    return [best] if best else None


_GOOD_NEEDLE = 3


def _class_end(source: str, start: int) -> int | None:
    """Offset, from `start`, of the "]" closing the character class `source` opens at `start`."""
    i = start + 1
    i += source[i : i + 1] == "^"
    i += source[i : i + 1] == "]"  # "[]…]" and "[^]…]" hold a "]"
    while i < len(source):
        if source[i] == "\\":
            i += 1
        elif source[i] == "]":
            return i - start
        i += 1
    return None


def _top_level(source: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each character of a pattern's source outside escapes and
    character classes."""
    depth, i, in_class = 0, 0, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += source[i + 1 : i + 2] == "^"
            i += source[i + 1 : i + 2] == "]"  # "[]…]" and "[^]…]" hold a "]"
        else:
            if char in "()":
                depth += 1 if char == "(" else -1
            yield i, char, depth
        i += 1


def _alternatives(source: str) -> list[str]:
    """The source split at its top-level "|"."""
    parts: list[str] = []
    start = 0
    for i, char, depth in _top_level(source):
        if char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    parts.append(source[start:])
    return parts


def _group_end(source: str) -> int | None:
    """Index of the ")" closing the group `source` opens with."""
    return next((i for i, char, depth in _top_level(source) if char in "()" and depth == 0), None)


def split_markers(line: str) -> tuple[str, list[str]]:
    """Strip ad markers glued at the start or end of a line: (remaining text, markers removed).

    A lone ambiguous word ("Publicité", "Advertisement") is only stripped when glued to the next word
    without a space, repeated, or standing alone; "Publicité ciblée : le gouvernement…" stays.
    """
    markers: list[str] = []
    m = _LEADING_MARKERS.match(line)
    if m:
        head = m.group(0)
        rest = line[m.end() :]
        pieces = _split_marker_run(head)
        glued = bool(rest) and not head[-1:].isspace()
        if not rest or glued or len(pieces) > 1 or not _AMBIGUOUS.match(pieces[0]):
            markers.extend(pieces)
            line = rest
    m = _TRAILING_MARKERS.search(line) if _may_end_with_marker(line) else None
    if m and m.start() > 0:
        tail = m.group(0)
        pieces = _split_marker_run(tail)
        glued = not tail[:1].isspace()
        before = line[: m.start()].rstrip()
        # A trailing marker only goes after a finished sentence, so "…of the advertisement" stays.
        if before.endswith((".", "!", "?", "»", "”", '"')) and (
            glued or len(pieces) > 1 or not _AMBIGUOUS.match(pieces[0])
        ):
            markers.extend(pieces)
            line = before
    return line, markers


def _may_end_with_marker(line: str) -> bool:
    last = line[-2:-1] if line.endswith("\n") else line[-1:]  # `$` also matches before a final line feed
    return not last.isascii() or last in _MARKER_LAST_LETTERS


def _split_marker_run(run: str) -> list[str]:
    return [m.group(0).strip() for m in re.finditer(_MARKER, run, re.IGNORECASE)]


def stop_ratio(tokens: list[str]) -> float:
    """Share of tokens that are French or English function words: high in prose, near zero in menus."""
    if not tokens:
        return 0.0
    # Counted in C (map over the lowercased tokens): this runs on every line of every article.
    return sum(map(STOP_WORDS.__contains__, map(str.lower, tokens))) / len(tokens)
