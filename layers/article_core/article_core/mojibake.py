"""Mojibake repair: text that was UTF-8, read as Windows-1252 and written out again as UTF-8.

Split from decode.py (which calls it once the bytes are text) so each reads in one sitting.
"""

from __future__ import annotations

import re
from functools import cache

# UTF-8 bytes that were read as Windows-1252 (or latin-1) and written out again as UTF-8:
# "été" -> "Ã©tÃ©", "’" -> "â€™". Repair maps each suspicious run back through cp1252 to
# bytes and decodes them as UTF-8. It runs only when the text holds an unambiguous sign of
# mojibake ("Ã" or "Â" followed by a continuation character, or "â€"), and each repaired
# run must decode to a single character that the original could plausibly have held.


def _sloppy_cp1252_char(byte: int) -> str:
    """cp1252, with its five undefined bytes read as latin-1 (C1 controls), as browsers do."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_TO_BYTE = {ord(_sloppy_cp1252_char(b)): b for b in range(256)}
_CONT = "".join(re.escape(_sloppy_cp1252_char(b)) for b in range(0x80, 0xC0))
_LEAD2 = "".join(re.escape(_sloppy_cp1252_char(b)) for b in range(0xC2, 0xE0))
_LEAD3 = "".join(re.escape(_sloppy_cp1252_char(b)) for b in range(0xE0, 0xF0))
_LEAD4 = "".join(re.escape(_sloppy_cp1252_char(b)) for b in range(0xF0, 0xF5))


# The two patterns below are compiled on first use (about 1 ms together at a cold start): clean text, ruled out
# by _SIGNATURE_LEADS, never needs them.
@cache
def _mojibake() -> re.Pattern[str]:
    return re.compile(f"[{_LEAD2}][{_CONT}]|[{_LEAD3}][{_CONT}]{{2}}|[{_LEAD4}][{_CONT}]{{3}}")


@cache
def mojibake_signature() -> re.Pattern[str]:
    """Every branch opens with a literal so that the regex engine skips to those four letters in C."""
    return re.compile(f"Ã[{_CONT}]|Â[{_CONT}]|â€|â[\x81‚ƒ„][{_CONT}]|Å[’“\\xa0¡¸½¾]")


_SIGNATURE_LEADS = "ÃÂâÅ"  # every signature starts with one of these: clean text is ruled out by four scans
# "â€" whose third byte was lost (0x9D, the closing quote, is undefined in cp1252) and "Ã"
# whose no-break space became a plain space ("Ã  Paris" for "à Paris").
_BROKEN_QUOTE = re.compile(f"â€(?![{_CONT}])")
_BROKEN_A_GRAVE = re.compile(r"(?<!\S)Ã(?:\s(?=\s)|(?=\s))")


def _plausible(char: str) -> bool:
    """Characters a French/English/European text could have held before double encoding."""
    code = ord(char)
    return 0xA0 <= code <= 0x17F or 0x2000 <= code <= 0x206F or char in "€™ƒˆ˜"


_REPAIRED: dict[str, str] = {}  # memo: a flood of one sequence costs one decode


def _repair_run(match: re.Match[str]) -> str:
    run = match.group()
    repaired = _REPAIRED.get(run)
    if repaired is None:
        try:
            char = bytes(_TO_BYTE[ord(c)] for c in run).decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            char = run
        repaired = char if len(char) == 1 and _plausible(char) else run
        if len(_REPAIRED) < 4096:
            _REPAIRED[run] = repaired
    return repaired


def count_matches(pattern: re.Pattern[str], text: str) -> int:
    return pattern.subn("", text)[1]  # no list of matches, unlike findall


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8-read-as-cp1252 double encoding (up to three layers); never touches clean text."""
    if not any(lead in text for lead in _SIGNATURE_LEADS):
        return text, False
    original = text
    for _ in range(3):
        before = count_matches(mojibake_signature(), text)
        if not before:
            break
        candidate = _BROKEN_QUOTE.sub("”", _mojibake().sub(_repair_run, text))
        if count_matches(mojibake_signature(), candidate) >= before:
            break  # no clear improvement: leave the text as it was
        text = candidate
    if text != original:  # only in text proven damaged, once every layer is undone
        text = _BROKEN_A_GRAVE.sub("à", text)
    return text, text != original
