"""Features of each token for the entity tagger (CRFsuite): what the word looks like, what surrounds it, and
what the word lists say about it.

This module is the tagger's training recipe as much as its runtime: benchmarks/train_ner.py builds the
training items with `sequence_features`, and the recipe beside each model records a hash of this file, so a
change here without retraining fails a unit test.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from .entity_lexicon import MAX_GAZETTEER_TOKENS, Lexicon
from .entity_tokens import Token, is_acronym, shape

# Cue flags a token carries, and the short names its neighbours see them by.
_CUE_FLAGS = (
    ("person_cues", "pc"),
    ("roles", "ro"),
    ("speech_verbs", "sv"),
    ("org_heads", "oh"),
    ("org_words", "ow"),
    ("place_heads", "ph"),
    ("place_first_words", "pf"),
    ("place_last_words", "pl"),
    ("place_of_nouns", "po"),
    ("particles", "pa"),
)
# Gazetteer marks: the first token of a name, the others.
_PLACE = ((b"gLB",), (b"gLI",))
_ORGANISATION = ((b"gOB",), (b"gOI",))
# The neighbours a token sees, by offset.
_OFFSETS = (-2, -1, 1, 2)
# How far a title before a name, or a speech verb after it, still counts ("Mayor Linda Park", "X, 54, said").
_CUE_WINDOW = 3


class Encoder(Protocol):
    """What turns a feature into the model's packed attribute (b"" when the model does not know it)."""

    def encode(self, feature: bytes) -> bytes: ...

    def encode_all(self, features: tuple[bytes, ...]) -> bytes: ...


def sequence_features(
    text: str, tokens: list[Token], lexicon: Lexicon, known: frozenset[bytes] | None = None
) -> list[list[bytes]]:
    """One list of features per token of one sentence (`text` is what the offsets point into).

    `known`, when given, are the attributes a model has weights for: a word's own and neighbour features
    outside it are left out (CRFsuite would look each up and skip it; the scores and labels are the same).

    Features are UTF-8 bytes, which CRFsuite takes as they are (strings it would encode at every call). Each
    token's list is built in one piece (own features, gazetteer marks, neighbours), then position and cues
    are appended. Everything that depends on the word alone comes from one cached `_Word` per token, so the
    passes over the sentence are list comprehensions and loops over the few capitalised or cue words."""
    return _sequence(text, tokens, lexicon, known, None)


def sequence_packed(text: str, tokens: list[Token], lexicon: Lexicon, encoder: Encoder) -> list[bytes]:
    """`sequence_features` as the model reads it: per token, the packed attributes of its features in the same
    order, those the model does not know left out (entity_crf). Each word's own features and neighbour views
    are packed once, when the word is first cached, so a token is a few runs of bytes joined."""
    return [b"".join(units) for units in _sequence(text, tokens, lexicon, None, encoder)]


def _sequence(
    text: str, tokens: list[Token], lexicon: Lexicon, known: frozenset[bytes] | None, encoder: Encoder | None
) -> list[list[bytes]]:
    """The features of each token (`encoder` None) or runs of packed attributes (an `Encoder`), in order."""
    if not tokens:
        return []
    units = _RAW if encoder is None else _packed_units(encoder)
    caps_line = _is_caps_line(tokens)
    words = _words(tokens, caps_line, lexicon, known, encoder)
    # The capitalised words and the title / speech-verb cues: the only tokens the later passes look at.
    special = [i for i, word in enumerate(words) if word.special]
    gazetteer = _gazetteer_marks(text, tokens, words, special, lexicon, caps_line, units)
    # Token i sees words[i-2].seen[0], words[i-1].seen[1], words[i+1].seen[2] and words[i+2].seen[3]; beyond the
    # sentence's ends, stand-ins whose views say "edge" at distance one and nothing at distance two.
    left, right = units.left_edge, units.right_edge
    views = [left, left, *(word.seen for word in words), right, right]
    result = [
        [*word.own, *marks, *two_before[0], *one_before[1], *one_after[2], *two_after[3]]
        for word, marks, two_before, one_before, one_after, two_after in zip(
            words, gazetteer, views, views[1:], views[3:], views[4:], strict=False
        )
    ]
    _add_position_and_cues(result, words, special, caps_line, units)
    return result


def _words(
    tokens: list[Token], caps_line: bool, lexicon: Lexicon, known: frozenset[bytes] | None, encoder: Encoder | None
) -> list[_Word]:
    """The cached `_Word` of each token (a dictionary per context, bounded; words repeat within and across
    articles)."""
    cache = _CACHES.get((caps_line, lexicon, known, encoder))
    if cache is None or len(cache[0]) + len(cache[1]) > _CACHE_SIZE:
        cache = _CACHES[caps_line, lexicon, known, encoder] = ({}, {})
    inside, opening = cache  # words inside a sentence, words opening one ("T0")
    result = [(opening if t.sentence_start else inside).get(t.text) for t in tokens]
    if None in result:
        for i, token in enumerate(tokens):
            if result[i] is None:
                word = _word(token.text, token.sentence_start, caps_line, lexicon)
                if known is not None:
                    word = _known(word, known)
                if encoder is not None:
                    word = _packed(word, encoder)
                result[i] = (opening if token.sentence_start else inside)[token.text] = word
    return result  # type: ignore[return-value]  # no None left


