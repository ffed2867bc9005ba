"""Format sniffing: text, HTML, Markdown or JSON, by content first and by name second.

Only a bounded head of the text is looked at; split from decode.py, which calls it last.
"""

from __future__ import annotations

import re

from .models import DocumentFormat

_SNIFF_CHARS = 65536
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|\?xml|!--|meta|title|article|div|p)\b", re.I)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|a|br|article|section|header|footer|nav|main|h[1-6]|ul|ol|li|table|meta|"
    r"script|style|link|img|figure|time|strong|em|b|i)\b[^<>\n]{0,400}>",
    re.I,
)
_JSON_OBJECT = re.compile(r'\{\s*"[^"\n]{0,200}"\s*:')
_MARKDOWN = re.compile(
    r"^(?:#{1,6}[ \t]+\S|```|~~~|={3,}[ \t]*$|>[ \t]?\S)|!?\[[^\]\n]{1,300}\]\([^)\s]{1,800}[^)\n]{0,200}\)"
    r"|\*\*[^*\n]{1,200}\*\*|__[^_\n]{1,200}__",
    re.M,
)
_EXTENSIONS: dict[str, DocumentFormat] = {
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "md": "markdown",
    "markdown": "markdown",
    "json": "json",
    "jsonld": "json",
    "txt": "text",
    "text": "text",
}


def _extension(name: str) -> str:
    parts = name.lower().rsplit("/", 1)[-1].split(".")
    while len(parts) > 1 and parts[-1] in {"gz", "gzip"}:
        parts.pop()
    return parts[-1] if len(parts) > 1 else ""


def sniff_format(text: str, name: str = "") -> DocumentFormat:
    """By content first (a .txt that holds HTML is HTML, a .html that holds JSON is JSON), then by name."""
    head = text[:_SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    by_name = _EXTENSIONS.get(_extension(name))
    if head.startswith(("{", "[")) and _looks_like_json(head, text, by_name):
        return "json"
    if head.startswith("<") and _HTML_START.match(head):
        return "html"
    # Most texts hold none of the characters these patterns need: the two scans are then skipped.
    html_tags = len(_HTML_TAG.findall(head)) if "<" in head else 0
    markdown_marks = len(_MARKDOWN.findall(head)) if _may_hold_markdown(head) else 0
    if html_tags >= 3 and html_tags > markdown_marks:
        return "html"
    if markdown_marks >= 2:
        return "markdown"
    return by_name or "text"


def _may_hold_markdown(head: str) -> bool:
    """False when `_MARKDOWN` cannot match: each of its branches needs one of these characters or pairs."""
    return any(mark in head for mark in _MARKDOWN_NEEDS)


_MARKDOWN_NEEDS = ("#", "`", "~", "=", ">", "[", "**", "__")


def _looks_like_json(head: str, text: str, by_name: DocumentFormat | None) -> bool:
    """A JSON object opening with a key is JSON even when broken (it is then rejected as malformed)."""
    if by_name == "json" or _JSON_OBJECT.match(head):
        return True
    import json  # only an ambiguous "[" or "{" start needs a parse attempt

    try:
        json.loads(text)
    except RecursionError:
        return True
    except ValueError:
        return False
    return True
