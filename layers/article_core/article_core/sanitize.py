"""One sanitiser for every text that enters a record: no markup, no script bodies, no control characters.

Each format's cleaner reads its own markup, but hostile files hide markup where a cleaner does not
look (an `<svg onload=…>` deep in a JSON body, a `<script>` in Markdown whose tags are stripped and
whose body is kept, bidi overrides in a title). The pipeline therefore passes everything a cleaner
produces through `sanitize_cleaned`, whatever the format, and drops the bodies of script-like
elements before a non-HTML cleaner sees them (`drop_raw_elements`).

Linear in the text: one regex scan for tags with bounded quantifiers, one `str.find` per closing
tag (and never again for a name whose closing tag is known to be absent), one `str.translate`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel

# Elements whose content is code or widget, never article text: dropped with everything inside them.
RAW_ELEMENTS = ("script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "textarea")
# HTML element names whose tags are removed (the text between them stays).
_TAG_NAMES = """
a abbr address applet area article aside audio b base basefont bdi bdo big blink blockquote body br button canvas
caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset
figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img
input ins isindex kbd keygen label legend li link main map mark marquee math menu menuitem meta meter nav nobr
noembed noframes noscript object ol optgroup option output p param picture plaintext pre progress q rp rt ruby s
samp script search section select slot small source span strike strong style sub summary sup svg table tbody td
template textarea tfoot th thead time title tr track tt u ul var video wbr xmp
"""
# Inline elements: their tags vanish without a space ("<b>Pa</b>ris" is one word); others become a space.
_INLINE_NAMES = """
a abbr b bdi bdo big cite code data del dfn em font i ins kbd mark q s small span strong sub sup time tt u var
"""
_INLINE = frozenset(_INLINE_NAMES.split())
_NAMES = "|".join(sorted(_TAG_NAMES.split(), key=len, reverse=True))


@cache
def _markup() -> re.Pattern[str]:
    """A comment opening, or a tag of a known element (attributes bounded, no "<" or ">" inside).

    Compiled on first use (about 1 ms at a cold start): text without a "<" never needs it."""
    return re.compile(rf"<!--|</?({_NAMES})(?=[\s/>])[^<>]{{0,2000}}>", re.I)


def _raw_open(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"<({'|'.join(names)})(?=[\s/>])[^<>]{{0,2000}}>", re.I)


_RAW_OPEN = _raw_open(RAW_ELEMENTS)

# C0 controls but tab and line feed, DEL, C1 controls; bidi embeddings, overrides and isolates.
_CONTROLS = [*range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_DROP = dict.fromkeys([*_CONTROLS, *_BIDI])
_DROP[0x0D] = "\n"  # a lone carriage return is a line break
# The same characters as a class: a regex scan finds none far faster than `translate` rewrites a non-ASCII text.
_ANY_DROP = re.compile("[" + "".join(re.escape(chr(c)) for c in _DROP) + "]")
_SPACES = re.compile(r"[ \t]{2,}")


def drop_raw_elements(text: str, names: tuple[str, ...] = RAW_ELEMENTS) -> str:
    """`text` without script/style/template/svg/... elements, bodies included; an unclosed one loses its tag."""
    if "<" not in text:
        return text
    pattern = _RAW_OPEN if names is RAW_ELEMENTS else _raw_open(names)
    lower: str | None = None
    unclosed: set[str] = set()
    parts: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() < pos:
            continue  # inside an element already dropped
        parts.append(text[pos : m.start()])
        name = m.group(1).lower()
        pos = m.end()
        if m.group().endswith("/>") or name in unclosed:
            continue
        lower = lower if lower is not None else text.lower()
        close = lower.find(f"</{name}", pos)
        if close < 0:
            unclosed.add(name)  # no later one is closed either: never search again
            continue
        gt = text.find(">", close)
        pos = len(text) if gt < 0 else gt + 1
    parts.append(text[pos:])
    return "".join(parts)


def strip_markup(text: str) -> str:
    """Raw elements dropped, comments and the tags of HTML elements removed (their text kept)."""
    if "<" not in text:
        return text
    text = drop_raw_elements(text)
    parts: list[str] = []
    pos = 0
    comments_closed = True
    for m in _markup().finditer(text):
        if m.start() < pos:
            continue
        parts.append(text[pos : m.start()])
        if m.group(1) is None:  # "<!--"
            close = text.find("-->", m.end()) if comments_closed else -1
            if close < 0:
                comments_closed = False
                pos = m.end()
            else:
                pos = close + 3
            continue
        parts.append("" if m.group(1).lower() in _INLINE else " ")
        pos = m.end()
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def strip_controls(text: str) -> str:
    # Every character dropped is a control or a format character, which `isprintable` rejects: a printable text (most
    # paragraphs) is checked in one pass over its characters' types, faster than the class scan.
    return text.translate(_DROP) if not text.isprintable() and _ANY_DROP.search(text) else text


def clean_text(text: str) -> str:
    """The sanitiser: what any text field of a record may hold."""
    cleaned = strip_markup(text)
    if len(cleaned) != len(text):
        cleaned = _SPACES.sub(" ", cleaned)  # "a <svg>…</svg> b" leaves one space, not two
    return strip_controls(cleaned).strip()


def sanitize_model(model: BaseModel) -> None:
    """Every string of `model` (and of the models, lists and dicts in it) sanitised, in place."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        cleaned = _sanitize_value(value)
        if cleaned == "" and info.default is None:
            cleaned = None  # a title of markup alone is no title
        if cleaned is not value:
            setattr(model, name, cleaned)


def _sanitize_value(value: Any) -> Any:
    if isinstance(value, str):
        cleaned = clean_text(value)
        return value if cleaned == value else cleaned
    if isinstance(value, BaseModel):
        sanitize_model(value)
        return value
    if isinstance(value, list):
        items = [_sanitize_value(v) for v in value]
        kept = [v for v in items if v != ""]
        return value if kept == value else kept
    if isinstance(value, dict):
        entries = {k: _sanitize_value(v) for k, v in value.items()}
        return value if entries == value else entries  # the same dict when nothing changed: no assignment
    return value


# A letter of any script, less the invisible fillers that spam uses as blank "words" (Hangul fillers).
_LETTER = re.compile(r"[^\W\d_\u115f\u1160\u3164\uffa0]")


def has_letters(paragraphs: list[str]) -> bool:
    """False for text that holds nothing to read: punctuation only, filler or braille blanks."""
    return any(_LETTER.search(p) for p in paragraphs)


_TEMPLATE = ("template",)


def drop_templates(html: str) -> str:
    """An HTML page without its <template> elements: inert markup a browser never shows, kept as text by
    the extractor. Script and style stay: JSON-LD metadata lives in scripts, and the HTML cleaner drops them."""
    return drop_raw_elements(html, _TEMPLATE)
