"""The analysis reads the text's words once: per sentence, and from them the text's words, the language model's
letter runs and the summary's sentence words. Each reuse gives what reading the text again gives."""

from __future__ import annotations

import math
from collections import Counter
from itertools import chain
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from article_core.analyze import language_model
from article_core.analyze.language import detect_language
from article_core.analyze.sentences import split_sentences
from article_core.analyze.summary import lowered_spans, summarise
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
    when the language model's letter runs are counted from its counted words,
    then they are the runs its pattern finds in the text, counted, in order of first appearance."""
    text = _texts(pieces, noise)
    counted = language_model.letter_run_counts(Counter(words(text)))
    assert list(counted.items()) == list(Counter(language_model._LETTERS.findall(text)).items())


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
        assert summarise(text, spans, phrases, span_words=span_words, span_lowered=_lowered(span_words)) == summarise(
            text, spans, phrases
        )


def _lowered(span_words: list[list[str]]) -> list[str] | None:
    joined = " ".join(chain.from_iterable(span_words))
    return lowered_spans(span_words, joined, joined.lower())


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
    lowered = _lowered(span_words)
    assert summarise(text, spans, phrases, span_words=span_words, span_lowered=lowered) == summarise(
        text, spans, phrases
    )


@given(st.lists(st.lists(st.sampled_from(["Mot", "ÉTÉ", "İl", "ΣΑΣ", "l’Ukraine", "2", "ß"]), max_size=5), max_size=8))
@settings(max_examples=300, deadline=None)
def test_each_span_lowered_is_cut_from_the_whole_lowered(span_words: list[list[str]]) -> None:
    """Given sentences' words in any case (some with "İ" or "Σ", some sentences without words),
    when their joined lowercase is cut per sentence,
    then each piece is that sentence's words joined and lowercased, or nothing is cut."""
    lowered = _lowered(span_words)
    if lowered is not None:
        assert lowered == [" ".join(words).lower() for words in span_words]
    else:
        assert any("İ" in word or "Σ" in word for words in span_words for word in words)


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


_RUNS = st.sampled_from(["Mot", "mot", "MOT", "mOT", "ça", "Ça", "é", "É", "l", "ж", "Ж", "ß", "the"])


@given(st.lists(_RUNS, max_size=90))
@settings(max_examples=300, deadline=None)
def test_word_model_scores_as_one_word_at_a_time(found: list[str]) -> None:
    """Given letter runs in any case, shouting or not,
    when the word model scores them,
    then it finds what weighing each distinct run in order of first appearance finds."""
    assert language_model.model_scores(" ".join(found)) == _scores_one_by_one(found)


def _scores_one_by_one(found: list[str]) -> language_model.ModelScores | None:
    """The word model written plainly: each distinct run's weight and scores, added one run at a time."""
    if not found:
        return None
    shouting = sum(map(str.isupper, found)) > len(found) / 2
    totals, evidence, covered_by = list(language_model.PRIOR), 0.0, []
    for written, count in Counter(found).items():
        scores, known = language_model.word_scores(written.lower())
        lower = shouting or written[0].islower()
        factor = language_model._CAPITALISED_WEIGHT if known else language_model._NAME_WEIGHT
        weight = count * (1.0 if lower else factor)
        evidence += weight
        totals = [total + weight * score for total, score in zip(totals, scores, strict=True)]
        covered_by.append((written.lower(), weight))
    best = max(totals)
    winner = totals.index(best)
    vocabulary = language_model._tables().words[winner]
    covered = sum(weight for word, weight in covered_by if word in vocabulary)
    posterior = 1.0 / sum(math.exp(t - best) for t in totals)
    return language_model.ModelScores(language_model.MODELLED[winner], posterior, evidence, covered / evidence)
