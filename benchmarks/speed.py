"""Speed, size and cost of the article function, measured in one run on this machine.

    python -m benchmarks.speed [--corpus ../shared/corpus] [--cold-runs 9] [--out out/bench.md]
    python -m benchmarks.speed --cold-only [--compare OTHER_SAM_BUILD_DIR]     (section 1 alone, ~2 min)

1. cold start as Lambda pays it: fresh python3.13 processes on READ-ONLY copies of the `sam build` output
   (benchmarks/speed_build.py), bytecode writing off, import the handler and handle one event against a moto
   server in this process: as built, without bytecode (what a build without .pyc costs), and as built with the
   X-Ray SDK on (template parameter PowertoolsTraceDisabled=false); the variants interleaved run by run;
2. warm latency per stage in this process (dev venv), for the explanation;
3. a python3.13 child on the built artifacts: the reference article warm, every corpus file once (throughput,
   peak RSS), and each corpus HTML page interleaved with trafilatura alone (the HTML ratio);
4. the built layer's unzipped size; 5. cost per million articles (benchmarks/speed_costing.py).

Measuring lives in speed_build / speed_cold / speed_warm / speed_costing; speed_report renders. The machine is
shared: medians, the load average is printed, and CPU time is reported beside wall time.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import sys
import tempfile
import time
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import speed_cold as cold
from benchmarks.speed_build import (
    ROOT,
    WORK,
    Build,
    find_or_build,
    find_python313,
    layer_size,
    read_only_copy,
    runtime_python,
)
from benchmarks.speed_costing import summarise
from benchmarks.speed_report import SpeedResults, render
from benchmarks.speed_warm import in_process_moto, warm
from benchmarks.timing import median, ms
from local.local_stack import running_moto

FIVE_KB = ROOT / "samples" / "rail-strike-en.txt"  # a real-looking 5 KB English wire story
HTML_SAMPLE = ROOT / "samples" / "harbor-bridge-en.html"


def corpus_pages(corpus: Path | None) -> list[tuple[str, bytes]]:
    """(key, HTML bytes) of CORPUS/extraction-dev/html/*.html.gz, decompressed as a page would be uploaded."""
    if corpus is None:
        return []
    folder = corpus / "extraction-dev" / "html"
    pages = sorted(folder.glob("*.gz"))
    return [(f"incoming/{p.name.removesuffix('.gz')}", gzip.decompress(p.read_bytes())) for p in pages]


def corpus_plain(corpus: Path | None) -> list[tuple[str, bytes]]:
    if corpus is None:
        return []
    texts = sorted((corpus / "extraction-dev" / "plain").glob("*.txt"))
    return [(f"incoming/plain/{p.name}", p.read_bytes()) for p in texts]


def interleaved(variants: dict[str, tuple[cold.Runtime, Path]], runs: int) -> dict[str, cold.ColdResult]:
    """`runs` cold starts of each variant, taken in turn (A B C A B C ...) so load from others hits all alike."""
    results = {name: cold.ColdResult(runtime.label) for name, (runtime, _) in variants.items()}
    for _ in range(runs):
        for name, (runtime, event) in variants.items():
            one = cold.cold_starts(runtime, event, 1)
            into = results[name]
            for attr in ("import_ms", "first_event_ms", "import_cpu_ms", "first_event_cpu_ms", "errors"):
                getattr(into, attr).extend(getattr(one, attr))
            into.outcome, into.heavy = one.outcome or into.outcome, one.heavy or into.heavy
    return results


def corpus_files(tmp: Path, pages: list[tuple[str, bytes]], plain: list[tuple[str, bytes]]) -> list[list[str]]:
    files = [["5 KB text", "incoming/five.txt", str(FIVE_KB)]] * 10
    for kind, docs in (("html", pages), ("plain", plain)):
        for key, raw in docs:
            path = tmp / re.sub(r"\W+", "_", key)
            path.write_bytes(raw)
            files.append([kind, key, str(path)])
    return files


def measure_children(args: argparse.Namespace, results: SpeedResults, pages: list[tuple[str, bytes]],
                     plain: list[tuple[str, bytes]]) -> None:  # fmt: skip
    """Sections 1 and 3: the python3.13 children on read-only copies of the build."""
    python313 = find_python313()
    build = find_or_build(python313, rebuild=args.rebuild)
    if python313 is None or build is None:
        results.notes.append("No python3.13 or no build: cold start, throughput and HTML ratio not measured.")
        return
    results.layer_mb, results.layer_parts = layer_size(build)
    results.layer_label = build.label
    python = runtime_python(python313)
    built, bare = read_only_copy(build, "as-built", bytecode=True), read_only_copy(build, "no-bytecode", bytecode=False)
    with running_moto() as endpoint:
        s3, names = cold.provision(endpoint)
        reference, html = cold.put_event(s3, names), cold.put_event(s3, names, HTML_SAMPLE)
        env = cold.child_env(endpoint, names)

        def runtime(b: Build, label: str, environment: dict[str, str]) -> cold.Runtime:
            return cold.Runtime(python, [str(b.function_dir), str(b.layer_python)], environment, label)

        as_built = runtime(built, built.label, env)
        no_pyc = runtime(bare, bare.label, env)
        xray = runtime(built, built.label + ", X-Ray SDK on", cold.xray_env(env, str(built.function_dir)))
        variants = {"as built": (as_built, reference), "without bytecode": (no_pyc, reference),
                    "as built, X-Ray SDK on": (xray, reference)}  # fmt: skip
        html_variants = {"as built": (as_built, html), "without bytecode": (no_pyc, html)}
        if args.compare:  # another build (e.g. main's), interleaved with ours so that load from others hits both
            other = read_only_copy(compared_build(args.compare), "compared", bytecode=True)
            variants[f"compared: {args.compare}"] = (runtime(other, other.label, env), reference)
            html_variants[f"compared: {args.compare}"] = (runtime(other, other.label, env), html)
        results.cold = interleaved(variants, args.cold_runs)
        results.cold_html = interleaved(html_variants, max(3, args.cold_runs // 2))
        profile = cold.cold_starts(as_built, reference, 0, importtime=True)
        results.cold["as built"].packages, results.cold["as built"].modules = profile.packages, profile.modules
        if args.cold_only:
            return
        with tempfile.TemporaryDirectory() as tmp:
            try:
                files = corpus_files(Path(tmp), pages, plain)
                results.corpus = cold.corpus_run(as_built, reference, files, args.runs, args.html_runs)
            except RuntimeError as exc:
                results.notes.append(f"Corpus child failed: {exc}")


def compared_build(folder: Path) -> Build:
    """A `sam build` output folder (ArticleCoreLayer/ and ProcessArticleFunction/ inside) to time beside ours."""
    layer, function = folder / "ArticleCoreLayer", folder / "ProcessArticleFunction"
    if not (layer / "python").is_dir() or not function.is_dir():
        raise SystemExit(f"--compare {folder}: no ArticleCoreLayer/python and ProcessArticleFunction inside")
    return Build(function, layer, f"compared build {folder}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="shared corpus folder (extraction-dev pages)")
    parser.add_argument("--runs", type=int, default=30, help="warm runs of the reference article")
    parser.add_argument("--html-runs", type=int, default=5, help="runs per HTML page (ours vs trafilatura)")
    parser.add_argument("--cold-runs", type=int, default=9, help="fresh processes per cold-start variant")
    parser.add_argument("--rebuild", action="store_true", help="run sam build even if a fresh build exists")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench.md", help="markdown report")
    parser.add_argument("--cold-only", action="store_true", help="cold starts only (section 1), no corpus or cost")
    parser.add_argument("--compare", type=Path, help="another sam build folder, its cold starts interleaved with ours")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    WORK.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus if args.corpus and (args.corpus / "extraction-dev").is_dir() else None
    if args.corpus and corpus is None:
        print(f"warning: {args.corpus}/extraction-dev not found; corpus measurements skipped", file=sys.stderr)
    pages, plain = corpus_pages(corpus), corpus_plain(corpus)
    load_before = os.getloadavg()[0]
    command = "python -m benchmarks.speed" + (f" --corpus {args.corpus}" if corpus else "")
    command += (" --cold-only" if args.cold_only else "") + (f" --compare {args.compare}" if args.compare else "")
    results = SpeedResults(header=f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {_machine()} · `{command}`", load="")

    measure_children(args, results, pages, plain)
    if args.cold_only:
        results.notes.append("--cold-only: warm, corpus, HTML ratio and cost not measured in this run.")
        return _write(args, results, started, load_before)

    reference, five_kb = (ROOT / "samples" / "figaro-afp-rubio-lavrov.txt").read_bytes(), FIVE_KB.read_bytes()
    with in_process_moto() as repository:
        results.warm = [
            warm("reference article (3.5 KB, fr)", [("incoming/reference.txt", reference)], args.runs, repository),
            warm(f"5 KB English text ({len(five_kb)} B)", [("incoming/five.txt", five_kb)], args.runs, repository),
        ]
        if pages:
            results.warm.append(warm(f"corpus HTML ({len(pages)} pages)", pages, 1, repository))

    from article_core.models import ObjectRef
    from article_core.pipeline import process
    from article_core.storage import to_item

    ref = ObjectRef(bucket="articles-input", key="incoming/five.txt", size=len(five_kb), sequencer="0067F1A2B3C4D5E600")
    item = to_item(process(five_kb, ref))
    # CPU times: the cost model wants the work on one full core, which wall time on a loaded machine overstates.
    five_kb_times = results.corpus.get("times", {}).get("5 KB text")
    warm_ms = ms(median([cpu for _, cpu in five_kb_times])) if five_kb_times else 0.0
    built = results.cold.get("as built")
    init_ms = median(built.import_cpu_ms) if built and built.import_cpu_ms else 0.0
    results.costs = summarise(item, warm_ms, init_ms, five_kb.decode())
    return _write(args, results, started, load_before)


def _write(args: argparse.Namespace, results: SpeedResults, started: float, load_before: float) -> int:
    results.load = f"load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, 2 cores"
    results.seconds = time.perf_counter() - started
    text = render(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(f"(written to {args.out})", file=sys.stderr)
    return 0


def _machine() -> str:
    model = ""
    with suppress(OSError):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        model = next((line.split(":", 1)[1].strip() for line in lines if "model name" in line), "")
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores {model}".strip()


if __name__ == "__main__":
    sys.exit(main())
