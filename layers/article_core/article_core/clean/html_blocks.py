"""The HTML page's blocks outside the article body: why each was left out (navigation, advertisement,
related links...) as a bounded summary, and how much of the page's text sits inside links.

Split from html.py: the body is that module's concern, the rest of the page is this one's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..models import Removed

if TYPE_CHECKING:
    from lxml.html import HtmlElement

SNIPPET = 200  # characters kept per removed block
_PER_REASON = 3  # removed blocks listed per reason (the rest are counted)
# Elements whose content is not page text.
RAW_TEXT = frozenset(("script", "style", "noscript", "template", "svg", "math", "title", "iframe", "object"))

_WORD = re.compile(r"\w+")


def text_key(text: str) -> str:
    """Lower-case words only: what two spellings of the same text share."""
    return " ".join(_WORD.findall(text.lower())) if len(text) > _MAX_CACHED_TEXT else _cached_text_key(text)


@lru_cache(maxsize=256)
def _cached_text_key(text: str) -> str:
    """The body's paragraphs are keyed by the recovery pass, its placer and the removal summary alike."""
    return " ".join(_WORD.findall(text.lower()))


_MAX_CACHED_TEXT = 4000  # characters: the cache keeps at most about 2 MB alive


class FoldedPattern:
    """A case-insensitive pattern of lower-case ASCII words searched in class names and ids, most of them ASCII.

    An ASCII text is searched lower-cased with the pattern's case-sensitive twin, which finds the same matches
    (folding ASCII letters is all case-insensitive matching does for them) several times faster: the regex
    engine skips ahead to the first letters it knows instead of trying every position. Other text is searched
    with the pattern itself (Unicode folding: "ſ" matches "s", "K" matches "k")."""

    __slots__ = ("folded", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        if not (pattern.flags & re.IGNORECASE and pattern.pattern.isascii() and pattern.pattern.islower()):
            raise ValueError(f"not a case-insensitive pattern of lower-case ASCII: {pattern.pattern!r}")
        self.pattern = pattern
        self.folded = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)

    def search(self, text: str) -> bool:
        if text.isascii():
            return self.folded.search(text.lower()) is not None
        return self.pattern.search(text) is not None


_BLOCK_REASONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern))
    for reason, pattern in (
        ("cookie_notice", r"cookie|consent|gdpr|rgpd"),
        ("embed", r"tweet|instagram|embed|video-player|iframe"),
        ("comments", r"comment|disqus|discussion"),
        ("newsletter_prompt", r"newsletter|subscribe|signup|sign-up|inscription"),
        ("share_prompt", r"share|social|partage"),
        (
            "advertisement",
            r"(?:^|[-_ ])(?:ad|ads|advert\w*|sponsor\w*|promo\w*|dfp|pub|publicite|outbrain|taboola)(?:$|[-_ 0-9])",
        ),
        ("related_links", r"related|recommend|more-stories|read-more|readmore|most-popular|trending|a-lire|lire-aussi"),
        ("navigation", r"(?:^|[-_ ])(?:nav\w*|menu\w*|breadcrumbs?|masthead|header)(?:$|[-_ ])"),
        ("footer", r"footer"),
    )
)
_TAG_REASONS = {"nav": "navigation", "aside": "related_links", "footer": "footer", "form": "form"}


def removed_blocks(tree: HtmlElement, kept_paragraphs: list[str]) -> list[Removed]:
    """A bounded summary of the page blocks left out: a few per reason, then a count."""
    body = tree.find("body")
    found: list[tuple[str, Any]] = []
    left_out_blocks(body if body is not None else tree, found)
    return summarise_removed(leading_texts(found), kept_paragraphs)


