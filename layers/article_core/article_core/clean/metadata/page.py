"""An HTML page's metadata: JSON-LD, meta tags and the visible byline read once, then one value per field.

Order of trust per field: title (JSON-LD headline, meta title, `<title>`, trafilatura), site name off;
authors (JSON-LD persons, meta author fields, the visible byline, trafilatura); publisher
(`site.choose_publisher`); published time (JSON-LD, meta tags, htmldate via trafilatura, a text
dateline opening the body, the URL). Every value is checked before it is believed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...models import Document
from . import jsonld, metatags, site
from .agencies import agencies_in_body, find_agencies
from .dates import Moment, leading_dateline, metadata_time, parse_datetime_text, url_date
from .names import authors_from_field, parse_byline

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Visible byline elements: these class fragments, rel="author" or itemprop="author". Each fragment holds "author",
# "byline" or "signature": substring tests rule out most class names before the search (`_byline_elements`).
_BYLINE_CLASS = re.compile(
    r"byline|signature|author-name|author_name|meta-author|article-author|post-author|article__author|authors"
    r"|author-info"
)
_MAX_BYLINE_ELEMENTS = 4


@dataclass
class PageMeta:
    """Metadata candidates read from the page, each with where it came from."""

    title: tuple[str, str] | None = None
    authors: tuple[list[str], str] | None = None
    byline: tuple[str, str] | None = None
    publisher: tuple[str, str] | None = None
    published: tuple[Moment, str] | None = None
    modified: tuple[Moment, str] | None = None
    agencies: list[tuple[str, str]] = field(default_factory=list)
    url: str | None = None
    declared_article: bool = False
    site_names: list[str | None] = field(default_factory=list)
    body: str | None = None  # the JSON-LD `articleBody`, for a page whose markup holds less of the story


def read_metadata(tree: HtmlElement, reference_time: datetime | None) -> PageMeta:
    """JSON-LD first, then meta tags and the visible byline."""
    meta = PageMeta()
    scripts = (s.text or "" for s in tree.iterfind(".//script") if "ld+json" in (s.get("type") or "").lower())
    found = jsonld.read_article(jsonld.parse_blocks(scripts))
    article = found or jsonld.JsonLdArticle()
    tags = metatags.read_tags(tree)
    meta.declared_article = found is not None or (metatags.first(tags, "og:type") or "").lower() == "article"
    og_url = metatags.first(tags, "og:url")
    meta.body = article.body
    meta.url = next((u for u in (article.url, og_url) if u and u.startswith("http")), None) or _canonical(tree)
    page_title = " ".join((tree.findtext(".//title") or "").split()) or None
    _read_publisher(meta, article, tags, page_title)
    _read_title(meta, article, tags, page_title)
    _prefer_visible_headline(meta, tree)
    _read_people(meta, article, tags)
    _from_byline_element(meta, tree)
    for value, attr in ((article.published, "published"), (article.modified, "modified")):
        moment = metadata_time(value, reference_time)
        if moment is not None:
            setattr(meta, attr, (moment, "json-ld"))
    for keys, attr in ((metatags.PUBLISHED_KEYS, "published"), (metatags.MODIFIED_KEYS, "modified")):
        for key in keys if getattr(meta, attr) is None else ():
            moment = metadata_time(metatags.first(tags, key), reference_time)
            if moment is not None:
                setattr(meta, attr, (moment, "meta"))
                break
    return meta


def _canonical(tree: HtmlElement) -> str | None:
    """The page's `<link rel="canonical">` address (in its head), the page's own URL when its data gives none."""
    head = tree.find("head")
    for link in head.iterfind("link") if head is not None else ():
        if (link.get("rel") or "").lower() == "canonical":
            href = link.get("href")
            return href if isinstance(href, str) and href.startswith("http") else None
    return None


def _read_publisher(
    meta: PageMeta, article: jsonld.JsonLdArticle, tags: dict[str, list[str]], title: str | None
) -> None:
    og_site = metatags.first(tags, "og:site_name")
    title_site = site.title_site_part(title)
    host = site.domain(meta.url)
    if (
        title_site
        and not (host and _related(title_site, host))
        and site.key(title_site)
        not in (
            site.key(og_site),
            site.key(article.publisher),
        )
    ):
        title_site = None  # "Kristi Noem - South Dakota governor": not a site name
    candidates: list[tuple[str | None, str]] = [
        (og_site, "meta"),
        (article.publisher, "json-ld"),
        (metatags.first(tags, "application-name"), "meta"),
        (title_site, "html"),
        (metatags.first(tags, "publisher", "dc.publisher"), "meta"),
    ]
    chosen = site.choose_publisher([c for c in candidates if c[0]], None)
    if chosen is None and host:
        chosen = (host, "domain")
    meta.publisher = chosen
    meta.site_names = [og_site, article.publisher, title_site, chosen[0] if chosen else None]


def _related(name: str, host: str) -> bool:
    """A site name and a domain that share their start ("Sputnik International", "sputniknews.com")."""
    a, b = site.key(name), site.key(host)
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= min(4, len(a))


def _read_title(meta: PageMeta, article: jsonld.JsonLdArticle, tags: dict[str, list[str]], title: str | None) -> None:
    for value, source in (
        (article.title, "json-ld"),
        (metatags.first(tags, *metatags.TITLE_KEYS), "meta"),
        (title, "html"),
    ):
        if value:
            meta.title = (site.strip_site(value, meta.site_names, meta.url), source)
            return


def _prefer_visible_headline(meta: PageMeta, tree: HtmlElement) -> None:
    """The page's own `<h1>` when the data's title only wraps it ("Opinion | Headline", "Site: Headline"), or
    when it is the title's part before a separator ("Headline - BBC中文网 - 两岸三地": what follows is the site's)."""
    if meta.title is None:
        return
    h1 = next((" ".join(h.text_content().split()) for h in tree.iterfind(".//h1")), "")
    title = meta.title[0]
    if not 10 <= len(h1) < len(title) or h1.casefold() not in title.casefold():
        return
    if len(h1) >= 0.5 * len(title) or site.headline_part(title).casefold() == h1.casefold():
        meta.title = (h1, "html")


def _read_people(meta: PageMeta, article: jsonld.JsonLdArticle, tags: dict[str, list[str]]) -> None:
    meta.agencies += [(agency, "json-ld") for agency in article.agencies]
    if article.authors:
        meta.authors = (article.authors, "json-ld")
    for key in metatags.AUTHOR_KEYS:
        for value in tags.get(key, []):
            byline = authors_from_field(value)
            meta.agencies += [(agency, "meta") for agency in byline.agencies]
            if byline.authors and not meta.authors:
                meta.authors = (byline.authors, "meta")
    byl = metatags.first(tags, *metatags.BYLINE_KEYS)
    if byl:
        meta.byline = (byl, "meta")


def _from_byline_element(meta: PageMeta, tree: HtmlElement) -> None:
    """The visible byline ("By Jane Doe, Reuters", "Par Le Figaro avec AFP") for agencies, byline text and
    authors when the page data named none."""
    for element in _byline_elements(tree):
        text = " ".join(element.text_content().split())
        if not 3 <= len(text) <= 200:
            continue
        parsed = parse_byline(text, prefixed=False)
        if parsed is None:
            continue
        if not meta.byline:
            meta.byline = (parsed.text, "html")
        meta.agencies += [(agency, "html") for agency in parsed.agencies]
        if parsed.authors and not meta.authors:
            meta.authors = (parsed.authors, "html")
        if parsed.authors or parsed.agencies:
            return


def _byline_elements(tree: HtmlElement) -> list[Any]:
    """The first few byline elements in page order: one walk that stops early (an XPath of ten `contains()`
    tests read every element of the page, a few ms a page). Each element's attribute names are read in one call
    and a value only when it is there: three `get` calls an element cost three times as much."""
    from lxml import etree

    found: list[Any] = []
    for element in tree.iter(etree.Element):
        names = element.keys()
        if not names:
            continue
        klass = element.get("class") if "class" in names else None
        if (
            (klass and ("author" in klass or "byline" in klass or "signature" in klass) and _BYLINE_CLASS.search(klass))
            or ("rel" in names and element.get("rel") == "author")
            or ("itemprop" in names and element.get("itemprop") == "author")
        ):
            found.append(element)
            if len(found) == _MAX_BYLINE_ELEMENTS:
                break
    return found


def fill_from_trafilatura(meta: PageMeta, doc: Any, reference_time: datetime | None) -> None:
    """trafilatura's heuristics (htmldate for the date) fill only what the page's own data left empty."""
    if not meta.title and getattr(doc, "title", None):
        meta.title = (site.strip_site(str(doc.title), meta.site_names, meta.url), "trafilatura")
    if not meta.authors and getattr(doc, "author", None):
        names = [n for part in str(doc.author).split(";") for n in authors_from_field(part).authors]
        if names:
            meta.authors = (list(dict.fromkeys(names)), "trafilatura")
    if not meta.published and getattr(doc, "date", None):
        moment = metadata_time(str(doc.date), reference_time)
        if moment is not None:
            meta.published = (moment, "trafilatura")


def build_document(
    meta: PageMeta, paragraphs: list[str], reference_time: datetime | None = None, datelines: list[str] | None = None
) -> Document:
    """The record's document fields; a visible dateline (`datelines`: the date lines taken out of the body),
    a text dateline or the URL date only when the page data had no time."""
    document = Document(format="html")
    sources = document.field_sources
    if meta.title:
        document.title, sources["title"] = meta.title
    if meta.byline:
        document.byline, sources["byline"] = meta.byline
    if meta.publisher:
        document.publisher, sources["publisher"] = meta.publisher
    if meta.authors:
        site_keys = {site.key(n) for n in meta.site_names if n}
        document.authors = [a for a in meta.authors[0] if site.key(a) not in site_keys]
        if document.authors:
            sources["authors"] = meta.authors[1]
    _set_published(document, meta, paragraphs, reference_time, datelines or [])
    if meta.modified:
        document.modified_at, sources["modified_at"] = meta.modified
    agencies = list(meta.agencies) + [(a, "text") for a in agencies_in_body(paragraphs)]
    if document.publisher and find_agencies(document.publisher):
        agencies.append((find_agencies(document.publisher)[0], sources["publisher"]))
    names = list(dict.fromkeys(name for name, _ in agencies))
    if names:
        document.agencies = names
        sources["agencies"] = next(source for _, source in agencies)
    return document


def _set_published(
    document: Document, meta: PageMeta, paragraphs: list[str], reference_time: datetime | None, datelines: list[str]
) -> None:
    sources = document.field_sources
    if meta.published:
        document.published_at, sources["published_at"] = meta.published
        document.published_at_basis = "metadata"
        return
    for line in datelines:
        parsed = parse_datetime_text(line, reference_time)
        if parsed is not None and not parsed.modified:
            document.published_at, sources["published_at"] = parsed.value, "html"
            document.published_at_basis = "relative" if parsed.basis == "relative" else "text"
            return
    for paragraph in paragraphs[:3]:
        day = leading_dateline(paragraph, reference_time)
        if day is not None:
            document.published_at, sources["published_at"] = day, "text"
            document.published_at_basis = "text"
            return
    day = url_date(meta.url, reference_time)
    if day is not None:
        document.published_at, sources["published_at"] = day, "url"
        document.published_at_basis = "url"
