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
    # When detected / Then a Cyrillic-script language: 24 Cyrillic letters outweigh 5 Latin ones
    assert detect_language(text).language in {"ru", "bg", "mk", "sr", "uk", "be"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("healthy snack bars", "en"),
        ("Especially homemade jam.", "en"),
        ("22 juin 2012.", "fr"),
        ("Lars Ulrich a dit.", "fr"),
        ("Il pleuvait encore.", "fr"),
        ("SENATE RESOLVES TO ACT", "en"),
        ("France : le SMIC augmentera de 2 %", "fr"),
        ("SPACE VIZZION CONCEPT", "en"),
    ],
)
def test_short_french_and_english_sentences_are_decided(text: str, expected: str) -> None:
    # Given a sentence of a few words with few or no function words (a headline, an ingredient, a date)
    # When detected / Then word frequencies and spelling still name the language instead of `und`
    assert detect_language(text).language == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Zug hat Verspätung.", "de"),
        ("Wo ist der Bahnhof?", "de"),
        ("Los niños juegan en el parque.", "es"),
        ("La escuela sigue cerrada.", "es"),
        ("Il treno è in ritardo.", "it"),
        ("La scuola resta chiusa.", "it"),
        ("A escola continua fechada.", "pt"),
        ("De school blijft dicht.", "nl"),
        ("Het museum gaat weer open.", "nl"),
    ],
)
def test_short_sentences_of_neighbouring_languages_are_not_swallowed(text: str, expected: str) -> None:
    # Given a short sentence in a language close to French or English / When detected
    # Then the prior toward fr/en does not override clear evidence for the sentence's own language
    assert detect_language(text).language == expected


def test_a_language_the_word_model_lacks_is_named_by_its_function_words() -> None:
    # Given a Swedish paragraph (Swedish has function-word profiles but no word-frequency table)
    text = (
        "Regeringen meddelade på onsdagen att den kommer att lägga fram ett nytt förslag om pensionerna. "
        "Det är inte första gången som frågan har diskuterats i riksdagen, och oppositionen är kritisk. "
        "Enligt ministern ska reformen träda i kraft nästa år, men många detaljer är fortfarande oklara."
    )
    # When detected / Then Swedish, not the nearest modelled language
    assert detect_language(text).language == "sv"


def test_a_name_alone_gives_no_language_but_a_sentence_around_it_does() -> None:
    # Given a bare name, then the same name in a short French sentence / When detected
    # Then the name alone is undetermined (names travel between languages) and the sentence is French
    assert detect_language("Donald Trump").language == "und"
    assert detect_language("Donald Trump est arrivé hier.").language == "fr"


def test_confidence_grows_with_the_amount_of_text() -> None:
    # Given a short French sentence and a paragraph made of several such sentences / When detected
    short = detect_language("Les prix continuent de monter.")
    long = detect_language(" ".join(["Les prix continuent de monter dans tout le pays, selon l'institut."] * 5))
    # Then both are French and the paragraph is the surer guess
    assert short.language == long.language == "fr"
    assert short.confidence < long.confidence
