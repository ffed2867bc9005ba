"""The page's tree and trafilatura's main text: how clean_html parses a page and asks trafilatura for its body.

Apart from html.py because it is the part that follows trafilatura's internals (its markup repair, its parser
settings, the triggers of its fallback cascade): when trafilatura changes, this is the file to read again.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .metadata.page import PageMeta
from .normalize import normalize_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.html import HtmlElement


def parse_page(html: str) -> HtmlElement | None:
    """lxml tree, or None when the page cannot be parsed (libxml2 also caps the nesting depth).

    trafilatura's own loading (repairs, then a str parse with a bytes retry), with a parser whose
    elements get their Python class in C: lxml.html's parser asks a Python method for the class of
    every element each time an element object is made, a few thousand calls a page for each walk of
    the tree (ours and trafilatura's, whose copies keep the parser). Every element is an HtmlElement
    (lxml.html's form and input subclasses add methods nothing here calls)."""
    from lxml import etree
    from lxml.html import fromstring
    from trafilatura.utils import is_dubious_html

    beginning = html[:50].lower()
    markup, encoded = _repaired(html, beginning)
    parser = html_parser()
    failures = (etree.LxmlError, ValueError, TypeError, RecursionError)
    tree = None
    if encoded is not None:  # libxml2 reads UTF-8 bytes faster than a str (the same tree: it is told the encoding)
        try:
            tree = fromstring(encoded, parser=parser)
        except failures:
            tree = None
    if tree is None or not len(tree):
        try:
            tree = fromstring(markup, parser=parser)
        except failures:  # e.g. a str that declares its encoding: libxml2 wants bytes
            tree = None
    if tree is None or not len(tree):
        try:
            tree = fromstring(markup.encode("utf8", "surrogatepass"), parser=parser)
        except failures:
            return None
    if tree is None or not len(tree) or (is_dubious_html(beginning) and len(tree) < 2):
        return None  # not HTML at all (trafilatura's own test)
    return tree


# The C0 controls XML forbids (trafilatura's INVALID_XML_CHARS but U+FFFE and U+FFFF, looked for apart).
_XML_INVALID_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def repair_markup(html: str, beginning: str) -> str:
    """trafilatura's `repair_faulty_html`, whose regex pass over the whole page (characters libxml2 refuses)
    runs only when the page holds one: deleting bytes from its UTF-8 form finds out several times faster."""
    return _repaired(html, beginning)[0]


def _repaired(html: str, beginning: str) -> tuple[str, bytes | None]:
    """`repair_markup`'s result and its UTF-8 form (None when the page holds a lone surrogate, which UTF-8 cannot
    carry), encoded once: the repairs seldom change anything."""
    from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS

    encoded: bytes | None
    try:
        checked = encoded = html.encode("utf-8")
    except UnicodeEncodeError:
        encoded, checked = None, html.encode("utf-8", "surrogatepass")
    original = html
    if "\ufffe" in html or "\uffff" in html or len(checked.translate(None, _XML_INVALID_BYTES)) != len(checked):
        html = INVALID_XML_CHARS.sub("", html)
    if "doctype" in beginning:
        first_line, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", first_line, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:  # a self-closing <html/> in the first lines
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    if encoded is not None and html != original:
        encoded = html.encode("utf-8")
    return html, encoded


_PARSER: list[Any] = []


def html_parser() -> Any:
    """trafilatura's parser settings (comments and processing instructions dropped), built once."""
    if not _PARSER:
        from lxml import etree
        from lxml import html as lxml_html

        parser = lxml_html.HTMLParser(
            collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
        )
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=lxml_html.HtmlElement,
                comment=lxml_html.HtmlComment,
                pi=lxml_html.HtmlProcessingInstruction,
                entity=lxml_html.HtmlEntity,
            )
        )
        _PARSER.append(parser)
    return _PARSER[0]


def date_params(reference_time: datetime | None) -> dict[str, Any]:
    """htmldate without its loose text search: a copyright year is not a publication date."""
    params: dict[str, Any] = {"original_date": True, "extensive_search": False}
    if reference_time is not None:
        params["max_date"] = reference_time.date().isoformat()
    return params


