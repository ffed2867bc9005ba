"""HTML pages: the article body (trafilatura, then our own filters), the page's metadata, what was dropped.

trafilatura finds the main content; on top of it we drop the short boilerplate paragraphs it lets
through (repeated headline, related links, share and newsletter prompts, credits, reading times),
read metadata from JSON-LD and meta tags first (they say what the publisher meant) and trafilatura's
heuristics last, and summarise the page blocks that did not make it into the body. HTML tooling is
imported inside the functions: only HTML files pay for it.

Hostile pages are bounded: too many tags or a parse failure fall back to a linear tag-stripping
scan whose text goes through the plain-text cleaner, so the cost stays proportional to the size.
"""

from __future__ import annotations

import html as html_lib
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..models import Document, Removed
from .boilerplate import GatedPattern, phrase_reason
from .cleaned import Cleaned
from .html_blocks import RAW_TEXT, link_density, summarise_removed, text_key
from .html_extract import main_text, parse_page
from .html_inline import drop_linked_headings, linked_headings, unglue
from .html_recover import PageRead, read_page, repair_body
from .kind import classify
from .metadata.dates import looks_like_dateline, parse_datetime_text
from .metadata.page import PageMeta, build_document, fill_from_trafilatura, read_metadata

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Above this many tags, tree-based extraction costs grow faster than the page: use the text scan.
MAX_TAGS = 150_000

_WORD = re.compile(r"\w+")


def clean_html(html: str, *, reference_time: datetime | None = None, extractor: bool = True) -> Cleaned:
    """Article paragraphs, removals with reasons, and metadata of one HTML page."""
    if not extractor:  # the time budget's cheaper path: linear in the page
        return _text_fallback(html, reference_time, "budget")
    too_complex = len(html) > MAX_TAGS and html.count("<") > MAX_TAGS
    tree = None if too_complex else parse_page(html)
    if tree is None:
        return _text_fallback(html, reference_time, "too_complex" if too_complex else "unparsed")

    meta = read_metadata(tree, reference_time)
    unglued = unglue(tree)
    # Everything read of the tree is read here: trafilatura then works on the tree itself and changes it.
    page = read_page(tree)
    teasers = linked_headings(tree)
    density = None if meta.declared_article else link_density(tree)
    body = _main_body(tree, meta, page, html, reference_time)
    if body is None:
        return _text_fallback(html, reference_time, "no_main_content", meta)
    raw_paragraphs, boxed, trafilatura_doc, body_source = body
    raw_paragraphs, teased = drop_linked_headings(raw_paragraphs, teasers)

    paragraphs, removed = filter_paragraphs(raw_paragraphs, meta.title[0] if meta.title else None)
    removed = boxed + teased + removed
    fill_from_trafilatura(meta, trafilatura_doc, reference_time)
    datelines = [r.text for r in removed if r.reason == "dateline"]
    document = build_document(meta, paragraphs, reference_time, datelines)
    document.field_sources["body"] = body_source
    removed = summarise_removed(page.left_out, paragraphs) + unglued + removed
    document.kind = classify(
        paragraphs,
        document.title,
        # A hint against listings, which a page that declares itself an article is never taken for.
        link_density=density,
        declared_article=meta.declared_article,
    )
    return Cleaned(paragraphs=paragraphs, removed=removed, document=document)


def _main_body(
    tree: HtmlElement, meta: PageMeta, page: PageRead, html: str, reference_time: datetime | None
) -> tuple[list[str], list[Removed], Any, str] | None:
    """The story's paragraphs before the line filters, the boxes taken out of them, trafilatura's document and
    where the text came from: trafilatura's main text repaired, or the page data's `articleBody` when it holds
    far more of the story. None when neither holds any."""
    extracted = main_text(tree, meta, reference_time, lambda: _prepared_tree(html))
    paragraphs: list[str] = []
    boxed: list[Removed] = []
    if extracted is not None:
        paragraphs, boxed = repair_body(page, extracted[0], reject=_boilerplate)
    data_body = _fuller_data_body(meta.body, paragraphs)
    if data_body:
        return data_body, [], extracted and extracted[1], "json-ld"
    return None if extracted is None else (paragraphs, boxed, extracted[1], "trafilatura")


