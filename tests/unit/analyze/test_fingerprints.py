"""Fingerprints: exact SHA-256 over normalised text and a 64-bit SimHash for near-duplicates."""

import hashlib

import pytest

from article_core.analyze.fingerprint import fingerprint, hamming, normalise, simhash
from article_core.analyze.tokens import words

BASE = " ".join(f"Phrase numéro {i} de l'article sur la négociation entre Kiev et Moscou." for i in range(40))


def test_sha256_ignores_case_and_layout() -> None:
    # Given the same text with other case, spacing and line breaks / When fingerprinted / Then same SHA-256
    a = fingerprint("Le  Chat\n\ndort. ")
    b = fingerprint("le chat dort.")
    assert a.sha256 == b.sha256 == hashlib.sha256(b"le chat dort.").hexdigest()


def test_sha256_is_over_nfc_text() -> None:
    # Given "é" composed and decomposed / When fingerprinted / Then same SHA-256
    assert fingerprint("caf\u00e9").sha256 == fingerprint("cafe\u0301").sha256


def test_simhash_is_16_hex_digits_and_close_for_near_duplicates() -> None:
    # Given an article, a lightly edited copy and an unrelated text / When fingerprinted
    # Then the copy's SimHash is much closer than the unrelated one's
    edited = BASE.replace("numéro 7 ", "numéro sept ")
    other = " ".join(f"Recette {i}: mélanger la farine, le beurre et le sucre puis cuire." for i in range(40))
    a, b, c = fingerprint(BASE), fingerprint(edited), fingerprint(other)
    assert len(a.simhash) == 16 and int(a.simhash, 16) >= 0
    assert a.sha256 != b.sha256
    assert hamming(a.simhash, b.simhash) <= 8 < hamming(a.simhash, c.simhash)


def _textbook_simhash(text: str) -> int:
    """Charikar's SimHash spelled out: +1/-1 per bit of each word-trigram hash, bit set when the sum is positive."""
    tokens = words(normalise(text))
    grams = [" ".join(tokens[i : i + 3]) for i in range(max(1, len(tokens) - 2))]
    totals = [0] * 64
    for gram in grams:
        value = int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            totals[bit] += 1 if value >> (63 - bit) & 1 else -1
    return int("".join("1" if total > 0 else "0" for total in totals), 2)


@pytest.mark.parametrize(
    "text", ["", "Un", "Deux mots", BASE, "Ωραία μέρα. " * 5, "Ǆ ǅ ǆ  İstanbul\u00a0et\u2028Paris"]
)
def test_simhash_is_the_per_bit_majority_of_trigram_hashes(text: str) -> None:
    # Given texts from empty to long, with odd case and spacing / When fingerprinted
    # Then the SimHash is Charikar's per-bit majority over the word-trigram hashes
    assert simhash(text) == _textbook_simhash(text)
    assert fingerprint(text).simhash == f"{_textbook_simhash(text):016x}"


def test_lowercasing_keeps_every_character_a_word_character_joiner_or_other_as_it_was() -> None:
    # Given every code point whose lowercase is one character (all but "İ")
    # When it is lowercased / Then it stays what the word pattern makes of it (what lets the SimHash reuse words)
    joiners = "-'’"
    changed = [
        hex(code)
        for code in range(0x110000)
        if len(lower := (char := chr(code)).lower()) == 1
        and (bool(words(char)), char in joiners) != (bool(words(lower)), lower in joiners)
    ]
    assert changed == []
    assert [hex(code) for code in range(0x110000) if len(chr(code).lower()) != 1] == ["0x130"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Un",
        BASE,
        "L’Ukraine s’est dite prête, à Istanbul — lundi.\n\nPorte-parole: «oui»",
        "Ǆ ǅ ǆ  İstanbul et Paris",  # "İ" lowercases to two characters
        "ΟΔΟΣ.ΑΒΓ Σ",  # final sigma depends on what follows
        "MARCO_RUBIO a dit ÉTÉ 2025 x-y'z",
    ],
)
def test_simhash_is_the_same_with_and_without_the_callers_words(text: str) -> None:
    # Given a text and its words / When fingerprinted with and without them / Then the same fingerprint
    assert fingerprint(text, text_words=words(text)) == fingerprint(text) == fingerprint(text, near_chars=10**6)
    assert fingerprint(text, text_words=words(text)).simhash == f"{_textbook_simhash(text):016x}"
