"""JSON article files: the common article fields, plain JSON or schema.org JSON-LD.

Handles what exporters and APIs actually produce: flat objects (`title`, `body`, `author`),
wrappers (`{"data": {"article": ...}}`), WordPress REST (`{"title": {"rendered": ...}}`),
NewsAPI-style `source: {name}`, and JSON-LD `NewsArticle` alone, in a list or in `@graph`.
Every field taken is recorded in `field_sources` as "json". Bodies written in HTML are
reported as such, so the HTML cleaner (or `bodies.html_paragraphs`) can read them.
"""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..errors import Rejected
from ..models import Document, ErrorCode, Removed
from .bodies import html_paragraphs, text_paragraphs
from .cleaned import Cleaned
from .metadata.agencies import find_agencies
from .metadata.dates import metadata_time
from .metadata.jsonld import is_article_type
from .metadata.names import authors_from_field
from .metadata.site import usable_publisher
from .normalize import normalize_text

SOURCE = "json"

# Keys are matched case-insensitively, in this order of preference.
_TITLE_KEYS = ("headline", "title", "webtitle", "name")
_BODY_KEYS = (
    "articlebody",
    "body",
    "bodytext",
    "body_text",
    "text",
    "content",
    "fulltext",
    "full_text",
    "body_html",
    "bodyhtml",
    "content_html",
    "html",
    "story",
)
_SUMMARY_KEYS = ("description", "summary", "abstract", "excerpt", "standfirst", "lead")
_AUTHOR_KEYS = ("author", "authors", "creator", "creators", "byline", "writer", "writers")
_PUBLISHED_KEYS = (
    "datepublished",
    "date_gmt",
    "published_at",
    "publishedat",
    "published",
    "publication_date",
    "publicationdate",
    "webpublicationdate",
    "first_published_at",
    "publish_date",
    "publishdate",
    "pubdate",
    "datecreated",
    "created_at",
    "date",
)
_MODIFIED_KEYS = (
    "datemodified",
    "modified_gmt",
    "modified",
    "modified_at",
    "updated_at",
    "updatedat",
    "updated",
    "last_modified",
    "lastmodified",
    "dateupdated",
)
_PUBLISHER_KEYS = ("publisher", "source", "site_name", "sitename", "site", "provider")
_URL_KEYS = ("url", "canonical_url", "canonicalurl", "weburl", "link", "permalink", "mainentityofpage", "@id")
_VALUE_KEYS = ("rendered", "@value", "value", "text", "#text", "name", "html", "content", "body")

_MAX_NODES = 5_000  # objects visited when looking for the article (bounded on hostile input)
_MAX_ITEMS = 10_000  # parts of a body given as a list
_HTML_MARKUP = re.compile(
    r"<(?:p|div|br|h[1-6]|ul|ol|li|blockquote|figure|section|article|span|a|strong|em|b|i|table|img|script|style|iframe)"
    r"\b[^<>]{0,400}>",
    re.I,
)


@dataclass
class JsonArticle:
    """What a JSON file says about its article, before the body is cleaned."""

    document: Document
    body: str  # plain text, or HTML when `body_is_html`
    body_is_html: bool = False
    url: str | None = None
    removed: list[Removed] = field(default_factory=list)


def clean_json(text: str, *, reference_time: datetime | None = None) -> Cleaned:
    """Paragraphs and metadata of a JSON article; HTML bodies are read with `html_paragraphs`."""
    article = read_json(text, reference_time=reference_time)
    if article.body_is_html:
        paragraphs, removed = html_paragraphs(article.body)
    else:
        paragraphs, removed = text_paragraphs(article.body), []
    if not paragraphs:
        raise Rejected(ErrorCode.NO_CONTENT, "The JSON article has no body text.")
    return Cleaned(paragraphs=paragraphs, removed=article.removed + removed, document=article.document)


