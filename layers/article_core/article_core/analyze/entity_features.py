"""Features of each token for the entity tagger (CRFsuite): what the word looks like, what surrounds it, and
what the word lists say about it.

This module is the tagger's training recipe as much as its runtime: benchmarks/train_ner.py builds the
training items with `sequence_features`, and the recipe beside each model records a hash of this file, so a
change here without retraining fails a unit test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from .entity_lexicon import MAX_GAZETTEER_TOKENS, Lexicon
from .entity_tokens import Tokens, is_acronym, shape

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


class _Named(Protocol):
    """What the gazetteer pass reads of a word (`_Word`, `_PackedWord`)."""

    @property
    def capital(self) -> bool: ...

    @property
    def opens_name(self) -> bool: ...


class _Cued(Protocol):
    """What the cue passes read of a word (`_Word`, `_PackedWord`)."""

    @property
    def title_cue(self) -> bool: ...

    @property
    def speech_cue(self) -> bool: ...


_M = TypeVar("_M")  # a gazetteer mark: features, or their packing
_W = TypeVar("_W")  # a cached word: `_Word` or `_PackedWord`


def sequence_features(
    text: str, tokens: Tokens, lexicon: Lexicon, known: frozenset[bytes] | None = None
) -> list[list[bytes]]:
    """One list of features per token of one sentence (`text` is what the offsets point into).

    `known`, when given, are the attributes a model has weights for: a word's own and neighbour features
    outside it are left out (CRFsuite would look each up and skip it; the scores and labels are the same).

    Features are UTF-8 bytes, which CRFsuite takes as they are (strings it would encode at every call). Each
    token's list is built in one piece (own features, gazetteer marks, neighbours), then position and cues
    are appended. Everything that depends on the word alone comes from one cached `_Word` per token, so the
    passes over the sentence are list comprehensions and loops over the few capitalised or cue words."""
    return _sequence(text, tokens, lexicon, known)


def sequence_packed(text: str, tokens: Tokens, lexicon: Lexicon, encoder: Encoder) -> list[bytes]:
    """`sequence_features` as the model reads it: per token, the packed attributes of its features in the same
    order, those the model does not know left out (entity_crf). Each word's own features and neighbour views
    are packed once, when the word is first cached, so a token is six runs of bytes joined, plus the position
    and cue attributes of the few tokens that have them."""
    if not tokens:
        return []
    units = _packed_units(encoder)
    words = _packed_words(tokens, False, lexicon, encoder)
    # A capitals line, from each word's vote (+1 an all-caps word, -4 another word, 0 not a word): as
    # `_is_caps_line`, at most 1 other word in 5; most sentences are not, and keep the words just found.
    # (The votes read by a comprehension: on python3.13 its specialised attribute loads beat `map(attrgetter)`.)
    votes = [word.vote for word in words]
    caps_line = sum(votes) >= 0 and len(votes) - votes.count(0) >= 2
    if caps_line:
        words = _packed_words(tokens, True, lexicon, encoder)
    special = [i for i, word in enumerate(words) if word.special]
    marks = _gazetteer_marks(text, tokens, words, special, lexicon, caps_line, units.place, units.organisation, b"")
    left, right = units.left_edge, units.right_edge
    views = [left, left, *words, right, right]
    items = [
        b"".join((word.own, mark, two_before.s0, one_before.s1, one_after.s2, two_after.s3))
        for word, mark, two_before, one_before, one_after, two_after in zip(
            words, marks, views, views[1:], views[3:], views[4:], strict=False
        )
    ]
    # Position and cues, appended in `_add_position_and_cues`'s order.
    n = len(items)
    items[0] += units.first
    items[-1] += units.last
    if caps_line:
        items = [item + units.caps for item in items]
    for i in _cued(words, special, n):
        items[i] += units.title
    for i in _cued(words, special, n, speech=True):
        items[i] += units.speech
    for i in special:
        if i and words[i].capital:
            items[i] += words[i - 1].before_capital
    return items


def _cued(words: Sequence[_Cued], special: list[int], n: int, speech: bool = False) -> set[int]:
    """The tokens at most _CUE_WINDOW after a title ("Mayor Linda Park") or, with `speech`, before a speech
    verb ("X, 54, said"); most sentences have neither."""
    if speech:
        return {j for s in special if words[s].speech_cue for j in range(max(0, s - _CUE_WINDOW), s)}
    return {j for t in special if words[t].title_cue for j in range(t + 1, min(n, t + 1 + _CUE_WINDOW))}


def _sequence(text: str, tokens: Tokens, lexicon: Lexicon, known: frozenset[bytes] | None) -> list[list[bytes]]:
    """The features of each token, in order."""
    if not tokens:
        return []
    units = _RAW
    caps_line = _is_caps_line(tokens)
    words = _words(tokens, caps_line, lexicon, known)
    # The capitalised words and the title / speech-verb cues: the only tokens the later passes look at.
    special = [i for i, word in enumerate(words) if word.special]
    gazetteer = _gazetteer_marks(text, tokens, words, special, lexicon, caps_line, units.place, units.organisation, ())
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


def _words(tokens: Tokens, caps_line: bool, lexicon: Lexicon, known: frozenset[bytes] | None) -> list[_Word]:
    """The cached `_Word` of each token (a dictionary per context, bounded; words repeat within and across
    articles)."""

    def make(text: str, sentence_start: bool) -> _Word:
        word = _word(text, sentence_start, caps_line, lexicon)
        return word if known is None else _known(word, known)

    return _cached(tokens, (caps_line, lexicon, known), _CACHES, make)


def _packed_words(tokens: Tokens, caps_line: bool, lexicon: Lexicon, encoder: Encoder) -> list[_PackedWord]:
    """The cached `_PackedWord` of each token, as `_words`."""

    def make(text: str, sentence_start: bool) -> _PackedWord:
        return _packed(text, _word(text, sentence_start, caps_line, lexicon), encoder)

    return _cached(tokens, (caps_line, lexicon, encoder), _PACKED_CACHES, make)


def _cached(
    tokens: Tokens,
    context: _Context,
    caches: dict[_Context, tuple[dict[str, _W], dict[str, _W]]],
    make: Callable[[str, bool], _W],
) -> list[_W]:
    """Each token's word from the context's cache, made (and kept) when new: all looked up among the words inside a
    sentence, then those that open one again (the first, in most windows; a window is a sentence)."""
    cache = caches.get(context)
    if cache is None or len(cache[0]) + len(cache[1]) > _CACHE_SIZE:
        cache = caches[context] = ({}, {})
    inside, opening = cache  # words inside a sentence, words opening one ("T0")
    words, flags = tokens.text, tokens.sentence_start
    get = inside.get
    result = [get(word) for word in words]
    if flags[0]:
        result[0] = opening.get(words[0])
    if any(flags[1:]):
        for i in range(1, len(words)):
            if flags[i]:
                result[i] = opening.get(words[i])
    if None in result:
        for i, found in enumerate(result):
            if found is None:
                text, sentence_start = words[i], flags[i]
                word = make(text, sentence_start)
                result[i] = (opening if sentence_start else inside)[text] = word
    return result  # type: ignore[return-value]  # no None left


# What a token sees of a neighbour beyond the sentence's start or end, by offset (as `_Word.seen`).
_LEFT_EDGE: tuple[tuple[bytes, ...], ...] = ((), (b"edge-1",), (), ())
_RIGHT_EDGE: tuple[tuple[bytes, ...], ...] = ((), (), (b"edge1",), ())


@dataclass(frozen=True, slots=True)
class _Units:
    """The fixed features."""

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


@dataclass(frozen=True, slots=True, eq=False)
class _PackedWord:
    """A `_Word` packed for one model: each run of features as its packed attributes (b"" when the model knows
    none of them). Compared by identity, as `_Word`."""

    own: bytes  # the bias and the word's own features
    s0: bytes  # what a token two after this one sees of it (`_Word.seen[0]`)
    s1: bytes  # ... one after
    s2: bytes  # ... one before
    s3: bytes  # ... two before
    before_capital: bytes
    capital: bool
    opens_name: bool
    title_cue: bool
    speech_cue: bool
    special: bool
    vote: int  # towards a capitals line: +1 an all-caps word, -4 another word, 0 not a word


@dataclass(frozen=True, slots=True)
class _PackedUnits:
    """The fixed features packed for one model."""

    left_edge: _PackedWord
    right_edge: _PackedWord
    place: tuple[bytes, bytes]
    organisation: tuple[bytes, bytes]
    first: bytes
    last: bytes
    caps: bytes
    title: bytes
    speech: bytes


_PACKED_UNITS: dict[Encoder, _PackedUnits] = {}


def _edge(encoder: Encoder, views: tuple[tuple[bytes, ...], ...]) -> _PackedWord:
    """A stand-in beyond the sentence's start or end: only its views are read."""
    s0, s1, s2, s3 = (encoder.encode_all(view) for view in views)
    return _PackedWord(b"", s0, s1, s2, s3, b"", False, False, False, False, False, 0)