def left_out_blocks(element: Any, found: list[tuple[str, Any]]) -> None:
    """Add the blocks with a reason under `element`, itself included, in page order: on each path down, the
    first element whose tag, class, id or role names one (what is inside it is that block's)."""
    from lxml import etree

    reason = _block_reason(element)
    if reason is not None:
        found.append((reason, element))
        return
    walker = etree.iterwalk(element, events=("start",))
    next(walker)  # `element` itself, read above
    for _, inner in walker:
        reason = _block_reason(inner)
        if reason is not None:
            walker.skip_subtree()
            found.append((reason, inner))


def leading_texts(found: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    """(reason, element) of left-out blocks as (reason, its leading text): what the summary reads of each, taken
    while the tree is whole (trafilatura then works on the tree itself)."""
    return [(reason, _leading_text(element)) for reason, element in found]


def summarise_removed(found: list[tuple[str, str]], kept_paragraphs: list[str]) -> list[Removed]:
    """The left-out blocks (reason, leading text) whose text is not in the body, `_PER_REASON` per reason, then a
    count per reason."""
    kept_key = " ".join(key for key in map(text_key, kept_paragraphs) if key)  # text_key of the joined body
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    out: list[Removed] = []
    for reason, text in found:
        if len(text) < 3 or text_key(text[:SNIPPET]) in kept_key:
            continue
        if shown.get(reason, 0) < _PER_REASON:
            shown[reason] = shown.get(reason, 0) + 1
            out.append(Removed(text=text[:SNIPPET] + ("…" if len(text) > SNIPPET else ""), reason=reason))
        else:
            hidden[reason] = hidden.get(reason, 0) + 1
    out += [Removed(text=f"[{n} more {reason} blocks]", reason=reason) for reason, n in hidden.items()]
    return out


def _leading_text(element: Any) -> str:
    """The block's text, whitespace collapsed, read only as far as a snippet needs: blocks can be whole pages.

    Pieces are joined with spaces, so words never straddle pieces and the collapsed text read so far
    is a prefix of the collapsed whole."""
    words: list[str] = []
    size = 0
    for piece in element.itertext():
        piece_words = piece.split()
        words += piece_words
        size += sum(map(len, piece_words)) + len(piece_words)
        if size > SNIPPET + 1:
            break
    return " ".join(words)


def _block_reason(element: Any) -> str | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("script", "style", "noscript", "template"):
        return None
    if tag in _TAG_REASONS:
        return _TAG_REASONS[tag]
    klass, ident, role = element.get("class", ""), element.get("id", ""), element.get("role", "")
    if not (klass or ident or role):
        return None
    marks = f"{klass} {ident} {role}".lower()
    # A page repeats the same few class names: short ones are memoised (long ones would bloat the cache).
    return _cached_marks_reason(marks) if len(marks) <= _MAX_CACHED_MARKS else marks_reason(marks)


def marks_reason(marks: str) -> str | None:
    """Reason for a block, from its class, id and role."""
    if "article" in marks or "content" in marks or "body" in marks:
        return None
    for reason, pattern in _BLOCK_REASONS:
        if pattern.search(marks):
            return reason
    return "navigation" if "navigation" in marks else None


_MAX_CACHED_MARKS = 200
_cached_marks_reason = lru_cache(maxsize=4096)(marks_reason)


def link_density(tree: HtmlElement) -> float | None:
    body = tree.find("body")
    if body is None:
        return None
    total = links = 0
    for element in body.iter():
        tag = element.tag  # a function for comments and processing instructions: neither raw text nor "a"
        own, after = element.text, element.tail  # each property read builds a new string: read once
        text = len(own.strip()) if own and tag not in RAW_TEXT else 0
        tail = len(after.strip()) if after else 0
        total += text + tail
        if tag == "a":
            links += text
        elif (text or tail) and _in_link(element):
            links += text + tail
    return min(1.0, links / total) if total else None


def _in_link(element: Any) -> bool:
    """Text directly inside a link (its own text, or a child of it such as <a><span>…)."""
    parent = element.getparent()
    return parent is not None and parent.tag == "a"
