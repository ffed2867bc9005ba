"""Fingerprints for duplicate detection: exact (SHA-256 of normalised text) and near (64-bit SimHash)."""

from __future__ import annotations

import hashlib
import unicodedata
from itertools import repeat

from ..models import Fingerprint
from .tokens import lowercase_keeps_places, words

_SHINGLE = 3  # word trigrams: robust to small edits, sensitive to reordering


def normalise(text: str) -> str:
    """NFC, lowercase, whitespace collapsed: two copies differing only in layout hash the same."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())  # split() cuts where \s+ matches


def simhash(text: str) -> int:
    """64-bit SimHash over word trigrams (Charikar): near-identical texts differ in few bits."""
    return _simhash_of_normalised(normalise(text))


def _simhash_of_normalised(normalised: str) -> int:
    return _simhash_of_tokens(_encoded_words(normalised))


def _encoded_words(normalised: str) -> list[bytes]:
    """The words of a normalised text, UTF-8 encoded (encoded once, joined, then split: cheaper than one by one)."""
    tokens = words(normalised)
    return " ".join(tokens).encode("utf-8").split(b" ") if tokens else []


def _simhash_of_tokens(tokens: list[bytes]) -> int:
    """SimHash of the normalised text's words, UTF-8 encoded (a shingle is its words joined by one space)."""
    if len(tokens) < _SHINGLE:
        shingles = [b" ".join(tokens)]
    else:
        shingles = list(map(b" ".join, zip(*(tokens[i:] for i in range(_SHINGLE)), strict=False)))
    # Each hash starts as a copy of an empty 8-byte BLAKE2b (the same value as blake2b(data, digest_size=8)):
    # copies, updates and digests are mapped in C, one BLAKE2b per shingle without a Python loop around it.
    hashes = list(map(_COPY, repeat(_EMPTY_BLAKE2B_8, len(shingles))))
    any(map(_UPDATE, hashes, shingles))  # update() returns None: any() runs it over every pair
    # All 8-byte hashes end to end; byte k of every hash is digests[k::8]. A bit of the result is set when
    # most hashes set it: read as one integer, a column's count of bit j is the popcount of it masked by
    # bit j of every byte (the integer of bytes 0x01 shifted by 7 - j), in C.
    digests = b"".join(map(_DIGEST, hashes))
    half = len(shingles) / 2
    ones = int.from_bytes(b"\x01" * len(shingles))
    masks = [ones << (7 - bit) for bit in range(8)]
    result = 0
    for byte in range(8):
        column = int.from_bytes(digests[byte::8])
        for mask in masks:
            result = (result << 1) | ((column & mask).bit_count() > half)
    return result


_EMPTY_BLAKE2B_8 = hashlib.blake2b(digest_size=8)
_COPY, _UPDATE, _DIGEST = type(_EMPTY_BLAKE2B_8).copy, type(_EMPTY_BLAKE2B_8).update, type(_EMPTY_BLAKE2B_8).digest


def fingerprint(
    text: str,
    *,
    near_chars: int | None = None,
    text_words: list[str] | None = None,
    lowered: str | None = None,
    words_lowered: str | None = None,
) -> Fingerprint:
    """SHA-256 of the whole normalised text; SimHash of its first `near_chars` characters when given
    (near-duplicates share their beginning, and a 10 MB text must not cost 10 MB of shingles).

    `text_words` is `words(text)` when the caller has it: the SimHash then reuses it instead of tokenising
    the normalised text again, whenever that gives the same words (see `_lowered_words`). The caller may also hand
    over what it has lowercased: `lowered` is `text.lower()`, `words_lowered` is `" ".join(text_words).lower()`.
    """
    nfc = unicodedata.normalize("NFC", text)  # normalise()'s steps, kept apart for the word reuse below
    lowered = nfc.lower() if lowered is None or nfc is not text else lowered
    normalised = " ".join(lowered.split())
    # normalise() is idempotent on NFC text (lowercasing only denormalises rare polytonic Greek):
    # skip the second pass simhash() would make unless it could change something.
    twice = normalised if unicodedata.is_normalized("NFC", normalised) else normalise(normalised)
    near = twice[:near_chars]
    reused = None
    if text_words is not None and near is normalised and nfc is text:
        reused = _lowered_words(text_words, text, lowered, words_lowered)
    if reused is None:
        reused = _encoded_words(near)
    return Fingerprint(
        sha256=hashlib.sha256(normalised.encode("utf-8")).hexdigest(),
        simhash=f"{_simhash_of_tokens(reused):016x}",
    )


def _lowered_words(
    text_words: list[str], text: str, lowered: str, words_lowered: str | None = None
) -> list[bytes] | None:
    """`words(normalise(text))` UTF-8 encoded, from `words(text)`, for an NFC `text` (None when not sure).

    Lowercasing maps every character to one character of the same kind (word character, joiner or other:
    tests/unit/analyze/test_fingerprints.py checks all of Unicode) except "İ", which becomes two, and "Σ",
    whose lowercase depends on its neighbours. Without them the lowercased text's words are the words'
    lowercase forms, and collapsing white space moves no word boundary.
    """
    if not text_words or not lowercase_keeps_places(text, lowered):
        return None
    if words_lowered is None:
        words_lowered = " ".join(text_words).lower()
    return words_lowered.encode("utf-8").split(b" ")


def hamming(a: str, b: str) -> int:
    """Differing bits between two SimHash hex strings (<= 3 of 64 usually means near-duplicates)."""
    return (int(a, 16) ^ int(b, 16)).bit_count()
