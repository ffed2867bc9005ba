"""Naive-Bayes word model for the languages a short sentence is most often confused between.

Function words alone leave a three-word sentence ("healthy snack bars", "Lars Ulrich a dit") undecided, so
each modelled language scores every word by its frequency in that language (data/language_model.txt, a few
thousand words each) or, for a word it does not list, by how that language spells: a letter-trigram chain
learnt from its less frequent words. Capitalised words (names, mostly) count half. The text's language is
the best sum of log-probabilities plus a prior toward French and English, the product's first-class
languages. The table is built offline by benchmarks/build_language_model.py; benchmarks/build_data_tables.py
pre-parses it into data/language_model.marshal, which a cold start loads in about 8 ms of CPU instead of 12.
"""

from __future__ import annotations

import marshal
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache, reduce
from importlib import resources
from itertools import compress, repeat
from operator import add, itemgetter, mul

MODELLED = ("fr", "en", "de", "es", "it", "pt", "nl")
# ln prior per modelled language: a French or English article is the likely case, so weak evidence leans there.
PRIOR = (0.0, 0.0, -2.0, -2.0, -2.0, -2.0, -2.0)
_LN10 = math.log(10)
_LN10_TENTH = _LN10 / 10  # the table stores round(10 * log10 p)
_FLOOR = -35 * _LN10_TENTH  # a letter sequence a language's trigram table does not have
# A capitalised word no language lists is most likely a name, which says little about the language around it.
_NAME_WEIGHT = 0.25
_CAPITALISED_WEIGHT = 0.5  # a sentence start or a headline word
_LETTERS = re.compile(r"[^\W\d_]+")
_STOP_MARGIN = 40.0  # nats: a lead no remaining text would overturn, so long texts stop early
_CHECK_EVERY = 64  # distinct words between two looks at the lead


@dataclass(frozen=True)
class _Tables:
    words: tuple[dict[str, float], ...]  # per modelled language: word -> ln p
    unlisted: tuple[float, ...]  # per language: ln P(a word outside its list)
    trigrams: tuple[dict[str, float], ...]  # per language: "_ab" -> ln P(b | _a)


@dataclass(frozen=True)
class ModelScores:
    language: str
    posterior: float  # P(language | text) among the modelled languages, prior included
    evidence: float  # words weighed (names count less)
    coverage: float  # share of that weight the winning language lists: low when the text is in another language


TABLES_SOURCE = "language_model.txt"
TABLES_FILE = "language_model.marshal"  # parse_tables(TABLES_SOURCE), as (words, unlisted, trigrams)


@cache
def _tables() -> _Tables:
    """The pre-parsed tables (a unit test checks they are what `parse_tables` makes of the source)."""
    stored = (resources.files("article_core") / "data" / TABLES_FILE).read_bytes()
    # Our own file, shipped read-only beside this code: as trusted as the code itself.
    words, unlisted, trigrams = marshal.loads(stored)  # noqa: S302
    return _Tables(words, unlisted, trigrams)


def parse_tables(text: str) -> _Tables:
    """The tables from data/language_model.txt's text."""
    index = {language: i for i, language in enumerate(MODELLED)}
    words: list[dict[str, float]] = [{} for _ in MODELLED]
    trigrams: list[dict[str, float]] = [{} for _ in MODELLED]
    listed_mass = [0.0] * len(MODELLED)
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        language, kind, value, items = line.split("\t")
        i = index[language]
        log_p = int(value) * _LN10_TENTH
        found = items.split()
        if kind == "w":
            words[i].update(dict.fromkeys(found, log_p))
            listed_mass[i] += len(found) * math.exp(log_p)
        else:
            trigrams[i].update(dict.fromkeys(found, log_p))
    unlisted = tuple(math.log(max(0.05, 1.0 - mass)) for mass in listed_mass)
    return _Tables(tuple(words), unlisted, tuple(trigrams))


@cache
def common_words(language: str) -> dict[str, float]:
    """log10 frequency in general text of the language's listed words (empty for a language not modelled), as
    the source table writes them: how ordinary a word is. Read from the tables language ID already loaded."""
    if language not in MODELLED:
        return {}
    listed = _tables().words[MODELLED.index(language)]
    return {word: round(log_p / _LN10, 1) for word, log_p in listed.items()}


@lru_cache(maxsize=1 << 14)
def word_scores(word: str) -> tuple[tuple[float, ...], bool]:
    """ln P(word | language) per modelled language for a lowercase word, and whether any language lists it."""
    tables = _tables()
    padded = "__" + word + "_"
    grams = [padded[i : i + 3] for i in range(len(padded) - 2)]
    scores = []
    listed_anywhere = False
    for listed, unlisted, trigrams in zip(tables.words, tables.unlisted, tables.trigrams, strict=True):
        log_p = listed.get(word)
        if log_p is None:
            log_p = unlisted + sum(trigrams.get(gram, _FLOOR) for gram in grams)
        else:
            listed_anywhere = True
        scores.append(log_p)
    return tuple(scores), listed_anywhere


