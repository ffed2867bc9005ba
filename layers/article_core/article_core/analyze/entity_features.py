"""Features of each token for the entity tagger (CRFsuite): what the word looks like, what surrounds it, and
what the word lists say about it.

This module is the tagger's training recipe as much as its runtime: benchmarks/train_ner.py builds the
training items with `sequence_features`, and the recipe beside each model records a hash of this file, so a
change here without retraining fails a unit test.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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
# The neighbours a token sees, by offset.
_OFFSETS = (-2, -1, 1, 2)
# How far a title before a name, or a speech verb after it, still counts ("Mayor Linda Park", "X, 54, said").
_CUE_WINDOW = 3


def sequence_features(text: str, tokens: list[Token], lexicon: Lexicon) -> list[list[str]]:
    """One list of string features per token of one sentence (`text` is what the offsets point into)."""
    caps_line = _is_caps_line(tokens)
    gazetteer = _gazetteer_marks(text, tokens, lexicon, caps_line)
    words = [_word(t.text, t.sentence_start, caps_line, lexicon) for t in tokens]
    n = len(tokens)
    # The nearest title before each token and the nearest speech verb after it.
    last_title = -n - _CUE_WINDOW
    next_speech = [2 * n + _CUE_WINDOW] * (n + 1)
    for j in range(n - 1, -1, -1):
        next_speech[j] = j + 1 if j + 1 < n and "sv" in words[j + 1].flags else next_speech[j + 1]
    result = []
    for i, word in enumerate(words):
        features = ["b", *word.own, *gazetteer[i]]
        for d, view in enumerate(_OFFSETS):
            j = i + view
            if 0 <= j < n:
                features.extend(words[j].seen[d])
            elif view in (-1, 1):
                features.append(f"edge{view}")
        if i == 0:
            features.append("first")
        if i == n - 1:
            features.append("last")
        if caps_line:
            features.append("caps")
        if i - last_title <= _CUE_WINDOW:
            features.append("pc<")
        if next_speech[i] - i <= _CUE_WINDOW:
            features.append("sv>")
        if "pc" in word.flags:
            last_title = i
        if i and tokens[i].capitalised:
            features.append(words[i - 1].before_capital)
        result.append(features)
    return result


def _is_caps_line(tokens: list[Token]) -> bool:
    """A headline or table line in capitals: most of its words are all-caps."""
    words = [t.text for t in tokens if t.text[:1].isalpha()]
    return len(words) >= 2 and sum(w.isupper() for w in words) >= 0.8 * len(words)


def _lookup_form(word: str, caps_line: bool) -> str:
    """The spelling the gazetteers use: 'JAPAN' on a capitals line is 'Japan'; an acronym elsewhere stays."""
    return word.title() if caps_line and word.isupper() and len(word) > 1 else word


@dataclass(frozen=True, slots=True)
class _Word:
    own: list[str]  # the word's own features
    flags: frozenset[str]  # the two-letter ones, which neighbours see too
    seen: tuple[tuple[str, ...], ...]  # what a token at each of _OFFSETS from this one sees of it
    before_capital: str  # what a capitalised word right after this one sees


@lru_cache(maxsize=32768)
def _word(word: str, sentence_start: bool, caps_line: bool, lexicon: Lexicon) -> _Word:
    """Everything about one word on its own, built once per distinct word (cached: words repeat)."""
    low = word.lower()
    features = [f"w={low}", f"s={shape(word)}", f"p2={low[:2]}", f"p3={low[:3]}"]
    features += [f"x2={low[-2:]}", f"x3={low[-3:]}", f"x4={low[-4:]}"]
    if word[:1].isupper():
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
    flags = frozenset(f for f in features if len(f) == 2)
    # seen[k]: this word as the neighbour at _OFFSETS[k] of another token ("w-1=the" for the token after it).
    seen = tuple(
        (f"w{d}={low}", f"s{d}={shape(word)}", *((f"{d}:{flag}" for flag in flags) if d in (-1, 1) else ()))
        for d in _OFFSETS
    )
    return _Word(features, flags, seen, f"w-1|t={low}")


def _gazetteer_marks(text: str, tokens: list[Token], lexicon: Lexicon, caps_line: bool) -> list[list[str]]:
    """Longest place or organisation name from the gazetteers starting at each capitalised token, marked
    B (first token) and I (the rest): 'gLB', 'gLI', 'gOB', 'gOI'."""
    marks: list[list[str]] = [[] for _ in tokens]
    n, i = len(tokens), 0
    while i < n:
        if not tokens[i].text[:1].isupper():
            i += 1
            continue
        found = 0
        for k in range(min(MAX_GAZETTEER_TOKENS, n - i), 0, -1):
            name = " ".join(text[tokens[i].start : tokens[i + k - 1].end].split())
            name = _lookup_form(name, caps_line) if caps_line else name
            kind = "L" if lexicon.is_place(name) else "O" if name in lexicon.organisations else ""
            if kind:
                marks[i].append(f"g{kind}B")
                for j in range(i + 1, i + k):
                    marks[j].append(f"g{kind}I")
                found = k
                break
        i += max(found, 1)
    return marks
