"""Prose paragraphs trafilatura's precision mode leaves out of the article, put back.

Precision mode drops a paragraph it cannot tie to the main container: a lead paragraph that sits
in a summary block above the article's text container, text a page interleaves with embeds or ads,
loose text directly inside a section. Its recall mode does not find them either. So we read the page
as a reader would: its text blocks in document order. A block missing from the body comes back when
it is plain prose (a long, sentence-like, mostly unlinked text outside navigation, asides, captions,
embeds and prompts) and it sits where article text sits: between two kept paragraphs, right above
the first one with nothing but short blocks (bylines, dates, images) in between (but not right under
the headline: that is the standfirst), or right after the last one up to the next heading.

The same read of the page gives the words of the small newsletter and related-links boxes it leaves
out: a short body line found only there ("Pick Six Newsletter") is the box's, and goes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, repeat
from typing import TYPE_CHECKING, Any

from ..models import Removed
from .boilerplate import stop_ratio
from .html_blocks import RAW_TEXT, FoldedPattern, leading_texts, left_out_blocks, marks_reason, text_key
from .normalize import normalize_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.html import HtmlElement

MIN_WORDS = 15  # a block shorter than this is never recovered (captions, bylines, teasers) ...
MIN_BODY_WORDS = 4  # ... unless it is a paragraph in the same kind of container as the body's (then this)
MAX_LINK_SHARE = 0.3  # share of a block's characters inside links: above, it is a link list ...
MAX_BODY_LINK_SHARE = 0.6  # ... unless it is a paragraph in the body's own kind of container (then this)
MIN_STOP_RATIO = 0.2  # prose has function words; product specs and name lists do not
LEAD_REACH = 4  # blocks between a recovered lead and the first kept paragraph, at most
LEAD_GAP_WORDS = 3  # ... and each of them this short ("Advertisement", "Get short URL")
MAX_GAP_WORDS = 25  # a block the tail passes over (an embed's title, a pull quote) is at most this long
MAX_LEAD = 3  # lead paragraphs recovered above the first kept one (subheadings between them come too)
FUZZY_WORDS = 8  # a block shorter than this is placed in the body by an exact match only, not shared trigrams
ANCHOR_WORDS = 5  # a block this long found in the body ties the body to the page
MAX_BOX_CHARS = 1500  # a prompt box is small; a "related" wrapper around the whole story is not one
MAX_BOXED_WORDS = 40  # body lines longer than this are prose, wherever their words also appear
_BOX_REASONS = frozenset(("newsletter_prompt", "related_links"))

_SUBHEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
MAX_HEADING = 200  # characters: a longer "heading" is a styled paragraph
_WORD = re.compile(r"\w+")
# A caption or credit set as a paragraph ("Photo: the bridge at dawn.").
_CAPTION = re.compile(
    r"^\W*(?:photo|image|picture|illustration|graphic|video|credit|source|file)s?\b\s*(?::|/|by\b|courtesy\b)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’»)]*$")
_BLOCK_TAG_NAMES = "p div section article main li dd dt td th h1 h2 h3 h4 h5 h6 pre center hr"
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
# Parts that are not the article's running text (lists and tables are kept by trafilatura when they are).
_LEAVE_OUT_TAG_NAMES = """
nav aside footer form figure figcaption blockquote button label select option table ul ol dl
"""
_LEAVE_OUT_TAGS = frozenset(_LEAVE_OUT_TAG_NAMES.split())
_LEAVE_OUT_MARKS = re.compile(
    r"caption|credit|byline|author|(?:^|[-_ ])bio(?:$|[-_ ])|teaser|promo|card|subscri|newsletter|related|recirc"
    r"|disclaimer|tooltip|popup|modal|sr-only|visually-hidden"
)


class _Block:
    __slots__ = ("embed", "heading", "headline", "key", "link_chars", "parent", "text")

    def __init__(self, text: str, link_chars: int, tag: str, parent: str = "") -> None:
        self.text = text
        self.embed = tag == _EMBED  # a line of a post the article embeds (see `_embedded_post`)
        self.heading = tag in _SUBHEADINGS and len(text) <= MAX_HEADING
        self.headline = tag == "h1"
        self.link_chars = link_chars
        self.key = text_key(text)
        self.parent = parent  # the tag and class of a paragraph's or subheading's parent ("" for other blocks)


class PageRead:
    """One read of the page: its text blocks in order, the small prompt boxes left out (reason, words), and
    the left-out blocks with a reason and their leading text (html_blocks' summary of what the body does not
    hold). Only text: the read outlives the tree, which trafilatura changes next."""

    __slots__ = ("blocks", "boxes", "left_out")

    def __init__(self, blocks: list[_Block], boxes: list[tuple[str, str]], left_out: list[tuple[str, str]]) -> None:
        self.blocks, self.boxes, self.left_out = blocks, boxes, left_out


def repair_body(
    page: HtmlElement | PageRead, paragraphs: list[str], reject: Callable[[str], bool] | None = None
) -> tuple[list[str], list[Removed]]:
    """Prompts kept from a small newsletter or related-links box go (with the reason), then the prose blocks
    precision mode dropped come back in page order. `page` is the tree or its read (`read_page`)."""
    read = page if isinstance(page, PageRead) else read_page(page)
    kept, removed = _drop_boxed(paragraphs, read.blocks, read.boxes)
    return _recover(read.blocks, kept, reject), removed


def recover_paragraphs(
    tree: HtmlElement, paragraphs: list[str], reject: Callable[[str], bool] | None = None
) -> list[str]:
    """The body with the prose blocks precision mode dropped put back in page order (and boxed prompts out).

    `reject` is the body's own paragraph filter: a block it would drop is not recovered.
    """
    return repair_body(tree, paragraphs, reject)[0]


def _drop_boxed(
    paragraphs: list[str], blocks: list[_Block], boxes: list[tuple[str, str]]
) -> tuple[list[str], list[Removed]]:
    """A short body line whose text is found only inside a newsletter or related-links box ("Pick Six
    Newsletter", "Get the day's big stories…") is that box's, not the article's."""
    if not boxes:
        return paragraphs, []
    visible = "\n".join(block.key for block in blocks)
    kept: list[str] = []
    removed: list[Removed] = []
    for paragraph in paragraphs:
        key = text_key(paragraph)
        box = None
        if key and key.count(" ") < MAX_BOXED_WORDS and key not in visible:
            box = next((reason for reason, text in boxes if key in text), None)
        if box:
            removed.append(Removed(text=paragraph, reason=box))
        else:
            kept.append(paragraph)
    return (kept, removed) if kept else (paragraphs, [])


def _recover(blocks: list[_Block], paragraphs: list[str], reject: Callable[[str], bool] | None) -> list[str]:
    """The lead, the gaps and the tail, inserted where the page puts them."""
    if not paragraphs:
        return paragraphs
    placer = _Placer(paragraphs)
    # Where each page block sits in the body: the index of the paragraph holding it, or None.
    # An embedded post's line found in the body is not placed: the article may quote the post word for word.
    placed = [None if block.embed else placer.place(block.key) for block in blocks]
    anchors = [i for i, at in enumerate(placed) if at is not None and len(blocks[i].key.split()) >= ANCHOR_WORDS]
    if not anchors:
        return paragraphs
    first, last = anchors[0], anchors[-1]
    before: dict[int, list[str]] = {}  # paragraph index -> recovered texts to insert before it
    lead = _lead(blocks, placed, first, reject)
    if lead:
        before.setdefault(placed[first] or 0, []).extend(lead)
    # Between two blocks that hold neighbouring body paragraphs: text the page interleaves with embeds or
    # ads. Blocks between distant paragraphs are not taken (a sidebar that repeats a paragraph is no gap).
    holder, pending = placed[first] or 0, []
    body_parents = _body_parents(blocks, placed)
    for i in range(first + 1, last + 1):
        at = placed[i]
        if at is None:
            standfirst = blocks[i - 1].headline  # right under the headline (see _lead)
            if not standfirst and (
                blocks[i].embed
                or _is_prose(blocks[i], reject)
                or _is_heading(blocks[i], reject)
                or _is_body_text(blocks[i], body_parents, reject)
            ):
                pending.append(normalize_text(blocks[i].text))
            continue
        if pending and holder <= at <= holder + 1:
            before.setdefault(holder + 1, []).extend(pending)
        holder, pending = at, []
    if placed[last] == len(paragraphs) - 1:
        before.setdefault(len(paragraphs), []).extend(_tail(blocks, placed, last, body_parents, reject))
    if not any(before.values()):
        return paragraphs
    out: list[str] = []
    for j, paragraph in enumerate(paragraphs):
        out += before.get(j, [])
        out.append(paragraph)
    out += before.get(len(paragraphs), [])
    return out


def _lead(
    blocks: list[_Block], placed: list[int | None], first: int, reject: Callable[[str], bool] | None
) -> list[str]:
    """Prose blocks right above the first kept paragraph, with the subheadings between them.

    Blocks of a few words ("Get short URL", "Advertisement") may separate the lead from the body; a
    longer one (a source line, a dateline, a standfirst heading) ends the search, and so does anything
    that is neither prose nor a subheading once a lead is found. A paragraph right under the headline
    is the standfirst (headline, standfirst, byline, then the story), not recovered.
    """
    lead: list[int] = []  # block indexes, top first
    prose = skipped = 0
    for i in range(first - 1, -1, -1):
        block = blocks[i]
        if placed[i] is None and _is_prose(block, reject):
            lead.insert(0, i)
            prose += 1
            if prose == MAX_LEAD:
                break
        elif lead and placed[i] is None and _is_heading(block, reject):
            lead.insert(0, i)
        elif not lead and skipped < LEAD_REACH and (placed[i] is not None or len(block.key.split()) <= LEAD_GAP_WORDS):
            skipped += 1
        else:
            break
    if lead and lead[0] > 0 and blocks[lead[0] - 1].headline:
        lead.pop(0)  # right under the headline, above byline and date: the standfirst, not the story's text
    while lead and blocks[lead[0]].heading:
        lead.pop(0)  # a heading above the lead is the page's standfirst or section name, not body text
    return [normalize_text(blocks[i].text) for i in lead]


def _tail(
    blocks: list[_Block],
    placed: list[int | None],
    last: int,
    body_parents: set[str],
    reject: Callable[[str], bool] | None,
) -> list[str]:
    """Prose blocks that continue the page after the body's last paragraph (the text after an embed or an ad
    that ended the extraction); the first other block ends the article. A subheading ends it too (it opens the
    comments, the related stories or the next article) unless it sits in the same kind of container as the
    body's own paragraphs and prose follows it: a story split into several text containers between ads goes on
    past its subheadings (a story kept 5 paragraphs of 16). Between them, a few short blocks (an ad label, an
    embed's title, a pull quote) are passed over; past one of more than a few words, only paragraphs of the
    body's own kind of container continue the story. Each container the tail takes text from counts as the body's
    from then on."""
    parents = set(body_parents)
    tail: list[_Block] = []
    headings: list[_Block] = []  # subheadings read since the last prose block: kept only if prose follows
    skipped, long_gap = 0, False
    for i in range(last + 1, len(blocks)):
        block = blocks[i]
        if placed[i] is not None or block.headline:
            break
        own = block.embed or _is_body_text(block, parents, reject)
        if own or (not long_gap and _is_prose(block, reject)):
            tail += [*headings, block]
            headings, skipped, long_gap = [], 0, False
            if block.parent:
                parents.add(block.parent)
        elif block.heading and block.parent in parents and _is_heading(block, reject):
            headings.append(block)
        elif skipped < LEAD_REACH and not block.heading and _passed_over(block, reject):
            skipped += 1
            long_gap = long_gap or len(block.key.split()) > LEAD_GAP_WORDS
        else:
            break
    return [normalize_text(block.text) for block in tail]


def _passed_over(block: _Block, reject: Callable[[str], bool] | None) -> bool:
    """A block the tail may pass over: a few words, or a short one that is no prompt ("Share this on WhatsApp"
    ends the story: what follows it is the page's)."""
    words = block.key.count(" ") + 1
    if words <= LEAD_GAP_WORDS:
        return True
    return words <= MAX_GAP_WORDS and not (reject and reject(block.text))


def _trigrams(key: str) -> list[tuple[str, ...]]:
    words = key.split()
    return [tuple(words[i : i + 3]) for i in range(max(1, len(words) - 2))]


class _Placer:
    """Finds which body paragraph holds a page block: by substring first (C speed), by shared trigrams
    when the two differ by a few words (trafilatura drops some inline link texts)."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.keys = [text_key(p) for p in paragraphs]
        self.body = "\n".join(self.keys)
        self.starts = list(accumulate((len(k) + 1 for k in self.keys[:-1]), initial=0))
        self._where: dict[tuple[str, ...], int] | None = None

    def place(self, key: str) -> int | None:
        if not key:
            return None
        at = self.body.find(key)
        if at >= 0:
            return bisect_right(self.starts, at) - 1
        if key.count(" ") < FUZZY_WORDS - 1:
            return None  # a few words ("The vote was final."): an exact match or nothing
        if self._where is None:
            self._where = {}
            for j, paragraph_key in enumerate(self.keys):
                for gram in _trigrams(paragraph_key):
                    self._where.setdefault(gram, j)
        grams = _trigrams(key)
        found = [self._where[g] for g in grams if g in self._where]
        if 2 * len(found) < len(grams):
            return None  # less than half the block is in the body
        return max(set(found), key=found.count)


def _is_prose(block: _Block, reject: Callable[[str], bool] | None) -> bool:
    words = block.key.split()
    if len(words) < MIN_WORDS or block.link_chars > MAX_LINK_SHARE * len(block.text):
        return False
    if stop_ratio(words) < MIN_STOP_RATIO or not _SENTENCE_END.search(block.text):
        return False
    return not (reject and reject(block.text))


def _body_parents(blocks: list[_Block], placed: list[int | None]) -> set[str]:
    """The containers (tag and class) of the page's paragraphs and subheadings the body holds."""
    return {blocks[i].parent for i, at in enumerate(placed) if at is not None and blocks[i].parent}


def _is_body_text(block: _Block, body_parents: set[str], reject: Callable[[str], bool] | None) -> bool:
    """A short paragraph ("He did not answer.") in the same kind of container as the body's own paragraphs:
    the story's text too, though too short to pass for prose on its own."""
    if block.heading or block.headline or block.parent not in body_parents:
        return False
    words = block.key.count(" ") + 1
    if words < MIN_BODY_WORDS or block.link_chars > MAX_BODY_LINK_SHARE * len(block.text):
        return False
    if not _SENTENCE_END.search(block.text) or _CAPTION.match(block.text):
        return False
    return not (reject and reject(block.text))


def _is_heading(block: _Block, reject: Callable[[str], bool] | None) -> bool:
    return block.heading and not (reject and reject(block.text))


def _text_blocks(tree: HtmlElement) -> list[_Block]:
    return read_page(tree).blocks


def read_page(tree: HtmlElement) -> PageRead:
    """The page's text blocks in document order, left-out parts skipped (and gathered for the removal summary).

    One forward walk with an explicit stack (any nesting depth): block elements, left-out parts and a
    double <br> end the current block; inline elements' text and every tail join it. The walk never enters
    an element the removal summary names (its reasons are among those that leave a part out), so the summary
    needs only the parts skipped here, read once more from the top of each.
    """
    body = tree.find("body")
    reader = _Reader()
    # (element, None) to open it; (element, its tag) to close it after its children.
    stack: list[tuple[Any, str | None]] = [(body if body is not None else tree, None)]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        element, closing = pop()
        if closing is not None:
            if closing == "a":
                reader.links -= 1
            if closing in _BLOCK_TAGS:
                reader.flush()
                reader.tag = reader.parent = ""
            reader.add(element.tail)
            continue
        tag = element.tag  # each read of .tag makes a new string: read once
        if not isinstance(tag, str):
            tag = ""
        if not tag or tag in RAW_TEXT or tag in _LEAVE_OUT_TAGS or _left_out(element):
            reader.skip(element, tag)
            continue
        if tag in _BLOCK_TAGS or (tag == "br" and _ends_paragraph(element)):
            reader.flush()
            reader.tag = tag
            reader.parent = _signature(element.getparent()) if tag in _PARENT_NOTED else ""
        if tag == "a":
            reader.links += 1
        reader.add(element.text if tag != "br" else " ")
        push((element, tag))
        if len(element):
            children = list(element)
            children.reverse()
            extend(zip(children, repeat(None)))
    reader.flush()
    return PageRead(reader.blocks, reader.boxes, leading_texts(reader.left_out))


class _Reader:
    """The block being read: its text pieces and how many characters of them sit inside links."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.links = 0
        self.tag = ""  # the block element the text being read opens with ("" for text after a block)
        self.parent = ""  # its parent's signature when it is a paragraph or a subheading (see _Block)
        self.boxes: list[tuple[str, str]] = []  # (reason, words) of the small prompt boxes left out
        self.left_out: list[tuple[str, Any]] = []  # (reason, element) of the left-out blocks with a reason

    def skip(self, element: Any, tag: str) -> None:
        """A left-out part: gathered for the removal summary; what of it still marks the story (its headline, an
        embedded post) or a prompt box read; the text after it joins the block being read."""
        left_out_blocks(element, self.left_out)
        if tag:
            self.flush()
            if tag not in RAW_TEXT:
                if _may_hold_posts(element):
                    self.blocks += [_Block(line, 0, _EMBED) for line in _embedded_posts(element)]
                self.headline(element)
                self.box(element)
        self.add(element.tail)

    def box(self, skipped: Any) -> None:
        """Keep the words of a small newsletter or related-links box: body lines found only there go."""
        klass, ident = skipped.get("class"), skipped.get("id")
        if not (klass or ident):
            return
        marks = f"{klass or ''} {ident or ''}".lower()
        reason = marks_reason(marks) if len(marks) <= _MAX_CACHED_MARKS else None
        if reason in _BOX_REASONS:
            text = skipped.text_content()
            if len(text) <= MAX_BOX_CHARS:
                self.boxes.append((str(reason), text_key(text)))

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            if self.links > 0:
                self.link_chars += len(text.strip())

    def headline(self, skipped: Any) -> None:
        """A headline inside a left-out part (a "hero" header) still marks where the story starts."""
        h1 = skipped if skipped.tag == "h1" else next(skipped.iter("h1"), None)
        if h1 is not None:
            self.blocks.append(_Block(" ".join(h1.text_content().split()), 0, "h1"))

    def flush(self) -> None:
        if self.parts:
            text = " ".join("".join(self.parts).split())
            if text:
                self.blocks.append(_Block(text, self.link_chars, self.tag, self.parent))
        self.parts, self.link_chars = [], 0


_PARENT_NOTED = frozenset(("p", *_SUBHEADINGS))


def _signature(parent: Any) -> str:
    """A container's tag and class: the text containers a story is split into between ads share both."""
    if parent is None:
        return ""
    return f"{parent.tag}.{parent.get('class') or ''}"


_EMBED = "embed"  # the tag of a block read from an embedded post
# A social post the article quotes, as the embed code leaves it before its script runs ("twitter-tweet").
_EMBEDDED_POST = FoldedPattern(re.compile(r"tweet|twitter|instagram", re.IGNORECASE))


def _may_hold_posts(element: Any) -> bool:
    """An embedded post's blockquote, or a wrapper named for embeds or social posts: only these are searched."""
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    return _EMBEDDED_POST.search(marks) or "embed" in marks.lower()


def _embedded_posts(element: Any) -> list[str]:
    """The lines of the embedded posts `element` is or holds, in page order."""
    lines: list[str] = []
    for blockquote in element.iter("blockquote"):
        if _EMBEDDED_POST.search(blockquote.get("class") or ""):
            lines += _embedded_post(blockquote)
    return lines


def _embedded_post(blockquote: Any) -> list[str]:
    """The lines of an embedded post: each paragraph of it, then its credit ("— Name (@handle) date")."""
    lines: list[str] = []
    credit: list[str] = [blockquote.text or ""]
    for child in blockquote:
        if child.tag == "p":
            lines.append(" ".join(_broken_text(child).split()))
        elif isinstance(child.tag, str) and child.tag not in RAW_TEXT:
            credit.append(child.text_content())
        credit.append(child.tail or "")
    lines.append(" ".join("".join(credit).split()))
    return [line for line in lines if line]


def _broken_text(element: Any) -> str:
    """The element's text with a space for each <br> (a post's lines: "dot. com.<br>meth." is two words)."""
    parts = [element.text or ""]
    for inner in element.iterdescendants():
        parts += [" " if inner.tag == "br" else (inner.text or ""), inner.tail or ""]
    return "".join(parts)


def _left_out(element: Any) -> bool:
    attrib = element.attrib
    if not attrib:
        return False
    style = attrib.get("style")
    if "hidden" in attrib or (style and "display:none" in style.replace(" ", "")):
        return True
    klass, ident, role = attrib.get("class", ""), attrib.get("id", ""), attrib.get("role", "")
    if not (klass or ident or role):
        return False
    marks = f"{klass} {ident} {role}".lower()
    return _marks_left_out(marks) if len(marks) <= _MAX_CACHED_MARKS else _marks_say_left_out(marks)


def _marks_say_left_out(marks: str) -> bool:
    return marks_reason(marks) is not None or bool(_LEAVE_OUT_MARKS.search(marks))


_MAX_CACHED_MARKS = 200
# A page repeats the same few class names: short ones are memoised (long ones would bloat the cache).
_marks_left_out = lru_cache(maxsize=4096)(_marks_say_left_out)


def _ends_paragraph(br: Any) -> bool:
    """Two <br> in a row end a paragraph; a single one is a line break inside it."""
    following = br.getnext()
    return following is not None and following.tag == "br" and not (br.tail or "").strip()
