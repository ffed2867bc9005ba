"""Reading statistics and readability scores."""

from article_core.analyze.readability import readability, syllables
from article_core.analyze.stats import compute_stats


def test_counts_words_sentences_and_reading_time_at_the_language_pace() -> None:
    # Given 390 French words in 39 sentences / When counted / Then the reading time follows French pace (195 wpm)
    text = " ".join(["Le chat dort sur le tapis rouge du salon, tranquille."] * 39)
    stats = compute_stats(text, paragraphs=1, sentences=39, language="fr")
    assert (stats.words, stats.sentences, stats.paragraphs) == (390, 39, 1)
    assert stats.mean_sentence_words == 10.0
    assert stats.reading_time_seconds == 120
    assert compute_stats(text, paragraphs=1, sentences=39, language="en").reading_time_seconds < 120


def test_empty_text_has_zero_counts() -> None:
    # Given no text / When counted / Then everything is zero
    stats = compute_stats("", paragraphs=0)
    assert (stats.words, stats.sentences, stats.mean_sentence_words) == (0, 0, 0.0)


def test_syllables_are_estimated_from_vowel_groups() -> None:
    # Given common words / When syllables are estimated / Then silent endings are not counted
    assert syllables("make", "en") == 1
    assert syllables("reading", "en") == 2
    assert syllables("porte", "fr") == 1
    assert syllables("négociations", "fr") == 4


def test_each_language_gets_its_formula_and_lix_is_always_given() -> None:
    # Given the same words / When scored for English, French and German / Then Flesch, Kandel–Moles, LIX only
    words = ["The", "cat", "sat", "on", "the", "mat", "and", "looked", "at", "the", "remarkable", "neighbourhood"]
    english, french, german = (readability(words, 2, language) for language in ("en", "fr", "de"))
    assert english.flesch is not None and english.kandel_moles is None
    assert french.kandel_moles is not None and french.flesch is None
    assert german.flesch is None and german.kandel_moles is None
    assert german.lix == english.lix == round(12 / 2 + 100 * 2 / 12, 1)


def test_shorter_sentences_read_more_easily() -> None:
    # Given the same words in more sentences / When scored / Then Flesch ease rises and LIX falls
    words = ["the", "cat", "sat", "on", "the", "mat", "and", "the", "dog", "sat", "on", "the", "rug"]
    one, three = readability(words, 1, "en"), readability(words, 3, "en")
    assert three.flesch is not None and one.flesch is not None and three.flesch > one.flesch
    assert three.lix is not None and one.lix is not None and three.lix < one.lix


def test_every_occurrence_of_a_word_counts_and_numbers_do_not() -> None:
    # Given a long word written twice, a short one and a bare number, in one sentence
    words = ["chat", "internationalisation", "internationalisation", "2025"]
    # When scored / Then LIX counts three lettered words, two of them long, and syllables weigh per occurrence
    result = readability(words, 1, "fr")
    assert result.lix == round(3 + 100 * 2 / 3, 1)
    per_word = (syllables("chat", "fr") + 2 * syllables("internationalisation", "fr")) / 3
    assert result.kandel_moles == round(207 - 1.015 * 3 - 73.6 * per_word, 1)


def test_french_scores_count_each_words_french_syllables_however_often_it_was_seen() -> None:
    # Given "parlent" (one French syllable, two by the English rule), scored before in English and in French
    readability(["parlent", "talent"], 1, "en")
    for _ in range(2):
        # When the French text is scored / Then its syllables are the French estimate, each time
        result = readability(["parlent"] * 3, 1, "fr")
        assert syllables("parlent", "fr") == 1
        assert result.kandel_moles == round(207 - 1.015 * 3 - 73.6 * 1, 1)