def read_json(text: str, *, reference_time: datetime | None = None) -> JsonArticle:
    """Raise `Rejected`: malformed_json, too_complex (nested too deep), unsupported_json, no_content."""
    data = _parse(text)
    item = _find_article(data)
    if item is None:
        raise Rejected(
            ErrorCode.UNSUPPORTED_JSON,
            "The JSON holds no article fields (title/headline and body/text/content/articleBody).",
        )
    document = Document(format="json", kind="article")
    sources = document.field_sources
    title = _first_text(item, _TITLE_KEYS if _is_article_type(item) else _TITLE_KEYS[:-1])
    if title:
        document.title = _inline_text(title)
        sources["title"] = SOURCE
    body, body_key = _body(item)
    if not body.strip():
        raise Rejected(
            ErrorCode.NO_CONTENT, "The JSON article has no body text (no non-empty body/text/content field)."
        )
    sources["body"] = SOURCE if body_key in _BODY_KEYS else f"{SOURCE}:{body_key}"
    _read_people(item, document)
    _read_dates(item, document, reference_time)
    url = _first_text(item, _URL_KEYS)
    return JsonArticle(
        document=document,
        body=body,
        body_is_html=bool(_HTML_MARKUP.search(body[:20_000])),
        url=url if url and url.startswith(("http://", "https://")) else None,
    )


# --- parsing and finding the article ---------------------------------------------------------


