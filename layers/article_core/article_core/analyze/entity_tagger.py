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
from operator import itemgetter
from typing import TYPE_CHECKING

from .entity_features import sequence_features, sequence_packed
from .entity_lexicon import Lexicon
from .entity_tokens import Tokens, sequences

if TYPE_CHECKING:
    import pycrfsuite

    from .entity_crf import CrfModel

MODEL_LANGUAGES = ("en", "fr")
Span = tuple[int, int, str]  # token start, token end (exclusive), type
_FIRST = itemgetter(0)  # a token's first character (no token is empty)


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


def tag_spans(text: str, tokens: Tokens, language: str, lexicon: Lexicon) -> list[Span]:
    """Entity spans (PER, LOC, ORG, MISC) the model finds, sentence by sentence."""
    from .entity_crf import CrfModel  # here, not at import: ctypes only once an article needs entities

    tagger = load_model(language)
    reader = bio_letters(tuple(tagger.labels)) if isinstance(tagger, CrfModel) else None
    if reader is None or not isinstance(tagger, CrfModel):
        known = model_attributes(language)
        spans: list[Span] = []
        for start, end in named_sequences(tokens, lexicon):
            window = tokens[start:end]
            if isinstance(tagger, CrfModel):
                labels = tagger.tag_packed(sequence_packed(text, window, lexicon, tagger))
            else:
                labels = tagger.tag(sequence_features(text, window, lexicon, known))
            spans.extend((start + s, start + e, kind) for s, e, kind in bio_spans(labels))
        return spans
    ranges = named_sequences(tokens, lexicon)
    packed = [sequence_packed(text, tokens[start:end], lexicon, tagger) for start, end in ranges]
    tagged = list(zip([start for start, _ in ranges], tagger.label_ids_each(packed), strict=True))
    return id_spans(len(tokens), tagged, reader)


def named_sequences(tokens: Tokens, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The sentences (`sequences`) worth tagging: a name needs a capital that is not a common word opening the
    sentence ("The", "Mais"); the model labels the others all "O"."""
    common, words, flags = lexicon.common, tokens.text, tokens.sentence_start
    named = []
    for start, end in sequences(tokens):
        first = words[start]
        if first[:1].isupper() and not (flags[start] and first.lower() in common):
            named.append((start, end))
        elif any(flags[start + 1 : end]):  # not met: a sentence's other tokens open none (`sequences`)
            window = zip(words[start:end], flags[start:end], strict=True)
            if any(w[:1].isupper() and not (o and w.lower() in common) for w, o in window):
                named.append((start, end))
        # The other tokens, none opening a sentence: a capital is enough (`map`, no Python step per token).
        elif any(map(str.isupper, map(_FIRST, words[start + 1 : end]))):
            named.append((start, end))
    return named


BioReader = tuple[bytes, bytes, dict[int, str]]


def id_spans(n: int, tagged: list[tuple[int, bytes]], reader: BioReader) -> list[Span]:
    """`bio_spans` of each tagged sentence (its first token's index, its label ids from `CrfModel.label_ids`), in
    token indices of an article of `n` tokens. The labels are written as letters (`bio_letters`) into one line
    for the article, "O" a dot, and only the runs of other letters are visited (`lstrip`, `find`: no Python step
    per token, nor a regex, which steps through every byte). A sentence's first label is read as a B- (a span
    opens there, as `bio_spans` of the sentence alone would), so no span runs on from one sentence into the
    next."""
    table, first, kinds = reader
    letters = bytearray(b"." * n)  # the tokens of untagged sentences are "O"
    for start, ids in tagged:
        letters[start : start + len(ids)] = ids.translate(table)
        letters[start] = first[ids[0]]
    spans: list[Span] = []
    rest = bytes(letters)
    while rest := rest.lstrip(b"."):
        at, end = n - len(rest), rest.find(b".")
        run, rest = (rest, b"") if end < 0 else (rest[:end], rest[end:])
        opened = 0  # a span runs over the I- letters (small) of its own kind, whatever opened it
        for j in range(1, len(run)):
            if run[j] != run[opened] | 32:
                spans.append((at + opened, at + j, kinds[run[opened] | 32]))
                opened = j
        spans.append((at + opened, at + len(run), kinds[run[opened] | 32]))
    return spans


@cache
def bio_letters(labels: tuple[str, ...]) -> BioReader | None:
    """How `id_spans` reads a model's label ids: a byte table turning each id into a letter ("O" a dot, each kind's
    B- a capital and I- its small letter: "A"/"a" for the first kind...), the same for a sentence's first token
    (B- and I- both capitals: a span opens there), and the kind of each small letter. None when a label is
    neither "O" nor B-/I- of a kind, or the model has more labels than a byte numbers."""
    if len(labels) > 256 or not all(label == "O" or label[:2] in {"B-", "I-"} for label in labels):
        return None
    kinds = sorted({label[2:] for label in labels if label != "O"})
    if len(kinds) > 26:
        return None
    capital = {kind: 65 + k for k, kind in enumerate(kinds)}
    codes = [46 if label == "O" else capital[label[2:]] + (32 if label[0] == "I" else 0) for label in labels]
    firsts = [46 if label == "O" else capital[label[2:]] for label in labels]
    padding = b"." * (256 - len(labels))
    return bytes(codes) + padding, bytes(firsts) + padding, {c + 32: kind for kind, c in capital.items()}


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
