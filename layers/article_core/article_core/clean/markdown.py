"""Markdown articles: paragraphs without markup, metadata from front matter and the first heading.

A small line-based reader rather than a full CommonMark parser: an article needs its text, not
its rendering, and every pattern here is bounded so hostile input stays linear. Markup is
dropped (heading markers, emphasis, link targets); content that is not article text (images,
HTML comments, front matter, link definitions, the title heading) is removed and listed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from ..models import Document, Removed
from .cleaned import Cleaned
from .metadata.agencies import find_agencies
from .metadata.dates import metadata_time, parse_datetime_text
from .metadata.names import authors_from_field, parse_byline
from .metadata.site import usable_publisher
from .normalize import normalize_text

_FRONT_MATTER_LINES = 200
_ATX_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]+")
_QUOTE = re.compile(r"^(?:>[ \t]?)+")
_LINK_DEFINITION = re.compile(r"^\[[^\[\]\n]{1,200}\]:[ \t]*\S")
_FENCE = re.compile(r"^(`{3,}|~{3,})")

_IMAGE = re.compile(r"!\[([^\[\]\n]{0,300})\](?:\(([^()\n]{0,800})\)|\[[^\[\]\n]{0,100}\])")
_LINK = re.compile(r"\[([^\[\]\n]{1,300})\](?:\([^()\n]{0,800}\)|\[[^\[\]\n]{0,100}\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]{1,800})>")
_INLINE_CODE = re.compile(r"`([^`\n]{1,500})`")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>\n]{0,300})?/?>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Emphasis markers open before a non-space and close after one; inside words (snake_case,
# 2*3) and alone between spaces (5 * 3) they are text and stay.
_EMPHASIS_OPEN = re.compile(r"(?<![\w\\*_~])(?:\*{1,3}|_{1,3}|~~)(?=[^\s*_~])")
_EMPHASIS_CLOSE = re.compile(r"(?<=[^\s*_~\\])(?:\*{1,3}|_{1,3}|~~)(?![\w*_~])")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass
class _Reader:
    removed: list[Removed] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    buffer: list[str] = field(default_factory=list)

    def flush(self) -> None:
        text = " ".join(" ".join(self.buffer).split())
        if text:
            self.paragraphs.append(text)
        self.buffer = []


def clean_markdown(text: str, *, reference_time: datetime | None = None) -> Cleaned:
    """Paragraphs (headings kept as paragraphs, the title heading removed) and metadata."""
    reader = _Reader()
    text = _drop_comments(normalize_text(text), reader.removed)
    lines = text.split("\n")
    meta, start = _front_matter(lines, reader.removed)
    _read_blocks(lines[start:], reader)
    document = Document(format="markdown")
    _apply_front_matter(meta, document, reference_time)
    if reader.title and not document.title:
        document.title = reader.title
        document.field_sources["title"] = "markdown"
    paragraphs = _header_metadata(reader.paragraphs, document, reader.removed, reference_time)
    return Cleaned(paragraphs=paragraphs, removed=reader.removed, document=document)


# --- blocks ----------------------------------------------------------------------------------


def _read_blocks(lines: list[str], reader: _Reader) -> None:
    text_lines = sum(1 for line in lines if line)
    # A file with (almost) no blank lines writes one paragraph per line, whatever its markup.
    line_per_paragraph = text_lines > 3 and (len(lines) - text_lines) < 0.1 * text_lines
    fence: str | None = None
    for line in lines:
        if fence is not None:
            if line.startswith(fence):
                fence = None
            elif line:
                reader.paragraphs.append(line)  # code is kept verbatim, one line per paragraph
            continue
        if m := _FENCE.match(line):
            reader.flush()
            fence = m.group(1)[0] * 3
            continue
        if not line:
            reader.flush()
            continue
        _read_line(line, reader, line_per_paragraph)
    reader.flush()


def _read_line(line: str, reader: _Reader, line_per_paragraph: bool) -> None:
    if _is_rule(line, "=") and reader.buffer:  # setext heading, level 1
        heading = " ".join(reader.buffer)
        reader.buffer = []
        _heading(heading, 1, reader)
        return
    if _is_rule(line, "-") and reader.buffer and len(reader.buffer) == 1:  # setext heading, level 2
        heading = reader.buffer.pop()
        _heading(heading, 2, reader)
        return
    if _is_rule(line, "-") or _is_rule(line, "*") or _is_rule(line, "_") or _is_table_rule(line):
        reader.flush()
        return
    if _LINK_DEFINITION.match(line):
        reader.flush()
        reader.removed.append(Removed(text=line[:500], reason="link_definition"))
        return
    line = _QUOTE.sub("", line)
    if m := _ATX_HEADING.match(line):
        reader.flush()
        _heading(m.group(2), len(m.group(1)), reader)
        return
    if m := _LIST_ITEM.match(line):
        reader.flush()
        line = line[m.end() :]
    if line.startswith("|"):
        reader.flush()
        line = " | ".join(cell.strip() for cell in line.strip("|").split("|"))
    text = _inline(line, reader.removed)
    if text:
        reader.buffer.append(text)
    if line_per_paragraph:
        reader.flush()


def _heading(raw: str, level: int, reader: _Reader) -> None:
    text = " ".join(_inline(raw, reader.removed).split())
    if not text:
        return
    if level == 1 and reader.title is None and not reader.paragraphs:
        reader.title = text  # the document's title: metadata, not body
        reader.removed.append(Removed(text=text, reason="title"))
        return
    reader.paragraphs.append(text)


def _is_rule(line: str, char: str) -> bool:
    compact = line.replace(" ", "").replace("\t", "")
    return len(compact) >= 3 and compact == char * len(compact)


def _is_table_rule(line: str) -> bool:
    return "|" in line and "-" in line and not line.strip("|:- \t")


# --- inline markup ---------------------------------------------------------------------------


def _inline(text: str, removed: list[Removed]) -> str:
    def image(match: re.Match[str]) -> str:
        label = (match.group(1) or match.group(2) or "").strip()
        removed.append(Removed(text=label or "image", reason="image"))
        return ""

    text = _IMAGE.sub(image, text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _INLINE_CODE.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS_OPEN.sub("", text)
    text = _EMPHASIS_CLOSE.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return " ".join(text.split())


def _drop_comments(text: str, removed: list[Removed]) -> str:
    """HTML comments, possibly over several lines; an unclosed one is left as text."""
    if "<!--" not in text:
        return text
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        parts.append(text[position:start])
        comment = " ".join(text[start + 4 : end].split())
        if comment:
            removed.append(Removed(text=comment[:500], reason="comment"))
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


# --- metadata --------------------------------------------------------------------------------


def _front_matter(lines: list[str], removed: list[Removed]) -> tuple[dict[str, str | list[str]], int]:
    """YAML-ish (---) or TOML-ish (+++) block at the top: simple `key: value` lines and lists."""
    if not lines or lines[0] not in ("---", "+++"):
        return {}, 0
    fence = lines[0]
    ends = {"---", "..."} if fence == "---" else {"+++"}
    end = next((i for i in range(1, min(len(lines), _FRONT_MATTER_LINES)) if lines[i] in ends), None)
    if end is None:
        return {}, 0
    meta: dict[str, str | list[str]] = {}
    key = ""
    for line in lines[1:end]:
        if line.startswith("- ") and key:  # a YAML list under the last key
            previous = meta.get(key)
            items = previous if isinstance(previous, list) else []
            meta[key] = [*items, _unquote(line[2:])]
            continue
        m = re.match(r"^([A-Za-z_][\w-]{0,40})\s*[:=]\s*(.*)$", line)
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            meta[key] = [_unquote(v) for v in value[1:-1].split(",") if v.strip()]
        elif value:
            meta[key] = _unquote(value)
    block = " ".join(" ".join(lines[: end + 1]).split())
    removed.append(Removed(text=block[:500], reason="front_matter"))
    return meta, end + 1


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value.strip()


def _apply_front_matter(meta: dict[str, str | list[str]], document: Document, reference_time: datetime | None) -> None:
    sources = document.field_sources
    source = "front_matter"
    title = meta.get("title")
    if isinstance(title, str) and title:
        document.title = title
        sources["title"] = source
    authors_value = meta.get("authors", meta.get("author"))
    names = [authors_value] if isinstance(authors_value, str) else list(authors_value or [])
    people = [person for name in names for person in authors_from_field(name).authors]
    if people:
        document.authors = list(dict.fromkeys(people))
        sources["authors"] = source
    if names:
        document.byline = ", ".join(names)
        sources["byline"] = source
        agencies = [agency for name in names for agency in find_agencies(name)]
        if agencies:
            document.agencies = list(dict.fromkeys(agencies))
            sources["agencies"] = source
    for key in ("publisher", "site", "source"):
        value = meta.get(key)
        publisher = usable_publisher(value) if isinstance(value, str) else None  # no handle or platform
        if publisher:
            document.publisher = publisher
            sources["publisher"] = source
            break
    for keys, attr in (
        (("date", "published", "datepublished", "pubdate"), "published_at"),
        (
            ("updated", "modified", "lastmod", "datemodified"),
            "modified_at",
        ),
    ):
        for key in keys:
            moment = metadata_time(meta.get(key), reference_time)
            if moment is not None:
                setattr(document, attr, moment)
                sources[attr] = source
                break
    if document.published_at:
        document.published_at_basis = "metadata"


def _header_metadata(
    paragraphs: list[str], document: Document, removed: list[Removed], reference_time: datetime | None
) -> list[str]:
    """A byline ("By Jane Doe") or a date line among the first paragraphs, as in print.

    Such a line is removed even when the front matter already gave the field; it only fills
    fields still empty. A date line is short and is not a sentence (no final full stop).
    """
    kept: list[str] = []
    sources = document.field_sources
    for i, paragraph in enumerate(paragraphs):
        if i < 3 and len(paragraph) <= 160:
            byline = parse_byline(paragraph)
            if byline:
                if not document.byline:
                    document.byline, sources["byline"] = byline.text, "text"
                if byline.authors and not document.authors:
                    document.authors, sources["authors"] = byline.authors, "text"
                if byline.publisher and not document.publisher:
                    document.publisher, sources["publisher"] = byline.publisher, "text"
                if byline.agencies and not document.agencies:
                    document.agencies, sources["agencies"] = byline.agencies, "text"
                removed.append(Removed(text=paragraph, reason="byline"))
                continue
            found = (
                parse_datetime_text(paragraph, reference_time)
                if len(paragraph.split()) <= 8 and not paragraph.endswith(".")
                else None
            )
            if found:
                if document.published_at is None:
                    document.published_at = found.value
                    document.published_at_basis = "relative" if found.basis == "relative" else "text"
                    sources["published_at"] = found.basis
                removed.append(Removed(text=paragraph, reason="dateline"))
                continue
        kept.append(paragraph)
    return kept
