"""Typography: NFC, invisible characters, white space. Words and punctuation stay as written.

French typesetting puts no-break and narrow no-break spaces before ``: ; ! ?`` and inside
« »; they become plain spaces so that searches and word counts work. Apostrophes and
quotation marks (straight or curly) are never rewritten. `normalize_text` is idempotent.
"""

from __future__ import annotations

import re
import unicodedata

# Format characters (zero-width, bidi controls and isolates, soft hyphen, BOM, word joiner,
# invisible operators, tag characters), C0/C1 controls except tab and line breaks, lone
# surrogates (possible in text parsed from JSON "\ud800" escapes) and non-characters.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff\U000e0000-\U000e007f]"
)
# Runs of horizontal space, except a lone plain space (left alone: most of any text).
_SPACE = r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_SPACES = re.compile(f"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{_SPACE}*| {_SPACE}+")
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# NFC sorts runs of combining marks with a quadratic algorithm in CPython; Unicode's
# stream-safe format (UAX #15) caps a run at 30 marks, which no real text exceeds.
_LONG_NON_WORD_RUN = re.compile(r"[^\w\s\x00-\x7f]{31,}")
_MAX_COMBINING_RUN = 30


def normalize_text(text: str) -> str:
    """No-break and narrow no-break spaces become plain spaces; lines are kept, each stripped."""
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _LONG_NON_WORD_RUN.sub(_cap_combining_marks, text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def _cap_combining_marks(match: re.Match[str]) -> str:
    kept: list[str] = []
    run = 0
    for char in match.group():
        run = run + 1 if unicodedata.combining(char) else 0
        if run <= _MAX_COMBINING_RUN:
            kept.append(char)
    return "".join(kept)