def _packed_units(encoder: Encoder) -> _PackedUnits:
    found = _PACKED_UNITS.get(encoder)
    if found is None:
        encode, encode_all = encoder.encode, encoder.encode_all
        found = _PACKED_UNITS[encoder] = _PackedUnits(
            left_edge=_edge(encoder, _LEFT_EDGE),
            right_edge=_edge(encoder, _RIGHT_EDGE),
            place=(encode_all(_PLACE[0]), encode_all(_PLACE[1])),
            organisation=(encode_all(_ORGANISATION[0]), encode_all(_ORGANISATION[1])),
            first=encode(b"first"),
            last=encode(b"last"),
            caps=encode(b"caps"),
            title=encode(b"pc<"),
            speech=encode(b"sv>"),
        )
    return found


def _packed(text: str, word: _Word, encoder: Encoder) -> _PackedWord:
    """`word` (whose text is `text`) with its own features, neighbour views and before-capital feature packed
    for `encoder`'s model."""
    encode_all = encoder.encode_all
    s0, s1, s2, s3 = (encode_all(view) for view in word.seen)
    vote = (1 if text.isupper() else -4) if text[:1].isalpha() else 0
    flags = (word.capital, word.opens_name, word.title_cue, word.speech_cue, word.special)
    return _PackedWord(encode_all(word.own), s0, s1, s2, s3, encoder.encode(word.before_capital), *flags, vote)


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
    for i in _cued(words, special, n):
        result[i].append(units.title)
    for i in _cued(words, special, n, speech=True):
        result[i].append(units.speech)
    for i in special:
        if i and words[i].capital:
            result[i].append(words[i - 1].before_capital)


