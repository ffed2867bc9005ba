"""The page's tree made ready for trafilatura: what sits inside a sentence stays or goes as a reader would see it.

Inside a paragraph, a span listing links to other stories (a person's hover card, teasers) is not part of the
sentence and goes; a list of links right after a paragraph goes; and an inline span that precision mode's class
rules would cut out of a sentence or a heading keeps its words ("5 Tips to Enjoy Game D|ay Parties").
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from ..models import Removed
from .html_blocks import RAW_TEXT, SNIPPET, FoldedPattern

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def unglue(tree: HtmlElement) -> list[Removed]:
    """Our changes to the tree before trafilatura reads it: link lists inside the running text out, inline spans
    kept whole, pop-up boxes out."""
    unglued = _drop_popups(tree) + _drop_inline_link_lists(tree) + _drop_link_only_lists(tree)
    unglued += _drop_link_only_paragraphs(tree) + _drop_teaser_boxes(tree)
    _unwrap_source_lines(tree)
    _unwrap_layout_tables(tree)
    _keep_inline_spans(tree)
    _keep_subheadings(tree)
    return unglued


@cache
def _wrapped_texts() -> Any:
    """Text nodes in the body with a line break between words, outside preformatted text and code. Compiled on
    first use: lxml is not imported for plain-text events."""
    from lxml import etree

    return etree.XPath(
        "//body//text()[contains(., '\n') and normalize-space(.)]"
        "[not(ancestor::pre or ancestor::code or ancestor::textarea or ancestor::script or ancestor::style)]"
    )


_LINE_BREAK = re.compile(r"[ \t\r\f\v]*\n\s*")


def _unwrap_source_lines(tree: HtmlElement) -> None:
    """A line break in a text node is the HTML source's own wrapping, a space to the reader. trafilatura keeps it
    as a line break in text a <div> or <span> holds ("won the⏎Africa Movie Academy Award"), which cut sentences
    into lines; a <br> is an element, not text, and stays a line break."""
    for text in _wrapped_texts()(tree):
        if "\n" not in text.strip():
            continue
        parent = text.getparent()
        if parent is None:
            continue
        if text.is_tail:
            parent.tail = _LINE_BREAK.sub(" ", parent.tail)
        else:
            parent.text = _LINE_BREAK.sub(" ", parent.text)


_TABLE_PARTS = ("thead", "tbody", "tfoot")
_CELLS = ("td", "th")
_LAYOUT_BLOCKS = ("h1", "h2", "h3", "p")


def _unwrap_layout_tables(tree: HtmlElement) -> None:
    """A table that lays out the page (the navigation in one cell, the story in the next, as older sites do) is
    divisions, not data: trafilatura would give its whole story as one table row, cells joined by "|". A table is
    taken for layout when one of its own cells holds a headline or two paragraphs; its rows and cells become
    <div>s (a table inside a cell is judged on its own)."""
    for table in list(tree.iter("table")):
        rows = [row for part in table.iterchildren(*_TABLE_PARTS) for row in part.iterchildren("tr")]
        rows += list(table.iterchildren("tr"))
        cells = [cell for row in rows for cell in row.iterchildren(*_CELLS)]
        if not any(_holds_layout_blocks(cell) for cell in cells):
            continue
        for element in [table, *table.iterchildren(*_TABLE_PARTS), *rows, *cells]:
            element.tag = "div"


def _holds_layout_blocks(cell: Any) -> bool:
    """A headline, or two paragraphs, in the cell (not in a table inside it)."""
    paragraphs = 0
    for element in cell.iter(*_LAYOUT_BLOCKS):
        if next(element.iterancestors("table", "td", "th"), None) is not cell:
            continue
        if element.tag != "p":
            return True
        paragraphs += 1
        if paragraphs == 2:
            return True
    return False


# A box the page shows over the article (sign-up, "before you go", metered-access prompts), by its class or id.
_POPUP_MARK = FoldedPattern(re.compile(r"pop-?up|modal|lightbox|interstitial|exit-?intent", re.IGNORECASE))
_POPUP_TAGS = ("dialog", "div", "section", "aside", "form")  # a dialog always; the others by their marks
MAX_POPUP_CHARS = 1500  # a pop-up is small: a "modal" wrapper around the whole story is not one
_LISTED_POPUPS, _LISTED_POPUP_WORDS = 3, 4  # pop-ups listed among the removals, and the words each must have


def _visible_text(element: Any) -> str:
    """The element's text without its scripts and styles, whitespace collapsed."""
    parts: list[str] = []
    for inner in element.iter():
        if inner is not element and inner.tail:
            parts.append(inner.tail)
        shown = isinstance(inner.tag, str) and inner.tag not in RAW_TEXT
        if inner.text and shown and not any(ancestor.tag in RAW_TEXT for ancestor in inner.iterancestors()):
            parts.append(inner.text)
    return " ".join(" ".join(parts).split())


