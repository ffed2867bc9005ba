"""Plain-text cleaning: the article body out of a page's whole visible text, every removal explained.

No markup to lean on, so each line is scored on its shape (length, sentence punctuation, share of
function words) and known boilerplate phrases, and the body is the densest run of prose lines (a
maximum-sum segment: prose counts for, menus and prompts count against). Inside that run, short
lines between paragraphs (subheadings) stay; known boilerplate, bylines and datelines go. Markers
glued into a paragraph ("Passer la publicitéLe secrétaire…") are cut out and the paragraph kept.
Bylines, agencies, the title and the publication time feed `document` (see `metadata/`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from ..analyze.language import detect_language
from ..models import Document, DocumentKind, Removed
from .boilerplate import phrase_reason, split_markers, stop_ratio
from .cleaned import Cleaned
from .kind import Kind, error_page
from .metadata.agencies import agencies_in_body
from .metadata.dates import ParsedTime, leading_dateline, looks_like_dateline, parse_datetime_text
from .metadata.names import Byline, parse_byline
from .normalize import normalize_text
from .reflow import reflow

_WORD = re.compile(r"\w+")
# Sentence-final characters: a line ends a sentence when its last character is one (lines hold no line feed).
# Beside the Latin ones: the Devanagari danda (Hindi, Nepali, Bengali), CJK full stops and marks, the Arabic
# question mark and Urdu full stop, Armenian, Ethiopic, Burmese and Tibetan full stops, CJK closing quotes.
_TERMINAL_CHARS = frozenset(".!?…:;»”\"')]।॥。！？．؟۔։።။།」』")
# Scripts written without spaces between words: a line's words are not its white-space chunks. Han, kana, Thai,
# Lao, Burmese, Khmer; about two characters a word (`_value`).
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
# Possessive quantifiers: a megabyte of capitals must not backtrack.
_SHOUTING_AD = re.compile(r"(?<!\w)[A-ZÀ-Ý]{2,}+(?:\s+[A-ZÀ-Ý0-9'’]{2,}+){3,}")
# What every `_SHOUTING_AD` match starts with: searched first, as it scans a line several times faster (the
# look-behind is tried at every position of the line, this class test is done in one C loop).
_CAPITALS_PAIR = re.compile(r"[A-ZÀ-Ý]{2}")
_DATELINE_ONLY = re.compile(r"^[\W\d_]*$")
_CAPTION = re.compile(
    r"^(?:photo|image|illustration|crédits?|credits?|source|vidéo|video)\s*:|"
    r"(?:\((?:[^()]*(?:/|getty|afp|reuters|ap photo|shutterstock|images?|photo|archives?|crédit|credit)[^()]*)\)|"
    r"\bcredit\.\.\..*|©\s*[\w .&/-]{2,40})$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"\b(?:getty images|shutterstock|ap photo|afp via|afp photo|reuters/|/reuters|istock(?:photo)?|alamy|"
    r"photo(?:graph)?s? (?:by|de|credit)|image (?:by|credit|courtesy)|courtesy of|crédit photo|epa-efe)\b",
    re.IGNORECASE,
)

# Line values for the densest-run search: prose counts its length, everything else a penalty.
_SHORT_PENALTY = -40.0
_BOILERPLATE_PENALTY = -40.0
_BREAK_PENALTY = -150.0
_HEADER_LOOKBACK = 8  # lines above the body searched for title, byline and date
_LANGUAGE_SAMPLE = 2_000  # characters from the start that decide the header's date language


@dataclass
class _Line:
    raw: str
    text: str
    markers: list[str]
    tokens: list[str]
    reason: str | None
    value: float = 0.0


@dataclass
class _Meta:
    byline: Byline | None = None
    published: ParsedTime | None = None
    modified: ParsedTime | None = None
    title: str | None = None
    agencies: list[str] = field(default_factory=list)


def plain_text(raw: str) -> str:
    """Raw text as `clean_plain` reads it: wrapped paragraphs rejoined, then normalised (in that order: normalising
    strips the lines' indents, and a first-line indent opens a paragraph)."""
    return normalize_text(reflow(raw))


def clean_plain(text: str, *, reference_time: datetime | None) -> Cleaned:
    """Clean plain text as `plain_text` gives it. When no body stands out, keep the text and say so (kind unknown)."""
    lines = [_read_line(raw) for raw in (s.strip() for s in text.split("\n")) if raw]
    _mark_repeats(lines)
    start, end = _densest_run(lines)
    keep = [False] * len(lines)
    reasons: list[str | None] = [None] * len(lines)
    meta = _Meta()
    kind: DocumentKind

    if start < 0:
        # Nothing reads like prose: keep every line not known to be boilerplate.
        for i, line in enumerate(lines):
            keep[i] = bool(line.text) and line.reason is None
            reasons[i] = line.reason or ("advertisement" if not line.text else None)
        kind = _non_article_kind(lines) or "unknown"
    else:
        end, tail_reason = _cut_at_comments(lines, start, end)
        start, end = _mark_body(lines, start, end, keep, reasons)
        _read_header(
            lines, start, reference_time, lambda: detect_language(text[:_LANGUAGE_SAMPLE]).language, meta, reasons
        )
        for i, line in enumerate(lines):
            if reasons[i] or keep[i]:
                continue
            if i < start:
                reasons[i] = line.reason or "navigation"
            elif i > end:
                # Below the body, a heading ("12 Comments", "Related articles") names what follows it.
                tail_reason = line.reason if line.reason in ("comments", "related_links", "author_bio") else tail_reason
                reasons[i] = line.reason or tail_reason or _after_reason(line)
        kind = _non_article_kind(lines, body_lines=sum(keep)) or "article"

    paragraphs = [lines[i].text for i in range(len(lines)) if keep[i]]
    if not paragraphs and any(line.text for line in lines):
        # Never an empty body for a real text: when unsure, keep what is not known boilerplate.
        paragraphs = [line.text for line in lines if line.text and line.reason is None] or [
            line.text for line in lines if line.text
        ]
        keep = [line.text in paragraphs for line in lines]
        kind = kind if kind != "article" else "unknown"

    _collect_agencies(lines, keep, meta)
    if meta.published is None:
        # A text dateline opening the story ("22 mai 2012. - …", "LONDON, Nov 18, 2019 -").
        day = next((d for p in paragraphs[:3] if (d := leading_dateline(p, reference_time)) is not None), None)
        meta.published = ParsedTime(day, "text") if day is not None else None
    return Cleaned(paragraphs=paragraphs, removed=_removed(lines, keep, reasons), document=_document(kind, meta))


def _read_line(raw: str) -> _Line:
    text, markers = split_markers(raw)
    tokens = _words(text)
    reason = phrase_reason(text, len(tokens)) if text else "advertisement"
    if (
        reason is None
        and _may_end_signed(text)
        and _CAPITALS_PAIR.search(text)
        and _SHOUTING_AD.search(text)
        and re.search(r"\b(?:par|by)\s+\S+$", text, re.I)
    ):
        reason = "advertisement"
    line = _Line(raw=raw, text=text, markers=markers, tokens=tokens, reason=reason)
    line.value = _value(line)
    return line


def _words(text: str) -> list[str]:
    """`_WORD.findall(text)`, chunk by chunk between white space as `analyze.tokens.words` finds its words: a chunk
    of letters and digits, or one with a single other character (not "_", a word character here) at either end, is
    one word as it stands; only the rest go through the pattern (about 2k instructions a match)."""
    found: list[str] = []
    append, extend, findall = found.append, found.extend, _WORD.findall
    for chunk in text.split():
        if chunk.isalnum():
            append(chunk)
        elif chunk[:-1].isalnum() and chunk[-1] != "_":
            append(chunk[:-1])
        elif chunk[1:].isalnum() and chunk[0] != "_":
            append(chunk[1:])
        elif len(chunk) > 1 or chunk == "_":
            extend(findall(chunk))
    return found


def _may_end_signed(text: str) -> bool:
    """False when the line cannot end as `\\b(?:par|by)\\s+\\S+$` (case-insensitive) does: its last word does not
    follow "par" or "by". Read from the line's end, where the capitals searches scan the whole line; "p", "a", "r",
    "b" and "y" match no other characters case-insensitively, so lowercasing finds every such ending."""
    head = text.rsplit(None, 1)
    return len(head) == 2 and (head[0][-3:].lower() == "par" or head[0][-2:].lower() == "by")


def _value(line: _Line) -> float:
    """How much a line says "article prose": its length if it reads like sentences, else a penalty."""
    if line.reason:
        # Section ends (a copyright footer, a "Related articles" heading) weigh like a paragraph.
        return (
            _BREAK_PENALTY
            if line.reason in ("footer", "related_links", "comments", "author_bio")
            else _BOILERPLATE_PENALTY
        )
    n = len(line.tokens)
    if not line.text.isascii() and _UNSPACED.search(line.text):
        n += len(_UNSPACED.findall(line.text)) // 2
    sentence_end = _ends_sentence(line.text)
    stops = stop_ratio(line.tokens)
    if sentence_end and n >= 10 and (stops >= 0.1 or not _title_case(line.tokens)):
        return float(len(line.text))
    if sentence_end and n >= 6 and stops >= 0.1:
        return len(line.text) / 2
    if n >= 25 and stops >= 0.2:
        # A long paragraph whose last sentence lost its full stop.
        return len(line.text) / 2
    return _SHORT_PENALTY


def _mark_repeats(lines: list[_Line]) -> None:
    """A line printed twice on a page is a menu entry or a teaser, not a paragraph of the article."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    for line in lines:
        if line.text and counts[line.text] > 1 and len(line.tokens) >= 3:
            line.value = min(line.value, _SHORT_PENALTY)


def _title_case(tokens: list[str]) -> bool:
    words = [t for t in tokens if t[:1].isalpha()]
    return bool(words) and sum(1 for t in words if t[:1].isupper()) / len(words) > 0.6


def _densest_run(lines: list[_Line]) -> tuple[int, int]:
    """Maximum-sum run of line values (ties go to the longer run); (-1, -1) when nothing is prose."""
    best, best_span = 0.0, (-1, -1)
    total, run_start = 0.0, 0
    for i, line in enumerate(lines):
        if total <= 0:
            total, run_start = 0.0, i
        total += line.value
        if total > best or (total == best and best > 0 and i - run_start > best_span[1] - best_span[0]):
            best, best_span = total, (run_start, i)
    if best_span[0] >= 0:
        # A zero-sum prefix is a tie: start at the first positive line so re-cleaning is stable.
        s, e = best_span
        while s < e and lines[s].value <= 0:
            s += 1
        best_span = (s, e)
    return best_span


def _mark_body(
    lines: list[_Line], start: int, end: int, keep: list[bool], reasons: list[str | None]
) -> tuple[int, int]:
    """Keep the run's lines except known boilerplate, captions and teaser boxes; the body then starts
    and ends on a prose line (so cleaning the output again finds the same body)."""
    teaser = False  # inside a "related articles" box that interrupts the body
    for i in range(start, end + 1):
        line = lines[i]
        if not line.text:
            reasons[i] = "advertisement"
            continue
        teaser = (teaser and line.value <= 0) or line.reason == "related_links"
        reasons[i] = line.reason or ("related_links" if teaser else _inner_reason(line))
        keep[i] = reasons[i] is None
    for i in range(start + 1, end + 1):
        # The line just above a photo credit is that photo's caption.
        if reasons[i] == "caption" and _is_credit(lines[i]) and keep[i - 1] and len(lines[i - 1].tokens) <= 60:
            keep[i - 1], reasons[i - 1] = False, "caption"
    prose = [i for i in range(start, end + 1) if keep[i] and lines[i].value > 0]
    if not prose:
        return start, end
    for i in [*range(start, prose[0]), *range(prose[-1] + 1, end + 1)]:
        if keep[i]:
            keep[i] = False
            reasons[i] = None  # named later, with the header or the tail
    return prose[0], prose[-1]


def _cut_at_comments(lines: list[_Line], start: int, end: int) -> tuple[int, str | None]:
    """End the body at a comment-section heading ("[ 167 comments ]", "Leave a reply") once some prose
    has been seen: what follows is readers' text, however well written."""
    prose = 0.0
    for i in range(start, end + 1):
        line = lines[i]
        if line.reason == "comments" and prose >= 200:
            j = i - 1
            while j > start and lines[j].value <= 0:
                j -= 1
            return j, "comments"
        prose += max(0.0, line.value)
    return end, None


def _inner_reason(line: _Line) -> str | None:
    """Why a line inside the body run still goes (captions and photo credits), or None to keep it."""
    n = len(line.tokens)
    if n <= 40 and _CAPTION.search(line.text) and not _TERMINAL_QUOTE.search(line.text):
        return "caption"
    if _is_credit(line):
        return "caption"
    return None


def _is_credit(line: _Line) -> bool:
    """ "Jane Doe | Bloomberg | Getty Images", "Photo: AFP": a short line naming a picture source."""
    return len(line.tokens) <= 12 and bool(_CREDIT.search(line.text)) and not _ends_sentence(line.text.rstrip(")"))


def _ends_sentence(text: str) -> bool:
    """The last character is sentence-final (a `[…]$` search would try every position of the line first)."""
    return (text[-2:-1] if text.endswith("\n") else text[-1:]) in _TERMINAL_CHARS


_TERMINAL_QUOTE = re.compile(r"[»”\"]\s*$")


def _after_reason(line: _Line) -> str:
    n = len(line.tokens)
    if 4 <= n <= 25 and not line.text.endswith("."):
        return "related_links"
    return "footer" if n > 25 else "navigation"


def _read_header(
    lines: list[_Line],
    start: int,
    reference_time: datetime | None,
    language_of: Callable[[], str],
    meta: _Meta,
    reasons: list[str | None],
) -> None:
    """Byline, dateline and title from the lines just above the body (and its first line).

    The language (day or month first in "05/06/2025") is asked for only when a dateline's numeric date is
    ambiguous, and from the text's start only: most texts have none, and the text would otherwise be
    scored by the 97-language model here and again in the analysis.
    """
    language = cache(language_of)
    first = max(0, start - _HEADER_LOOKBACK)
    for i in range(start - 1, first - 1, -1):
        line = lines[i]
        if not line.text or len(line.tokens) > 30:
            continue
        if meta.byline is None and (byline := parse_byline(line.text)):
            meta.byline = byline
            reasons[i] = "byline"
        parsed = parse_datetime_text(line.text, reference_time, language) if _dateline_like(line) else None
        if parsed:
            if parsed.modified and meta.modified is None:
                meta.modified = parsed
            elif not parsed.modified and meta.published is None:
                meta.published = parsed
            reasons[i] = reasons[i] or "dateline"
        elif _looks_like_author_line(line, meta) and reasons[i] is None:
            reasons[i] = "byline"
    meta.title = _find_title(lines, start, reasons)


def _dateline_like(line: _Line) -> bool:
    """A line that is a date ("May 29, 2025", "Publié le 29/05/2025 à 10h05"), not a headline that contains
    one ("Élections du 22 mai 2012 : les résultats définitifs")."""
    return len(line.tokens) <= 16 and looks_like_dateline(line.text, loose=True)


def _looks_like_author_line(line: _Line, meta: _Meta) -> bool:
    return meta.byline is not None and line.text in meta.byline.authors


def _find_title(lines: list[_Line], start: int, reasons: list[str | None]) -> str | None:
    """The headline above the body: a heading that the page title (the first line) contains, as in
    "Headline - Site"; else the first line itself when only a byline or dateline separates it from
    the body (a plain article file). Marks the line(s) as removed for "title"."""
    head = [i for i in range(start) if lines[i].text and reasons[i] is None and lines[i].reason is None]
    if not head:
        return None
    page_title = lines[head[0]].text
    title: str | None = None
    for i in reversed(head[1:]):
        text = lines[i].text
        if _heading_like(lines[i]) and text in page_title and len(text) >= 0.4 * len(page_title):
            title = text
            break
    if title is None and _heading_like(lines[head[0]]) and head == [head[0]] and start - head[0] <= 4:
        title = page_title
    if title is not None:
        for i in head:
            if lines[i].text == title or lines[i].text == page_title:
                reasons[i] = "title"
    return title


def _heading_like(line: _Line) -> bool:
    return 2 <= len(line.tokens) <= 30 and not line.text.endswith(".") and line.value <= 0


def _collect_agencies(lines: list[_Line], keep: list[bool], meta: _Meta) -> None:
    """Agencies from the byline, a wire dateline ("WASHINGTON (Reuters) -") and closing credits."""
    found: list[str] = list(meta.byline.agencies) if meta.byline else []
    found += agencies_in_body([line.text for line, k in zip(lines, keep, strict=True) if k])
    meta.agencies = list(dict.fromkeys(found))


def _document(kind: DocumentKind, meta: _Meta) -> Document:
    """The text's `Document`, validated once: built from all its fields at the end rather than assigned field by field
    (each assignment is validated too)."""
    fields: dict[str, Any] = {"format": "text", "kind": kind}
    sources: dict[str, str] = {}
    if meta.title:
        fields["title"], sources["title"] = meta.title, "text"
    if meta.byline:
        fields["byline"], sources["byline"] = meta.byline.text, "text"
        if meta.byline.authors:
            fields["authors"], sources["authors"] = list(meta.byline.authors), "text"
        if meta.byline.publisher:
            fields["publisher"], sources["publisher"] = meta.byline.publisher, "text"
    if meta.agencies:
        fields["agencies"], sources["agencies"] = meta.agencies, "text"
    if meta.published:
        fields["published_at"] = meta.published.value
        fields["published_at_basis"] = "relative" if meta.published.basis == "relative" else "text"
        sources["published_at"] = meta.published.basis
    if meta.modified:
        fields["modified_at"], sources["modified_at"] = meta.modified.value, meta.modified.basis
    return Document(**fields, field_sources=sources)


def _removed(lines: list[_Line], keep: list[bool], reasons: list[str | None]) -> list[Removed]:
    """One entry per removed run of lines with the same reason, plus one per glued marker."""
    out: list[Removed] = []
    prev_reason: str | None = None
    for i, line in enumerate(lines):
        out.extend(Removed(text=m, reason="advertisement") for m in line.markers)
        if keep[i]:
            prev_reason = None
            continue
        if not line.text:
            continue
        reason = reasons[i] or "navigation"
        if reason == prev_reason and not line.markers:
            out[-1] = Removed(text=out[-1].text + "\n" + line.text, reason=reason)
        else:
            out.append(Removed(text=line.text, reason=reason))
        prev_reason = reason
    return out


def _non_article_kind(lines: list[_Line], body_lines: int | None = None) -> Kind | None:
    """Cheap recognition of pages that are not articles: consent walls, paywalls, error pages."""
    text_lines = [line for line in lines if line.text]
    words = sum(len(line.tokens) for line in text_lines)
    prose = sum(len(line.tokens) for line in text_lines if line.value > 0)
    reasons = [line.reason for line in text_lines]
    if words and prose < 120:
        if reasons.count("cookie_notice") and prose < 60:
            return "consent_wall"
        if reasons.count("paywall"):
            return "paywall"
        if any(error_page().search(line.text) for line in text_lines[:20]):
            return "error"
    if body_lines is None and len(text_lines) >= 15:
        return "listing"
    return None
