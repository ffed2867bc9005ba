"""Article-body extraction quality and speed on the development corpus.

    python benchmarks/quality_extraction.py CORPUS_ROOT [--kind html|plain|both] [--part all|dev]

CORPUS_ROOT is the shared corpus folder (the one holding `extraction-dev/`). Our cleaner runs
through the pipeline's own path (`decode` then `clean`); trafilatura alone runs on the same
pages in the same run for comparison (on the plain variant it gets the text wrapped one `<p>`
per line). The metric is the article-extraction-benchmark's: token 4-gram multisets per page,
matched/extra/missing normalised per page, precision and recall averaged over pages.

Beside the averages, the issue's floor: no page where we score below 0.5 while trafilatura scores
above 0.9 (per-page F1, both parts), printed as a count with the page ids. `--part dev` runs only
the 35 tuning pages (what to use while tuning: the check part's pages are then not even extracted).
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from article_core.clean import clean
from article_core.decode import decode
from benchmarks.quality_metadata import check_ids

_TOKEN = re.compile(r"\w+")

TpFpFn = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Token n-grams as a multiset; a text shorter than n tokens is one short shingle."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def match(truth: str, prediction: str) -> TpFpFn:
    """Matched, extra and missing shingles for one page, normalised to sum to 1."""
    true, pred = shingles(truth), shingles(prediction)
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn)


def page_f1(page: TpFpFn) -> float:
    """One page's F1 from its matched/extra/missing shares (0 when nothing matched)."""
    p, r = _precision(*page), _recall(*page)
    return 2 * p * r / (p + r) if p + r else 0.0


FLOOR, BASELINE_GOOD = 0.5, 0.9


def floor_breaks(ours: Run, baseline: Run) -> list[str]:
    """Pages where we fall below FLOOR while the baseline gets above BASELINE_GOOD (the issue's floor)."""
    theirs = dict(zip(baseline.keys, baseline.pages, strict=True))
    return [
        key
        for key, page in zip(ours.keys, ours.pages, strict=True)
        if key in theirs and page_f1(page) < FLOOR and page_f1(theirs[key]) > BASELINE_GOOD
    ]


def scores(pages: list[TpFpFn]) -> tuple[float, float, float]:
    """Precision over pages with output, recall over pages with a truth; F1 of the two means."""
    precisions = [_precision(*m) for m in pages if m[0] + m[1] > 0]
    recalls = [_recall(*m) for m in pages if m[0] + m[2] > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Run:
    name: str
    pages: list[TpFpFn] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    def add(self, truth: str, extract: Callable[[], str], key: str = "") -> None:
        self.keys.append(key)
        start = time.perf_counter()
        prediction = extract()
        self.seconds.append(time.perf_counter() - start)
        self.pages.append(match(truth, prediction))


def ours(raw: bytes, name: str) -> str:
    return "\n\n".join(clean(decode(raw, name=name)).paragraphs)


def trafilatura_alone(page: str) -> str:
    import trafilatura

    return trafilatura.extract(page, include_comments=False) or ""


def wrap_lines(text: str) -> str:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body>{body}</body></html>"


def evaluate(root: Path, kind: str, part: str = "all") -> list[Run]:
    corpus = root / "extraction-dev"
    truth = {
        key: value.get("articleBody", "")
        for key, value in json.loads((corpus / "ground-truth.json").read_text()).items()
    }
    if part == "dev":
        check = check_ids(sorted(truth))
        truth = {key: body for key, body in truth.items() if key not in check}
    runs: list[Run] = []
    if kind in ("html", "both"):
        mine, theirs = Run("ours html"), Run("trafilatura html")
        for key, body in sorted(truth.items()):
            raw = (corpus / "html" / f"{key}.html.gz").read_bytes()
            page = gzip.decompress(raw).decode("utf-8")
            mine.add(body, partial(ours, raw, f"{key}.html.gz"), key)
            theirs.add(body, partial(trafilatura_alone, page), key)
        runs += [mine, theirs]
    if kind in ("plain", "both"):
        mine, theirs = Run("ours plain"), Run("trafilatura plain")
        for key, body in sorted(truth.items()):
            raw = (corpus / "plain" / f"{key}.txt").read_bytes()
            wrapped = wrap_lines(raw.decode("utf-8"))
            mine.add(body, partial(ours, raw, f"{key}.txt"), key)
            theirs.add(body, partial(trafilatura_alone, wrapped), key)
        runs += [mine, theirs]
    return runs


def _warm_up() -> None:
    """Pay imports and caches once, outside the timed loop, for both sides alike."""
    page = "<html><body><article><p>" + "A warm-up sentence with enough words. " * 20 + "</p></article></body></html>"
    ours(page.encode(), "warm.html")
    ours(b"A warm-up line of plain text.\n", "warm.txt")
    trafilatura_alone(page)


def report(runs: list[Run], check: set[str] | None = None) -> str:
    header = f"{'extractor':<18} {'precision':>9} {'recall':>7} {'F1':>7} {'median ms':>10} {'total s':>8} {'pages':>5}"
    lines = [header, "-" * len(header)]
    for run in runs:
        p, r, f1 = scores(run.pages)
        median_ms = statistics.median(run.seconds) * 1000
        lines.append(
            f"{run.name:<18} {p:>9.3f} {r:>7.3f} {f1:>7.3f} {median_ms:>10.1f}"
            f" {sum(run.seconds):>8.2f} {len(run.pages):>5}"
        )
    check = check_ids(sorted({key for run in runs for key in run.keys})) if check is None else check
    lines.append("F1 on the tuning part (dev) and the check part (15 smallest sha1 ids, see quality_metadata):")
    for run in runs:
        parts = [
            f"{name} {scores([m for m, k in zip(run.pages, run.keys, strict=True) if (k in check) == is_check])[2]:.3f}"
            for name, is_check in (("dev", False), ("check", True))
        ]
        lines.append(f"  {run.name:<18} " + "  ".join(parts))
    by_name = {run.name: run for run in runs}
    for kind in ("html", "plain"):
        if f"ours {kind}" in by_name and f"trafilatura {kind}" in by_name:
            breaks = floor_breaks(by_name[f"ours {kind}"], by_name[f"trafilatura {kind}"])
            lines.append(
                f"{kind} pages below {FLOOR} where trafilatura is above {BASELINE_GOOD}: {len(breaks)}"
                + (f" ({', '.join(breaks)})" if breaks else "")
            )
    if "ours html" in by_name and "trafilatura html" in by_name:
        ratio = sum(by_name["ours html"].seconds) / max(1e-9, sum(by_name["trafilatura html"].seconds))
        lines.append(f"ours html time / trafilatura html time: {ratio:.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus_root", type=Path, help="folder holding extraction-dev/")
    parser.add_argument("--kind", choices=("html", "plain", "both"), default="both")
    parser.add_argument("--part", choices=("all", "dev"), default="all", help="dev: the 35 tuning pages only")
    args = parser.parse_args(argv)
    if not (args.corpus_root / "extraction-dev" / "ground-truth.json").is_file():
        parser.error(f"{args.corpus_root}/extraction-dev/ground-truth.json not found")
    _warm_up()
    truth = json.loads((args.corpus_root / "extraction-dev" / "ground-truth.json").read_text())
    print(report(evaluate(args.corpus_root, args.kind, args.part), check_ids(sorted(truth))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
