"""Generic web boilerplate, French and English: known phrases, glued ad markers, stop words.

Shared by the cleaners. The phrase list lives in `data/boilerplate_phrases.txt` (reason, regex) so it
can grow without code changes; it is read once, lazily. Everything here is generic to the web, never
tuned to one site.
"""

from __future__ import annotations

import re
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
    for (reason, pattern), needle in zip(phrase_patterns(), _phrase_needles(), strict=True):
        if words > MAX_PHRASE_LINE_WORDS and reason != "cookie_notice":
            continue
        if needle:
            lowered = stripped.lower() if lowered is None else lowered
            if needle not in lowered:
                continue
        if pattern.search(stripped):
            return reason
    return None


# A pattern that opens with `\b` and plain letters ("\bcookies?\b.*…") can only match a line holding them: a
# substring test on the lowercased line is far cheaper than the search, which tries every position of a long
# paragraph. Letters only where case-insensitive matching and str.lower() agree (not i or s: "ı", "ſ" match
# them), never a letter a quantifier follows, and only for patterns without a top-level "|".
_NEEDLE = re.compile(r"\\b([a-hj-rt-z]{3,})(?![?*+{])")


@lru_cache(maxsize=1)
def _phrase_needles() -> tuple[str, ...]:
    """Per phrase pattern, the lowercase letters every match of it contains, or "" (no shortcut)."""
    out: list[str] = []
    for _, pattern in phrase_patterns():
        m = _NEEDLE.match(pattern.pattern)
        out.append(m.group(1) if m and not _has_top_level_bar(pattern.pattern) else "")
    return tuple(out)


def _has_top_level_bar(source: str) -> bool:
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
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
        i += 1
    return False


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
