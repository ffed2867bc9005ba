"""The analysis reads the text's words once: per sentence, and from them the text's words, the language model's
letter runs and the summary's sentence words. Each reuse gives what reading the text again gives."""

from __future__ import annotations

from collections import Counter
from itertools import chain
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from article_core.analyze import language_model
from article_core.analyze.language import detect_language
from article_core.analyze.sentences import split_sentences
from article_core.analyze.summary import summarise
from article_core.analyze.tokens import words

SAMPLES = [p for p in sorted((Path(__file__).parents[3] / "samples").glob("*.txt")) if ".cp1252" not in p.name]
# Pieces dense with sentence ends, quotes, joiners, digits, numerals that are not digits and other white space.
_PIECES = st.sampled_from(
    [
        "Mot", "ça", "l", "'", "’", "ʼ", "-", "_", " ", "\n", "\t", "\u00a0", "\u2009", "3", "²", "Ⅻ", "é", "ж",
        ". ", "! ", "? ", "… ", ".", "« ", " »", "“", "”", "(", ")", "M. ", "U.S. ", "Le ", "THE ", "a-", "-b",
        "1er", "22 mai 2012. - ", "PARIS (AFP) — ",
    ]
)  # fmt: skip


def _texts(pieces: list[str], noise: str) -> str:
    return "".join(pieces) + noise


@given(st.lists(_PIECES, max_size=40), st.text(max_size=20))
@settings(max_examples=500, deadline=None)
def test_the_words_of_the_sentences_are_the_words_of_the_text(pieces: list[str], noise: str) -> None:
    """Given text dense with sentence ends, quotes and joiners,
    when each sentence span is tokenized,
    then the words, in order, are those of the whole text."""
    text = _texts(pieces, noise)
    spans = split_sentences(text)
    assert list(chain.from_iterable(words(text[start:end]) for start, end in spans)) == words(text)


@given(st.lists(_PIECES, max_size=40), st.text(max_size=20))
@settings(max_examples=500, deadline=None)
def test_letter_runs_from_the_words_are_those_of_the_text(pieces: list[str], noise: str) -> None:
    """Given such text (letters, digits, numerals that are not digits, joiners),
    when the language model's letter runs are taken from its words,
    then they are the runs its pattern finds in the text."""
    text = _texts(pieces, noise)
    assert language_model.letter_runs_of(words(text)) == language_model._LETTERS.findall(text)


@given(st.lists(_PIECES, max_size=60), st.text(max_size=20))
@settings(max_examples=300, deadline=None)
def test_language_with_the_words_given_is_the_same_guess(pieces: list[str], noise: str) -> None:
    """Given such text (with "ʼ", which the sample turns into an apostrophe),
    when the language is detected with the text's words handed over,
    then the guess and its confidence are those found without them."""
    text = _texts(pieces, noise)
    assert detect_language(text, words(text)) == detect_language(text)


def test_language_and_summary_reuse_on_the_samples() -> None:
    """Given the sample articles and texts longer than language ID's sample,
    when language and summary get the words,
    then both answer exactly as they do without them."""
    texts = [path.read_text(encoding="utf-8") for path in SAMPLES]
    texts.append(texts[0] * 12)  # beyond MAX_CHARS: the words are not reused
    for text in texts:
        assert detect_language(text, words(text)) == detect_language(text)
        spans = split_sentences(text)
        span_words = [words(text[start:end]) for start, end in spans]
        phrases = [("russie", 0.9), ("the", 0.5), ("grève", 0.7)]
        assert summarise(text, spans, phrases, span_words=span_words) == summarise(text, spans, phrases)


@given(st.lists(_PIECES, max_size=60))
@settings(max_examples=300, deadline=None)
def test_summary_with_the_sentence_words_given_is_the_same(pieces: list[str]) -> None:
    """Given generated text with datelines and dashes that the summary cuts off,
    when summarised with each span's words handed over,
    then the summary is the one made without them."""
    text = "".join(pieces)
    spans = split_sentences(text)
    span_words = [words(text[start:end]) for start, end in spans]
    phrases = [("mot", 0.4), ("le", 0.2)]
    assert summarise(text, spans, phrases, span_words=span_words) == summarise(text, spans, phrases)


def test_a_sentence_cut_of_its_dateline_is_counted_without_it() -> None:
    """Given a first sentence of five words behind a dateline (seven words with it), too short for a summary,
    when summarised with each span's words handed over,
    then its words are counted without the dateline, and it is left out as it is without them."""
    text = (
        "PARIS (AFP) — Un deux trois quatre cinq.\nLe chat dort sur le canapé rouge ce soir.\n"
        "Le chien mange sa soupe dans la cuisine chaude.\nUn oiseau chante fort dans le jardin du voisin."
    )
    spans = split_sentences(text)
    span_words = [words(text[start:end]) for start, end in spans]
    summary = summarise(text, spans, [], span_words=span_words)
    assert summary == summarise(text, spans, [])
    assert summary[0] == "Le chat dort sur le canapé rouge ce soir."


@given(
    st.lists(st.sampled_from(["Mot", "mot", "MOT", "mOT", "ça", "Ça", "é", "É", "l", "ж", "Ж", "ß"]), max_size=40),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_word_counts_paired_afterwards_are_the_counts_of_the_pairs(found: list[str], shouting: bool) -> None:
    """Given letter runs in any case, shouting or not,
    when the word model counts them,
    then it has the items, in order, of a Counter of (run, counts fully) pairs."""
    flags = [True] * len(found) if shouting else [word[0].islower() for word in found]
    assert language_model.counted_pairs(found, shouting=shouting) == list(
        Counter(zip(found, flags, strict=True)).items()
    )