def main_text(
    tree: HtmlElement, meta: PageMeta, reference_time: datetime | None, fresh_tree: Callable[[], HtmlElement | None]
) -> tuple[list[str], Any] | None:
    """Main text lines, and trafilatura's result with the metadata fields we read when the page's own tags left gaps.

    trafilatura runs in fast mode (its main extractor alone, about half its cost): the readability and
    jusText comparison it skips changed neither its text nor ours on any dev-part page, and our recovery
    pass (html_recover.py) puts back the prose precision mode drops, most of what that fallback is for.
    The full cascade runs again only when the fast result is one trafilatura's own rules would replace.

    trafilatura works on `tree` itself (`extract_in_place`), so the caller reads the tree first and does not
    read it after; the full cascade, when it runs, gets `fresh_tree()`: the same page built again.
    """
    from lxml import etree

    try:
        gaps = not (meta.title and meta.published and meta.publisher)
        fields = metadata_fields(tree, meta, reference_time) if gaps else None
        doc = extract_in_place(tree, meta.url, reference_time, fast=True)
        if doc is None or needs_fallback(doc):
            again = fresh_tree()
            doc = (extract_in_place(again, meta.url, reference_time, fast=False) if again is not None else None) or doc
        if doc is not None and fields is not None:
            doc.title, doc.author, doc.date = fields
    except (etree.LxmlError, ValueError, TypeError, RecursionError):
        return None
    if doc is None or not getattr(doc, "text", None):
        return None
    lines = [p for p in (normalize_text(line) for line in str(doc.text).split("\n")) if p]
    return (lines, doc) if lines else None


def metadata_fields(
    tree: HtmlElement, meta: PageMeta, reference_time: datetime | None
) -> tuple[str | None, str | None, str | None]:
    """trafilatura's title, author and date (htmldate), as its `extract_metadata` finds them, each only when the
    page's own data left that field empty (`fill_from_trafilatura` reads no other field, and none of these).

    The same steps in the same order, without the ones whose results nothing reads (site name, categories, tags,
    licence): a third of the metadata pass, and more where the page names its authors (its author search copies
    and prunes the whole tree). Like `extract_metadata`, it only reads the tree (htmldate and the author search
    work on copies), so it can run after the extraction."""
    from htmldate import find_date  # the one trafilatura.metadata imports
    from trafilatura.metadata import (
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_title,
        extract_url,
    )
    from trafilatura.settings import Document

    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None
    with contextlib.suppress(Exception):  # trafilatura's own guard around its JSON-LD reader (it logs and goes on)
        found = extract_meta_json(tree, found)
    title = author = date = None
    if not meta.title:
        title = found.title or extract_title(tree)
    if not meta.authors:
        author = found.author or extract_author(tree)
    if not meta.published:
        url = found.url or extract_url(tree, meta.url)
        date = find_date(tree, **{**date_params(reference_time), "url": url})
    fields = Document()  # its last step: lengths capped, entities and spaces cleaned
    fields.title, fields.author, fields.date = title, author, date
    fields.clean_and_trim()
    return fields.title, fields.author, fields.date


def extraction_options(url: str | None, reference_time: datetime | None, *, fast: bool) -> Any:
    """The Extractor `trafilatura.bare_extraction` builds from our arguments (its defaults for the rest)."""
    from trafilatura.settings import DEFAULT_CONFIG, Extractor

    return Extractor(
        config=DEFAULT_CONFIG,
        output_format="python",
        fast=fast,
        precision=True,
        recall=False,
        comments=False,
        formatting=None,
        links=False,
        images=False,
        tables=True,
        dedup=False,
        lang=None,
        url=url,
        with_metadata=False,
        only_with_metadata=False,
        author_blacklist=None,
        url_blacklist=None,
        date_params=date_params(reference_time),
    )


