"""Build data/language_model.txt, the word and letter-trigram tables behind analyze/language.py.

    pip install wordfreq==3.1.1        (build time only; ~60 MB, not a runtime dependency)
    python benchmarks/build_language_model.py > layers/article_core/article_core/data/language_model.txt
    make data-tables                   (the pre-parsed copy the runtime loads: data/language_model.marshal)

Source: wordfreq 3.1.1 word frequencies (code Apache-2.0; data CC BY-SA 4.0, built by Robyn Speer
from Wikipedia, subtitles, news, books, web text and social media), so the derived table is CC BY-SA 4.0 too.
For each modelled language the table holds:
- `w` rows: the most frequent words with their frequency as round(10 * log10 p), words grouped by value.
  Words are split at apostrophes and hyphens first ("don't" -> "don", "t"), as the detector splits them.
- `t` rows: letter trigrams of less frequent words (ranks after the word list, each word counted once),
  as round(10 * log10 P(letter | two letters before)) with "_" marking word edges: how an unlisted word
  (a name, a rare noun) is spelled in that language. Rare trigrams are dropped; the detector gives them a floor.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict

# language -> (words kept, words whose spelling trains the trigrams); French and English are first-class.
LANGUAGES = {
    "fr": (5000, 60_000),
    "en": (5000, 60_000),
    "de": (2500, 60_000),
    "es": (2500, 60_000),
    "it": (2500, 60_000),
    "pt": (2500, 60_000),
    "nl": (2500, 60_000),
}
MIN_TRIGRAM_COUNT = 4
MIN_TRIGRAM_LOG10 = -2.5
_PART = re.compile(r"[^\W\d_]+")


def _words(language: str) -> list[tuple[str, float]]:
    import wordfreq  # build-time only

    merged: dict[str, float] = defaultdict(float)
    for word, frequency in wordfreq.get_frequency_dict(language, wordlist="best").items():
        for part in _PART.findall(word):
            merged[part] += frequency
    return sorted(merged.items(), key=lambda item: (-item[1], item[0]))


def _trigrams(words: list[str]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    contexts: Counter[str] = Counter()
    for word in words:
        padded = "__" + word + "_"
        for i in range(len(padded) - 2):
            counts[padded[i : i + 3]] += 1
            contexts[padded[i : i + 2]] += 1
    out = {}
    for gram, n in counts.items():
        if n < MIN_TRIGRAM_COUNT:
            continue
        log10 = math.log10(n / contexts[gram[:2]])
        if log10 >= MIN_TRIGRAM_LOG10:
            out[gram] = round(10 * log10)
    return out


def _rows(language: str, kind: str, values: dict[str, int]) -> list[str]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for item, value in values.items():
        grouped[value].append(item)
    return [
        f"{language}\t{kind}\t{value}\t{' '.join(sorted(grouped[value]))}" for value in sorted(grouped, reverse=True)
    ]


def main() -> int:
    print("# Word and letter-trigram tables for language ID; built by benchmarks/build_language_model.py.")
    print("# Derived from wordfreq 3.1.1 data (CC BY-SA 4.0, Robyn Speer et al.); this table is CC BY-SA 4.0.")
    print("# language<TAB>w|t<TAB>round(10*log10 p)<TAB>items (space-separated; '_' marks a word edge in trigrams)")
    for language, (kept, spelled) in LANGUAGES.items():
        ranked = _words(language)
        total = sum(f for _, f in ranked)
        listed = {word: round(10 * math.log10(f / total)) for word, f in ranked[:kept] if " " not in word}
        print("\n".join(_rows(language, "w", listed)))
        print("\n".join(_rows(language, "t", _trigrams([w for w, _ in ranked[kept:spelled]]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
