"""Bytes in, text out: decompression, encoding detection, mojibake repair, format sniffing.

Everything here is bounded by `Limits` and linear in the input, so that a hostile file costs
no more than a big one: decompression streams with a cap, regular expressions have no nested
quantifiers, and only a bounded head of the text is used for sniffing.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass

from .errors import Rejected
from .models import DocumentFormat, ErrorCode
from .mojibake import count_matches, repair_mojibake
from .settings import Limits
from .sniff import sniff_format

# Leading bytes of common non-text files, with a name a person recognises.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF media file (WebP, WAV or AVI)"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz-compressed file (only gzip is supported)"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file (only gzip is supported)"),
    (b"BZh91AY&SY", "a bzip2-compressed file (only gzip is supported)"),
    (b"MZ\x90\x00", "a Windows executable"),
)
_GZIP = b"\x1f\x8b"
_MAX_GZIP_LAYERS = 2  # a .gz of a .gz is tolerated; deeper nesting is not an article


@dataclass(frozen=True)
class Decoded:
    text: str
    format: DocumentFormat
    # Codec that produced the text ("utf-8", "utf-16-le", "cp1252", "utf-8+cp1252" for mixed
    # files), with "+mojibake-repaired" appended when double-encoded text was repaired.
    encoding: str
    compressed: bool = False


def decode(raw: bytes, *, name: str = "", limits: Limits | None = None) -> Decoded:
    """Raise `Rejected` (empty, too_large, binary, corrupt_gzip, decompression_bomb, undecodable)."""
    limits = limits or Limits()
    if len(raw) > limits.max_object_bytes:
        raise Rejected(
            ErrorCode.TOO_LARGE, f"The file is {len(raw):,} bytes; the limit is {limits.max_object_bytes:,} bytes."
        )
    compressed = raw.startswith(_GZIP)
    layers = 0
    while raw.startswith(_GZIP) and layers < _MAX_GZIP_LAYERS:
        raw = _gunzip(raw, limits.max_decompressed_bytes)
        layers += 1
    if not raw.strip():
        raise Rejected(ErrorCode.EMPTY, "The file is empty or holds only white space.")
    _reject_known_binary(raw)
    text, encoding = _to_text(raw)
    text, repaired = repair_mojibake(text)
    if repaired:
        encoding += "+mojibake-repaired"
    if not _VISIBLE.search(text):
        raise Rejected(ErrorCode.EMPTY, "The file holds only white space or invisible characters.")
    if _control_ratio(text) > 0.05:
        raise Rejected(ErrorCode.BINARY, "The file holds binary data (control characters), not text.")
    return Decoded(text=text, format=sniff_format(text, name), encoding=encoding, compressed=compressed)


# --- decompression ---------------------------------------------------------------------


def _gunzip(raw: bytes, cap: int) -> bytes:
    """Stream-decompress every gzip member, never holding more than `cap` + one chunk."""
    chunks: list[bytes] = []
    total = 0
    data = raw
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        while data:
            try:
                out = inflater.decompress(data, 1 << 20)
            except zlib.error as exc:
                raise Rejected(ErrorCode.CORRUPT_GZIP, f"The gzip data is damaged ({exc}).") from None
            total += len(out)
            if total > cap:
                raise Rejected(
                    ErrorCode.DECOMPRESSION_BOMB,
                    f"The file decompresses to more than {cap:,} bytes, the limit.",
                )
            chunks.append(out)
            if inflater.eof:
                break
            data = inflater.unconsumed_tail
            if not data:
                raise Rejected(
                    ErrorCode.CORRUPT_GZIP, "The gzip data is truncated (it ends before the end of the stream)."
                )
        data = inflater.unused_data
        if data and not data.startswith(_GZIP):
            if data.strip(b"\x00"):  # zero padding after the last member is common; anything else is not
                raise Rejected(ErrorCode.CORRUPT_GZIP, "The gzip data is followed by bytes that are not gzip.")
            break
    return b"".join(chunks)


def _reject_known_binary(raw: bytes) -> None:
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise Rejected(ErrorCode.BINARY, f"The file is {what}, not an article.")
    if raw[4:8] == b"ftyp":
        raise Rejected(ErrorCode.BINARY, "The file is an MP4/QuickTime media file, not an article.")
    if raw.startswith(_GZIP):
        raise Rejected(ErrorCode.BINARY, "The file is gzip nested more than twice, not an article.")


# --- encodings -------------------------------------------------------------------------

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# One well-formed UTF-8 multi-byte sequence (RFC 3629 table, no overlongs or surrogates).
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_ASCII = bytes(range(128))
_FALLBACK_ERRORS = "article_core.cp1252"
_MAX_STRAY_BYTES = 10_000  # each stray byte costs one call of the error handler


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a byte that is not UTF-8 is read as Windows-1252 (mixed files)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error(_FALLBACK_ERRORS, _cp1252_fallback)


def _to_text(raw: bytes) -> tuple[str, str]:
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            if enc == "utf-8":
                return _from_bytes_without_bom(body)
            try:
                return _decode_wide(body, enc), enc
            except UnicodeDecodeError:
                raise Rejected(
                    ErrorCode.UNDECODABLE, f"The file starts with a {enc} byte-order mark but is not {enc}."
                ) from None
    return _from_bytes_without_bom(raw)


def _from_bytes_without_bom(raw: bytes) -> tuple[str, str]:
    if 0 in raw and (segmented := _decode_segments(raw)) is not None:
        return segmented
    wide = _sniff_wide_encoding(raw)
    if wide:
        try:
            return _decode_wide(raw, wide), wide
        except UnicodeDecodeError:
            raise Rejected(
                ErrorCode.UNDECODABLE, f"The file looks like {wide} (it is full of NUL bytes) but is not."
            ) from None
    if raw.count(0) > len(raw) // 100:
        raise Rejected(ErrorCode.BINARY, "The file holds many NUL bytes: it is binary data, not text.")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.end == len(raw) and exc.reason == "unexpected end of data":
            return raw[: exc.start].decode("utf-8"), "utf-8"  # last character cut in half
    return _decode_legacy(raw)


def _decode_wide(raw: bytes, enc: str) -> str:
    """Strict first; then lone surrogates and stray units become U+FFFD, unless they are more than a few
    (then it is not this encoding, and UnicodeDecodeError says so)."""
    unit = 4 if enc.startswith("utf-32") else 2
    body = raw[: len(raw) - len(raw) % unit]  # a truncated last unit is dropped
    try:
        return body.decode(enc)
    except UnicodeDecodeError:
        text = body.decode(enc, errors="replace")
        if text.count("\ufffd") > max(2, len(text) // 100):
            raise
        return text


# Mixed files: a run of UTF-16LE text (ASCII letters with a NUL high byte) inside a file whose other
# parts have no NUL at all, as when a UTF-16 export is appended to a UTF-8 file.
_WIDE_RUN = re.compile(rb"(?:[^\x00]\x00){16,}")
_MIN_NARROW = 32  # bytes without NUL between wide runs that make a separate (UTF-8 / code page) segment
_MERGE_GAP = 64  # wide runs this close (a "’" or "é" has a non-NUL high byte) are one segment


def _plausibly_narrow(chunk: bytes) -> bool:
    """UTF-8 (or mostly printable ASCII), with no NUL: not a stretch of UTF-16 CJK or Cyrillic."""
    if 0 in chunk:
        return False
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError:
        return len(chunk.translate(None, _PRINTABLE_ASCII)) < len(chunk) // 10
    return True


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\r\n"


def _decode_segments(raw: bytes) -> tuple[str, str] | None:
    """Decode each segment in its own encoding when a file switches between UTF-16LE and a narrow one.

    None when the file is not mixed (all wide, or NUL bytes without UTF-16 runs): the usual path decides.
    Linear: one regex scan for the runs, then each byte is decoded once.
    """
    wide: list[list[int]] = []
    for m in _WIDE_RUN.finditer(raw):
        if wide and m.start() - wide[-1][1] <= _MERGE_GAP and (m.start() - wide[-1][0]) % 2 == 0:
            wide[-1][1] = m.end()
        else:
            wide.append([m.start(), m.end()])
    if not wide:
        return None
    narrow = [(a, b) for a, b in zip([0] + [e for _, e in wide], [s for s, _ in wide] + [len(raw)], strict=True)]
    if not any(b - a >= _MIN_NARROW and _plausibly_narrow(raw[a:b]) for a, b in narrow):
        return None
    parts: list[str] = []
    encodings: list[str] = []
    for index, (a, b) in enumerate(narrow):
        chunk = raw[a:b].replace(b"\x00", b"")
        if chunk.strip():
            text, enc = _from_bytes_without_bom(chunk)
            parts.append(text)
            encodings.append(enc)
        if index < len(wide):
            start, end = wide[index]
            parts.append(raw[start:end].decode("utf-16-le", errors="replace"))
            encodings.append("utf-16-le")
    return "\n".join(parts), "+".join(dict.fromkeys(encodings))


def _sniff_wide_encoding(raw: bytes) -> str | None:
    """UTF-16/32 without a BOM: Latin-script text has a NUL in every high byte, and other scripts
    still have one for each ASCII space, digit or line break, while the low bytes rarely are NUL."""
    sample = raw[: 1 << 14]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 4 or sample.count(0) < len(sample) // 16:
        return None
    lanes = [sample[i::4].count(0) / (len(sample) // 4) for i in range(4)]
    if lanes[0] < 0.05 and min(lanes[1:]) > 0.8:
        return "utf-32-le"
    if lanes[3] < 0.05 and min(lanes[:3]) > 0.8:
        return "utf-32-be"
    even, odd = (lanes[0] + lanes[2]) / 2, (lanes[1] + lanes[3]) / 2
    if even < 0.05 and odd > 0.2:
        return "utf-16-le"
    if odd < 0.05 and even > 0.2:
        return "utf-16-be"
    return None


def _decode_legacy(raw: bytes) -> tuple[str, str]:
    """Not UTF-8: mostly-UTF-8 with stray bytes, a Latin single-byte code page, or another script."""
    high = len(raw.translate(None, _ASCII))
    in_sequences = sum(len(seq) for seq in _UTF8_SEQ.findall(raw))
    invalid = high - in_sequences
    if in_sequences and in_sequences >= invalid:
        # Pasted fragments: a UTF-8 file with some Windows-1252 bytes. With very many, reading it
        # all as cp1252 is cheaper, and mojibake repair then restores the UTF-8 parts.
        if invalid <= _MAX_STRAY_BYTES:
            return raw.decode("utf-8", errors=_FALLBACK_ERRORS), "utf-8+cp1252"
        return raw.decode("cp1252", errors="replace"), "cp1252"
    letters_and_high = len(raw) - raw.count(b" ") - raw.count(b"\n")
    if high > 0.3 * max(1, letters_and_high):
        # Mostly non-ASCII bytes: a non-Latin script (Cyrillic, Greek, Arabic, ...) in a legacy
        # code page. Detection is statistical, so the detector is imported only here.
        detected = _detect_with_charset_normalizer(raw)
        if detected is None:
            raise Rejected(
                ErrorCode.UNDECODABLE, "The text encoding could not be recognised (not UTF-8, UTF-16 or a code page)."
            )
        return detected
    return _decode_latin(raw)


# Latin code pages to try for French/English/European text, in order of preference on a tie.
# WHATWG treats "latin-1" as windows-1252 (identical for every printable latin-1 byte), so a
# latin-1 file is reported as cp1252.
_LATIN_CODEPAGES = ("cp1252", "iso-8859-15", "cp1250")
# A symbol glued between two letters ("spotka³em", "c½ur") betrays the wrong code page.
_IMPLAUSIBLE = re.compile(
    r"[^\W\d_][\xa1-\xac\xae-\xb6\xb8-\xbf\xd7\xf7\u0192\u201e\u2020-\u2022\u2030\u20ac\u2122\u02c6\u02dc\ufffd][^\W\d_]"
)


def _decode_latin(raw: bytes) -> tuple[str, str]:
    best: tuple[int, int, str, str] | None = None
    for rank, enc in enumerate(_LATIN_CODEPAGES):
        text = raw.decode(enc, errors="replace")
        score = (count_matches(_IMPLAUSIBLE, text) + text.count("\ufffd"), rank, enc, text)
        if best is None or score[:2] < best[:2]:
            best = score
        if score[0] == 0:
            break
    assert best is not None  # noqa: S101 - the tuple of code pages is not empty
    return best[3], best[2]


def _detect_with_charset_normalizer(raw: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # lazy: about 15 ms of import, rarely needed

    match = from_bytes(raw[: 1 << 18]).best()
    if match is None or match.encoding is None:
        return None
    try:
        if b"News 2025".decode(match.encoding) != "News 2025":
            return None  # not ASCII-compatible (EBCDIC and the like): not a plausible article file
        return raw.decode(match.encoding, errors="replace"), match.encoding.replace("_", "-")
    except (LookupError, UnicodeDecodeError):
        return None


_VISIBLE = re.compile(
    r"[^\s\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)


_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])


def _control_ratio(text: str) -> float:
    """Share of control characters (C0 but tab and line breaks, DEL, U+FFFD), counted on UTF-8 bytes
    (where a control byte is always that character, never part of another): deleting bytes is many times
    faster than a regex scan."""
    sample = text[:65536]
    encoded = sample.encode("utf-8", "surrogatepass")
    controls = len(encoded) - len(encoded.translate(None, _CONTROL_BYTES)) + sample.count("\ufffd")
    return controls / max(1, len(sample))
