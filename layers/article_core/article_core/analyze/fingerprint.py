"""Fingerprints for duplicate detection: exact (SHA-256 of normalised text) and near (64-bit SimHash)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..models import Fingerprint
from .tokens import words

_SPACES = re.compile(r"\s+")
_SHINGLE = 3  # word trigrams: robust to small edits, sensitive to reordering


def normalise(text: str) -> str:
    """NFC, lowercase, whitespace collapsed: two copies differing only in layout hash the same."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).lower()).strip()


def simhash(text: str) -> int:
    """64-bit SimHash over word trigrams (Charikar): near-identical texts differ in few bits."""
    tokens = words(normalise(text))
    shingles = [" ".join(tokens[i : i + _SHINGLE]) for i in range(max(1, len(tokens) - _SHINGLE + 1))]
    # Each shingle's 64-bit hash as a "0101..." string; a bit of the result is set when most hashes set it.
    rows = [format(int.from_bytes(_hash(shingle), "big"), "064b") for shingle in shingles]
    half = len(rows) / 2
    return int("".join("1" if column.count("1") > half else "0" for column in map("".join, zip(*rows, strict=True))), 2)


def _hash(shingle: str) -> bytes:
    return hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest()


def fingerprint(text: str) -> Fingerprint:
    normalised = normalise(text)
    return Fingerprint(
        sha256=hashlib.sha256(normalised.encode("utf-8")).hexdigest(),
        simhash=f"{simhash(normalised):016x}",
    )


def hamming(a: str, b: str) -> int:
    """Differing bits between two SimHash hex strings (<= 3 of 64 usually means near-duplicates)."""
    return (int(a, 16) ^ int(b, 16)).bit_count()
