"""Named-entity quality on the ner-fr-dev corpus (WikiNEuRal French), with a baseline, in one run.

    python benchmarks/quality_ner.py /work/shared/corpus

Also scores the English silver sentences kept in tests/unit/analyze/test_entities.py (written by hand).

Metric (corpus README): per sentence (tokens joined by single spaces), the multiset of (surface, type)
pairs predicted against the gold spans; micro P/R/F1 over PER+LOC+ORG, MISC apart. Baseline: every
capitalised run not at the sentence start, typed LOC if in the place gazetteer, else PER.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "layers" / "article_core"))

TYPES = ("PER", "LOC", "ORG")
Pair = tuple[str, str]


def read_conll(path: Path) -> list[tuple[str, Counter[Pair]]]:
    """Sentences as (text, gold multiset of (surface, type))."""
    sentences: list[tuple[str, Counter[Pair]]] = []
    tokens: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            _, token, tag = line.split("\t")
            tokens.append((token, tag))
            continue
        if tokens:
            gold: Counter[Pair] = Counter()
            i = 0
            while i < len(tokens):
                if tokens[i][1].startswith("B-"):
                    kind, j = tokens[i][1][2:], i + 1
                    while j < len(tokens) and tokens[j][1] == f"I-{kind}":
                        j += 1
                    gold[(" ".join(t for t, _ in tokens[i:j]), kind)] += 1
                    i = j
                else:
                    i += 1
            sentences.append((" ".join(t for t, _ in tokens), gold))
            tokens = []
    return sentences


def score(
    sentences: list[tuple[str, Counter[Pair]]], tagger: Callable[[str], Counter[Pair]]
) -> dict[str, tuple[float, ...]]:
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
    for kind in (*TYPES, "ALL", "MISC"):
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[kind] = (p, r, f, tp[kind] + fn[kind])
    return result


def ours(text: str, language: str = "fr") -> Counter[Pair]:
    from article_core.analyze.entities import tag_mentions

    return Counter((m.text, m.type) for m in tag_mentions(text, language))


def english_sets() -> dict[str, list[tuple[str, list[Pair]]]]:
    """The hand-written English silver sentences kept with the unit tests (no corpus needed)."""
    path = Path(__file__).resolve().parents[1] / "tests" / "unit" / "analyze" / "test_entities.py"
    spec = importlib.util.spec_from_file_location("_ner_english_silver", path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {
        "silver (guided development)": module.ENGLISH_SILVER,
        "held-out (measured only)": module.ENGLISH_HELD_OUT,
        "held-out news: datelines, of/for/and names (measured only)": module.ENGLISH_HELD_OUT_NEWS,
    }


def baseline(text: str) -> Counter[Pair]:
    from article_core.analyze.entities import load_lexicon

    places = load_lexicon().places
    found: Counter[Pair] = Counter()
    for match in re.finditer(r"(?<=\S )[A-Z\u00c0-\u00de][\w'-]*(?: [A-Z\u00c0-\u00de][\w'-]*)*", text):
        found[(match.group(), "LOC" if match.group() in places else "PER")] += 1
    return found


def load_time_ms() -> float:
    """Cold import plus gazetteer load, in a fresh interpreter."""
    code = (
        "import time; t=time.perf_counter(); from article_core.analyze.entities import load_lexicon, tag_mentions; "
        "load_lexicon(); tag_mentions('M. Jean Dupont est à Paris.', 'fr'); print((time.perf_counter()-t)*1000)"
    )
    root = Path(__file__).resolve().parents[1] / "layers" / "article_core"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    ]
    return min(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus_root", type=Path, help="folder holding ner-fr-dev/")
    parser.add_argument("--errors", type=int, default=0, help="print this many sentences with mistakes")
    args = parser.parse_args(argv)
    sentences = read_conll(args.corpus_root / "ner-fr-dev" / "wikineural-fr-dev.conll")
    print(f"ner-fr-dev: {len(sentences)} sentences")
    load_ms = load_time_ms()
    started = time.perf_counter()
    results = {"ours (rule tagger)": score(sentences, ours)}
    elapsed = time.perf_counter() - started
    results["baseline (capitalised runs, gazetteer LOC else PER)"] = score(sentences, baseline)
    for name, result in results.items():
        print(f"\n{name}")
        print(f"  {'type':5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
        for kind, (p, r, f, n) in result.items():
            label = "P+L+O" if kind == "ALL" else kind
            print(f"  {label:5} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}")
    for label, english in english_sets().items():
        result = score([(text, Counter(gold)) for text, gold in english], lambda t: ours(t, "en"))
        base = score([(text, Counter(gold)) for text, gold in english], baseline)
        p, r, f, n = result["ALL"]
        print(f"\nEnglish {label} ({len(english)} sentences, {n} gold): P {p:.3f} R {r:.3f} F1 {f:.3f}", end="")
        print(f"  (baseline F1 {base['ALL'][2]:.3f})")
        print("  " + "  ".join(f"{kind} F1 {result[kind][2]:.3f} ({result[kind][3]})" for kind in TYPES))
    print(f"\ntagger load (fresh process: import + gazetteers + first call): {load_ms:.0f} ms")
    print(f"tagging speed: {elapsed / len(sentences) * 1000:.2f} ms per sentence")
    if args.errors:
        shown = 0
        for text, gold in sentences:
            predicted = ours(text)
            g = Counter({k: v for k, v in gold.items() if k[1] in TYPES})
            p = Counter({k: v for k, v in predicted.items() if k[1] in TYPES})
            if g != p and shown < args.errors:
                shown += 1
                print(f"\n{text}\n  missed: {sorted((g - p).elements())}\n  wrong:  {sorted((p - g).elements())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
