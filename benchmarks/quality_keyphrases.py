"""Keyphrase quality, one protocol (the corpus README's F1@10), ours beside plain term frequency.

    python -m benchmarks.quality_keyphrases CORPUS_ROOT        (CORPUS_ROOT = ../shared/corpus)

keyphrase-en-dev (500N-KPCrowd, 400 English news documents) and keyphrase-fr-dev (30 French WikiNews
articles), each scored on its dev part and on a check split carved first by a fixed rule (check_ids) and
never tuned on. The headline (first line) is passed as Document.title; the baseline sees the same text.
Language ID is reported by quality_language.py (run from here too).
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

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


# Check splits, carved before any tuning and never tuned on: the documents whose ids come first when sorted
# by SHA-256 of the id (50 of the 400 English documents, 8 of the 30 French ones). The rest is the dev part.
CHECK_SIZE = {"keyphrase-en-dev": 50, "keyphrase-fr-dev": 8}
LANGUAGE = {"keyphrase-en-dev": "en", "keyphrase-fr-dev": "fr"}


def check_ids(ids: list[str], corpus: str) -> set[str]:
    """The check split of one keyphrase corpus: a fixed rule over document ids (SHA-256 order)."""
    ranked = sorted(ids, key=lambda doc_id: hashlib.sha256(doc_id.encode()).hexdigest())
    return set(ranked[: CHECK_SIZE[corpus]])


def read_document(doc: Path) -> tuple[str, str]:
    """(title, body): the first non-empty line is the headline, passed as Document.title as the pipeline would."""
    lines = [line.strip() for line in doc.read_text(encoding="utf-8").splitlines() if line.strip()]
    title = lines[0] if lines else ""
    return title, "\n\n".join(lines[1:] if lines else [])


def keyphrases(root: Path, corpus: str) -> dict[str, float]:
    """F1@10 (corpus README protocol) for ours and term frequency, on the dev part and the check split."""
    base = root / corpus
    language = LANGUAGE[corpus]
    docs = sorted((base / "docs").glob("*.txt"))
    check = check_ids([d.stem for d in docs], corpus)
    scores: dict[tuple[str, str], list[tuple[float, float]]] = {}
    elapsed = 0.0
    for doc in docs:
        keys = (base / "keys" / f"{doc.stem}.key").read_text(encoding="utf-8").splitlines()
        gold = {normalise(k) for k in keys} - {""}
        title, body = read_document(doc)
        started = time.perf_counter()
        predicted = [k.text for k in extract_keywords(body, language, title=title)]
        elapsed += time.perf_counter() - started
        split = "check" if doc.stem in check else "dev"
        scores.setdefault(("ours", split), []).append(f1_at_10(predicted, gold))
        scores.setdefault(("term frequency", split), []).append(
            f1_at_10(term_frequency(f"{title}\n{body}", language), gold)
        )
    print(f"{corpus}: F1@10, corpus README protocol ({len(docs) - len(check)} dev + {len(check)} check documents)")
    results = {}
    for split in ("dev", "check"):
        for method in ("ours", "term frequency"):
            results[f"{method} {split}"] = _report(f"{method:<14} {split:<5}", scores[(method, split)])
    print(f"  ours: {1000 * elapsed / len(docs):.2f} ms per document")
    return results


def language_id(root: Path) -> None:
    """Language ID now lives in quality_language.py; called from here so quality.py keeps printing it."""
    from benchmarks import quality_language

    quality_language.language_id(root)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__)
        return 2
    root = Path(args[0])
    for corpus in ("keyphrase-en-dev", "keyphrase-fr-dev"):
        keyphrases(root, corpus)
    language_id(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