def _is_popup(element: Any) -> bool:
    """A dialog, or a box whose class or id marks a pop-up (tested here: an XPath with EXSLT's re:test calls back into
    Python for every element and walks the tree twice as slowly)."""
    if element.tag == "dialog":
        return True
    classes, ident = element.get("class"), element.get("id")
    return bool((classes and _POPUP_MARK.search(classes)) or (ident and _POPUP_MARK.search(ident)))


def _drop_popups(tree: HtmlElement) -> list[Removed]:
    """A pop-up's text (a sign-up or metered-access prompt shown over the page) is not the article's, wherever the
    page puts its markup: inside the story's container, precision mode keeps it as a paragraph."""
    removed: list[Removed] = []
    root = tree.getroottree().getroot()
    for element in [element for element in root.iter(_POPUP_TAGS) if _is_popup(element)]:
        if element.getroottree().getroot() is not root or next(element.iter("h1"), None) is not None:
            continue  # already gone with an outer pop-up, or it holds the headline: the page, not a box
        text = _visible_text(element)
        if len(text) > MAX_POPUP_CHARS:
            continue
        if text.count(" ") >= _LISTED_POPUP_WORDS - 1 and len(removed) < _LISTED_POPUPS:
            removed.append(Removed(text=text[:SNIPPET], reason="popup"))  # a few, not every "Close" button
        _replace_with_text(element, "")
    return removed


_HOVER_CARD_MARKS = ("rollover", "tooltip", "popover", "hovercard", "hover-card")
# A span with one of these marks is a card or teaser only when it holds a link ("person-card", "teaser").
_LINKED_CARD_MARKS = ("card", "teaser", "recirc", "related")
_HOVER_CARD = " or ".join(f"contains(@class,'{mark}')" for mark in _HOVER_CARD_MARKS)
_LINKED_CARD = " or ".join(f"contains(@class,'{mark}')" for mark in _LINKED_CARD_MARKS)
# One pass over the paragraphs' descendants (the union of three paths, `//p//span[count(.//a) >= 2] | //p//*[…] |
# //p//span[.//a][…]`, walks them three times and merges).
_INLINE_LINK_LISTS = f"//p//*[self::span[count(.//a) >= 2] or {_HOVER_CARD} or self::span[.//a][{_LINKED_CARD}]]"
# A link inside a paragraph that announces another story ("Related: …", "READ MORE: …").
_TEASER_LINK = re.compile(r"^\W*(?:related|read more|read also|also read|see also|more|watch|recommended)\s*:", re.I)


