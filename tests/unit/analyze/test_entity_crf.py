"""The entity models through CRFsuite's C API (entity_crf): the labels pycrfsuite gives, from packed attributes."""

from __future__ import annotations

from pathlib import Path

import pytest

from article_core.analyze.entity_crf import CrfModel
from article_core.analyze.entity_features import sequence_features, sequence_packed
from article_core.analyze.entity_lexicon_packed import load_packed_lexicon
from article_core.analyze.entity_tagger import MODEL_LANGUAGES, load_model, load_tagger, model_attributes
from article_core.analyze.entity_tokens import sequences, tokenize

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = {"en": "rail-strike-en.txt", "fr": "figaro-afp-rubio-lavrov.txt"}
# Lines that exercise the fixed features: a capitals line, a title, a speech verb, gazetteer names, edges.
EXTRA = (
    "PARIS (AFP) - Le ministre Jean Dupont a déclaré lundi à Bruxelles que l'OTAN et l'Union européenne...\n"
    "SOCCER - MANCHESTER UNITED BEAT ARSENAL.\nMayor Linda Park of New York said the BBC was wrong.\nOK\n"
)


@pytest.mark.parametrize("language", MODEL_LANGUAGES)
def test_the_c_api_model_labels_every_sentence_as_pycrfsuite_does(language: str) -> None:
    # Given a sample article (and lines with every kind of fixed feature), the model through the C API and
    # pycrfsuite's Tagger over the same file
    text = (ROOT / "samples" / SAMPLES[language]).read_text(encoding="utf-8") + EXTRA
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
