"""Article bodies that come as a field rather than a page: an HTML fragment or plain text
(JSON articles' `body`/`content`/`articleBody`). Split from jsondoc.py, which finds the field.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import ClassVar

from ..models import Removed
from .normalize import normalize_text


def text_paragraphs(body: str) -> list[str]:
    """A plain-text body: one paragraph per non-empty line."""
    return [line for line in normalize_text(body).split("\n") if line]


class _Paragraphs(HTMLParser):
    """Paragraph text of an HTML fragment (an article body, not a whole page)."""

    _BLOCKS: ClassVar[frozenset[str]] = frozenset(
        {"p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dd", "dt", "pre"}
        | {"blockquote", "section", "article", "header", "footer", "table", "tr"}
    )
    # Elements whose text is not article text, and the reason listed when they held any.
    _SKIP: ClassVar[dict[str, str]] = {
        "script": "",
        "style": "",
        "noscript": "",
        "template": "",
        "iframe": "",
        "figcaption": "caption",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.removed: list[Removed] = []
        self._current: list[str] = []
        self._skipping: list[str] = []  # open elements whose text is dropped
        self._skipped: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping.append(tag)
        elif tag == "img":
            alt = dict(attrs).get("alt") or dict(attrs).get("src") or ""
            if alt.strip():
                self.removed.append(Removed(text=alt.strip()[:500], reason="image"))
        elif tag in self._BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
            reason = self._SKIP[tag]
            text = " ".join("".join(self._skipped).split())
            if reason and text and not self._skipping:
                self.removed.append(Removed(text=text[:500], reason=reason))
            if not self._skipping:
                self._skipped = []
        elif tag in self._BLOCKS and not self._skipping:
            self._flush()

    def handle_data(self, data: str) -> None:
        (self._skipped if self._skipping else self._current).append(data)

    def _flush(self) -> None:
        if self._current:
            text = " ".join(normalize_text("".join(self._current)).split())
            if text:
                self.paragraphs.append(text)
            self._current = []

    def close(self) -> None:
        super().close()
        self._flush()


def html_paragraphs(fragment: str) -> tuple[list[str], list[Removed]]:
    """Paragraphs of an HTML body; scripts, styles and captions removed (captions listed)."""
    reader = _Paragraphs()
    reader.feed(fragment)
    reader.close()
    return reader.paragraphs, reader.removed