# What a token sees of a neighbour beyond the sentence's start or end, by offset (as `_Word.seen`).
_LEFT_EDGE: tuple[tuple[bytes, ...], ...] = ((), (b"edge-1",), (), ())
_RIGHT_EDGE: tuple[tuple[bytes, ...], ...] = ((), (), (b"edge1",), ())


@dataclass(frozen=True, slots=True)
class _Units:
    """The fixed features, as features or packed for one model."""

    left_edge: tuple[tuple[bytes, ...], ...]
    right_edge: tuple[tuple[bytes, ...], ...]
    place: tuple[tuple[bytes, ...], tuple[bytes, ...]]
    organisation: tuple[tuple[bytes, ...], tuple[bytes, ...]]
    first: bytes
    last: bytes
    caps: bytes
    title: bytes
    speech: bytes


_RAW = _Units(_LEFT_EDGE, _RIGHT_EDGE, _PLACE, _ORGANISATION, b"first", b"last", b"caps", b"pc<", b"sv>")
_PACKED_UNITS: dict[Encoder, _Units] = {}


def _pack(encoder: Encoder, features: tuple[bytes, ...]) -> tuple[bytes, ...]:
    """Features as one run of packed attributes (a 1-tuple, or empty when the model knows none of them)."""
    run = encoder.encode_all(features)
    return (run,) if run else ()


def _packed_units(encoder: Encoder) -> _Units:
    found = _PACKED_UNITS.get(encoder)
    if found is None:
        encode = encoder.encode
        found = _PACKED_UNITS[encoder] = _Units(
            left_edge=tuple(_pack(encoder, view) for view in _LEFT_EDGE),
            right_edge=tuple(_pack(encoder, view) for view in _RIGHT_EDGE),
            place=(_pack(encoder, _PLACE[0]), _pack(encoder, _PLACE[1])),
            organisation=(_pack(encoder, _ORGANISATION[0]), _pack(encoder, _ORGANISATION[1])),
            first=encode(b"first"),
            last=encode(b"last"),
            caps=encode(b"caps"),
            title=encode(b"pc<"),
            speech=encode(b"sv>"),
        )
    return found


def _packed(word: _Word, encoder: Encoder) -> _Word:
    """`word` with its own features, neighbour views and before-capital feature packed for `encoder`'s model."""
    seen = tuple(_pack(encoder, view) for view in word.seen)
    own, before_capital = _pack(encoder, word.own), encoder.encode(word.before_capital)
    # Built directly, not by dataclasses.replace (several times slower: this runs for every new word).
    flags = (word.capital, word.opens_name, word.title_cue, word.speech_cue, word.special)
    return _Word(own, word.flags, seen, before_capital, *flags)


def _add_position_and_cues(
    result: list[list[bytes]], words: list[_Word], special: list[int], caps_line: bool, units: _Units
) -> None:
    """First and last token, a capitals line, a title shortly before, a speech verb shortly after, and what a
    capitalised word sees of the word before it: one pass each, in that order within every token's list."""
    n = len(result)
    result[0].append(units.first)
    result[-1].append(units.last)
    if caps_line:
        for features in result:
            features.append(units.caps)
    # A title at most _CUE_WINDOW tokens before ("Mayor Linda Park"), a speech verb at most that many after
    # ("X, 54, said"); most sentences have neither.
    titles = [i for i in special if words[i].title_cue]
    for i in {j for t in titles for j in range(t + 1, min(n, t + 1 + _CUE_WINDOW))}:
        result[i].append(units.title)
    speech = [i for i in special if words[i].speech_cue]
    for i in {j for s in speech for j in range(max(0, s - _CUE_WINDOW), s)}:
        result[i].append(units.speech)
    for i in special:
        if i and words[i].capital:
            result[i].append(words[i - 1].before_capital)


def _is_caps_line(tokens: list[Token]) -> bool:
    """A headline or table line in capitals: most of its words are all-caps."""
    words = [t.text for t in tokens if t.text[:1].isalpha()]
    return len(words) >= 2 and len(list(filter(str.isupper, words))) >= 0.8 * len(words)


def _lookup_form(word: str, caps_line: bool) -> str:
    """The spelling the gazetteers use: 'JAPAN' on a capitals line is 'Japan'; an acronym elsewhere stays."""
    return word.title() if caps_line and word.isupper() and len(word) > 1 else word


