"""Typography: NFC, invisible characters, white space. Words and punctuation stay as written."""

from __future__ import annotations

import re
import unicodedata

# Zero-width, bidi controls, soft hyphen, BOM, other format characters and C0/C1 controls
# (tab and newline are kept and handled as white space).
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def normalize_text(text: str) -> str:
    """No-break and narrow no-break spaces become plain spaces; lines are kept."""
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))