def extract_in_place(tree: HtmlElement, url: str | None, reference_time: datetime | None, *, fast: bool) -> Any:
    """`trafilatura.bare_extraction(tree, url=url, fast=fast, include_comments=False, favor_precision=True)`
    without its first step, a deep copy of the tree it is given (half a millisecond a page, and as much again to
    free it): the steps it takes for these settings, on `tree` itself, which it changes. A test checks the result
    against `bare_extraction`'s on pages that take each path."""
    from lxml.etree import strip_tags
    from trafilatura.core import trafilatura_sequence
    from trafilatura.settings import Document
    from trafilatura.xml import xmltotxt

    options = extraction_options(url, reference_time, fast=fast)
    try:
        if _fast_sequence_applies(options):
            postbody, text = fast_precision_sequence(tree, options)
            comments = ""
        else:
            postbody, text, _, comments = trafilatura_sequence(tree, options, options.url)
        if options.max_tree_size:
            if len(postbody) > options.max_tree_size:
                strip_tags(postbody, "hi")
            if len(postbody) > options.max_tree_size:
                return None
        if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
            return None
    except (TypeError, ValueError):
        return None
    document = Document()
    document.text = xmltotxt(postbody, options.formatting)
    document.raw_text = document.text
    document.body = postbody
    return document


# The trafilatura releases whose `trafilatura_sequence` `fast_precision_sequence` follows step for step.
_FAST_SEQUENCE_VERSIONS = ("2.3.1",)


def _fast_sequence_applies(options: Any) -> bool:
    import trafilatura

    checked = str(trafilatura.__version__) in _FAST_SEQUENCE_VERSIONS
    return checked and bool(options.fast) and options.focus == "precision" and not options.comments


def fast_precision_sequence(tree: HtmlElement, options: Any) -> tuple[Any, str]:
    """`trafilatura_sequence` for fast mode, precision focus and no comments: the same steps without its two
    copies of the tree (about 1 ms a page with freeing them), kept for stages these settings never reach: the
    readability/jusText comparison (not in fast mode), the baseline rescue (not with precision), the recall
    retry (balanced focus only). Only for the trafilatura releases in `_FAST_SEQUENCE_VERSIONS`; a test checks
    the result against trafilatura's own call."""
    from trafilatura.core import _forum_thread_page
    from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
    from trafilatura.main_extractor import extract_content
    from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH, REMOVE_COMMENTS_XPATH

    is_forum = _forum_thread_page(tree)
    tree = prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH)
    tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS_XPATH)  # comments off, precision
    cleaned = convert_tags(tree_cleaning(tree, options), options, options.url)
    if not is_forum:
        cleaned = prune_unwanted_nodes(cleaned, REMOVE_COMMENTS_XPATH)
    postbody, text = extract_content(cleaned, options)
    return postbody, str(text)


def bare_extraction(
    tree: HtmlElement, meta: PageMeta, reference_time: datetime | None, with_metadata: bool, *, fast: bool
) -> Any:
    """trafilatura's own call with our settings (it copies the tree): what `extract_in_place` must equal."""
    import trafilatura

    return trafilatura.bare_extraction(
        tree,
        url=meta.url,
        fast=fast,
        include_comments=False,
        favor_precision=True,
        with_metadata=with_metadata,
        date_extraction_params=date_params(reference_time),
    )


# trafilatura's MIN_EXTRACTED_SIZE: below it, its full cascade tries jusText on the page.
MIN_EXTRACTED_SIZE = 250


def needs_fallback(doc: Any) -> bool:
    """Whether trafilatura's skipped fallback could change this fast result (its own triggers, precision mode):
    no text or a short one (jusText is tried), or a body without paragraph text or made mostly of tables
    (readability's output is preferred). Its remaining trigger, a readability text over twice as long, needs
    readability itself to tell; the recovery pass covers that case's usual cause, prose left beside the body."""
    text = getattr(doc, "text", None) or ""
    if len(text) < MIN_EXTRACTED_SIZE:
        return True
    body = getattr(doc, "body", None)
    if body is None:
        return True
    return not body.xpath(".//p//text()") or len(body.findall(".//table")) > len(body.findall(".//p"))