# The page data's `articleBody` replaces the markup's text when the markup holds none of the story (a page its
# scripts fill in) or a small part of it (a teaser over a paywall): then the data has at least this many words,
# and this many times the markup's. A data body shorter than the markup's is often a teaser itself.
_MIN_DATA_WORDS, _MIN_DATA_WORDS_OVER_TEXT, _DATA_TIMES_TEXT = 30, 150, 2


def _fuller_data_body(body: str | None, paragraphs: list[str]) -> list[str]:
    """The `articleBody` paragraphs when they hold far more of the story than the markup's, else []."""
    if not body:
        return []
    data_words = len(body.split())
    text_words = sum(len(p.split()) for p in paragraphs)
    wanted = _MIN_DATA_WORDS if not text_words else max(_MIN_DATA_WORDS_OVER_TEXT, _DATA_TIMES_TEXT * text_words)
    if data_words < wanted:
        return []
    from .bodies import html_paragraphs, text_paragraphs  # html.parser: imported by the pages that need it

    return html_paragraphs(body)[0] if "<" in body else text_paragraphs(body)


def _prepared_tree(html: str) -> HtmlElement | None:
    """The page's tree as trafilatura first got it, built again (for its full cascade: the first tree is spent)."""
    tree = parse_page(html)
    if tree is not None:
        unglue(tree)
    return tree


# --- parsing and extraction ------------------------------------------------------------------


# --- paragraph filters -------------------------------------------------------------------------

_RELATED = re.compile(
    r"^\[?(?:related(?: post| article| story| content)?s?|read more|read also|also read|see also|more|more on this"
    r"|lire aussi|[àa] lire aussi|[àa] lire|voir aussi|sur le m[êe]me sujet)\s*:"
    r"|^also on \S+\.\w{2,}\b|^you may also like",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"\b(?:share (?:it|this)(?: story| article)? with|like this (?:story|article)\?|follow (?:us|me|him|her|them|the "
    r"\w+(?: \w+){0,4}|(?-i:[A-Z][\w.'’-]+)(?: (?-i:[A-Z][\w.'’-]+)){0,3}) on (?:facebook|twitter|instagram|x\b)"
    r"|partagez cet article|suivez-nous sur)",
    re.IGNORECASE,
)
_CREDITS = re.compile(
    r"^\(?(?:reporting by|additional reporting by|writing by|editing by|compiled by|avec (?:l['’])?(?:afp|reuters|ap)\b"
    r"|source\s*:|sources?\s*:\s*\w+$)|^\((?:avec )?(?:afp|reuters|ap)\)\.?$",
    re.IGNORECASE,
)
# Subscription offers for the print edition or alerts (the data file's newsletter phrases cover e-mail).
_SUBSCRIPTION = re.compile(
    r"\bdelivered (?:straight )?(?:to|through) your (?:letter ?box|door(?:step)?|mailbox|home) (?:every|each) "
    r"(?:week|month)\b"
    r"|\b\d+ issues for [£$€]|\bclick here to (?:subscribe|turn on notifications)\b",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"\b(?:may be reached at|can be reached at|have a (?:news )?tip\?|send us a tip|contact the author)", re.I
)
# Lines only a web page holds (plain text keeps its own list): teasers for galleries and coverage, notices that
# an embed needs JavaScript.
_PAGE_TEASER = re.compile(
    r"^(?:photos?|pictures|in pictures|gallery|slideshow|videos?|infographic|podcast|more coverage|full coverage)"
    r"\s*[:|–—]|^(?:click|tap) here (?:to|for) (?:read|see|watch|view|find out|get|learn|listen|follow|our)\b",
    re.IGNORECASE,
)
_NEEDS_SCRIPT = re.compile(
    r"\b(?:this (?:slideshow|video|content|page|site|map|gallery|player) requires javascript|(?:please )?enable "
    r"javascript|javascript (?:is )?(?:disabled|required)|your browser does not support (?:the )?(?:video|audio|iframe)"
    r"|activez javascript)\b",
    re.IGNORECASE,
)
# A widget's stand-in text until its script runs ("Loading weather data ...", "Chargement en cours…").
_LOADING = re.compile(r"^(?:loading|chargement(?: en cours)?)(?:\s+\w+){0,3}\s*(?:\.{3}|…)$", re.IGNORECASE)
# Calls for the reader's comment closing a page's story ("Tell us what YOU think...").
_COMMENT_PROMPT = re.compile(
    r"^\W*(?:tell us what you think|let us know what you think|let us know in the comments|what do you think\?"
    r"|share your (?:thoughts|views) (?:in|below)|leave (?:us )?a comment|join the (?:conversation|discussion))\b",
    re.IGNORECASE,
)
_READING_TIME = re.compile(
    r"^(?:(?:reading time|temps de lecture|tempo de leitura|lesezeit)\s*:?\s*\d+\s*\w*|\d+\s*(?:min(?:ute)?s?|mn)"
    r"\.?\s+(?:read|de lecture))$",
    re.IGNORECASE,
)
# Searched unanchored (every position of the line): each only in a line holding one of its needles.
# The line rules in the order they are tried (an anchored pattern has no needles: it is always searched).
_LINE_RULES = tuple(
    (GatedPattern(pattern), reason)
    for pattern, reason in (
        (_RELATED, "related_links"),
        (_SHARE, "share_prompt"),
        (_CREDITS, "credits"),
        (_CONTACT, "contact_prompt"),
        (_SUBSCRIPTION, "newsletter_prompt"),
        (_READING_TIME, "reading_time"),
        (_PAGE_TEASER, "related_links"),
        (_NEEDS_SCRIPT, "embed"),
        (_LOADING, "embed"),
        (_COMMENT_PROMPT, "comments"),
    )
)
_DATE_WORD_LIST = """
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september
october november december janvier février fevrier mars avril mai juin juillet août aout septembre octobre
novembre décembre decembre monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi
vendredi samedi dimanche at on à le published updated publié mis jour modifié am pm h et gmt utc est edt pst
cet cest
"""
_DATE_WORDS = frozenset(_DATE_WORD_LIST.split())
_SHORTCODE = re.compile(r"\[(\w+)(?: \w+=[^\]]*)?\].*\[/\1\]")


