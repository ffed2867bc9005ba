"""Plain text wrapped at a fixed width ("hard-wrapped" wire copy, e-mail, exports at 72 columns) made one line a
paragraph again, as the plain-text cleaner reads it: it scores each line on its shape, and a paragraph cut into
lines of 60-odd characters reads as a column of short lines (a menu), not as prose.

A text is taken as wrapped when most of its lines end near one width and almost none go past it; a line is then
joined to the next when the next one's first word would not have fitted on it (the wrapper broke it there). Blank
lines, list items, first-line indents and lines that stop short stay breaks.
"""

from __future__ import annotations

import re

_MIN_WIDTH, _MAX_WIDTH = 40, 100  # wrapping widths seen in practice: 60 to 80 columns, some 40 or 100
_SLACK = 20  # a full line ends within this many characters of the width (long words break early)
_MIN_LINES = 6  # fewer full lines than this: nothing to judge on
_FULL_SHARE = 0.5  # share of the (sampled) lines that must be full
_OVER_SHARE = 0.02  # share of the lines that may run past the width (a URL, a table row)
_SAMPLE = 2_000  # lines the decision reads: a huge text is judged on its first ones, in bounded time
_LIST_ITEM = re.compile(r"[-*•–—]\s|\d{1,3}[.)]\s|[a-z][.)]\s")


def reflow(text: str) -> str:
    """The text with its wrapped paragraphs each on one line, or the text itself when it is not wrapped."""
    width = wrap_width(text)
    if width is None:
        return text
    out: list[str] = []
    pieces: list[str] = []  # the open paragraph's lines and the separators between them (joined once: linear)
    previous = ""  # the last line read, when a paragraph is open
    for line in text.split("\n"):
        stripped = line.strip()
        if previous and stripped and _continues(previous, line, width):
            pieces += [_separator(pieces[-1], stripped), stripped]
        else:
            if pieces:
                out.append("".join(pieces))
            pieces = [stripped]
        previous = line.rstrip() if stripped else ""
    out.append("".join(pieces))
    return "\n".join(out)


def wrap_width(text: str) -> int | None:
    """The width the text is wrapped at, or None when it is not wrapped: about the longest line of at most
    `_MAX_WIDTH` characters (the second longest, or the one 2% from the top), when at least half the sampled
    lines end within `_SLACK` of it and almost none run past `_MAX_WIDTH`."""
    lengths = [len(line.rstrip()) for line in text.split("\n", _SAMPLE)[:_SAMPLE] if line.strip()]
    within = [n for n in lengths if n <= _MAX_WIDTH]
    if len(within) < _MIN_LINES:
        return None
    width = sorted(within)[-min(len(within), max(2, len(within) // 50))]  # one line past the width is no guide
    full = sum(n >= width - _SLACK for n in within)
    over = len(lengths) - len(within)
    if width < _MIN_WIDTH or full < max(_MIN_LINES, _FULL_SHARE * len(lengths)) or over > _OVER_SHARE * len(lengths):
        return None
    return width


def _continues(previous: str, line: str, width: int) -> bool:
    """The wrapper broke here: the line's first word would have fitted on the previous line otherwise. A line
    indented deeper than the previous one opens a paragraph (a first-line indent), as does a list item."""
    text = line.lstrip()
    if _LIST_ITEM.match(text) or len(line) - len(text) > len(previous) - len(previous.lstrip()):
        return False
    return len(previous) + 1 + len(text.split(maxsplit=1)[0]) > width


def _separator(head: str, tail: str) -> str:
    """A space between two pieces of a paragraph, none after a compound word's hyphen ("cessez-le-" + "feu")."""
    return "" if head.endswith("-") and len(head) > 1 and head[-2].isalpha() and tail[:1].isalpha() else " "