def letter_run_counts(word_counts: dict[str, int]) -> dict[str, int]:
    """`Counter(_LETTERS.findall(text))`, in the same order, from `Counter(tokens.words(text))`, for a text whose
    characters are those it scores.

    Every character `_LETTERS` takes is a word character, and the words are the text's maximal runs of word
    characters (with inner hyphens and apostrophes), so each run of letters lies inside one word: a word of
    letters alone is one run, a number none, and only the other words are searched (tests/unit/analyze/
    test_word_reuse.py compares on generated text). A run first appears in the first word that holds it, so the
    distinct words, in order, give the distinct runs in order; each distinct word is read once, not each word.
    """
    if all(map(str.isalpha, word_counts)):  # English, mostly: the words are the runs (checked in C)
        return word_counts
    runs: dict[str, int] = {}
    get, findall = runs.get, _LETTERS.findall
    for token, count in word_counts.items():
        if token.isalpha():
            runs[token] = get(token, 0) + count
        elif not token.isdecimal():
            for run in findall(token):
                runs[run] = get(run, 0) + count
    return runs


class _WrittenWords(dict[str, tuple[tuple[float, ...], float, tuple[bool, ...]]]):
    """Letter run as written -> (`word_scores` of its lowercase, its weight unless the text shouts, whether each
    language lists it), filled on first sight: a warm article looks its words up in C, one dict access each."""

    def __missing__(self, written: str) -> tuple[tuple[float, ...], float, tuple[bool, ...]]:
        lowered = written.lower()
        scores, known = word_scores(lowered)
        weight = 1.0 if written[0].islower() else _CAPITALISED_WEIGHT if known else _NAME_WEIGHT
        entry = self[written] = (scores, weight, tuple(lowered in listed for listed in _tables().words))
        return entry


_WRITTEN_WORDS_LIMIT = 1 << 14  # as many words as `word_scores` keeps: emptied beyond
_written_words = _WrittenWords()


def model_scores(text: str, run_counts: dict[str, int] | None = None) -> ModelScores | None:
    """The most likely modelled language of `text` with its posterior; None when it has no word at all.

    `run_counts` is `letter_run_counts(Counter(words(text)))` when the caller has the words: the same counts, in the
    same order, as counting the runs of the text.
    """
    counted = Counter(_LETTERS.findall(text)) if run_counts is None else run_counts
    if not counted:
        return None
    runs, counts = list(counted), list(counted.values())
    shouting = sum(compress(counts, map(str.isupper, runs))) > sum(counts) / 2  # all caps: case says nothing
    if len(_written_words) > _WRITTEN_WORDS_LIMIT:
        _written_words.clear()
    look_up = _written_words.__getitem__
    totals = list(PRIOR)
    evidence = 0.0
    weights: list[float] = []  # per distinct run weighed, in order
    listed: list[tuple[bool, ...]] = []
    for begin in range(0, len(runs), _CHECK_EVERY):
        looked_up = list(map(look_up, runs[begin : begin + _CHECK_EVERY]))
        # A run counts fully when the text shouts or when it starts in lowercase; else as a name or a capital.
        factors = repeat(1.0) if shouting else map(itemgetter(1), looked_up)
        chunk_weights = list(map(mul, counts[begin : begin + _CHECK_EVERY], factors))
        weights += chunk_weights
        listed += map(itemgetter(2), looked_up)
        evidence = reduce(add, chunk_weights, evidence)
        # Per language, total + w1 * s1 + w2 * s2 + ... in word order: the float operations of adding one word
        # at a time, done a language at a time in C (the scores transposed to one column per language).
        columns = zip(*map(itemgetter(0), looked_up), strict=True)
        totals = [
            reduce(add, map(mul, chunk_weights, column), total) for total, column in zip(totals, columns, strict=True)
        ]
        if len(looked_up) == _CHECK_EVERY:
            ranked = sorted(totals, reverse=True)
            if ranked[0] - ranked[1] > _STOP_MARGIN:
                break
    best = max(totals)
    posterior = 1.0 / sum(math.exp(t - best) for t in totals)
    winner = totals.index(best)
    covered = sum(compress(weights, map(itemgetter(winner), listed)))  # the weight the winner's vocabulary lists
    return ModelScores(MODELLED[winner], posterior, evidence, covered / evidence)
