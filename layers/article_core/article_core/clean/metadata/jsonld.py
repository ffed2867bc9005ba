"""schema.org JSON-LD: the one list of article types and the one reader of an article's fields.

Pages put the article alone, in a list, or in an `@graph` whose author and publisher are `@id`
references to other nodes (Yoast and similar plugins): those references are resolved. A block that
fails to parse is skipped, the others still count.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .agencies import find_agencies
from .names import authors_from_field

MAX_JSON_LD_CHARS = 1_000_000
_ARTICLE_TYPE_NAMES = """
article newsarticle reportagenewsarticle analysisnewsarticle opinionnewsarticle backgroundnewsarticle
reviewnewsarticle askpublicnewsarticle satiricalarticle blogposting liveblogposting socialmediaposting
discussionforumposting report techarticle scholarlyarticle medicalscholarlyarticle advertisercontentarticle
"""
ARTICLE_TYPES = frozenset(_ARTICLE_TYPE_NAMES.split())


@dataclass
class JsonLdArticle:
    """What an article node says about itself, values not yet checked for plausibility."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: Any = None
    modified: Any = None
    url: str | None = None
    body: str | None = None  # `articleBody`: the text, or an HTML fragment, as the page data gives it


def is_article_type(item: dict[str, Any]) -> bool:
    """An `@type` (or a list of them, or a schema.org URL) that names an article kind."""
    types = item.get("@type")
    names = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.rsplit("/", 1)[-1].lower() in ARTICLE_TYPES for t in names)


def parse_blocks(texts: Iterable[str]) -> list[Any]:
    """Parsed JSON-LD blocks; an oversized or broken block is skipped, never fatal."""
    blocks: list[Any] = []
    for text in texts:
        if len(text) > MAX_JSON_LD_CHARS:
            continue
        try:
            blocks.append(json.loads(text, strict=False))
        except (ValueError, RecursionError):
            continue
    return blocks


def nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object at the top of a block, in lists and in `@graph`, bounded."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from nodes(data["@graph"], depth + 1)


def read_article(blocks: list[Any]) -> JsonLdArticle | None:
    """The first article node of the page's blocks, its references resolved; None when there is none."""
    all_nodes = [node for block in blocks for node in nodes(block)]
    index = {node["@id"]: node for node in all_nodes if isinstance(node.get("@id"), str)}
    item = next((node for node in all_nodes if is_article_type(node)), None)
    if item is None:
        return None
    found = JsonLdArticle(title=first_text(item.get("headline")) or first_text(item.get("name")))
    _read_people(item.get("author"), index, found)
    publisher = _resolve(item.get("publisher"), index)
    name = first_text(publisher.get("name")) if isinstance(publisher, dict) else first_text(publisher)
    if name and not name.startswith("http"):
        found.publisher = name
    found.published = first_value(item.get("datePublished")) or first_value(item.get("dateCreated"))
    found.modified = first_value(item.get("dateModified"))
    body = item.get("articleBody")
    found.body = body if isinstance(body, str) and body.strip() else None
    for candidate in (item.get("url"), item.get("mainEntityOfPage")):
        url = candidate.get("@id") if isinstance(candidate, dict) else first_value(candidate)
        if isinstance(url, str) and url.startswith("http"):
            found.url = url
            break
    return found


def _resolve(value: Any, index: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
        return index.get(value["@id"], value)
    return value


def _read_people(value: Any, index: dict[str, dict[str, Any]], found: JsonLdArticle) -> None:
    """Persons to authors, organisations (agencies among them) apart."""
    for item in (value if isinstance(value, list) else [value])[:20]:
        item = _resolve(item, index)
        if isinstance(item, dict):
            name = first_text(item.get("name"))
            kind = " ".join(item["@type"] if isinstance(item.get("@type"), list) else [str(item.get("@type", ""))])
        else:
            name, kind = first_text(item), ""
        if not name:
            continue
        if "organization" in kind.lower():
            found.organisations.append(name)
            found.agencies += find_agencies(name)
            continue
        byline = authors_from_field(name, person="person" in kind.lower())
        found.authors += [a for a in byline.authors if a not in found.authors]
        found.agencies += byline.agencies
        if byline.publisher:
            found.organisations.append(byline.publisher)


def first_value(value: Any) -> Any:
    """A scalar, or the first of a list."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str | int | float) else None


def first_text(value: Any) -> str | None:
    """A string field (the first of a list, the name of an object), entities decoded, spacing collapsed."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    return html.unescape(" ".join(value.split())) if isinstance(value, str) and value.strip() else None
