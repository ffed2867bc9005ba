"""Warm CPU cost of two builds of the layer, measured in turn (before, after, before, after, ...).

    python -m benchmarks.speed_interleaved BEFORE AFTER [--rounds 4] [--runs 30] [--html-runs 3] [--corpus DIR]
    (make bench-interleaved BEFORE=... AFTER=...)

BEFORE and AFTER are layer `python/` folders (copies of .aws-sam/build/ArticleCoreLayer/python from two commits).
Each round runs one fresh python3.13 child per build (`-B`, PYTHONDONTWRITEBYTECODE=1, the folder first on
sys.path), which warms up, then reports CPU-time medians: the reference article end to end (`process` +
`to_item`), the 5 KB English sample end to end and through `analyze()` alone, and, with a corpus, the HTML
ratio (ours end to end / trafilatura.extract, each page's runs interleaved). On a machine shared with other
jobs the absolute values move with the load; the rounds interleave the builds so that the load hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.speed_build import ROOT, find_python313

# argv: corpus folder or "" ; runs ; html runs. Prints one "RESULT {...}" line (milliseconds of CPU).
CHILD = r"""
import gzip, json, statistics, sys, time
from pathlib import Path
from article_core.analyze import analyze
from article_core.models import Document, ObjectRef
from article_core.pipeline import process
from article_core.storage import to_item

corpus, runs, html_runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
samples = Path(sys.argv[4])
reference = (samples / "figaro-afp-rubio-lavrov.txt").read_bytes()
five = (samples / "rail-strike-en.txt").read_bytes()

def ours(raw, key):
    return to_item(process(raw, ObjectRef(bucket="bench", key=key, size=len(raw))))

def cpu_ms(fn, *args):
    c0 = time.process_time()
    fn(*args)
    return (time.process_time() - c0) * 1e3

for _ in range(3):
    ours(reference, "incoming/reference.txt"), ours(five, "incoming/five.txt")
paragraphs = five.decode().split("\n\n")
out = {
    "reference": statistics.median(cpu_ms(ours, reference, "incoming/reference.txt") for _ in range(runs)),
    "5 KB": statistics.median(cpu_ms(ours, five, "incoming/five.txt") for _ in range(runs)),
    "5 KB analyze()": statistics.median(cpu_ms(analyze, paragraphs, Document()) for _ in range(runs)),
}
if corpus:
    import trafilatura

    theirs, mine = [], []
    for page in sorted(Path(corpus, "extraction-dev", "html").glob("*.gz")):
        raw = gzip.decompress(page.read_bytes())
        html, key = raw.decode("utf-8", "replace"), "incoming/" + page.name.removesuffix(".gz")
        ours(raw, key)
        a = [cpu_ms(lambda h: trafilatura.extract(h, include_comments=False), html) for _ in range(html_runs)]
        b = [cpu_ms(ours, raw, key) for _ in range(html_runs)]
        theirs.append(statistics.median(a))
        mine.append(statistics.median(b))
    out["HTML ratio"] = sum(mine) / sum(theirs)
print("RESULT " + json.dumps(out))
"""


def run_child(python: str, layer: Path, corpus: Path | None, runs: int, html_runs: int) -> dict[str, float]:
    env = {
        **os.environ,
        "PYTHONPATH": str(layer),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYDANTIC_DISABLE_PLUGINS": "__all__",
    }
    command = [
        python,
        "-B",
        "-P",
        "-s",
        "-c",
        CHILD,
        str(corpus or ""),
        str(runs),
        str(html_runs),
        str(ROOT / "samples"),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            result: dict[str, float] = json.loads(line.removeprefix("RESULT "))
            return result
    raise RuntimeError((done.stderr.strip().splitlines() or ["no output"])[-1])


def summary(rounds: dict[str, list[dict[str, float]]]) -> list[str]:
    """A markdown table: each measure's median over the rounds, per build, and after / before."""
    before, after = rounds["before"], rounds["after"]
    lines = ["| measure (CPU medians) | before | after | after / before |", "|---|---|---|---|"]
    for name in before[0] if before else []:
        b = statistics.median(r[name] for r in before)
        a = statistics.median(r[name] for r in after)
        unit = "×" if "ratio" in name else " ms"
        lines.append(f"| {name} | {b:.2f}{unit} | {a:.2f}{unit} | {a / b:.2f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path, help="layer python/ folder of the first build")
    parser.add_argument("after", type=Path, help="layer python/ folder of the second build")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--html-runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="shared corpus (extraction-dev pages for the HTML ratio)")
    args = parser.parse_args(argv)
    python = find_python313()
    if python is None:
        print("python3.13 is needed", file=sys.stderr)
        return 1
    corpus = args.corpus if args.corpus and (args.corpus / "extraction-dev").is_dir() else None
    rounds: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    for n in range(args.rounds):
        for name, layer in (("before", args.before), ("after", args.after)):
            rounds[name].append(run_child(python, layer, corpus, args.runs, args.html_runs))
            print(f"round {n + 1} {name}: {json.dumps(rounds[name][-1])}", file=sys.stderr)
    load = os.getloadavg()[0]
    print("\n".join([*summary(rounds), "", f"{args.rounds} rounds; load average {load:.1f} at the end, 2 cores"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
