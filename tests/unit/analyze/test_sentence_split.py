"""Sentence splitting survives abbreviations, numbers and quotations, and returns offsets."""

from hypothesis import given, settings
from hypothesis import strategies as st

from article_core.analyze import sentences as sentences_module
from article_core.analyze.sentences import sentences, split_sentences


def test_offsets_point_at_trimmed_sentences() -> None:
    # Given two sentences with extra spaces / When split / Then offsets slice each sentence exactly
    text = "  Il pleut.   Le vent souffle !  "
    spans = split_sentences(text)
    assert [text[start:end] for start, end in spans] == ["Il pleut.", "Le vent souffle !"]


def test_french_and_english_abbreviations_do_not_end_sentences() -> None:
    # Given titles and dotted abbreviations / When split / Then only real sentence ends split
    text = "M. Dupont et Mme Durand sont arrivés. Dr. Smith met the U.S. Senate today. J. K. Rowling wrote it."
    assert sentences(text) == [
        "M. Dupont et Mme Durand sont arrivés.",
        "Dr. Smith met the U.S. Senate today.",
        "J. K. Rowling wrote it.",
    ]


def test_numbers_do_not_end_sentences() -> None:
    # Given decimals and spaced thousands / When split / Then the sentence stays whole
    assert sentences("Le taux passe à 3.5 % pour 1 000 personnes. Ensuite il baisse.") == [
        "Le taux passe à 3.5 % pour 1 000 personnes.",
        "Ensuite il baisse.",
    ]


def test_a_quotation_spanning_sentences_stays_in_one_sentence() -> None:
    # Given a quote with two sentences inside « » / When split / Then the quote and its attribution stay together
    text = "«Nous partons. Nous reviendrons», a-t-il dit. Puis il est parti."
    assert sentences(text) == ["«Nous partons. Nous reviendrons», a-t-il dit.", "Puis il est parti."]


def test_a_sentence_ending_inside_a_quote_still_ends() -> None:
    # Given a sentence that ends with a closing quote / When split / Then the next sentence starts after it
    assert sentences("He said “we won.” Then he left.") == ["He said “we won.”", "Then he left."]


def test_line_breaks_end_sentences_and_lowercase_continuations_do_not() -> None:
    # Given a heading line and an ellipsis followed by lowercase / When split / Then only the line break splits
    assert sentences("Un titre sans point\nIl attend… et repart.") == ["Un titre sans point", "Il attend… et repart."]


def test_an_unclosed_quote_stops_protecting_sentence_ends_after_a_thousand_characters() -> None:
    # Given a « that is never closed, followed by a long run of prose and two sentence ends
    opening = "Il a dit « " + "mot " * 300 + "fin. Ensuite il part. Puis il revient."
    # When split / Then the ends after the quote's first thousand characters split as usual
    assert sentences(opening)[-2:] == ["Ensuite il part.", "Puis il revient."]
    # And a short unclosed quote still holds its sentence together
    assert sentences("Il a dit « nous partons. Nous reviendrons.") == ["Il a dit « nous partons. Nous reviendrons."]


def test_a_quote_reopened_right_after_an_expired_one_protects_its_own_sentences() -> None:
    # Given an expired unclosed quote, a sentence end, then a new short quotation spanning two sentences
    text = "« " + "mot " * 300 + "fin. «Nous partons. Nous reviendrons», dit-il. Puis il part."
    # When split / Then the new quotation and its attribution stay one sentence
    assert sentences(text)[-2:] == ["«Nous partons. Nous reviendrons», dit-il.", "Puis il part."]


def test_a_caller_changing_its_spans_does_not_change_the_next_callers() -> None:
    # Given a text split once, and the caller appending to the list it got
    text = "Il pleut. Il vente."
    first = split_sentences(text)
    first.append((0, 1))
    # When the same text is split again (steps of the analysis share the split)
    # Then the answer is the text's own sentences
    assert split_sentences(text) == [(0, 9), (10, 19)]
    assert split_sentences("Il neige.") == [(0, 9)]


@given(st.lists(st.sampled_from(["M", "mr", "U", "S", "é", ".", "..", "3", " ", "-", "_", "ж", "²", "'"]), max_size=20))
@settings(max_examples=800, deadline=None)
def test_the_word_before_a_dot_read_backwards_is_the_forward_patterns(pieces: list[str]) -> None:
    """Given windows of letters, dots, digits and other characters,
    when the word before a sentence's dot is read from the reversed window,
    then it is what the forward pattern's search finds (or nothing when it finds nothing)."""
    window = "".join(pieces)
    match = sentences_module._PRECEDING_WORD.search(window)
    assert sentences_module._preceding_word(window) == (match.group(1) if match else None)