@dataclass(frozen=True, slots=True, eq=False)
class _Word:
    """Compared by identity: `None in words` must not call a generated __eq__ for every word."""

    own: tuple[bytes, ...]  # the word's own features, after the bias b"b"
    flags: frozenset[str]  # the two-letter ones, which neighbours see too
    seen: tuple[tuple[bytes, ...], ...]  # what a token at each of _OFFSETS from this one sees of it
    before_capital: bytes  # what a capitalised word right after this one sees
    capital: bool  # starts with a capital
    opens_name: bool  # capitalised, and its gazetteer form starts a place or organisation name
    title_cue: bool  # a person cue ("pc": a title)
    speech_cue: bool  # a speech verb ("sv")
    special: bool  # any of capital, title_cue, speech_cue: the tokens the passes after the first look at


# Cached `_Word`s per (capitals line, lexicon, known attributes): words inside a sentence, words opening one.
_CACHES: dict[
    tuple[bool, Lexicon, frozenset[bytes] | None, Encoder | None], tuple[dict[str, _Word], dict[str, _Word]]
] = {}
# Beyond this many words in a context's cache, it starts again empty (memory stays bounded in a warm process).
_CACHE_SIZE = 32768


def _word(word: str, sentence_start: bool, caps_line: bool, lexicon: Lexicon) -> _Word:
    """Everything about one word on its own, built once per distinct word (cached by `_words`: words repeat)."""
    low = word.lower()
    features = [f"w={low}", f"s={shape(word)}", f"p2={low[:2]}", f"p3={low[:3]}"]
    features += [f"x2={low[-2:]}", f"x3={low[-3:]}", f"x4={low[-4:]}"]
    capital = word[:1].isupper()
    if capital:
        features.append("T" if not word.isupper() or len(word) == 1 else "U")
        if sentence_start:
            features.append("T0")
    if is_acronym(word):
        features.append("ac")
    if len(word) == 1:
        features.append("len1")
    if "-" in word:
        features.append("hy")
    if _lookup_form(word, caps_line) in lexicon.first_names:
        features.append("gn")  # a given name (two letters: a flag neighbours see)
    if low in lexicon.common:
        features.append("cw")
    features.extend(short for name, short in _CUE_FLAGS if lexicon.cue(name, low))
    # In the order of `features`, not of a set's hashes: the same features in the same order in every process,
    # so that training is reproducible.
    flags = [f for f in features if len(f) == 2]
    # seen[k]: this word as the neighbour at _OFFSETS[k] of another token ("w-1=the" for the token after it).
    seen = tuple(
        _utf8((f"w{d}={low}", f"s{d}={shape(word)}", *((f"{d}:{flag}" for flag in flags) if d in (-1, 1) else ())))
        for d in _OFFSETS
    )
    opens_name = capital and _opens_a_name(word, lexicon, caps_line)
    return _Word(
        (b"b", *_utf8(features)),
        frozenset(flags),
        seen,
        f"w-1|t={low}".encode(),
        capital,
        opens_name,
        "pc" in flags,
        "sv" in flags,
        capital or "pc" in flags or "sv" in flags,
    )


def _known(full: _Word, known: frozenset[bytes]) -> _Word:
    """`full` less the features the model has no weight for (the bias b"b" always stays, as before)."""
    own = (b"b", *(f for f in full.own[1:] if f in known))
    seen = tuple(tuple(f for f in view if f in known) for view in full.seen)
    return replace(full, own=own, seen=seen)


def _utf8(features: Iterable[str]) -> tuple[bytes, ...]:
    return tuple([feature.encode() for feature in features])


def _opens_a_name(word: str, lexicon: Lexicon, caps_line: bool) -> bool:
    """Whether `word` (title-cased too on a capitals line) is the first word of a place or organisation name."""
    forms = (word, word.title()) if caps_line else (word,)
    starts = lexicon.name_starts
    return any(form in starts or form.replace("’", "'") in starts for form in forms)


def _gazetteer_marks(
    text: str,
    tokens: list[Token],
    words: list[_Word],
    special: list[int],
    lexicon: Lexicon,
    caps_line: bool,
    units: _Units,
) -> list[tuple[bytes, ...]]:
    """Longest place or organisation name from the gazetteers starting at each capitalised token, marked
    B (first token) and I (the rest): 'gLB', 'gLI', 'gOB', 'gOI'.

    A capitalised token followed by a space opens a name only if its word starts one (`_Word.opens_name`);
    glued to the next token, the first word of a longer name is longer than the token, so it is looked up."""
    n = len(tokens)
    marks: list[tuple[bytes, ...]] = [()] * n
    free = 0  # tokens before this one are inside a name found already
    for i in special:
        word = words[i]
        if i < free or not word.capital:
            continue
        if not word.opens_name and text[tokens[i].end : tokens[i].end + 1].isspace():
            continue
        for k in range(min(MAX_GAZETTEER_TOKENS, n - i), 0, -1):
            name = " ".join(text[tokens[i].start : tokens[i + k - 1].end].split())
            name = _lookup_form(name, caps_line) if caps_line else name
            kind = (
                units.place if lexicon.is_place(name) else units.organisation if name in lexicon.organisations else None
            )
            if kind:
                marks[i] = kind[0]
                for j in range(i + 1, i + k):
                    marks[j] = kind[1]
                free = i + k
                break
    return marks
