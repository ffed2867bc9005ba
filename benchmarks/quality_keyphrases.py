"""Keyphrase and language-ID quality on the development corpora, with a plain baseline beside ours.

    python benchmarks/quality_keyphrases.py CORPUS_ROOT        (CORPUS_ROOT = ../shared/corpus)

- keyphrase-fr-dev: F1@10 with the corpus README protocol, ours vs plain term frequency
  (non-stop words of 3+ letters). The document title (first line) is passed as Document.title.
- English proxy (no English gold set exists): extraction-dev ground-truth articles, with silver
  keys = the content words of the article URL's slug (editors write slugs from the headline, so
  they name the topic); the title is NOT given to either method (the slug is derived from it).
  Three protocols, each applied identically to both methods:
  * v1 phrases: a prediction matches when all its content words are slug words, spelled exactly.
    It favours splitting: "hong" + "kong" are two hits, "Hong Kong" one, "Hong Kong dollars" none.
  * v2 phrases+stems: v1 with crude plural/possessive folding on both sides ("rudolphs" = "Rudolph",
    "jets" = "jet") and predictions de-duplicated after folding.
  * v2 10-word budget: the first 10 distinct folded content words of the ranked list, however they
    are grouped into phrases; P = slug words among them / 10, R = slug words found / slug words.
    Both methods spend the same number of words, so neither splitting nor long phrases pay.
- Language ID: see quality_language.py (run from here too).
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "layers" / "article_core"))

from article_core.analyze.keywords import extract_keywords
from article_core.analyze.tokens import stopwords

# extraction-dev pages that are not in English (hand-labelled from their text); the rest are English.
_EXTRACTION_LANGUAGES = {
    "0ec95c72": "ko",
    "11ea381a": "pt",
    "20b2b649": "it",
    "21486419": "id",
    "23aaecd1": "pt",
    "3252222e": "pt",
    "3c6d3381": "ru",
}


def normalise(phrase: str) -> str:
    """The corpus README's matching normalisation."""
    phrase = unicodedata.normalize("NFC", phrase).lower().replace("’", "'").replace("\u00ad", "")
    phrase = re.sub(r"\s+", " ", phrase).strip()
    return re.sub(r"^[\W_]+|[\W_]+$", "", phrase)


def f1_at_10(predictions: list[str], gold: set[str]) -> tuple[float, float]:
    kept = list(dict.fromkeys(p for p in map(normalise, predictions) if p))[:10]
    matches = sum(1 for p in kept if p in gold)
    return (matches / len(kept) if kept else 0.0), (matches / len(gold) if gold else 0.0)


def term_frequency(text: str, language: str, top: int = 10) -> list[str]:
    stop = stopwords(language)
    counts = Counter(w for w in re.findall(r"\w+", text.lower()) if len(w) >= 3 and w not in stop and not w.isdigit())
    return [w for w, _ in counts.most_common(top)]


def _report(name: str, scores: list[tuple[float, float]]) -> float:
    p = sum(s[0] for s in scores) / len(scores)
    r = sum(s[1] for s in scores) / len(scores)
    f1s = [2 * a * b / (a + b) if a + b else 0.0 for a, b in scores]
    f1 = sum(f1s) / len(f1s)
    print(f"  {name:<16} F1@10 {f1:.3f}  (P {p:.3f}, R {r:.3f})")
    return f1


def french_keyphrases(root: Path) -> None:
    base = root / "keyphrase-fr-dev"
    ours, baseline = [], []
    elapsed = 0.0
    for doc in sorted((base / "docs").glob("*.txt")):
        text = doc.read_text(encoding="utf-8")
        gold = {normalise(k) for k in (base / "keys" / f"{doc.stem}.key").read_text(encoding="utf-8").splitlines()}
        gold.discard("")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        title = lines[0] if lines else ""
        body = "\n\n".join(line for line in lines if line != title)
        started = time.perf_counter()
        predicted = [k.text for k in extract_keywords(body, "fr", title=title)]
        elapsed += time.perf_counter() - started
        ours.append(f1_at_10(predicted, gold))
        baseline.append(f1_at_10(term_frequency(text, "fr"), gold))
    print(f"keyphrase-fr-dev ({len(ours)} documents, README protocol)")
    _report("ours", ours)
    _report("term frequency", baseline)
    print(f"  ours: {1000 * elapsed / len(ours):.2f} ms per document")


