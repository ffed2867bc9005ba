"""The entity models through CRFsuite's C API (entity_crf): the labels pycrfsuite gives, from packed attributes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from article_core.analyze import entity_crf, entity_tagger
from article_core.analyze.entity_crf import CrfModel
from article_core.analyze.entity_features import sequence_features, sequence_packed
from article_core.analyze.entity_lexicon_packed import load_packed_lexicon
from article_core.analyze.entity_tagger import (
    MODEL_LANGUAGES,
    Span,
    bio_letters,
    bio_spans,
    id_spans,
    load_model,
    load_tagger,
    model_attributes,
    tag_spans,
)
from article_core.analyze.entity_tokens import Tokens, sequences, tokenize

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = {"en": "rail-strike-en.txt", "fr": "figaro-afp-rubio-lavrov.txt"}
# Lines that exercise the fixed features: a capitals line, a title, a speech verb, gazetteer names, edges.
EXTRA = (
    "PARIS (AFP) - Le ministre Jean Dupont a déclaré lundi à Bruxelles que l'OTAN et l'Union européenne...\n"
    "SOCCER - MANCHESTER UNITED BEAT ARSENAL.\nMayor Linda Park of New York said the BBC was wrong.\nOK\n"
)


def _sample_text(language: str) -> str:
    """A sample article in `language` plus the lines that exercise every kind of fixed feature."""
    return (ROOT / "samples" / SAMPLES[language]).read_text(encoding="utf-8") + EXTRA


def _packed_sample(language: str) -> tuple[str, Tokens, CrfModel, list[list[bytes]]]:
    """The sample text, its tokens, the C-API model and each sentence's packed attributes for that model."""
    text, model, lexicon = _sample_text(language), load_model(language), load_packed_lexicon()
    assert isinstance(model, CrfModel)
    tokens = tokenize(text)
    return text, tokens, model, [sequence_packed(text, tokens[s:e], lexicon, model) for s, e in sequences(tokens)]


@pytest.mark.parametrize("language", MODEL_LANGUAGES)
def test_the_c_api_model_labels_every_sentence_as_pycrfsuite_does(language: str) -> None:
    # Given a sample article (and lines with every kind of fixed feature), the model through the C API and
    # pycrfsuite's Tagger over the same file
    text = _sample_text(language)
    model, reference = load_model(language), load_tagger(language)
    assert isinstance(model, CrfModel)  # the binding loaded (else the tagger falls back to pycrfsuite)
    tokens, lexicon, known = tokenize(text), load_packed_lexicon(), model_attributes(language)
    labelled = 0
    for start, end in sequences(tokens):
        window = tokens[start:end]
        features = sequence_features(text, window, lexicon, known)
        # When each sentence is tagged from its packed attributes, from its features, and by pycrfsuite
        expected = reference.tag(features)
        # Then the labels are the same
        assert model.tag_packed(sequence_packed(text, window, lexicon, model)) == expected
        assert model.tag(sequence_features(text, window, lexicon)) == expected
        labelled += sum(label != "O" for label in expected)
    # And the sample has names (the comparison saw labels other than O)
    assert labelled > 10


