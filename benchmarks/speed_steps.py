"""CPU time of each step of the warm pipeline, in this process: where an article's milliseconds go.

    python -m benchmarks.speed_steps FILE [--runs 40]           one file, medians over the runs
    python -m benchmarks.speed_steps --corpus DIR [--runs 1]    the extraction-dev HTML pages, mean per page,
                                                                 with trafilatura.extract alone beside them

(make bench-steps FILE=samples/rail-strike-en.txt, or CORPUS=...). Run it with python3.13 on the built layer
(PYTHONPATH=<layer python/>) for Lambda-like numbers. Each step is timed by wrapping the function the pipeline
calls (inclusive: `extract_entities` holds `ent.tokenize`, `ent.tag_spans` holds `ent.features`); `record` is
what `process` spends outside decode, clean, sanitising and analysis. The wrappers cost a little themselves.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ANALYSIS_STEPS = (
    "fingerprint",
    "detect_language",
    "split_sentences",
    "words",
    "compute_stats",
    "readability",
    "extract_keywords",
    "extract_entities",
    "extract_quotes",
    "extract_dates",
    "summarise",
)
PIPELINE_STEPS = ("decode", "clean", "sanitized", "analyze")


def instrument(spent: dict[str, float]) -> list[tuple[Any, str, Any]]:
    """Wrap the pipeline's steps so that each call adds its CPU time to `spent[name]`; returns what to put back."""
    import article_core.analyze as analysis
    from article_core import pipeline, storage
    from article_core.analyze import entities, entity_tagger

    originals: list[tuple[Any, str, Any]] = []

    def wrap(module: Any, name: str, label: str | None = None) -> None:
        fn: Callable[..., Any] = getattr(module, name)
        originals.append((module, name, fn))

        def timed(*args: Any, **kwargs: Any) -> Any:
            c0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label or name] += time.process_time() - c0

        setattr(module, name, timed)

    for name in PIPELINE_STEPS:
        wrap(pipeline, name)
    for name in ANALYSIS_STEPS:
        wrap(analysis, name)
    wrap(entities, "tokenize", "ent.tokenize")
    wrap(entities, "tag_spans", "ent.tag_spans")
    wrap(entity_tagger, "sequence_features", "ent.features")
    if hasattr(entity_tagger, "sequence_packed"):  # the features as the C-API tagger takes them (entity_crf)
        wrap(entity_tagger, "sequence_packed", "ent.features")
    wrap(storage, "to_item")
    return originals


def measure(docs: list[tuple[str, bytes]], runs: int, warmup: int) -> dict[str, list[float]]:
    """Per step, one CPU-seconds sample per run of each document."""
    from article_core import storage
    from article_core.models import ObjectRef
    from article_core.pipeline import process

    spent: dict[str, float] = defaultdict(float)
    originals = instrument(spent)
    try:
        return _runs(
            docs,
            runs,
            warmup,
            spent,
            lambda raw, key: storage.to_item(process(raw, ObjectRef(bucket="bench", key=key, size=len(raw)))),
        )
    finally:
        for module, name, fn in originals:
            setattr(module, name, fn)


def _runs(
    docs: list[tuple[str, bytes]], runs: int, warmup: int, spent: dict[str, float], ours: Callable[[bytes, str], Any]
) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = defaultdict(list)
    for key, raw in docs:
        for i in range(warmup + runs):
            spent.clear()
            c0 = time.process_time()
            ours(raw, key)
            total = time.process_time() - c0
            if i < warmup:
                continue
            samples["TOTAL"].append(total)
            for name, seconds in spent.items():
                samples[name].append(seconds)
            outside = sum(spent.get(name, 0.0) for name in (*PIPELINE_STEPS, "to_item"))
            samples["record"].append(total - outside)
    return samples


def trafilatura_ms(docs: list[tuple[str, bytes]]) -> float:
    import trafilatura

    spent = []
    for _, raw in docs:
        html = raw.decode("utf-8", "replace")
        trafilatura.extract(html, include_comments=False)
        c0 = time.process_time()
        trafilatura.extract(html, include_comments=False)
        spent.append(time.process_time() - c0)
    return 1e3 * sum(spent) / len(spent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, nargs="?")
    parser.add_argument("--corpus", type=Path, help="shared corpus: its extraction-dev HTML pages")
    parser.add_argument("--runs", type=int)
    args = parser.parse_args(argv)
    if args.corpus:
        pages = sorted((args.corpus / "extraction-dev" / "html").glob("*.gz"))
        docs = [(f"incoming/{p.name.removesuffix('.gz')}", gzip.decompress(p.read_bytes())) for p in pages]
        samples = measure(docs, args.runs or 1, warmup=1)
        print(f"{'trafilatura alone':18s} {trafilatura_ms(docs):7.2f} ms a page (mean)")
        rows = {name: 1e3 * sum(values) / len(values) for name, values in samples.items()}
    elif args.file:
        samples = measure([(f"incoming/{args.file.name}", args.file.read_bytes())], args.runs or 40, warmup=3)
        rows = {name: 1e3 * statistics.median(values) for name, values in samples.items()}
    else:
        parser.error("a FILE or --corpus")
    for name, value in rows.items():
        print(f"{name:18s} {value:7.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
