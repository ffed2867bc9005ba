"""The page's tree and trafilatura's main text: how clean_html parses a page and asks trafilatura for its body.

Apart from html.py because it is the part that follows trafilatura's internals (its markup repair, its parser
settings, the triggers of its fallback cascade): when trafilatura changes, this is the file to read again.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from .metadata.page import PageMeta
from .normalize import normalize_text

if TYPE_CHECKING:
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
    markup = repair_markup(html, beginning)
    parser = html_parser()
    failures = (etree.LxmlError, ValueError, TypeError, RecursionError)
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
    from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS

    encoded = html.encode("utf-8", "surrogatepass")
    if "\ufffe" in html or "\uffff" in html or len(encoded.translate(None, _XML_INVALID_BYTES)) != len(encoded):
        html = INVALID_XML_CHARS.sub("", html)
    if "doctype" in beginning:
        first_line, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", first_line, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:  # a self-closing <html/> in the first lines
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    return html


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


def main_text(tree: HtmlElement, meta: PageMeta, reference_time: datetime | None) -> tuple[list[str], Any] | None:
    """Main text lines; trafilatura's metadata pass only runs when the page's own tags left gaps.

    trafilatura runs in fast mode (its main extractor alone, about half its cost): the readability and
    jusText comparison it skips changed neither its text nor ours on any dev-part page, and our recovery
    pass (html_recover.py) puts back the prose precision mode drops, most of what that fallback is for.
    The full cascade runs again only when the fast result is one trafilatura's own rules would replace.
    """
    from lxml import etree

    need_metadata = not (meta.title and meta.published and meta.publisher)
    try:
        doc = bare_extraction(tree, meta, reference_time, need_metadata, fast=True)
        if doc is None or needs_fallback(doc):
            doc = bare_extraction(tree, meta, reference_time, need_metadata, fast=False) or doc
    except (etree.LxmlError, ValueError, TypeError, RecursionError):
        return None
    if doc is None or not getattr(doc, "text", None):
        return None
    lines = [p for p in (normalize_text(line) for line in str(doc.text).split("\n")) if p]
    return (lines, doc) if lines else None


def bare_extraction(
    tree: HtmlElement, meta: PageMeta, reference_time: datetime | None, with_metadata: bool, *, fast: bool
) -> Any:
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
