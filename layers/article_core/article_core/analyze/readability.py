"""Readability scores: Flesch reading ease (English), Kandel–Moles (French), LIX (any language).

Syllables are estimated from vowel groups, which is what the published formulas were calibrated
with in practice; scores are rounded to one decimal.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

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


def readability(words: list[str], sentence_count: int, language: str) -> Readability:
    """Scores for `words` spread over `sentence_count` sentences; None where the formula does not apply."""
    # News repeats its words: each distinct word is examined once and counted as often as it occurs.
    counts = Counter(words)
    # A word with a letter: all letters (most words) is one C call; "2-3", "U2" and "l'an" take the long way.
    lettered = {word: n for word, n in counts.items() if word.isalpha() or any(map(str.isalpha, word))}
    total = sum(lettered.values())
    if not total or sentence_count <= 0:
        return Readability()
    per_sentence = total / sentence_count
    long_words = sum(n for word, n in lettered.items() if len(word) > 6)
    result = Readability(lix=round(per_sentence + 100 * long_words / total, 1))
    if language in ("en", "fr"):
        per_word = sum(syllables(word, language) * n for word, n in lettered.items()) / total
        if language == "en":
            result.flesch = round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1)
        else:
            result.kandel_moles = round(207 - 1.015 * per_sentence - 73.6 * per_word, 1)
    return result
