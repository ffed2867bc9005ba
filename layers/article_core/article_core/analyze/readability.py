"""Readability scores: Flesch reading ease (English), Kandel–Moles (French), LIX (any language).

Syllables are estimated from vowel groups, which is what the published formulas were calibrated
with in practice; scores are rounded to one decimal.
"""

from __future__ import annotations

import re

from ..models import Readability

_VOWEL_GROUPS = {
    "en": re.compile(r"[aeiouy]+"),
    "fr": re.compile(r"[aeiouyàâäéèêëîïôöùûüœæ]+"),
}
# Written but silent word endings: English "make", French "parlent", "porte", "portes".
_SILENT_ENDING = {"en": re.compile(r"[^aeiouy]e$"), "fr": re.compile(r"[^aeiouyéèêàâîïôûù](?:e|es|ent)$")}


def syllables(word: str, language: str) -> int:
    """Estimated syllable count of one word (at least one)."""
    lowered = word.lower()
    groups = _VOWEL_GROUPS.get(language, _VOWEL_GROUPS["en"])
    count = len(groups.findall(lowered))
    silent = _SILENT_ENDING.get(language)
    if silent is not None and count > 1 and silent.search(lowered):
        count -= 1
    return max(1, count)


def readability(words: list[str], sentence_count: int, language: str) -> Readability:
    """Scores for `words` spread over `sentence_count` sentences; None where the formula does not apply."""
    lettered = [word for word in words if any(ch.isalpha() for ch in word)]
    if not lettered or sentence_count <= 0:
        return Readability()
    per_sentence = len(lettered) / sentence_count
    long_words = sum(1 for word in lettered if len(word) > 6)
    result = Readability(lix=round(per_sentence + 100 * long_words / len(lettered), 1))
    if language in ("en", "fr"):
        per_word = sum(syllables(word, language) for word in lettered) / len(lettered)
        if language == "en":
            result.flesch = round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1)
        else:
            result.kandel_moles = round(207 - 1.015 * per_sentence - 73.6 * per_word, 1)
    return result
