"""`<meta>` tags: the keys publishers use for title, site, authors and times, read once per page."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MAX_TAGS = 500
TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "sailthru.title", "title")
AUTHOR_KEYS = (
    "author",
    "article:author",
    "article_author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
)
BYLINE_KEYS = ("byl", "byline")
PUBLISHED_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "pubdate",
    "pub_date",
    "publishdate",
    "publish-date",
    "published_at",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.date",
    "dc.date",
    "date",
)
MODIFIED_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "article.updated",
    "dcterms.modified",
    "last-modified",
)


def read_tags(tree: HtmlElement) -> dict[str, list[str]]:
    """Content of each meta key (property, name or itemprop, lower-cased), in page order."""
    tags: dict[str, list[str]] = {}
    for i, element in enumerate(tree.iterfind(".//meta")):
        if i > MAX_TAGS:
            break
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = " ".join((element.get("content") or "").split())
        if key and content:
            tags.setdefault(key, []).append(content)
    return tags


def first(tags: dict[str, list[str]], *keys: str) -> str | None:
    """The first value of the first key present."""
    for key in keys:
        if tags.get(key):
            return tags[key][0]
    return None
