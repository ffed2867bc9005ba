"""Bytes in, text out: decompression, encoding detection, format sniffing.

Everything here is bounded by `Limits` so that a hostile file costs no more than a big one.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass

from .errors import Rejected
from .settings import Limits

_MAGIC = {
    b"\x89PNG": "PNG image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive",
    b"\x7fELF": "ELF executable",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
}


@dataclass(frozen=True)
class Decoded:
    text: str
    format: str  # text | html | markdown | json
    encoding: str
    compressed: bool = False


def decode(raw: bytes, *, name: str = "", limits: Limits | None = None) -> Decoded:
    limits = limits or Limits()
    if len(raw) > limits.max_object_bytes:
        raise Rejected("too_large", f"The file is {len(raw)} bytes; the limit is {limits.max_object_bytes}.")
    compressed = raw[:2] == b"\x1f\x8b"
    if compressed:
        raw = _gunzip(raw, limits.max_decompressed_bytes)
    if not raw.strip():
        raise Rejected("empty", "The file is empty or holds only white space.")
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise Rejected("binary", f"The file is a {what}, not an article.")
    text, encoding = _to_text(raw)
    return Decoded(text=text, format=sniff_format(text, name), encoding=encoding, compressed=compressed)


def _gunzip(raw: bytes, cap: int) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(raw, cap + 1)
    except zlib.error as exc:
        raise Rejected("corrupt_gzip", f"The gzip data is damaged ({exc}).") from None
    if len(out) > cap:
        raise Rejected("decompression_bomb", f"The file decompresses to more than {cap} bytes.")
    if not inflater.eof:
        raise Rejected("corrupt_gzip", "The gzip data is truncated.")
    return out


def _to_text(raw: bytes) -> tuple[str, str]:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(enc), enc.removesuffix("-sig")
            except UnicodeDecodeError:
                raise Rejected("undecodable", f"The file starts with a {enc} byte-order mark but is not {enc}.") from None
    sample = raw[:4096]
    if sample.count(b"\x00") > len(sample) // 4:
        enc = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        try:
            return raw.decode(enc), "utf-16"
        except UnicodeDecodeError:
            raise Rejected("binary", "The file holds NUL bytes and is not UTF-16 text.") from None
    try:
        text, enc = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = raw.decode("cp1252", errors="replace"), "cp1252"
    if _control_ratio(text) > 0.05:
        raise Rejected("binary", "The file holds binary data, not text.")
    return text, enc


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|article)\b", re.I)
_MARKDOWN = re.compile(r"^(?:#{1,6} |\* |- |> )|\[[^\]\n]{1,200}\]\([^)\s]{1,500}\)|\*\*[^*\n]{1,200}\*\*", re.M)


def sniff_format(text: str, name: str = "") -> str:
    """By content first (a .txt that holds HTML is HTML), then by name."""
    head = text[:4096].lstrip()
    if head[:1] in "{[" and name.lower().split(".")[-1] in {"json", "txt", ""} | {"gz"}:
        return "json"
    if _HTML.search(head):
        return "html"
    if len(_MARKDOWN.findall(text[:20000])) >= 2 or name.lower().endswith((".md", ".markdown")):
        return "markdown"
    return "text"
