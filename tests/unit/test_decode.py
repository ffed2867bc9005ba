"""Decoding: bytes in any common encoding, compressed or not, become the same text; bad bytes are rejected."""

from __future__ import annotations

import codecs
import gzip
import os
import zlib

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from article_core.decode import _control_ratio, decode
from article_core.errors import Rejected
from article_core.mojibake import mojibake_signature, repair_mojibake
from article_core.settings import Limits
from article_core.sniff import sniff_format

_CONTROL_CHARS = frozenset([*map(chr, range(0x09)), *map(chr, range(0x0E, 0x20)), "\x7f", "\ufffd"])

MiB = 1024 * 1024

# French wire copy with the typography that trips encoders: curly and straight apostrophes,
# guillemets, accented capitals, a registered sign.
ARTICLE = (
    "Le secrétaire d’État américain s’est entretenu hier avec son homologue russe Sergueï Lavrov.\n"
    "Marco Rubio a appelé Moscou à s'engager dans des négociations «de bonne foi» avec l'Ukraine.\n"
    "«Pas opposés à de nouvelles réunions avec les Russes», a précisé À Istanbul un diplomate. Orgo-Life®\n"
)


def _sloppy_mojibake(text: str) -> str:
    """What a tool does when it reads UTF-8 as Windows-1252 (undefined bytes as latin-1) and saves UTF-8."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8"),
        (ARTICLE.encode("utf-16"), "utf-16-le"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("utf-32"), "utf-32-le"),
        (ARTICLE.encode("cp1252"), "cp1252"),
        (gzip.compress(ARTICLE.encode("utf-8")), "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "utf16be-bom", "utf32", "cp1252", "gzip"],
)
def test_same_article_in_any_encoding_gives_identical_text(raw: bytes, encoding: str) -> None:
    # Given the same article saved in a common encoding (with or without BOM, or gzipped)
    # When it is decoded
    decoded = decode(raw, name="article.txt")
    # Then the text is identical to the original and the encoding is recorded
    assert decoded.text == ARTICLE
    assert decoded.encoding == encoding
    assert decoded.compressed == raw.startswith(b"\x1f\x8b")


def test_utf8_cut_inside_the_last_character_keeps_the_rest() -> None:
    # Given UTF-8 whose last character was cut in half (a truncated upload)
    raw = ARTICLE.encode("utf-8") + "é".encode()[:1]
    # When decoded
    decoded = decode(raw)
    # Then the text up to the cut is kept, as UTF-8
    assert decoded.text == ARTICLE
    assert decoded.encoding == "utf-8"


def test_utf8_file_with_a_pasted_cp1252_fragment_reads_both() -> None:
    # Given a UTF-8 file into which a Windows-1252 fragment was pasted
    raw = ARTICLE.encode("utf-8") + " Café à Noël.".encode("cp1252")
    # When decoded
    decoded = decode(raw)
    # Then both parts are read correctly and the mix is recorded
    assert decoded.text == ARTICLE + " Café à Noël."
    assert decoded.encoding == "utf-8+cp1252"


def test_latin9_oe_ligature_is_not_read_as_a_fraction() -> None:
    # Given French saved as ISO-8859-15, where œ and € have their own bytes
    raw = "Le cœur de l'œuvre coûte 5 € à Noël.".encode("iso-8859-15")
    # When decoded
    decoded = decode(raw)
    # Then "cœur" is not "c½ur"
    assert decoded.text == "Le cœur de l'œuvre coûte 5 € à Noël."
    assert decoded.encoding == "iso-8859-15"


def test_central_european_code_page_is_recognised() -> None:
    # Given Polish saved as Windows-1250
    text = "Wczoraj prezydent spotkał się z ministrem spraw zagranicznych, żeby omówić współpracę. " * 3
    # When decoded
    decoded = decode(text.encode("cp1250"))
    # Then the Polish letters come back (no "spotka³")
    assert decoded.text == text
    assert decoded.encoding == "cp1250"


def test_cyrillic_code_page_falls_back_to_detection() -> None:
    # Given Russian saved as Windows-1251 (mostly non-ASCII bytes)
    text = "Вчера президент встретился с министром иностранных дел в Москве. " * 5
    # When decoded
    decoded = decode(text.encode("cp1251"))
    # Then the detector finds the code page
    assert decoded.text == text
    assert decoded.encoding == "cp1251"


# --- mojibake -------------------------------------------------------------------------------


def test_mojibake_is_repaired_and_recorded() -> None:
    # Given an article whose UTF-8 was once read as Windows-1252 ("Ã©tÃ©", "â€™")
    raw = _sloppy_mojibake(ARTICLE).encode("utf-8")
    # When decoded
    decoded = decode(raw)
    # Then the original text comes back and the repair is recorded with the encoding
    assert decoded.text == ARTICLE
    assert decoded.encoding == "utf-8+mojibake-repaired"


def test_double_mojibake_is_repaired() -> None:
    # Given text damaged twice
    damaged = _sloppy_mojibake(_sloppy_mojibake("L’été à Noël"))
    # When repaired
    repaired, changed = repair_mojibake(damaged)
    # Then both layers are undone
    assert (repaired, changed) == ("L’été à Noël", True)


def test_mojibake_a_grave_whose_no_break_space_became_a_space() -> None:
    # Given "à" damaged, its no-break space later turned into a plain space, next to clear mojibake
    damaged = "Il est arrivÃ© Ã  Paris"
    # When repaired
    repaired, _ = repair_mojibake(damaged)
    # Then both are fixed
    assert repaired == "Il est arrivé à Paris"


@pytest.mark.parametrize(
    "text",
    [
        "«L'ÉTÉ»",  # É followed by » is U+027B in a naive repair
        "SÃO PAULO et MAÇÃ",  # Portuguese capitals
        "Prix : 5 € — soit 5,00 €… «déjà» ‘cité’",
        "Ä» Ö– Ü—",
        "Ã seul",  # no clear sign of mojibake: left alone
    ],
)
def test_correct_text_is_never_repaired(text: str) -> None:
    # Given correct text that merely contains characters mojibake is made of
    # When the repair runs
    repaired, changed = repair_mojibake(text)
    # Then nothing changes
    assert (repaired, changed) == (text, False)


LATIN_TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;:!?'\"-")
        + list("éèêëàâäîïôöùûüçÉÈÊÀÂÎÔÙÛÇœŒæ’‘“”«»–—…€°")
    ),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(LATIN_TEXT)
def test_repair_undoes_any_mojibake_of_latin_text(text: str) -> None:
    # Given any French/English text (without a mojibake signature such as "Ã©" of its own),
    # damaged by a UTF-8-as-cp1252 round trip
    assume(not mojibake_signature().search(text))
    # When repaired
    repaired, _ = repair_mojibake(_sloppy_mojibake(text))
    # Then the original comes back
    assert repaired == text


@settings(max_examples=300, deadline=None)
@given(LATIN_TEXT)
def test_repair_leaves_correct_latin_text_alone(text: str) -> None:
    # Given correct French/English text (no sequence that only mojibake produces, such as "Ã©")
    assume(not mojibake_signature().search(text))
    # When the repair runs
    repaired, changed = repair_mojibake(text)
    # Then nothing changes
    assert (repaired, changed) == (text, False)


# --- rejections -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [b"", b" \n\t\r\n ", "   \n".encode("utf-16"), "\u200b\u200e\u202e\ufeff".encode()],
    ids=["empty", "whitespace", "utf16-whitespace", "invisible-only"],
)
def test_empty_or_invisible_files_are_rejected_as_empty(raw: bytes) -> None:
    # Given a file with nothing a reader could see
    # When decoded
    with pytest.raises(Rejected) as caught:
        decode(raw)
    # Then it is rejected as empty with a readable message
    assert caught.value.code == "empty"
    assert "empty" in caught.value.message or "white space" in caught.value.message


@pytest.mark.parametrize(
    ("header", "what"),
    [
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x7fELF\x02\x01\x01", "ELF"),
        (b"GIF89a", "GIF"),
        (b"\xff\xd8\xff\xe0", "JPEG"),
        (b"BZh91AY&SY", "bzip2"),
    ],
)
def test_known_binary_formats_are_rejected_by_name(header: bytes, what: str) -> None:
    # Given a file that starts like a known binary format, followed by text-like bytes
    raw = header + b"some text after the header" * 10
    # When decoded
    with pytest.raises(Rejected) as caught:
        decode(raw)
    # Then it is rejected as binary, and the message names the format
    assert caught.value.code == "binary"
    assert what in caught.value.message


def test_nul_bytes_are_rejected_as_binary() -> None:
    # Given a megabyte of NUL bytes
    # When decoded
    with pytest.raises(Rejected) as caught:
        decode(b"\x00" * MiB)
    # Then it is binary
    assert caught.value.code == "binary"


def test_random_bytes_are_rejected() -> None:
    # Given random bytes
    raw = os.urandom(64 * 1024)
    # When decoded
    with pytest.raises(Rejected) as caught:
        decode(raw)
    # Then they are refused as binary or undecodable
    assert caught.value.code in {"binary", "undecodable"}


def test_file_over_the_cap_is_rejected_before_any_work() -> None:
    # Given a file larger than the object cap
    # When decoded
    with pytest.raises(Rejected) as caught:
        decode(b"a" * 2000, limits=Limits(max_object_bytes=1000))
    # Then it is too large, and the message gives the sizes
    assert caught.value.code == "too_large"
    assert "1,000" in caught.value.message


def test_truncated_gzip_is_rejected_as_corrupt() -> None:
    # Given a gzip file cut in the middle
    raw = gzip.compress(ARTICLE.encode() * 100)[:200]
    # When decoded
    with pytest.raises(Rejected) as caught:
        decode(raw)
    # Then it is corrupt
    assert caught.value.code == "corrupt_gzip"


def test_gzip_with_damaged_data_is_rejected_as_corrupt() -> None:
    # Given a gzip file with a byte flipped inside the deflate stream
    raw = bytearray(gzip.compress(ARTICLE.encode() * 10))
    raw[len(raw) // 2] ^= 0xFF
    # When decoded
    with pytest.raises(Rejected) as caught:
        decode(bytes(raw))
    # Then it is corrupt
    assert caught.value.code == "corrupt_gzip"


def test_gzip_bomb_is_refused_without_inflating_it() -> None:
    # Given a small gzip file that inflates far beyond the decompressed cap
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\x00" * MiB
    raw = b"".join(compressor.compress(chunk) for _ in range(64)) + compressor.flush()
    # When decoded with a 4 MiB cap
    with pytest.raises(Rejected) as caught:
        decode(raw, limits=Limits(max_decompressed_bytes=4 * MiB))
    # Then it is refused as a decompression bomb
    assert caught.value.code == "decompression_bomb"
    assert len(raw) < MiB


def test_concatenated_gzip_members_are_all_read() -> None:
    # Given two gzip members one after the other (as `cat a.gz b.gz` makes)
    raw = gzip.compress(b"First part. ") + gzip.compress(b"Second part.")
    # When decoded
    decoded = decode(raw)
    # Then both parts are read
    assert decoded.text == "First part. Second part."


# --- hostile input stays cheap --------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"word " * (2 * MiB),  # a 10 MB single line
        "«".encode() * MiB,
        b"." * MiB,
        b"A" * MiB,
        b"[" * MiB,
        b"<p" * MiB,
        b"**" * MiB,
        ("a\u202e\u200b\u2066" * (MiB // 4)).encode(),
        ("Ã©" * MiB).encode(),
    ],
    ids=["10MB-line", "guillemets", "dots", "capitals", "brackets", "tag-starts", "stars", "bidi", "mojibake"],
)
def test_backtracking_bait_decodes(raw: bytes) -> None:
    # Given a large file of one repeated pattern
    # When decoded
    decoded = decode(raw)
    # Then it comes back whole (the patterns are linear: a catastrophic one would hang here)
    assert len(decoded.text) >= len(raw) // 4


# --- format ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "article.txt", "html"),
        ("Intro line\n<div><p>One</p><p>Two</p><p>Three</p></div>", "a.txt", "html"),
        ('{"title": "x", "body": "y"}', "a.txt", "json"),
        ('{"title": "x", "bo', "upload", "json"),
        ('[{"headline": "x"}]', "a.bin", "json"),
        ("[Exclusif] Le ministre parle.\nFin [1]", "a.txt", "text"),
        ("# Titre\n\nUn **texte** avec [un lien](https://example.com).", "a.txt", "markdown"),
        ("Just a plain line.\nAnother one.", "notes.md", "markdown"),
        ("Just a plain line.", "page.html.gz", "html"),
        ("Just a plain line.", "page", "text"),
        ("<html><body><p>x</p></body></html>", "doc.md", "html"),
        ("Le prix est < 5 € et > 2 €.", "a.txt", "text"),
    ],
)
def test_format_is_sniffed_by_content_then_by_name(text: str, name: str, expected: str) -> None:
    # Given a text and its file name
    # When the format is sniffed
    # Then content decides first, the name second
    assert sniff_format(text, name) == expected


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF) | st.sampled_from("\ufffd\ud800😀\u2028"), max_size=300))
@settings(max_examples=300, deadline=None)
def test_control_ratio_counts_control_characters_whatever_the_script(text: str) -> None:
    """Given any text, surrogates and astral characters included,
    when its share of control characters is measured (on UTF-8 bytes, for speed),
    then it equals a count of the characters themselves."""
    controls = sum(1 for c in text if c in _CONTROL_CHARS)
    assert _control_ratio(text) == controls / max(1, len(text))


def test_text_with_a_few_control_characters_is_kept_and_with_many_is_binary() -> None:
    """Given two texts, one with 1 control character in 100 and one with 1 in 10,
    when they are decoded,
    then the first is text and the second is rejected as binary."""
    assert decode(("word " * 20 + "\x01").encode() * 50).format == "text"
    with pytest.raises(Rejected) as caught:
        decode(("word " * 2 + "\x01").encode() * 50)
    assert caught.value.code == "binary"


def test_a_file_that_switches_from_utf8_to_utf16le_is_decoded_per_segment() -> None:
    # Given UTF-8 French followed by UTF-16LE English (no byte-order mark)
    french = "Le conseil municipal a annoncé mardi un plan de rénovation des écoles."
    english = "The city council announced on Tuesday a plan to renovate schools after months of talks."
    raw = french.encode() + b"\n\n" + english.encode("utf-16-le")
    # When decoded
    decoded = decode(raw)
    # Then each part is read in its own encoding
    assert french in decoded.text and english in decoded.text
    assert decoded.encoding == "utf-8+utf-16-le"


def test_a_lone_surrogate_in_utf16_is_replaced_not_fatal() -> None:
    # Given a UTF-16LE file (with its BOM) holding one unpaired high surrogate
    text = "The city council announced on Tuesday a plan to renovate schools. " * 5
    raw = codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\x00\xd8" + text.encode("utf-16-le")
    # When decoded / Then the surrogate is one replacement character and the rest is intact
    decoded = decode(raw)
    assert decoded.text.count("\ufffd") == 1 and decoded.text.count("schools") == 10


def test_utf16_bom_over_garbage_is_still_undecodable() -> None:
    with pytest.raises(Rejected) as caught:
        decode(codecs.BOM_UTF16_LE + b"\x00\xdc" * 200)
    assert caught.value.code == "undecodable"
