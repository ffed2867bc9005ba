"""The learned entity tagger: a CRFsuite model per language over `entity_features`, BIO labels in, spans out.

Models live in data/ner_crf_<lang>.crfsuite with a recipe (ner_crf_<lang>.json) saying how they were built
(benchmarks/train_ner.py) and the list of attributes they have weights for (ner_crf_<lang>.attributes): the
tagger passes only those, as CRFsuite would skip the others after an expensive look-up. The model runs through
CRFsuite's C API (`entity_crf`, packed attributes from `entity_features.sequence_packed`), pycrfsuite's Tagger
being the fallback; either is imported and a model opened only when an article needs entities, once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .entity_features import sequence_features, sequence_packed
from .entity_lexicon import Lexicon
from .entity_tokens import Token, sequences

if TYPE_CHECKING:
    import pycrfsuite

    from .entity_crf import CrfModel

MODEL_LANGUAGES = ("en", "fr")
Span = tuple[int, int, str]  # token start, token end (exclusive), type


def model_name(language: str) -> str:
    return f"ner_crf_{language}.crfsuite"


def attributes_name(language: str) -> str:
    return f"ner_crf_{language}.attributes"


def model_language(language: str) -> str:
    """The model that reads `language`: English for English, French otherwise (as the rules did)."""
    return language if language in MODEL_LANGUAGES else "fr"


@cache
def load_tagger(language: str) -> pycrfsuite.Tagger:
    """Open the model once per process (a few milliseconds for a 1-2 MB model)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    path = resources.files("article_core").joinpath("data", model_name(model_language(language)))
    with resources.as_file(path) as file:
        tagger.open(str(file))
    return tagger


@cache
def load_model(language: str) -> CrfModel | pycrfsuite.Tagger:
    """The model through CRFsuite's C API (`entity_crf`: the same labels, a third of the time), or pycrfsuite's
    Tagger when that binding cannot load; both `tag` a sentence's feature lists. Once per process."""
    from . import entity_crf

    path = resources.files("article_core").joinpath("data", model_name(model_language(language)))
    with resources.as_file(path) as file:
        model = entity_crf.load(
            str(file), model_attributes(language)
        )  # the file is read into memory: the path may go after this
    return model if model is not None else load_tagger(language)


@cache
def model_attributes(language: str) -> frozenset[bytes]:
    """The attributes the model has weights for (written beside it by benchmarks/train_ner.py)."""
    path = resources.files("article_core").joinpath("data", attributes_name(model_language(language)))
    return frozenset(path.read_bytes().split(b"\n")) - {b""}


def tag_spans(text: str, tokens: list[Token], language: str, lexicon: Lexicon) -> list[Span]:
    """Entity spans (PER, LOC, ORG, MISC) the model finds, sentence by sentence."""
    from .entity_crf import CrfModel  # here, not at import: ctypes only once an article needs entities

    tagger = load_model(language)
    known = model_attributes(language)
    spans: list[Span] = []
    common = lexicon.common
    for start, end in sequences(tokens):
        window = tokens[start:end]
        # A name needs a capital that is not a common word opening the sentence ("The", "Mais"): else skip the model.
        if not any(t.text[:1].isupper() and not (t.sentence_start and t.text.lower() in common) for t in window):
            continue
        if isinstance(tagger, CrfModel):
            labels = tagger.tag_packed(sequence_packed(text, window, lexicon, tagger))
        else:
            labels = tagger.tag(sequence_features(text, window, lexicon, known))
        spans.extend((start + s, start + e, kind) for s, e, kind in bio_spans(labels))
    return spans


def bio_spans(labels: list[str]) -> list[Span]:
    """'B-PER I-PER O B-LOC' -> [(0, 2, 'PER'), (3, 4, 'LOC')]; a stray I- opens a span, as B- would.

    Only the labelled positions are visited (most are 'O'): a gap closes the open span as an 'O' would."""
    spans: list[Span] = []
    start, last, kind = -1, -1, ""
    for i in [i for i, label in enumerate(labels) if label != "O"]:
        label = labels[i]
        if start >= 0 and (i != last + 1 or label.startswith("B-") or label[2:] != kind):
            spans.append((start, last + 1, kind))
            start = -1
        if start < 0:
            start, kind = i, label[2:]
        last = i
    if start >= 0:
        spans.append((start, last + 1, kind))
    return spans
