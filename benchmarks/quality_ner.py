"""Named-entity quality, English and French, on the dev sets and on the check splits, with the baseline.

    python -m benchmarks.quality_ner CORPUS_ROOT [--errors N]

Data (corpus README): ner-en-dev (CoNLL-2003 testa, 3,250 sentences), ner-fr-dev (WikiNEuRal French test,
1,500 sentences), and the check splits carved from ner-en-train and ner-fr-train by benchmarks/train_ner.py's
fixed rule (sha1 of the sentence text % 10 == 0), which the models never saw and nothing was tuned on.

Metric (corpus README): per sentence (tokens joined by single spaces), the multiset of (surface, type) pairs
predicted against the gold spans; micro P/R/F1 over PER+LOC+ORG, MISC apart. Ours: the CRF tagger with the
article rules (`tag_mentions`). Baseline, in the same run: the rule tagger shipped before it
(benchmarks/ner_rule_baseline.py). Also: tagger load time (fresh process) and warm tagging/analysis time of
samples/rail-strike-en.txt (4.9 KB English).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from benchmarks.train_ner import TRAIN_FILES, is_check, read_conll

ROOT = Path(__file__).resolve().parents[1]


TYPES = ("PER", "LOC", "ORG")
DEV_FILES = {"en": "ner-en-dev/eng.testa.conll", "fr": "ner-fr-dev/wikineural-fr-dev.conll"}
TARGETS = {"en": 0.85, "fr": 0.87}
Pair = tuple[str, str]
Scored = list[tuple[str, Counter[Pair]]]


def gold_pairs(tokens: list[str], tags: list[str]) -> Counter[Pair]:
    gold: Counter[Pair] = Counter()
    i = 0
    while i < len(tokens):
        if tags[i].startswith("B-"):
            kind, j = tags[i][2:], i + 1
            while j < len(tokens) and tags[j] == f"I-{kind}":
                j += 1
            gold[(" ".join(tokens[i:j]), kind)] += 1
            i = j
        else:
            i += 1
    return gold


def load_sets(corpus: Path, language: str) -> dict[str, Scored]:
    dev = read_conll(corpus / DEV_FILES[language])
    check = [s for s in read_conll(corpus / TRAIN_FILES[language]) if is_check(s[0])]
    return {
        f"{DEV_FILES[language].split('/')[0]} (dev)": [(" ".join(t), gold_pairs(t, g)) for t, g in dev],
        f"{TRAIN_FILES[language].split('/')[0]} check split": [(" ".join(t), gold_pairs(t, g)) for t, g in check],
    }


def score(sentences: Scored, tagger: Callable[[str], Counter[Pair]]) -> dict[str, tuple[float, float, float, int]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for text, gold in sentences:
        predicted = tagger(text)
        for kind in (*TYPES, "MISC"):
            g = Counter({k: v for k, v in gold.items() if k[1] == kind})
            p = Counter({k: v for k, v in predicted.items() if k[1] == kind})
            hit = sum((g & p).values())
            tp[kind] += hit
            fp[kind] += sum(p.values()) - hit
            fn[kind] += sum(g.values()) - hit
    for counter in (tp, fp, fn):
        counter["ALL"] = sum(counter[k] for k in TYPES)
    result = {}
    for kind in ("ALL", *TYPES, "MISC"):
        precision = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        recall = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[kind] = (precision, recall, f1, tp[kind] + fn[kind])
    return result


def ours(language: str) -> Callable[[str], Counter[Pair]]:
    from article_core.analyze.entities import tag_mentions

    return lambda text: Counter((m.text, m.type) for m in tag_mentions(text, language))


def baseline(language: str) -> Callable[[str], Counter[Pair]]:
    from benchmarks.ner_rule_baseline import tag_mentions

    return lambda text: Counter((m.text, m.type) for m in tag_mentions(text, language))


def load_time_ms() -> float:
    """Word lists, CRFsuite and both models, and a first call each, in a fresh interpreter (median of 3). The
    analysis package is imported first and not counted: the handler imports it at every cold start anyway."""
    code = (
        "import time; import article_core.analyze.entities as e; t=time.perf_counter(); "
        "e.tag_mentions('M. Jean Dupont est à Paris.', 'fr'); e.tag_mentions('Mayor Linda Park spoke.', 'en'); "
        "print((time.perf_counter()-t)*1000)"
    )
    runs = sorted(
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    )
    return runs[1]


def warm_times_ms() -> tuple[float, float, float, float, int]:
    """Median warm time to tag, and to analyze, samples/rail-strike-en.txt (English, about 5 KB): wall clock
    and this process's CPU time (the second moves less when other work shares the machine)."""
    from article_core.analyze import analyze
    from article_core.analyze.entities import tag_mentions
    from article_core.models import Document

    text = (ROOT / "samples" / "rail-strike-en.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    runs: dict[str, list[float]] = {"tag": [], "tag cpu": [], "analyze": [], "analyze cpu": []}
    for _ in range(21):
        for name, call in (
            ("tag", lambda: tag_mentions(text, "en")),
            ("analyze", lambda: analyze(paragraphs, Document())),
        ):
            wall, cpu = time.perf_counter(), time.process_time()
            call()
            runs[name].append(time.perf_counter() - wall)
            runs[f"{name} cpu"].append(time.process_time() - cpu)
    tag, tag_cpu, whole, whole_cpu = (sorted(values)[10] * 1000 for values in runs.values())
    return tag, tag_cpu, whole, whole_cpu, len(text.encode())


def print_result(name: str, result: dict[str, tuple[float, float, float, int]]) -> None:
    p, r, f, n = result["ALL"]
    per_type = "  ".join(f"{kind} {result[kind][2]:.3f}" for kind in (*TYPES, "MISC"))
    print(f"  {name:34} P {p:.3f} R {r:.3f} F1 {f:.3f} ({n} gold)   {per_type}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus_root", type=Path, help="folder holding ner-en-dev/, ner-en-train/ ...")
    parser.add_argument("--errors", type=int, default=0, help="print this many dev sentences with mistakes")
    parser.add_argument("--speed-only", action="store_true", help="only the load and warm times (no corpus read)")
    args = parser.parse_args(argv)
    for language in () if args.speed_only else ("en", "fr"):
        for label, sentences in load_sets(args.corpus_root, language).items():
            print(f"\n{label}: {len(sentences)} sentences (F1 over PER+LOC+ORG; per-type F1 after)")
            started = time.perf_counter()
            result = score(sentences, ours(language))
            per_sentence = (time.perf_counter() - started) / len(sentences) * 1000
            print_result("ours (CRF + article rules)", result)
            print_result("baseline (previous rule tagger)", score(sentences, baseline(language)))
            target = "met" if result["ALL"][2] >= TARGETS[language] else "NOT met"
            print(f"  target F1 >= {TARGETS[language]}: {target}; {per_sentence:.2f} ms per sentence")
    print(f"\ntagger load (fresh process: word lists, CRFsuite, both models, first calls): {load_time_ms():.0f} ms")
    tag, tag_cpu, whole, whole_cpu, size = warm_times_ms()
    print(
        f"samples/rail-strike-en.txt ({size} bytes), warm median, wall (CPU): entities {tag:.1f} ({tag_cpu:.1f}) ms, "
    )
    print(f"  whole analysis {whole:.1f} ({whole_cpu:.1f}) ms")
    if args.errors:
        show_errors(load_sets(args.corpus_root, "en"), args.errors)
    return 0


def show_errors(sets: dict[str, Scored], limit: int) -> None:
    """Dev sentences only: looking at the check split's mistakes would be tuning on it."""
    tagger = ours("en")
    dev = next(sentences for label, sentences in sets.items() if "(dev)" in label)
    for text, gold in dev:
        predicted = tagger(text)
        g = Counter({k: v for k, v in gold.items() if k[1] in TYPES})
        p = Counter({k: v for k, v in predicted.items() if k[1] in TYPES})
        if g != p and limit > 0:
            limit -= 1
            print(f"\n{text}\n  missed: {sorted((g - p).elements())}\n  wrong:  {sorted((p - g).elements())}")


if __name__ == "__main__":
    raise SystemExit(main())