def _is_caps_line(tokens: Tokens) -> bool:
    """A headline or table line in capitals: most of its words are all-caps."""
    words = [word for word in tokens.text if word[:1].isalpha()]
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


# Cached words per context (capitals line, lexicon, known attributes or model): inside a sentence, opening one.
_Context = tuple[bool, Lexicon, frozenset[bytes] | Encoder | None]
_CACHES: dict[_Context, tuple[dict[str, _Word], dict[str, _Word]]] = {}
_PACKED_CACHES: dict[_Context, tuple[dict[str, _PackedWord], dict[str, _PackedWord]]] = {}
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
    tokens: Tokens,
    words: Sequence[_Named],
    special: list[int],
    lexicon: Lexicon,
    caps_line: bool,
    place: tuple[_M, _M],
    organisation: tuple[_M, _M],
    none: _M,
) -> list[_M]:
    """Longest place or organisation name from the gazetteers starting at each capitalised token, marked
    B (first token) and I (the rest): 'gLB', 'gLI', 'gOB', 'gOI'.

    A capitalised token followed by a space opens a name only if its word starts one (`_Word.opens_name`);
    glued to the next token, the first word of a longer name is longer than the token, so it is looked up."""
    n = len(tokens)
    marks = [none] * n
    free = 0  # tokens before this one are inside a name found already
    places, organisations, starts, texts = lexicon.places, lexicon.organisations, tokens.start, tokens.text
    for i in special:
        word = words[i]
        if i < free or not word.capital:
            continue
        end = starts[i] + len(texts[i])
        if not word.opens_name and text[end : end + 1].isspace():
            continue
        # The names of the next 1..4 tokens, as `" ".join(text[start:end].split())` writes them: the tokens tile the
        # text between whitespace, so a name is the tokens' texts, with one space where a gap lies between two.
        name = texts[i]
        names = [name]
        for j in range(i + 1, min(i + MAX_GAZETTEER_TOKENS, n)):
            name += texts[j] if starts[j] == end else " " + texts[j]
            end = starts[j] + len(texts[j])
            names.append(name)
        for k in range(len(names), 0, -1):
            name = _lookup_form(names[k - 1], caps_line) if caps_line else names[k - 1]
            # As `lexicon.is_place`, without a method call per look-up.
            kind = place if name.replace("’", "'") in places else organisation if name in organisations else None
            if kind:
                marks[i] = kind[0]
                for j in range(i + 1, i + k):
                    marks[j] = kind[1]
                free = i + k
                break
    return marks
