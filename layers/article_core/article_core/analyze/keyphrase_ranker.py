"""Learned ranking of keyphrase candidates: a small logistic regression over what the counting scorer knows.

The counting scorer (keyphrase_candidates.py, keyphrase_rules.py) finds candidates and rules some out (bare
verbs and adjectives, name fragments, chance juxtapositions, words absorbed into a phrase); its hand-set boosts
are a guess at how much each signal matters. Here the same signals (frequency, first position, spread, title,
lead, length, capitals, noun use, the scorer's score), plus how common each word is in general English
(language_model.common_words) and whether the phrase has inner punctuation ("two-time", "U.S."; the
annotators' phrases never do, and hyphenated words are mostly compound modifiers), are weighed by weights
learned from annotated English news (500N-KPCrowd, see NOTICE; benchmarks/train_keyphrases.py, dev part
only). The rules still decide what is a candidate: the ranker only reorders what they keep, so bare verbs,
name fragments and near-duplicates stay out. Only the weights ship, a few numbers in
data/keyphrase_ranker_<lang>.json; inference is plain Python, a dot product each.
"""

from __future__ import annotations

import json
import math
import operator
from functools import cache
from importlib import resources
from typing import Protocol

from .language_model import common_words

# Languages with a trained model; the others keep the counting scorer's order. French (22 training articles)
# ranked worse than the counting scorer under cross-validation, so it has none (benchmarks/train_keyphrases.py).
LANGUAGES = frozenset({"en"})


# How many of the counting scorer's best candidates the ranker reorders (the rest cost time, rarely place).
SHORTLIST = 40


def weights_file(language: str) -> str:
    return f"keyphrase_ranker_{language}.json"


# Verb- or adjective-shaped ending of a phrase's last word (English, French): a weak signal, weighed by training.
# The endings of the regex (?:ed|ing|ive|ous|ful|able|ible|ic|ical|less|ent|ez|ait|ée?s?|if|eux|ique)$ spelled out
# for one str.endswith, which costs a fraction of a regex search (tests/unit/analyze/test_keyphrase_endings.py).
_ENDINGS = (
    *("ed", "ing", "ive", "ous", "ful", "able", "ible", "ic", "ical", "less", "ent", "ez", "ait"),
    *("é", "ée", "és", "ées", "if", "eux", "ique"),
)

FEATURES = (
    "log_count",
    "log_weight",
    "log_score",
    "score_share",
    "first_position",
    "first_inverse",
    "in_first_sentence",
    "spread",
    "in_title",
    "two_words",
    "three_words",
    "capitalised_share",
    "is_name",
    "nominal_share",
    "flanked_share",
    "verb_or_adjective_shape",
    "absorbed_parts",
    "has_digit",
    "log_characters",
    "single_log_count",
    "single_log_characters",
    "lowercase",
    "title_name",
    "log_count_squared",
    "commonness",
    "unlisted",
    "single_commonness",
    "inner_punctuation",
    "postposed_share",
)


class CandidateFacts(Protocol):
    """What keyphrase_candidates.Candidate records about a candidate (the fields the features read)."""

    count: int
    weight: float
    first: int
    last: int
    capitalised: int
    flanked: int
    in_title: bool
    nominal: int
    postposed: int
    forms: dict[tuple[str, ...], int]


def features(
    key: tuple[str, ...],
    candidate: CandidateFacts,
    score: float,
    best: float,
    sentences: int,
    absorbed: int,
    language: str = "en",
) -> list[float]:
    """The feature vector of one candidate, in FEATURES order. `score` is the counting scorer's (after
    absorbing parts), `best` the article's highest, `sentences` the article's sentence count."""
    count = max(candidate.count, 1)
    sentences = max(sentences, 1)
    first = min(candidate.first, sentences)
    last = max(candidate.last, first)
    forms = candidate.forms
    form = max(forms, key=forms.__getitem__) if len(forms) > 1 else next(iter(forms))
    name = all(not word[:1].islower() for word in form)
    words = len(key)
    single = words == 1
    log_count = math.log1p(candidate.count)
    joined = "".join(key)
    characters = len(joined)
    frequencies = common_words(language)
    commonness = max(frequencies.get(word.lower(), _UNLISTED) for word in form)
    return [
        log_count,
        math.log1p(candidate.weight),
        math.log(max(score, 0.1)),
        score / best if best > 0 else 0.0,
        first / sentences,
        1.0 / (1.0 + first),
        float(first == 0),
        (last - first) / sentences,
        float(candidate.in_title),
        float(words == 2),
        float(words == 3),
        candidate.capitalised / count,
        float(name),
        candidate.nominal / count,
        candidate.flanked / count,
        float(form[-1].lower().endswith(_ENDINGS)),
        float(absorbed),
        float(not joined.isalpha() and any(map(str.isdecimal, joined))),  # a digit: \d's Unicode category Nd
        math.log(characters + words - 1),
        log_count if single else 0.0,
        math.log(characters) if single else 0.0,
        float(all(word[:1].islower() for word in form)),
        float(candidate.in_title and name),
        log_count * log_count,
        commonness,
        float(commonness <= _UNLISTED),
        commonness if single else 0.0,
        float(not joined.isalnum()),
        candidate.postposed / count,
    ]


_UNLISTED = -5.0  # log10 frequency given to a word outside the general-vocabulary table: rarer than any listed


@cache
def _weights(language: str) -> tuple[tuple[float, ...], float]:
    name = weights_file(language)
    model = json.loads(resources.files("article_core").joinpath("data", name).read_text(encoding="utf-8"))
    if tuple(model["features"]) != FEATURES:
        raise ValueError(f"{name} was trained for other features: run `make train-keyphrases`")
    return tuple(float(w) for w in model["weights"]), float(model["bias"])


def probability(vector: list[float], language: str) -> float:
    """The model's probability that the candidate is a gold keyphrase, in (0, 1)."""
    weights, bias = _weights(language)
    return logistic(bias + sum(map(operator.mul, weights, vector)))


def logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