def filter_paragraphs(paragraphs: list[str], title: str | None) -> tuple[list[str], list[Removed]]:
    """Drop the short boilerplate paragraphs main-content extraction lets through, saying why.

    Only short paragraphs are candidates (a long one is prose whatever it mentions); when every
    paragraph would go, the text is kept: an unsure cleaner keeps text.
    """
    kept: list[str] = []
    removed: list[Removed] = []
    # "Headline - Site" in <title>: the heading in the body repeats only the headline.
    title_keys = {text_key(part) for part in [*re.split(r"\s+[-|–—]\s+", title or ""), title or ""] if len(part) > 10}
    for i, paragraph in enumerate(paragraphs):
        reason = _paragraph_reason(paragraph, first=i < 2 and not kept, title_keys=title_keys)
        if reason:
            removed.append(Removed(text=paragraph, reason=reason))
        else:
            kept.append(paragraph)
    if not kept:
        return paragraphs, []
    return kept, removed


def _paragraph_reason(paragraph: str, *, first: bool, title_keys: set[str]) -> str | None:
    words = _WORD.findall(paragraph)
    if len(words) > 40:
        return None
    if first and text_key(paragraph) in title_keys:
        return "title"
    lowered = paragraph.lower()
    for pattern, reason in _LINE_RULES:
        if pattern.search(paragraph, lowered):
            return reason
    table_row = paragraph.startswith("|") and paragraph.endswith("|")  # "| 2019 | 12 |": a row of figures, kept
    if not table_row and len(words) <= 12 and _is_date_only(words):
        return "dateline"
    if (
        not table_row
        and len(words) <= 16
        and looks_like_dateline(paragraph)
        and parse_datetime_text(paragraph, None) is not None
    ):
        return "dateline"  # "publiziert am 25. September 2018", "Posted: Fri 6:45 PM, Feb 16, 2018"
    if _SHORTCODE.search(paragraph):
        return "markup"  # unrendered shortcodes ("[button link=…]…[/button]")
    return phrase_reason(paragraph, len(words))


