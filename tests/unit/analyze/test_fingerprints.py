"""Fingerprints: exact SHA-256 over normalised text and a 64-bit SimHash for near-duplicates."""

import hashlib

from article_core.analyze.fingerprint import fingerprint, hamming

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
