"""Generic web boilerplate, French and English: known phrases, glued ad markers, stop words.

Shared by the cleaners. The phrase list lives in `data/boilerplate_phrases.txt` (reason, regex) so it
can grow without code changes; it is read once, lazily. Everything here is generic to the web, never
tuned to one site.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product
from pathlib import Path
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

from . import boilerplate_needles

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
# The words every marker ends with (see `_MARKER`'s alternatives), for `_may_end_with_marker`.
_MARKER_END = re.compile(r"(?:publicit[ée]|ad|advertisement|story|below|after|this|annonce)$", re.IGNORECASE)
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
def _stop_words_any_case() -> frozenset[str]:
    """Every string whose `lower()` is a stop word: each stop word with each letter in either case (~1,900).

    Complete because `str.lower` maps each character on its own, and the only characters that lowercase to a
    stop word's letter are that letter and its `upper()`, "İ" aside (it lowercases to two characters, the second
    a combining dot that no stop word holds); a final sigma is no stop word's letter either. The unit tests check
    this against every code point. A token is then looked up as it stands, without lowercasing it first."""
    return frozenset(
        "".join(letters) for word in STOP_WORDS for letters in product(*({char, char.upper()} for char in word))
    )


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
    line's count of `\\w+` words when the caller has it already.

    The reason of the first pattern, in file order, that the line matches. The patterns anchored at the line's start
    are tried in one match of their alternation (`_PhrasePlan`): one call instead of one per pattern; the others
    are searched in turn, each behind its needles, up to the first anchored one that matched."""
    if words is None:
        words = len(_WORD.findall(line))
    if words > _COOKIE_MAX_WORDS:
        return None
    stripped = line.strip(" \t|:>›»-–—•·")
    plan = _phrase_plan()
    if words > MAX_PHRASE_LINE_WORDS:
        return _first_reason(plan.long_lines, stripped, 1 << 30)
    first = plan.anchored.match(stripped)
    if first is None:
        return _first_reason(plan.searched, stripped, 1 << 30)
    index = plan.anchored_index[first.lastgroup or ""]
    return _first_reason(plan.searched, stripped, index) or plan.reasons[index]


def _first_reason(entries: tuple[_Searched, ...], stripped: str, before: int) -> str | None:
    """The reason of the first of `entries` placed before `before` in the file that `stripped` matches, or None."""
    lowered: str | None = None
    for index, reason, pattern, needles in entries:
        if index > before:
            return None
        if needles:
            lowered = stripped.lower() if lowered is None else lowered
            if not any(needle in lowered for needle in needles):
                continue
        if pattern.search(stripped):
            return reason
    return None


# (index in the file, reason, pattern, needles) of a phrase pattern searched on its own.
_Searched = tuple[int, str, re.Pattern[str], tuple[str, ...]]


class _PhrasePlan:
    """The phrase patterns as `phrase_reason` tries them. (A plain class: a NamedTuple's code is generated and
    compiled when the module is imported, at every cold start.)"""

    __slots__ = ("anchored", "anchored_index", "long_lines", "reasons", "searched")

    def __init__(
        self,
        reasons: tuple[str, ...],
        anchored: re.Pattern[str],
        anchored_index: dict[str, int],
        searched: tuple[_Searched, ...],
        long_lines: tuple[_Searched, ...],
    ) -> None:
        self.reasons = reasons  # by index in the file
        self.anchored = anchored  # every anchored pattern, one named group each (`_p<index>`), in file order
        self.anchored_index = anchored_index  # group name -> index in the file
        self.searched = searched  # the other patterns, in file order
        self.long_lines = long_lines  # the patterns a line of more than MAX_PHRASE_LINE_WORDS words is checked for


@lru_cache(maxsize=1)
def _phrase_plan() -> _PhrasePlan:
    patterns = phrase_patterns()
    entries = [
        (i, reason, pattern, needles)
        for i, ((reason, pattern), needles) in enumerate(zip(patterns, _phrase_needles(), strict=True))
    ]
    anchored = [entry for entry in entries if _anchored(entry[2].pattern)]
    names = {f"_p{index}": index for index, *_ in anchored}
    alternation = "|".join(f"(?P<_p{index}>{pattern.pattern})" for index, _, pattern, _ in anchored)
    return _PhrasePlan(
        reasons=tuple(reason for reason, _ in patterns),
        anchored=re.compile(alternation or "(?!)", re.IGNORECASE),
        anchored_index=names,
        searched=tuple(entry for entry in entries if entry not in anchored),
        long_lines=tuple(entry for entry in entries if entry[1] == "cookie_notice"),
    )


