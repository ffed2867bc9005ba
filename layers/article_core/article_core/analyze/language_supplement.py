"""Second opinion inside groups of languages the breadth model misses or confuses.

py3langid has no Maori, Tswana or Tsonga and mixes up Malay/Indonesian, Bosnian/Croatian/Serbian and
Bokmal/Nynorsk/Danish. When its answer falls in one of the groups of data/language_supplement.txt, a naive
Bayes over letter 2-4-grams trained for exactly that group decides (benchmarks/build_language_supplement.py).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from operator import mul

from .tokens import read_data

ORDERS = (2, 3, 4)
SMOOTHING = 0.5


@dataclass(frozen=True)
class _Supplement:
    groups: dict[str, tuple[str, ...]]  # language -> the group it is re-decided in
    counts: dict[str, dict[str, int]]
    denominators: dict[str, float]  # ln(total + smoothing * vocabulary) per language


@cache
def _supplement() -> _Supplement:
    groups: dict[str, tuple[str, ...]] = {}
    counts: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for line in read_data("language_supplement.txt").splitlines():
        if not line or line.startswith("#"):
            continue
        head, _, rest = line.partition("\t")
        if head == "group":
            group = tuple(rest.split())
            groups.update(dict.fromkeys(group, group))
            continue
        total, _, pairs = rest.partition("\t")
        fields = pairs.split(" ")
        counts[head] = {fields[i]: int(fields[i + 1]) for i in range(0, len(fields) - 1, 2)}
        totals[head] = int(total)
    vocabulary = len({gram for table in counts.values() for gram in table})
    denominators = {lang: math.log(totals[lang] + SMOOTHING * vocabulary) for lang in counts}
    return _Supplement(groups, counts, denominators)


def grams(text: str) -> Counter[str]:
    """Letter n-grams of the lowercased text with word edges marked by '_' (as the build script counts)."""
    padded = "_" + "_".join(text.lower().replace("_", " ").split()) + "_"
    return Counter(padded[i : i + n] for n in ORDERS for i in range(len(padded) - n + 1))


def redecide(language: str, text: str) -> str:
    """The best language of `language`'s group for `text`; `language` itself when it has no group."""
    model = _supplement()
    group = model.groups.get(language)
    if group is None:
        return language
    seen = grams(text)
    best, best_score = language, -math.inf
    for candidate in group:
        logged, unseen = _log_probabilities(candidate)
        # sum(n * (log(count + SMOOTHING) - denominator)) over the text's grams, each term as before, looked up.
        score = sum(map(mul, seen.values(), map(logged.get, seen.keys(), repeat(unseen))))
        if score > best_score:
            best, best_score = candidate, score
    return best


@cache
def _log_probabilities(language: str) -> tuple[dict[str, float], float]:
    """log(count + SMOOTHING) - denominator for each gram the language's table lists, and for one it does not
    (the values `redecide` used to compute gram by gram, computed once per language)."""
    model = _supplement()
    table, denominator = model.counts[language], model.denominators[language]
    logged = {gram: math.log(count + SMOOTHING) - denominator for gram, count in table.items()}
    return logged, math.log(0 + SMOOTHING) - denominator