def english_proxy(root: Path) -> None:
    truth = json.loads((root / "extraction-dev" / "ground-truth.json").read_text(encoding="utf-8"))
    stop = stopwords("en")
    protocols = {"v1 phrases": _silver_v1, "v2 phrases+stems": _silver_v2, "v2 10-word budget": _silver_budget}
    ours: dict[str, list[tuple[float, float]]] = {name: [] for name in protocols}
    baseline: dict[str, list[tuple[float, float]]] = {name: [] for name in protocols}
    elapsed = 0.0
    for page_id, page in sorted(truth.items()):
        if page_id[:8] in _EXTRACTION_LANGUAGES:
            continue
        body = page["articleBody"]
        body_words = set(re.findall(r"\w+", body.lower()))
        slug = max(urlparse(page["url"]).path.split("/"), key=len)
        silver = {w for w in re.findall(r"[a-z]+", slug.lower()) if len(w) >= 3 and w not in stop and w in body_words}
        if len(silver) < 2:
            continue
        started = time.perf_counter()
        predicted = [k.text for k in extract_keywords(body, "en")]
        elapsed += time.perf_counter() - started
        frequent = term_frequency(body, "en")
        for name, score in protocols.items():
            ours[name].append(score(predicted, silver, stop))
            baseline[name].append(score(frequent, silver, stop))
    count = len(ours["v1 phrases"])
    print(f"English proxy: extraction-dev, URL-slug words as silver keys ({count} articles)")
    for name in protocols:
        print(f" protocol {name}")
        _report("ours", ours[name])
        _report("term frequency", baseline[name])
    print(f"  ours: {1000 * elapsed / count:.2f} ms per document")


def _content_words(phrase: str, stop: frozenset[str]) -> list[str]:
    return [w for w in re.findall(r"\w+", phrase) if w not in stop]


def _silver_v1(predictions: list[str], silver: set[str], stop: frozenset[str]) -> tuple[float, float]:
    """A phrase matches when all its content words are slug words, spelled exactly."""
    kept = list(dict.fromkeys(p for p in map(normalise, predictions) if p))[:10]
    covered: set[str] = set()
    matches = 0
    for phrase in kept:
        words = set(_content_words(phrase, stop))
        if words and words <= silver:
            matches += 1
            covered |= words
    return (matches / len(kept) if kept else 0.0), len(covered) / len(silver)


def _stem(word: str) -> str:
    """Crude English plural/possessive folding, applied to both sides: "rudolphs" = "Rudolph", "jets" = "jet"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _silver_v2(predictions: list[str], silver: set[str], stop: frozenset[str]) -> tuple[float, float]:
    """v1 with both sides stemmed and stem-level de-duplication ("jet" after "jets" is not a new prediction)."""
    stems = {_stem(w) for w in silver}
    kept = list(dict.fromkeys(" ".join(map(_stem, _content_words(p, stop))) for p in map(normalise, predictions)))
    kept = [p for p in kept if p][:10]
    covered: set[str] = set()
    matches = 0
    for phrase in kept:
        words = set(phrase.split())
        if words <= stems:
            matches += 1
            covered |= words
    return (matches / len(kept) if kept else 0.0), len(covered) / len(stems)


def _silver_budget(predictions: list[str], silver: set[str], stop: frozenset[str]) -> tuple[float, float]:
    """The first 10 distinct content-word stems of the ranked list, however they are grouped into phrases.

    v1 counts "hong" and "kong" as two hits but "Hong Kong" as one, and "Hong Kong dollars" as a miss,
    so it rewards splitting names; a fixed word budget scores the words themselves, the same for both
    methods (a phrase's extra words use up the budget, so long phrases are not favoured either).
    """
    stems = {_stem(w) for w in silver}
    words = [_stem(w) for p in map(normalise, predictions) for w in _content_words(p, stop)]
    kept = list(dict.fromkeys(words))[:10]
    matched = {w for w in kept if w in stems}
    return (len(matched) / len(kept) if kept else 0.0), len(matched) / len(stems)


def language_id(root: Path) -> None:
    """Language ID now lives in quality_language.py; called from here so quality.py keeps printing it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks import quality_language

    quality_language.language_id(root)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__)
        return 2
    root = Path(args[0])
    french_keyphrases(root)
    english_proxy(root)
    language_id(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
