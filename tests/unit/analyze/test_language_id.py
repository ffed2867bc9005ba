"""Language identification: first-class French and English, other languages by function words or script."""

import pytest

from article_core.analyze.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le gouvernement a annoncé mercredi une nouvelle réforme des retraites.", "fr"),
        ("L'Ukraine s'est dite prête à des pourparlers à Istanbul avec la Russie.", "fr"),
        ("The company said on Monday that it would cut jobs in its European offices.", "en"),
        ("She didn't know what they were going to do with the money.", "en"),
        ("Die Regierung hat am Mittwoch eine neue Reform der Renten angekündigt.", "de"),
        ("El gobierno anunció el miércoles una nueva reforma de las pensiones.", "es"),
        ("Il governo ha annunciato mercoledì una nuova riforma delle pensioni.", "it"),
        ("O governo anunciou na quarta-feira uma nova reforma das pensões.", "pt"),
        ("De regering heeft woensdag een nieuwe hervorming van de pensioenen aangekondigd.", "nl"),
        ("Правительство в среду объявило о новой пенсионной реформе в стране.", "ru"),
        ("政府は水曜日に新しい年金改革を発表しました。これは大きな変化です。", "ja"),
    ],
)
def test_detects_the_language_of_a_news_sentence(text: str, expected: str) -> None:
    # Given one news sentence / When detected / Then the ISO 639-1 code is the sentence's language
    guess = detect_language(text)
    assert guess.language == expected
    assert 0.0 < guess.confidence <= 1.0


@pytest.mark.parametrize("text", ["", "OK", "12 345 678", "Marco Rubio"])
def test_too_little_text_is_undetermined(text: str) -> None:
    # Given a text without enough language cues / When detected / Then it is `und` with no confidence
    guess = detect_language(text)
    assert guess.language == "und"
    assert guess.confidence == 0.0


def test_long_text_is_detected_with_high_confidence() -> None:
    # Given several French paragraphs / When detected / Then French with a confidence near 1
    text = " ".join(["Le chef de la diplomatie russe a expliqué à son homologue comment son pays entendait agir."] * 10)
    guess = detect_language(text)
    assert guess.language == "fr"
    assert guess.confidence > 0.9


def test_a_script_wins_by_letters_written_not_by_distinct_letters() -> None:
    # Given a Cyrillic word repeated many times beside a few Latin words with more distinct letters
    text = "да " * 12 + "ok yes"
    # When detected / Then Russian: 24 Cyrillic letters outweigh 5 Latin ones
    assert detect_language(text).language == "ru"