def _parse(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise Rejected(ErrorCode.TOO_COMPLEX, "The JSON is nested too deeply to be an article.") from None
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            lines = _json_lines(text)
            if lines is not None:
                return lines
        raise Rejected(
            ErrorCode.MALFORMED_JSON, f"The JSON is malformed (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    except ValueError as exc:  # e.g. an integer longer than Python accepts
        raise Rejected(ErrorCode.MALFORMED_JSON, f"The JSON cannot be read: {exc}.") from None


def _json_lines(text: str) -> list[Any] | None:
    """JSON Lines (one object per line): read as a list, else None."""
    items = []
    for line in text.splitlines():
        if line.strip():
            try:
                items.append(json.loads(line))
            except (ValueError, RecursionError):
                return None
    return items


def _keys(obj: dict[Any, Any]) -> dict[str, Any]:
    return {key.lower(): value for key, value in obj.items() if isinstance(key, str)}


def _is_article_type(item: dict[str, Any]) -> bool:
    return is_article_type(item)


def _find_article(data: Any) -> dict[str, Any] | None:
    """The object that best looks like an article, breadth first, visiting a bounded number of nodes."""
    best: tuple[float, dict[str, Any]] | None = None
    queue: deque[Any] = deque([data])
    visited = 0
    while queue and visited < _MAX_NODES:
        node = queue.popleft()
        visited += 1
        if isinstance(node, list):
            queue.extend(node[:_MAX_NODES])
            continue
        if not isinstance(node, dict):
            continue
        item = _keys(node)
        score = _score(item)
        if score > 0 and (best is None or score > best[0]):
            best = (score, item)
        queue.extend(value for value in item.values() if isinstance(value, dict | list))
    return best[1] if best else None


def _score(item: dict[str, Any]) -> float:
    body, _ = _body(item)
    title = _first_text(item, _TITLE_KEYS[:-1])
    if not body.strip() and not title:
        return 0.0
    return 3.0 * _is_article_type(item) + 2.0 * bool(body.strip()) + bool(title) + min(len(body), 20_000) / 20_000


# --- field values ----------------------------------------------------------------------------


def _as_text(value: Any, depth: int = 0) -> str | None:
    """A string, or the text inside the small wrappers APIs use ({"rendered": ...}, [..])."""
    if isinstance(value, str):
        return value if value.strip() else None
    if depth > 3:
        return None
    if isinstance(value, dict):
        inner = _keys(value)
        for key in _VALUE_KEYS:
            found = _as_text(inner.get(key), depth + 1)
            if found:
                return found
    if isinstance(value, list):
        for element in value[:20]:
            found = _as_text(element, depth + 1)
            if found:
                return found
    return None


def _first_text(item: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        found = _as_text(item.get(key))
        if found:
            return found
    return None


def _body(item: dict[str, Any]) -> tuple[str, str]:
    """The article body and the key it came from; a summary only when there is no body."""
    for key in _BODY_KEYS + _SUMMARY_KEYS:
        value = item.get(key)
        if isinstance(value, list):
            parts = [part for element in value[:_MAX_ITEMS] if (part := _block_text(element))]
            text = "\n\n".join(parts)
        else:
            text = _as_text(value) or ""
        if text.strip():
            return text, key
    return "", ""


def _block_text(element: Any) -> str | None:
    """A body given as blocks: strings, {"text": ...}, Editor.js {"data": {"text": ...}}."""
    if isinstance(element, dict):
        inner = _keys(element)
        if isinstance(inner.get("data"), dict):
            return _as_text(inner["data"])
    return _as_text(element)


def _inline_text(value: str) -> str:
    """A title may carry markup or entities (WordPress "rendered" titles)."""
    return " ".join(
        normalize_text(" ".join(html_paragraphs(value)[0]) if "<" in value or "&" in value else value).split()
    )


# --- people and organisations ----------------------------------------------------------------


def _read_people(item: dict[str, Any], document: Document) -> None:
    names: list[str] = []
    organisations: list[str] = []
    for key in _AUTHOR_KEYS:
        if key in item:
            _collect_people(item[key], names, organisations)
            if names or organisations:
                break
    sources = document.field_sources
    if names:
        document.authors = list(dict.fromkeys(names))[:20]
        sources["authors"] = SOURCE
    if names or organisations:
        document.byline = ", ".join(dict.fromkeys(names + organisations))
        sources["byline"] = SOURCE
    publisher = _publisher_name(item)
    agencies = [agency for org in organisations for agency in find_agencies(org)]
    if publisher is None:
        publisher = next((org for org in organisations if not find_agencies(org)), None)
    if publisher:
        document.publisher = publisher
        sources["publisher"] = SOURCE
        agencies += find_agencies(publisher)
    if agencies:
        document.agencies = list(dict.fromkeys(agencies))
        sources["agencies"] = SOURCE


def _collect_people(value: Any, names: list[str], organisations: list[str], depth: int = 0) -> None:
    """Author fields: "A and B", ["A", "B"], {"name": "A"}, [{"@type": "Person", "name": ...}]."""
    if depth > 2:
        return
    if isinstance(value, list):
        for element in value[:20]:
            _collect_people(element, names, organisations, depth + 1)
        return
    kind = ""
    if isinstance(value, dict):
        inner = _keys(value)
        kind = str(inner.get("@type", "")).lower()
        text = _as_text(inner.get("name")) or _as_text(
            " ".join(str(inner.get(k, "")) for k in ("givenname", "familyname")).strip()
        )
    else:
        text = _as_text(value)
    if not text or len(text) > 200:
        return
    text = " ".join(text.split())
    if "organization" in kind:
        organisations.append(text)
        return
    byline = authors_from_field(text, person="person" in kind)
    names.extend(byline.authors)
    organisations.extend(([byline.publisher] if byline.publisher else []) + byline.agencies)


def _publisher_name(item: dict[str, Any]) -> str | None:
    for key in _PUBLISHER_KEYS:
        name = usable_publisher(_as_text(item.get(key)))  # never a handle, a platform or a desk
        if name:
            return name
    return None


# --- dates -----------------------------------------------------------------------------------


def _read_dates(item: dict[str, Any], document: Document, reference_time: datetime | None) -> None:
    sources = document.field_sources
    for keys, attr in ((_PUBLISHED_KEYS, "published_at"), (_MODIFIED_KEYS, "modified_at")):
        for key in keys:
            moment = metadata_time(_as_text(item.get(key)) or item.get(key), reference_time)
            if moment is not None:
                setattr(document, attr, moment)
                sources[attr] = SOURCE
                break
    if document.published_at:
        document.published_at_basis = "metadata"
