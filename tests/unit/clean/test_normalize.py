"""Typography: invisible characters go, French spacing becomes plain spaces, words and quotes stay."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_core.clean.normalize import normalize_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quoi\u202f? Enfin\u00a0! Ainsi\u202f: non\u00a0;", "Quoi ? Enfin ! Ainsi : non ;"),
        ("«\u202fde bonne foi\u202f»", "« de bonne foi »"),
        ("«\u00a0\u00a0x\u2009\u2009»", "« x »"),
        ("pour\u00adtant", "pourtant"),
        ("zero\u200bwidth\u200c\u200d\u2060joined\ufeff", "zerowidthjoined"),
        ("\u202eevil\u202c \u2066isolate\u2069 \u200emark\u200f \u061carabic", "evil isolate mark arabic"),
        ("a\x00b\x07c\x1bd\x7fe\x9ff", "abcdef"),
        ("tag\U000e0041\U000e007f", "tag"),
        ("lone\ud800surrogate", "lonesurrogate"),
    ],
)
def test_invisible_characters_and_french_spaces(text: str, expected: str) -> None:
    # Given text with no-break spaces, soft hyphens, zero-width, bidi and control characters
    # When normalised
    # Then spaces are plain and invisible characters are gone
    assert normalize_text(text) == expected


def test_apostrophes_and_quotes_are_never_rewritten() -> None:
    # Given straight and curly apostrophes and every kind of quotation mark
    text = 'l’État et l\'État, «x», “y”, "z", ‘w’, „v“, ‹u›'
    # When normalised
    # Then the text is unchanged
    assert normalize_text(text) == text


def test_line_breaks_are_unified_and_lines_stripped() -> None:
    # Given Windows, old Mac and Unicode line breaks with padding
    text = "  one \r\ntwo\rthree\u2028four\u2029five\x85six\x0cseven  "
    # When normalised
    # Then every break is a newline and each line is stripped
    assert normalize_text(text) == "one\ntwo\nthree\nfour\nfive\nsix\nseven"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\rb", "a\nb"),
        ("a\x85b", "a\nb"),
        ("a\u2029b", "a\nb"),
        ("a\u00adb", "ab"),
        ("a\U000e0041b", "ab"),
        ("a\tb", "a b"),
        ("a\u3000b", "a b"),
        ("a  b", "a b"),
        ("a\u2000b", "a b"),
        ("e\u0301 x", "\u00e9 x"),
        ("\u212b x", "\u00c5 x"),
    ],
)
def test_one_unusual_character_in_plain_text_is_still_normalised(text: str, expected: str) -> None:
    # Given plain text with a single character (or double space) that one rule is for (plain text skips the rules)
    # When normalised
    # Then that rule still applies
    assert normalize_text(text) == expected


def test_nfc_composes_even_across_removed_invisible_characters() -> None:
    # Given a decomposed accent, and one separated from its letter by a zero-width space
    text = "e\u0301te\u0301 e\u200b\u0301"
    # When normalised
    # Then the accents are composed
    assert normalize_text(text) == "été é"


def test_combining_mark_flood_is_capped() -> None:
    # Given a letter followed by 200,000 combining marks (NFC sorts them in quadratic time)
    text = "a" + "\u0301\u0316" * 100_000 + " fin"
    # When normalised
    result = normalize_text(text)
    # Then at most 30 marks follow the letter (Unicode's stream-safe limit) and the rest is kept
    assert result.endswith(" fin")
    assert len(result) <= 1 + 30 + 4


SAMPLES = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            list("\u00a0\u202f\u2009\u00ad\u200b\u200c\u200d\u200e\u202e\u2066\ufeff\r\n\t\u2028\u0301\u0327 «»’'بشর্")
        ),
    ),
    max_size=300,
)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u202f]")
_SCRIPTS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc\u0900-\u0dff"
_SPELLING_JOINER = re.compile(f"(?<=[{_SCRIPTS}])[\u200c\u200d](?=[{_SCRIPTS}])")


@settings(max_examples=400, deadline=None)
@given(SAMPLES)
def test_normalisation_is_idempotent_nfc_and_leaves_nothing_invisible(text: str) -> None:
    # Given any text, hostile characters included
    # When normalised
    once = normalize_text(text)
    # Then normalising again changes nothing, the result is NFC, and no invisible or
    # no-break character remains
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not _INVISIBLE.search(_SPELLING_JOINER.sub("", once))


def test_a_joiner_that_spells_a_persian_or_hindi_word_stays_and_one_in_latin_text_goes() -> None:
    # Given a Persian verb and a Hindi conjunct spelled with a zero-width non-joiner / joiner, Latin words hiding one
    # When normalised / Then the spelling joiners stay, the hidden ones go
    assert normalize_text("می\u200cشود र\u200d्य") == "می\u200cشود र\u200d्य"
    assert normalize_text("cl\u200cick he\u200dre \u200cمی") == "click here می"