def _boilerplate(paragraph: str) -> bool:
    return _paragraph_reason(paragraph, first=False, title_keys=set()) is not None


def _is_date_only(words: list[str]) -> bool:
    has_year = any(w.isdigit() and len(w) == 4 and w[:2] in ("19", "20") for w in words)
    return has_year and all(w.isdigit() or w.lower() in _DATE_WORDS for w in words)


# --- text fallback -------------------------------------------------------------------------------

_TAG_START = re.compile(r"<(?:!|\?|/?[a-zA-Z])")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# RAW_TEXT (html_blocks.py): elements whose content is not page text. <head> is not one: its end tag is
# optional in HTML5, and what it holds is either raw text already (title, script, style) or empty elements.
# Unclosed, these hide everything after them in a browser too; the others are then skipped alone.
_RAW_TO_END = frozenset(("script", "style"))
_BLOCK_TAG_NAMES = """
p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer nav aside blockquote pre
figure figcaption dd dt dl main form hr
"""
_BLOCK = frozenset(_BLOCK_TAG_NAMES.split())


def visible_text(html: str) -> str:
    """Page text without a tree: one forward scan, so any nesting depth or size costs linear time."""
    lower = html.lower()
    unclosed: set[str] = set()
    parts: list[str] = []
    pos, end = 0, len(html)
    while pos < end:
        start = _TAG_START.search(html, pos)
        if start is None:
            parts.append(html[pos:])
            break
        lt = start.start()
        parts.append(html[pos:lt])
        if html.startswith("<!--", lt):
            close = html.find("-->", lt + 4)
            pos = end if close < 0 else close + 3
            continue
        m = _TAG_NAME.match(html, lt)
        if m is None:  # "<!doctype …>", "<?xml …?>"
            gt = html.find(">", lt)
            pos = end if gt < 0 else gt + 1
            continue
        gt = html.find(">", m.end())
        if gt < 0:
            break
        name = m.group(2).lower()
        pos = gt + 1
        if name in RAW_TEXT and not m.group(1) and html[gt - 1] != "/":  # "<svg/>" has no content
            close = lower.find(f"</{name}", pos) if name not in unclosed else -1
            if close >= 0:
                pos = close
            elif name in _RAW_TO_END:
                pos = end
            else:
                unclosed.add(name)  # no later one is closed either: never search again (linear)
        elif name in _BLOCK:
            parts.append("\n")
    return html_lib.unescape("".join(parts))


def _text_fallback(html: str, reference_time: datetime | None, why: str, meta: PageMeta | None = None) -> Cleaned:
    """No usable main content from the tree: clean the page's visible text as plain text."""
    from .plain import clean_plain, plain_text

    text = plain_text(visible_text(html))  # the page source's own wrapping, if any, undone
    if not text.strip():
        cleaned = Cleaned(paragraphs=[], document=Document(format="html", kind="error"))
    else:
        cleaned = clean_plain(text, reference_time=reference_time)
    document = cleaned.document
    if meta is not None:
        merged = build_document(meta, cleaned.paragraphs, reference_time)
        for name in ("title", "authors", "byline", "publisher", "published_at", "modified_at", "agencies"):
            if merged.field_sources.get(name):
                setattr(document, name, getattr(merged, name))
                document.field_sources[name] = merged.field_sources[name]
        if merged.published_at is not None:
            document.published_at_basis = "metadata"
    document.format = "html"
    document.field_sources["body"] = f"text_fallback:{why}"
    if cleaned.paragraphs and document.kind in ("article", "unknown"):
        document.kind = classify(
            cleaned.paragraphs, document.title, declared_article=bool(meta and meta.declared_article)
        )
    return cleaned
