"""Fingerprints for duplicate detection: exact (SHA-256 of normalised text) and near (64-bit SimHash)."""

from __future__ import annotations

import hashlib
import unicodedata

from ..models import Fingerprint
from .tokens import words

_SHINGLE = 3  # word trigrams: robust to small edits, sensitive to reordering


def normalise(text: str) -> str:
    """NFC, lowercase, whitespace collapsed: two copies differing only in layout hash the same."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())  # split() cuts where \s+ matches


def simhash(text: str) -> int:
    """64-bit SimHash over word trigrams (Charikar): near-identical texts differ in few bits."""
    return _simhash_of_normalised(normalise(text))


def _simhash_of_normalised(normalised: str) -> int:
    tokens = words(normalised)
    if len(tokens) < _SHINGLE:
        shingles = [" ".join(tokens)]
    else:
        shingles = [" ".join(gram) for gram in zip(*(tokens[i:] for i in range(_SHINGLE)), strict=False)]
    # All 8-byte hashes end to end; byte k of every hash is digests[k::8]. A bit of the result is set when
    # most hashes set it; counting a bit over one such column is a table lookup and a count, both in C.
    # Each hash starts as a copy of an empty 8-byte BLAKE2b (the same value as blake2b(data, digest_size=8)):
    # a copy costs less than the constructor's keyword parsing, and the loop is this function's whole cost.
    digests = bytearray()
    start = _EMPTY_BLAKE2B_8.copy
    for shingle in shingles:
        h = start()
        h.update(shingle.encode("utf-8"))
        digests += h.digest()
    half = len(shingles) / 2
    result = 0
    for byte in range(8):
        column = digests[byte::8]
        for bit_table in _BIT_TABLES:
            result = (result << 1) | (column.translate(bit_table).count(1) > half)
    return result


_EMPTY_BLAKE2B_8 = hashlib.blake2b(digest_size=8)
# _BIT_TABLES[j] maps a byte to its j-th bit, most significant first (bytes.translate tables).
_BIT_TABLES = tuple(bytes((value >> (7 - j)) & 1 for value in range(256)) for j in range(8))


def fingerprint(text: str, *, near_chars: int | None = None) -> Fingerprint:
    """SHA-256 of the whole normalised text; SimHash of its first `near_chars` characters when given
    (near-duplicates share their beginning, and a 10 MB text must not cost 10 MB of shingles)."""
    normalised = normalise(text)
    # normalise() is idempotent on NFC text (lowercasing only denormalises rare polytonic Greek):
    # skip the second pass simhash() would make unless it could change something.
    twice = normalised if unicodedata.is_normalized("NFC", normalised) else normalise(normalised)
    return Fingerprint(
        sha256=hashlib.sha256(normalised.encode("utf-8")).hexdigest(),
        simhash=f"{_simhash_of_normalised(twice[:near_chars]):016x}",
    )


def hamming(a: str, b: str) -> int:
    """Differing bits between two SimHash hex strings (<= 3 of 64 usually means near-duplicates)."""
    return (int(a, 16) ^ int(b, 16)).bit_count()
