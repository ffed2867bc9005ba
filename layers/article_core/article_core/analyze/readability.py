"""Readability scores: Flesch reading ease (English), Kandel–Moles (French), LIX (any language).

Syllables are estimated from vowel groups, which is what the published formulas were calibrated
with in practice; scores are rounded to one decimal.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from operator import mul

from ..models import Readability

_VOWEL_GROUPS = {
    "en": re.compile(r"[aeiouy]+"),
    "fr": re.compile(r"[aeiouyàâäéèêëîïôöùûüœæ]+"),
}
# Written but silent word endings: English "make", French "parlent", "porte", "portes".
_SILENT_ENDING = {"en": re.compile(r"[^aeiouy]e$"), "fr": re.compile(r"[^aeiouyéèêàâîïôûù](?:e|es|ent)$")}


@lru_cache(maxsize=32768)
def syllables(word: str, language: str) -> int:
    """Estimated syllable count of one word (at least one); cached, as news repeats its vocabulary."""
    lowered = word.lower()
    groups = _VOWEL_GROUPS.get(language, _VOWEL_GROUPS["en"])
    count = len(groups.findall(lowered))
    silent = _SILENT_ENDING.get(language)
    if silent is not None and count > 1 and silent.search(lowered):
        count -= 1
    return max(1, count)


class _SyllableTable(dict[str, int]):
    """word -> `syllables(word, language)` for one language, filled on first sight of a word."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def __missing__(self, word: str) -> int:
        count = self[word] = syllables(word, self.language)
        return count


_SYLLABLE_TABLES: dict[str, _SyllableTable] = {}
_SYLLABLE_TABLE_WORDS = 32768  # as many words as `syllables` keeps: emptied beyond


def _syllable_table(language: str) -> _SyllableTable:
    table = _SYLLABLE_TABLES.get(language)
    if table is None or len(table) > _SYLLABLE_TABLE_WORDS:
        table = _SYLLABLE_TABLES[language] = _SyllableTable(language)
    return table


def readability(
    words: list[str], sentence_count: int, language: str, counts: dict[str, int] | None = None
) -> Readability:
    """Scores for `words` spread over `sentence_count` sentences; None where the formula does not apply.
    `counts` is `Counter(words)` when the caller has counted them."""
    # News repeats its words: each distinct word is examined once and counted as often as it occurs.
    counts = Counter(words) if counts is None else counts
    # A word with a letter: all letters (most words) is one C call; "2-3", "U2" and "l'an" take the long way.
    lettered = {word: n for word, n in counts.items() if word.isalpha() or any(map(str.isalpha, word))}
    total = sum(lettered.values())
    if not total or sentence_count <= 0:
        return Readability()
    per_sentence = total / sentence_count
    long_words = sum(n for word, n in lettered.items() if len(word) > 6)
    result = Readability(lix=round(per_sentence + 100 * long_words / total, 1))
    if language in ("en", "fr"):
        table = _syllable_table(language)
        # Per distinct word, its syllables times its count, summed in C (a look-up per word; misses count once).
        per_word = sum(map(mul, map(table.__getitem__, lettered), lettered.values())) / total
        if language == "en":
            result.flesch = round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1)
        else:
            result.kandel_moles = round(207 - 1.015 * per_sentence - 73.6 * per_word, 1)
    return result
