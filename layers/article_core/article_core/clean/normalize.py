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
_JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner
_INVISIBLE_CHARS = (
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff\U000e0000-\U000e007f"
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
# The joiners are spelling between two letters of the Arabic script (Persian, Urdu, Kurdish: "می" U+200C "شود") and
# of the Indic scripts (Bengali, Hindi conjuncts): kept there, dropped everywhere else (in Latin text they only hide
# inside words). A pass of its own, for the texts that hold one: a look-around at every character of every text
# would make the common pass four times slower.
_JOINING_SCRIPTS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc\u0900-\u0dff"
_STRAY_JOINER = re.compile(f"(?<![{_JOINING_SCRIPTS}])[{_JOINERS}]|[{_JOINERS}](?![{_JOINING_SCRIPTS}])")
# Runs of horizontal space, except a lone plain space (left alone: most of any text).
_SPACE_CHARS = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACE = f"[ {_SPACE_CHARS}]"
_SPACES = re.compile(f"[{_SPACE_CHARS}]{_SPACE}*| {_SPACE}+")
_NEWLINE_CHARS = "\x0b\x0c\x85\u2028\u2029"
_NEWLINES = re.compile(f"\r\n?|[{_NEWLINE_CHARS}]")
# Every character that `_NEWLINES`, `_INVISIBLE` or `_SPACES` needs (with "  "): most texts hold none, and one
# scan for them replaces three substitutions.
_UNUSUAL = re.compile(f"[\r{_NEWLINE_CHARS}{_INVISIBLE_CHARS}{_JOINERS}{_SPACE_CHARS}]")
# `_LONG_NON_WORD_RUN` needs 31 non-ASCII characters in a row, at least 62 UTF-8 bytes >= 0x80 in a row:
# bytes mapped to 0 (ASCII) or 1 show that in a few microseconds, the run pattern at ~20 ns a character.
_HIGH_BYTES = bytes(int(b >= 0x80) for b in range(256))
_HIGH_RUN = b"\x01" * 62
# NFC sorts runs of combining marks with a quadratic algorithm in CPython; Unicode's
# stream-safe format (UAX #15) caps a run at 30 marks, which no real text exceeds.
_LONG_NON_WORD_RUN = re.compile(r"[^\w\s\x00-\x7f]{31,}")
_MAX_COMBINING_RUN = 30


def normalize_text(text: str) -> str:
    """No-break and narrow no-break spaces become plain spaces; lines are kept, each stripped."""
    unusual = _UNUSUAL.search(text) is not None or "  " in text
    if unusual:
        text = _INVISIBLE.sub("", _NEWLINES.sub("\n", text))
        if "\u200c" in text or "\u200d" in text:
            text = _STRAY_JOINER.sub("", text)
    normalized = unicodedata.normalize("NFC", _cap_long_runs(text))
    # Without unusual characters `_SPACES` can only match if NFC or the long runs changed the text.
    if unusual or normalized != text:
        normalized = _SPACES.sub(" ", normalized)
    text = normalized
    return "\n".join(line.strip() for line in text.split("\n"))


def _cap_long_runs(text: str) -> str:
    if text.isascii() or _HIGH_RUN not in text.encode("utf-8", "surrogatepass").translate(_HIGH_BYTES):
        return text
    return _LONG_NON_WORD_RUN.sub(_cap_combining_marks, text)


def _cap_combining_marks(match: re.Match[str]) -> str:
    kept: list[str] = []
    run = 0
    for char in match.group():
        run = run + 1 if unicodedata.combining(char) else 0
        if run <= _MAX_COMBINING_RUN:
            kept.append(char)
    return "".join(kept)
