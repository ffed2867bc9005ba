"""Keyphrase counting reuses the analysis' sentence spans only where the apostrophe-normalised copy splits alike."""

from article_core.analyze.keyphrase_candidates import count_candidates
from article_core.analyze.sentences import split_sentences
from article_core.analyze.tokens import normalise_apostrophes


def test_a_quote_mark_opening_a_sentence_after_a_space_is_split_as_in_the_normalised_copy() -> None:
    # Given a sentence opened by ’ after a space: the original ends no sentence there, the normalised copy does
    text = "The crew left the harbour early. ’Twas a cold morning for the crew."
    assert len(split_sentences(text)) == 1
    assert len(split_sentences(normalise_apostrophes(text))) == 2
    # When candidates are counted / Then the sentences are those of the normalised copy
    _, sentence_count = count_candidates(text, "en")
    assert sentence_count == 2


def test_apostrophes_inside_words_keep_the_sentences_of_the_text() -> None:
    # Given elided French words (’ after a letter) and a sentence the analysis has already split
    text = "L’Ukraine a reçu l’aide promise. Le ministre l’a confirmé mardi à Kiev."
    spans = split_sentences(text)
    # When candidates are counted / Then as many sentences, each word counted once per occurrence
    candidates, sentence_count = count_candidates(text, "fr")
    assert sentence_count == len(spans) == 2
    assert candidates[("kiev",)].first == 1


def test_a_modifier_apostrophe_falls_back_to_the_normalised_copy() -> None:
    # Given ʼ (a letter to the splitter, so it may open a sentence) where ' opens none: before a lowercase word
    text = "The crew left the harbour at dawn. ʼtwas a storm coming, they said."
    assert len(split_sentences(text)) == 2
    # When counted / Then the sentences are those of the normalised copy
    _, sentence_count = count_candidates(text, "en")
    assert sentence_count == len(split_sentences(normalise_apostrophes(text))) == 1