def _anchored(source: str) -> bool:
    """Whether every alternative of the pattern `source` starts with "^": it does, and it holds no "|" outside
    parentheses (escapes and character classes skipped). Then the pattern matches only at the start of a line, and
    a match of the alternation of such patterns at the start is the first of them, in order, that matches."""
    if not source.startswith("^"):
        return False
    depth, i, n = 0, 0, len(source)
    while i < n:
        char = source[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i += 2 if source.startswith("[^", i) else 1
            i += source[i : i + 1] == "]"  # a "]" first in a class is a literal
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        i += 1
    return True


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
# the lowercased line is far cheaper and rules most lines out. The needles are read from the pattern as `re` itself
# parses it (`re._parser`: literals, branches, repeats, groups). They keep only characters where case-insensitive
# matching and str.lower() agree: ASCII letters but i and s ("ı", "İ" and "ſ" match them), digits and a few marks
# without case; anything else, a repeat (an optional letter may be absent) included, ends the run. Parentheses are
# such marks: "(c)" rather than "c" is the needle of the footer's "\\(c\\) ?\\d{4}" (a "c" lets nearly every short line
# through to a search of the whole line, about 700 instructions a character).
_PLAIN = frozenset(ord(char) for char in "abcdefghjklmnopqrtuvwxyzABCDEFGHJKLMNOPQRTUVWXYZ0123456789 -,'’©:/&()")
_GOOD_NEEDLE = 3
_AT, _AT_BEGINNING, _BRANCH, _LITERAL, _SUBPATTERN = (
    _constants.AT,
    _constants.AT_BEGINNING,
    _constants.BRANCH,
    _constants.LITERAL,
    _constants.SUBPATTERN,
)


def needles(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Substrings one of which the lowercased text of every match of `pattern` holds, or () when the pattern
    gives none (then it is always searched)."""
    if not pattern.flags & re.IGNORECASE:
        return ()
    stored = boilerplate_needles.stored().get((pattern.pattern, pattern.flags))  # the layer build's, if any
    if stored is not None:
        return stored
    alternatives = _branches(list(_parser.parse(pattern.pattern, pattern.flags)))
    if all(alternative[:1] == [(_AT, _AT_BEGINNING)] for alternative in alternatives):
        return ()  # anchored at the start: the engine tries one position only, cheaper than any needle test
    return tuple(_needles_of_all(alternatives) or ())


def _branches(items: list[Any]) -> list[list[Any]]:
    """The alternatives of a parsed sequence: those of a lone branch, else the sequence itself."""
    if len(items) == 1 and items[0][0] is _BRANCH:
        return [list(branch) for branch in items[0][1][1]]
    return [items]


def _needles_of_all(alternatives: list[list[Any]]) -> list[str] | None:
    out: list[str] = []
    for alternative in alternatives:
        found = _sequence_needles(alternative)
        if not found:
            return None
        out += found
    return out


def _sequence_needles(items: list[Any]) -> list[str] | None:
    """One needle: the longest plain run every match of this sequence holds; failing that, the needles of its
    first branch or group that has some (one per alternative inside)."""
    runs, run = [], ""
    for op, value in items:
        if op is _LITERAL and value in _PLAIN:
            run += chr(value).lower()
        else:
            runs.append(run)
            run = ""
    runs.append(run)
    best = max(runs, key=len)
    if len(best) >= _GOOD_NEEDLE:
        return [best]
    for op, value in items:  # every match goes through each branch and group of the sequence
        if op is _BRANCH:
            found = _needles_of_all([list(branch) for branch in value[1]])
        elif op is _SUBPATTERN:
            found = _sequence_needles(list(value[3]))
        else:
            continue
        if found:
            return found
    return [best] if best else None


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
    """False when `_TRAILING_MARKERS` cannot match: the line's last letter, then its last words, end no marker.
    Both tests read the end of the line; the marker search tries every position of it (~2k instructions each)."""
    last = line[-2:-1] if line.endswith("\n") else line[-1:]  # `$` also matches before a final line feed
    if last.isascii() and last not in _MARKER_LAST_LETTERS:
        return False
    # A match's last marker ends with one of these words; each pattern character matches one character, so the
    # word lies in the last 13 characters (14 with a final line feed).
    return _MARKER_END.search(line[-14:]) is not None


def _split_marker_run(run: str) -> list[str]:
    return [m.group(0).strip() for m in re.finditer(_MARKER, run, re.IGNORECASE)]


def stop_ratio(tokens: list[str]) -> float:
    """Share of tokens that are French or English function words: high in prose, near zero in menus."""
    if not tokens:
        return 0.0
    # Counted in C, each token looked up as it stands: this runs on every line of every article.
    return sum(map(_stop_words_any_case().__contains__, tokens)) / len(tokens)
