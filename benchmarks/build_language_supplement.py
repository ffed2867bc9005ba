"""Build data/language_supplement.txt: letter n-gram counts that settle the breadth model's blind spots.

    python -m benchmarks.build_language_supplement CORPUS_ROOT      (CORPUS_ROOT = ../shared/corpus)

py3langid has no class for Maori, Tswana or Tsonga (it names them Latvian, Sotho, Xhosa...) and confuses
a few close pairs (Malay/Indonesian, Bosnian/Croatian/Serbian, Bokmal/Nynorsk). When its answer falls in
one of GROUPS, analyze/language.py re-decides inside that group with these counts (naive Bayes over letter
2-4-grams). Source: the training part of langid-dev (lingua-py's test data, Apache-2.0, sentences from the
Leipzig Corpora Collection, CC BY 4.0): sentences whose line index % 5 != 0. Lines with index % 5 == 0 are
the check split that benchmarks/quality_language.py reports and are never read here.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "layers" / "article_core" / "article_core" / "data" / "language_supplement.txt"
# Languages re-decided together; the breadth model's answer picks the group.
GROUPS = (
    ("mi", "tn", "ts", "st", "sn", "xh", "zu", "sw", "lv", "so", "yo", "lg"),
    ("ms", "id"),
    ("bs", "hr", "sr"),
    ("nb", "nn", "da"),
)
ORDERS = (2, 3, 4)
MIN_COUNT = 2


def is_check(index: int) -> bool:
    """The check split: every fifth line of each language file (the rule benchmarks/quality_language.py uses)."""
    return index % 5 == 0


def grams(text: str) -> Counter[str]:
    """Letter n-grams of the lowercased text with word edges marked by '_'."""
    padded = "_" + "_".join(text.lower().replace("_", " ").split()) + "_"
    return Counter(padded[i : i + n] for n in ORDERS for i in range(len(padded) - n + 1))


def build(corpus: Path, target: Path = TARGET) -> None:
    lines = [
        "# Letter 2-4-gram counts per language (benchmarks/build_language_supplement.py). Source: langid-dev",
        "# training part (lingua-py test data, Apache-2.0; Leipzig Corpora Collection sentences, CC BY 4.0).",
        "# group<TAB>lang1 lang2 ... ; then lang<TAB>total<TAB>gram count gram count ... ('_' = word edge)",
    ]
    lines += ["group\t" + " ".join(group) for group in GROUPS]
    for language in sorted({lang for group in GROUPS for lang in group}):
        rows = (corpus / "langid-dev" / f"{language}.txt").read_text(encoding="utf-8").split("\n")
        counts: Counter[str] = Counter()
        for index, row in enumerate(rows):
            if row.strip() and not is_check(index):
                counts.update(grams(row))
        total = sum(counts.values())
        kept = sorted((g, c) for g, c in counts.items() if c >= MIN_COUNT and " " not in g)
        lines.append(f"{language}\t{total}\t" + " ".join(f"{g} {c}" for g, c in kept))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"))