@pytest.mark.parametrize("language", MODEL_LANGUAGES)
def test_packed_attributes_are_the_known_features_in_order(language: str) -> None:
    # Given a sentence's features, and the model's packing of each feature (empty when the model lacks it)
    text = "Mayor Linda Park of PARIS said BBC and NATO met on Monday in New York."
    model, lexicon = load_model(language), load_packed_lexicon()
    assert isinstance(model, CrfModel)
    tokens = tokenize(text)
    features = sequence_features(text, tokens, lexicon)
    # When the sentence is packed in one go
    packed = sequence_packed(text, tokens, lexicon, model)
    # Then each token is its features' packings joined, in order, unknown ones left out
    assert packed == [b"".join(model.encode(feature) for feature in token) for token in features]
    known = model_attributes(language)
    assert [len(p) // 16 for p in packed] == [sum(f in known for f in token) for token in features]


def test_an_empty_sentence_has_no_labels() -> None:
    model = load_model("en")
    assert isinstance(model, CrfModel)
    assert model.tag_packed([]) == []


def test_another_crfsuite_gets_pycrfsuites_own_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a pycrfsuite that bundles another crfsuite than the one whose structures entity_crf copies
    from pycrfsuite import _pycrfsuite

    from article_core.analyze import entity_crf

    monkeypatch.setattr(_pycrfsuite, "CRFSUITE_VERSION", "0.13.0")
    path = ROOT / "layers" / "article_core" / "article_core" / "data" / "ner_crf_en.crfsuite"
    # When the binding is asked to open a model
    model = entity_crf.load(str(path), frozenset())
    # Then it declines (the tagger then uses pycrfsuite.Tagger) rather than guess a memory layout
    assert model is None


@pytest.mark.parametrize("language", MODEL_LANGUAGES)
def test_label_ids_number_the_labels_tag_packed_gives(language: str) -> None:
    # Given a sample article's sentences packed for the C-API model
    _, _, model, sentences = _packed_sample(language)
    for items in sentences:
        # When each is tagged as one byte per token
        ids = model.label_ids(items)
        # Then each byte is the index of the label tag_packed gives
        assert [model.labels[i] for i in ids] == model.tag_packed(items)


@pytest.mark.parametrize("language", MODEL_LANGUAGES)
def test_label_ids_each_are_each_sentences_own_label_ids(language: str) -> None:
    # Given a sample article's sentences packed for the C-API model, with empty sentences among them
    _, _, model, packed = _packed_sample(language)
    sentences = [[], *packed[:3], [], *packed[3:], []]
    # When they are tagged in one call
    found = model.label_ids_each(sentences)
    # Then each sentence has the labels it has when tagged alone (its own Viterbi path, nothing carried over)
    assert found == [model.label_ids(items) for items in sentences]
    assert [len(ids) for ids in found] == [len(items) for items in sentences]
    outside = model.labels.index("O")
    assert sum(any(i != outside for i in ids) for ids in found) > 3  # and names were found
    # And no sentence at all is no labels
    assert model.label_ids_each([]) == [] and model.label_ids_each([[]]) == [b""]


def _sentence_spans(n: int, tagged: list[tuple[int, list[str]]]) -> list[Span]:
    """The spans `bio_spans` finds in each tagged sentence, in article token indices (the way before `id_spans`)."""
    return [(start + s, start + e, kind) for start, labels in tagged for s, e, kind in bio_spans(labels)]


def test_id_spans_are_the_bio_spans_of_each_sentence() -> None:
    # Given a model's labels and 2,000 articles of random labels (stray I-s, kinds changing mid-run, B- after B-),
    # cut into sentences some of which are tagged and the others left out ("O")
    labels = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
    reader = bio_letters(labels)
    assert reader is not None
    rng = random.Random(5)
    for _ in range(2000):
        n, tagged, start = rng.randint(1, 30), [], 0
        while start < n:
            end = min(n, start + rng.randint(1, 8))
            if rng.random() < 0.8:
                ids = [rng.choice((0, 0, 0, *range(len(labels)))) for _ in range(end - start)]
                tagged.append((start, ids))
            start = end
        # When the spans are read from the label ids of the whole article at once
        found = id_spans(n, [(s, bytes(ids)) for s, ids in tagged], reader)
        # Then they are what bio_spans finds sentence by sentence
        assert found == _sentence_spans(n, [(s, [labels[i] for i in ids]) for s, ids in tagged])


def test_labels_id_spans_cannot_read_are_left_to_bio_spans() -> None:
    # Given label sets that are not "O" and B-/I- of a kind
    # Then id_spans has no reader for them (tag_spans reads their labels with bio_spans)
    assert bio_letters(("O", "B-PER", "PER")) is None
    assert bio_letters(("O", *(f"B-K{k}" for k in range(27)))) is None
    assert bio_letters(("O", "B-PER", "I-PER")) is not None


@pytest.mark.parametrize("language", MODEL_LANGUAGES)
def test_tag_spans_are_those_of_pycrfsuites_labels(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a sample article, tagged through the C API
    text = _sample_text(language)
    tokens, lexicon = tokenize(text), load_packed_lexicon()
    found = tag_spans(text, tokens, language, lexicon)
    # When it is tagged again with pycrfsuite's Tagger and its labels read by bio_spans
    monkeypatch.setattr(entity_tagger, "load_model", load_tagger)
    expected = tag_spans(text, tokens, language, lexicon)
    # Then the spans are the same (and there are names)
    assert found == expected
    assert len(found) > 10


@pytest.mark.parametrize("count", [255, 256, 300])
def test_a_token_with_hundreds_of_attributes_is_labelled_as_pycrfsuite_labels_it(count: int) -> None:
    # Given a sentence whose middle token has `count` attributes the model knows (its count no longer fits a byte
    # from 256 on) between ordinary tokens
    model, reference = load_model("en"), load_tagger("en")
    assert isinstance(model, CrfModel)
    known = sorted(model_attributes("en"))[:count]
    sequence = [[b"b", b"w=mayor", b"T"], [b"b", *known], [b"b", b"w=park", b"T"]]
    # When it is tagged through the C API, then the labels are pycrfsuite's
    assert model.tag(sequence) == reference.tag(sequence)
    assert [len(model.encode(f)) for f in known] == [16] * count


@pytest.mark.parametrize("language", MODEL_LANGUAGES)
def test_attributes_read_in_place_or_from_a_copy_give_the_same_labels(
    language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a sample article's sentences packed for the C-API model, and their labels with the attributes read
    # where the joined bytes lie (this Python: CPython, whose `id` is the address)
    text, tokens, model, sentences = _packed_sample(language)
    assert entity_crf._BYTES_DATA >= 0
    in_place = model.label_ids_each(sentences)
    # When the bytes' address is not known (another Python) and they are copied into an array first
    monkeypatch.setattr(entity_crf, "_BYTES_DATA", -1)
    copied = model.label_ids_each(sentences)
    # Then the labels are the same, and those pycrfsuite gives
    assert copied == in_place
    tagger = load_tagger(language)
    known, lexicon = model_attributes(language), load_packed_lexicon()
    expected = [tagger.tag(sequence_features(text, tokens[s:e], lexicon, known)) for s, e in sequences(tokens)]
    assert [[model.labels[i] for i in ids] for ids in in_place] == expected