def _drop_inline_link_lists(tree: HtmlElement) -> list[Removed]:
    """Inside a paragraph, a span that is a list of links to other stories or a card about the link it follows
    (a person's hover card, teasers), or a link announcing another story, is not part of the sentence: it goes, the
    sentence around it stays ("Kristi NoemKristi Lynn NoemSouth Dakota governor…" becomes "Kristi Noem (R) is…")."""
    removed: list[Removed] = []
    dropped: list[Any] = []
    for element in tree.xpath(_INLINE_LINK_LISTS):
        if any(ancestor in dropped for ancestor in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        links = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
        marks = (element.get("class") or "").lower()
        card = any(m in marks for m in _HOVER_CARD_MARKS) or (
            element.tag == "span" and links > 0 and any(m in marks for m in _LINKED_CARD_MARKS)
        )
        if text and (card or links >= 0.6 * len(text)):
            removed.append(Removed(text=text[:SNIPPET], reason="related_links"))
            dropped.append(element)
            _replace_with_text(element, _anchor_text(element))
    for link in tree.xpath("//p//a"):
        text = " ".join(link.text_content().split())
        if link.getparent() is None:
            continue
        if _TEASER_LINK.match(text) or _cut_teaser_prompt(link):  # the prompt in the link or just before it
            removed.append(Removed(text=text[:SNIPPET], reason="related_links"))
            _replace_with_text(link, " ")
    return removed


# A prompt that announces the link right after it, closing the text before the link ("… he said. Read more: <a>").
_TEASER_PROMPT = re.compile(
    r"(?:^|(?<=[.!?…”\"’)]))\s*(?:related|read more|read also|also read|see also|more|watch|recommended|don['’]t miss)"
    r"\s*:\s*$",
    re.IGNORECASE,
)


def _cut_teaser_prompt(link: Any) -> bool:
    """Whether a prompt ("Read more:", in plain text or in its own bold run) comes right before `link` inside a
    paragraph, after a finished sentence or opening it; the prompt is cut from the text, the caller drops the
    link."""
    previous = link.getprevious()
    if previous is not None and (previous.tail or "").strip():
        cut = _TEASER_PROMPT.sub("", previous.tail)
        if cut != previous.tail:
            previous.tail = cut + " "
            return True
        return False
    if previous is not None:
        if _TEASER_PROMPT.fullmatch(" ".join(previous.text_content().split())):
            _replace_with_text(previous, "")
            return True
        return False
    parent = link.getparent()
    cut = _TEASER_PROMPT.sub("", parent.text or "")
    if cut != (parent.text or ""):
        parent.text = cut + " "
        return True
    return False


_CHROME = ("footer", "nav", "aside", "header")  # a row of links there is the page's, summarised with it
_SEPARATORS = re.compile(r"[\s|•·,/–—-]*")


def _drop_link_only_paragraphs(tree: HtmlElement) -> list[Removed]:
    """A paragraph made of two or more links and nothing but separators ("Bridges of the north | Ferry fares rise",
    one link a line) is a list of other stories, whatever paragraph tag holds it (in a footer or navigation bar, it
    is the page's own links, left to the summary of that block)."""
    removed: list[Removed] = []
    for paragraph in list(tree.iter("p")):
        links = paragraph.findall(".//a")
        if len(links) < 2 or paragraph.getparent() is None:
            continue
        outside = [paragraph.text or ""]
        for element in paragraph.iterdescendants():
            if element.tag == "a":
                outside.append(element.tail or "")
            elif not any(ancestor.tag == "a" for ancestor in element.iterancestors()):
                outside += [element.text or "", element.tail or ""]
        if _SEPARATORS.fullmatch("".join(outside)) and next(paragraph.iterancestors(*_CHROME), None) is None:
            texts = [" ".join(link.text_content().split()) for link in links]
            removed.append(Removed(text=" | ".join(texts)[:SNIPPET], reason="related_links"))
            _replace_with_text(paragraph, "")
    return removed


def linked_headings(tree: HtmlElement) -> frozenset[str]:
    """Subheadings that are one link to another page, all of it: titles of other stories (teasers), not headings of
    this one; a link to a part of the page ("#section") is the page's own. Read, not removed: the teaser around
    the title is the extractor's to judge, the title line goes from the body (`drop_linked_headings`)."""
    texts: set[str] = set()
    for heading in tree.iter("h2", "h3", "h4", "h5", "h6"):
        links = heading.findall(".//a")
        if len(links) != 1 or (links[0].get("href") or "#").startswith("#"):
            continue
        text = " ".join(heading.text_content().split())
        if text and text == " ".join(links[0].text_content().split()):
            texts.add(text)
    return frozenset(texts)


def drop_linked_headings(paragraphs: list[str], teasers: frozenset[str]) -> tuple[list[str], list[Removed]]:
    """The body without the lines that are the title of a linked teaser heading (see `linked_headings`)."""
    if not teasers:
        return paragraphs, []
    kept = [p for p in paragraphs if " ".join(p.split()) not in teasers]
    gone = [Removed(text=p, reason="related_links") for p in paragraphs if " ".join(p.split()) in teasers]
    return (kept, gone) if kept else (paragraphs, [])


# A heading that introduces links to other stories, all of its text.
_TEASER_HEADING = re.compile(
    r"^\W*(?:don['’]?t miss|do not miss|more (?:stories|news|articles|from [\w ]{1,30}|on [\w ]{1,30})|related"
    r"(?: stories| articles| content| coverage| posts| news| links)?|read (?:more|next|also)|also read|see also"
    r"|you (?:may|might) also (?:like|enjoy)|recommended(?: for you| stories| reading)?|trending(?: now| stories)?"
    r"|most (?:popular|read|viewed)|popular (?:stories|now|posts)|further reading|editor['’]?s picks|top stories"
    r"|(?:more )?must[- ]reads?(?: from [\w ]{1,30})?|more like this|more in [\w ]{1,30}|more to (?:read|explore)"
    r"|up next|what to read next|keep reading|(?:in case )?you (?:may have )?missed(?: it)?|around the web"
    r"|latest (?:stories|news|articles|headlines)|explore more"
    r"|lire aussi|[àa] lire aussi|[àa] lire [ée]galement|sur le m[êe]me sujet|dans la m[êe]me rubrique"
    r"|nos derniers articles|les plus lus|[àa] voir aussi"
    r"|noticias relacionadas|te puede interesar|lee también|ver también|mehr zum thema|leggi anche|leia também"
    r"|veja também)\W*$",
    re.IGNORECASE,
)
MAX_TEASER_WORDS = 60  # a teaser (title and summary) is at most this long


def _drop_teaser_boxes(tree: HtmlElement) -> list[Removed]:
    """A box of links to other stories under its heading ("Don't Miss", "More Stories", "Related"): the whole box
    when the heading opens a small container of two or more links, else the heading and the linked teasers right
    after it (each short and holding a link); the summaries under the teaser titles go with them."""
    removed: list[Removed] = []
    for heading in _teaser_heading_candidates(tree):
        parent = heading.getparent()
        if parent is None or not _TEASER_HEADING.match(" ".join(heading.text_content().split())):
            continue
        if parent.tag in _CHROME or next(parent.iterancestors(*_CHROME), None) is not None:
            continue  # the page's own chrome: left out and summarised with it
        box = [heading]
        if heading.getprevious() is None and not (parent.text or "").strip() and parent.tag not in _BODY_TAGS:
            text = " ".join(parent.text_content().split())
            if len(parent.findall(".//a")) >= 2 and len(text) <= MAX_POPUP_CHARS and parent.find(".//h1") is None:
                box = [parent]
        if box == [heading]:
            sibling = heading.getnext()
            while sibling is not None and _is_teaser(sibling):
                box.append(sibling)
                sibling = sibling.getnext()
            if len(box) < 2:
                continue
        texts = " ".join(" ".join(" ".join(element.itertext()) for element in box).split())
        removed.append(Removed(text=texts[:SNIPPET], reason="related_links"))
        for element in box:
            _replace_with_text(element, "")
    return removed


def _is_teaser(element: Any) -> bool:
    """A short element that is or holds a link: a teaser's title, with its summary."""
    linked = element.tag == "a" or element.find(".//a") is not None
    return linked and len(element.text_content().split()) <= MAX_TEASER_WORDS


_BODY_TAGS = frozenset(("body", "main", "article", "html"))
_BOLD = ("strong", "b")


def _teaser_heading_candidates(tree: HtmlElement) -> list[Any]:
    """What may be a teaser box's heading, in page order: subheadings, a paragraph that is one bold run, a childless
    div (`//h2 | … | //h6 | //p[strong or b][count(*) = 1] | //div[not(*)]`: one walk over these tags instead of
    XPath's seven, which cost twice as much). Children are counted with `len`: the parser keeps no comments or
    processing instructions (`parse_page`), so every child is an element."""
    found: list[Any] = []
    for element in tree.iter("h2", "h3", "h4", "h5", "h6", "p", "div"):
        tag = element.tag
        if tag == "div":
            if not len(element):
                found.append(element)
        elif tag == "p":
            if len(element) == 1 and element[0].tag in _BOLD:
                found.append(element)
        else:
            found.append(element)
    return found


def _drop_link_only_lists(tree: HtmlElement) -> list[Removed]:
    """A list in the running text (right after a paragraph) whose every item is one link and nothing else
    ("15 Amazing Images of Stars", "11 Facts About…") points to other stories; precision mode keeps it."""
    removed: list[Removed] = []
    for items in list(tree.iter("ul", "ol")):
        previous = items.getprevious()
        if previous is None or previous.tag != "p" or len(items) < 2:
            continue
        texts = []
        for item in items.iterchildren("li"):
            links = item.findall(".//a")
            text = " ".join(item.text_content().split())
            if len(links) != 1 or not text or text != " ".join(links[0].text_content().split()):
                break
            texts.append(text)
        else:
            if len(texts) >= 2:
                removed.append(Removed(text=" | ".join(texts)[:SNIPPET], reason="related_links"))
                _replace_with_text(items, "")
    return removed


# Elements that hold a sentence; a heading's spans are all styling.
_SENTENCE_HOLDERS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li")
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# Hidden from the reader: such a span's words are not the sentence's, and stay marked for removal.
_HIDDEN_CLASS = FoldedPattern(re.compile(r"hidden|sr-only|screen-?reader|visually-?hidden|offscreen|a11y", re.I))
_MAX_INLINE_WORDS = 12  # a span mid-sentence longer than this is a block of its own (a card, a pull quote)
_FOLLOWS = re.compile(r"\s*(?:[a-z0-9]|[,;:.)!?’'”\]-])")  # what continues a sentence after a span


def _keep_inline_spans(tree: HtmlElement) -> None:
    """A span inside a heading, or inside a paragraph or list item mid-word or mid-sentence, is part of its text:
    trafilatura's class and style rules (a "bar", "meta", "caption", "link" or bordered-box class) must not cut
    words out of it ("5 Tips to Enjoy Game D|ay Parties", "struc|ture", "The truss bridge"), so the attributes
    they read go. Hidden spans stay as they are."""
    for span in tree.iter("span"):
        attrib = span.attrib
        if not ("class" in attrib or "id" in attrib or "style" in attrib) or _hidden(attrib):
            continue
        holder = next(span.iterancestors(*_SENTENCE_HOLDERS), None)
        if holder is None:
            continue
        if holder.tag in _HEADINGS or _precision_chrome(attrib) or _inside_sentence(span):
            for name in ("class", "id", "style"):
                attrib.pop(name, None)


# Precision mode's class rules for page-bottom chrome and link boxes ("bottom", "link" class tokens, bordered
# boxes) match a span inside a sentence wherever it sits ('<span class="link"><a>the NFL will fine Rudolph</a>').
_PRECISION_CHROME = re.compile(r"(?:^|\s)(?:bottom|link)(?:\s|$)|bottom(?:\s|$)")


def _precision_chrome(attrib: Any) -> bool:
    klass, ident, style = attrib.get("class"), attrib.get("id"), attrib.get("style")
    return bool(
        (klass and _PRECISION_CHROME.search(klass))
        or (ident and _PRECISION_CHROME.search(ident))
        or (style and "border" in style)
    )


def _hidden(attrib: Any) -> bool:
    style = (attrib.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style or "hidden" in attrib:
        return True
    if attrib.get("aria-hidden") == "true":
        return True
    marks = f"{attrib.get('class') or ''} {attrib.get('id') or ''}"
    return _HIDDEN_CLASS.search(marks)


def _inside_sentence(span: Any) -> bool:
    """The span splits a word (text glued on either side) or sits between the words of a sentence (text before it,
    a short span, and after it the sentence going on in lower case or punctuation)."""
    text = span.text_content()
    if not text.strip():
        return False
    previous = span.getprevious()
    before = (previous.tail if previous is not None else span.getparent().text) or ""
    after = span.tail or ""
    if (before[-1:].isalnum() and text[:1].isalnum()) or (text[-1:].isalnum() and after[:1].isalnum()):
        return True
    has_before = bool(before.strip()) or previous is not None
    short = len(text.split()) <= _MAX_INLINE_WORDS
    return has_before and short and bool(_FOLLOWS.match(after))


# A div or p the page styles as a subheading between paragraphs ("subhead", "crosshead", "intertitle"; not a
# "subheadline", which is often the standfirst).
_SUBHEADING_MARKS = re.compile(r"(?:^|[-_ ])(?:sub-?head(?:ing)?|cross-?head|inter-?title)(?:$|[-_ ])", re.IGNORECASE)
_MAX_SUBHEADING = 200  # characters
# The letters of "head" and "intertitle" in lower case (XPath's `translate(@class, 'HEADIT', 'headit')`): a class
# holding neither is no candidate.
_HEADIT = str.maketrans("HEADIT", "headit")


def _keep_subheadings(tree: HtmlElement) -> None:
    """Subheadings between the story's paragraphs survive precision mode, which drops every <header> (a section's
    header holding only its subheading, too) and short divs: a header that is only a subheading loses its tag and
    marks, and a div or p styled as one becomes an <h3>."""
    for header in list(tree.iter("header")):
        headings = [child for child in header if child.tag in _HEADINGS and child.tag != "h1"]
        if len(headings) != 1 or header.find(".//a") is not None or header.find(".//h1") is not None:
            continue
        if " ".join(header.text_content().split()) == " ".join(headings[0].text_content().split()):
            header.tag = "div"
            for name in ("class", "id", "role"):
                header.attrib.pop(name, None)
    for element in _subheading_candidates(tree):
        if not _SUBHEADING_MARKS.search(element.get("class") or ""):
            continue
        text = (element.text or "").strip()
        previous = element.getprevious()
        if text and len(text) <= _MAX_SUBHEADING and previous is not None and previous.tag == "p":
            element.tag = "h3"
            element.attrib.pop("class", None)


def _subheading_candidates(tree: HtmlElement) -> list[Any]:
    """Childless divs and paragraphs whose class holds "head" or "intertitle" in any case of those letters, in page
    order: `//*[self::div or self::p][not(*)][contains(translate(@class, …), 'head') or …]` without XPath, whose
    `//*` with string functions reads every element of the page (several times the cost of this walk over two
    tags). Childless as `not(*)` means it: the parser keeps no comments or processing instructions (`parse_page`),
    so every child is an element."""
    found: list[Any] = []
    for element in tree.iter("div", "p"):
        if len(element):
            continue
        klass = element.get("class")
        if klass:
            folded = klass.translate(_HEADIT)
            if "head" in folded or "intertitle" in folded:
                found.append(element)
    return found


def _anchor_text(element: Any) -> str:
    """The link a hover card hangs on ("<span><a>Kristi Noem</a><span>card…</span></span>") stays as text; a card
    right after a link ("<a>Kristi Noem</a><span><a>Kristi Lynn Noem</a><a>…</a></span>") is that link's, and
    its first link, the name again, goes with it."""
    previous = element.getprevious()
    if previous is not None and previous.tag == "a" and not (previous.tail or "").strip():
        return ""
    first = element[0] if len(element) else None
    if first is not None and first.tag == "a" and not (element.text or "").strip():
        return " ".join(first.text_content().split())
    return ""


def _replace_with_text(element: Any, text: str) -> None:
    parent, previous = element.getparent(), element.getprevious()
    if parent is None:
        return
    joined = text + (element.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    parent.remove(element)
