"""Speed, size and cost of the article function, measured in one run on this machine.

    python -m benchmarks.speed [--corpus ../shared/corpus] [--runs 30] [--cold-runs 7] [--out out/bench.md]

1. cold start: fresh python3.13 processes import the BUILT handler (`sam build` output, run here into
   out/bench/build when .aws-sam/build is missing or stale) and handle the reference event against a moto
   server running in THIS process, so neither moto nor its imports are timed in the child;
2. warm latency per stage (decode, clean, analyze, record, serialize, store on in-process moto) for the
   reference article, a 5 KB English wire story (samples/rail-strike-en.txt) and the corpus HTML pages, median and p95;
3. throughput and peak RSS of a python3.13 child that runs the built handler once, then the whole corpus;
4. the built layer's unzipped size; 5. cost per million articles (benchmarks/cost.py); 6. trafilatura alone
   on the same HTML pages.

Prints a table with each target and PASS/MISS, and writes the same as markdown (default out/bench.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import cost
from local.python313 import find_python313 as find_python313_path
from local.python313 import pinned

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "samples" / "figaro-afp-rubio-lavrov.txt"
# A real-looking 5 KB English wire story (varied prose: compresses like real articles do).
FIVE_KB = ROOT / "samples" / "rail-strike-en.txt"
HTML_SAMPLE = ROOT / "samples" / "harbor-bridge-en.html"
REFERENCE_EVENT = ROOT / "events" / "s3-put-reference.json"
WORK = ROOT / "out" / "bench"
BENCH_VENV = WORK / "py313"
PACKAGING_VENV = ROOT / ".venv" / "py313-test"  # made by tests/packaging; reused when present
MB = 1024 * 1024

# Assumptions of the cost model (stated in the output). Waiting on S3 GET (~20 ms), the by-sha256 query (~5 ms)
# and the conditional put (~8 ms) from inside Lambda in the same region: billed, but not CPU.
IO_WAIT_MS = 33.0
SDK_CPU_MS = 3.0  # botocore signing and parsing of those three calls, on one full core
COLD_START_SHARE = 0.01  # AWS: INITs occur in under 1% of invocations for typical production workloads

TARGETS = {
    "import": 400.0,
    "first_event": 700.0,
    "reference_ms": 15.0,
    "html_ratio": 2.0,
    "rss_mb": 200.0,
    "layer_mb": 120.0,
    "cost": 8.0,
}


# --- measurement helpers ------------------------------------------------------------------------------------
def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ms(seconds: float) -> float:
    return seconds * 1000.0


def corpus_pages(corpus: Path | None) -> list[tuple[str, bytes]]:
    """(key, HTML bytes) of CORPUS/extraction-dev/html/*.html.gz, decompressed as a page would be uploaded."""
    if corpus is None:
        return []
    folder = corpus / "extraction-dev" / "html"
    return [
        (f"incoming/{p.name.removesuffix('.gz')}", gzip.decompress(p.read_bytes())) for p in sorted(folder.glob("*.gz"))
    ]


def corpus_plain(corpus: Path | None) -> list[tuple[str, bytes]]:
    if corpus is None:
        return []
    return [
        (f"incoming/plain/{p.name}", p.read_bytes())
        for p in sorted((corpus / "extraction-dev" / "plain").glob("*.txt"))
    ]


# --- the python3.13 side: interpreter, clean venv, built artifacts ------------------------------------------
def find_python313() -> str | None:
    found = find_python313_path()
    return str(found) if found else None


def runtime_python(python313: str) -> str:
    """A python3.13 holding boto3 and nothing of ours, as the Lambda runtime does."""
    for venv in (PACKAGING_VENV, BENCH_VENV):
        python = venv / "bin" / "python"
        if (
            python.exists()
            and subprocess.run([python, "-c", "import boto3"], capture_output=True, check=False).returncode == 0
        ):
            return str(python)
    print(f"creating {BENCH_VENV} (python3.13 + boto3) ...", file=sys.stderr)
    subprocess.run([python313, "-m", "venv", str(BENCH_VENV)], check=True, timeout=300)
    python = BENCH_VENV / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", pinned("boto3")], check=True, timeout=900)
    return str(python)


@dataclass
class Build:
    function_dir: Path
    layer_root: Path  # the layer folder (holds python/)
    label: str

    @property
    def layer_python(self) -> Path:
        return self.layer_root / "python"


def _newest_source() -> float:
    sources = [*ROOT.glob("layers/article_core/**/*"), *ROOT.glob("functions/**/*"), ROOT / "template.yaml"]
    return max((p.stat().st_mtime for p in sources if p.is_file() and "__pycache__" not in p.parts), default=0.0)


def find_or_build(python313: str | None, *, rebuild: bool) -> Build | None:
    """.aws-sam/build when it is newer than the sources; else `sam build` into out/bench/build (ours alone)."""
    for base, label in ((ROOT / ".aws-sam" / "build", ".aws-sam/build"), (WORK / "build", "out/bench/build")):
        layer, function = base / "ArticleCoreLayer", base / "ProcessArticleFunction"
        if not rebuild and layer.is_dir() and function.is_dir() and layer.stat().st_mtime >= _newest_source():
            return Build(function, layer, f"sam build ({label})")
    if python313 is None:
        return None
    sam = Path(sys.executable).parent / "sam"
    env = {**os.environ, "SAM_CLI_TELEMETRY": "0", "PATH": f"{Path(python313).parent}{os.pathsep}{os.environ['PATH']}"}
    print("running sam build into out/bench/build ...", file=sys.stderr)
    done = subprocess.run(
        [
            str(sam) if sam.exists() else "sam",
            "build",
            "--template-file",
            str(ROOT / "template.yaml"),
            "--build-dir",
            str(WORK / "build"),
            "--cache-dir",
            str(WORK / "cache"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        print(f"sam build failed; falling back to the source tree:\n{done.stderr[-2000:]}", file=sys.stderr)
        return None
    return Build(WORK / "build" / "ProcessArticleFunction", WORK / "build" / "ArticleCoreLayer", "sam build (fresh)")


# --- child processes -----------------------------------------------------------------------------------------
# Both children: put the build first on sys.path, read the event, and have a Lambda context stand-in.
_CHILD_PRELUDE = r"""
import json, sys
sys.path[:0] = json.loads(sys.argv[1])
event = json.loads(open(sys.argv[2]).read())

class Context:
    function_name = "ProcessArticleFunction"; function_version = "$LATEST"; memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:ProcessArticleFunction"
    aws_request_id = "00000000-0000-4000-8000-000000000000"; log_group_name = log_stream_name = "bench"
    @staticmethod
    def get_remaining_time_in_millis(): return 60_000
"""
# argv: json list of sys.path entries to put first, event file. Prints one "RESULT {...}" line.
COLD_CHILD = (
    _CHILD_PRELUDE
    + r"""
import time

t0 = time.perf_counter()
import app
t1 = time.perf_counter()
result = app.lambda_handler(event, Context())
t2 = time.perf_counter()
print("RESULT " + json.dumps({"import_ms": (t1 - t0) * 1e3, "first_event_ms": (t2 - t0) * 1e3, "result": result,
                              "app": app.__file__, "heavy": sorted(m for m in ("lxml", "trafilatura", "aws_xray_sdk",
                              "botocore", "boto3", "pydantic") if m in sys.modules)}))
"""
)

# argv: json sys.path list, event file, json file of [[kind, key, path], ...]. Handles the event once (boto3 and
# all loaded, as in a warm Lambda), then runs the pipeline + serialization over every file.
CORPUS_CHILD = (
    _CHILD_PRELUDE
    + r"""
import resource, time
files = json.loads(open(sys.argv[3]).read())

import app
from article_core.models import ObjectRef
from article_core.pipeline import process
from article_core.storage import to_item
app.lambda_handler(event, Context())
times, statuses = {}, {}
for kind, key, path in files:
    raw = open(path, "rb").read()
    ref = ObjectRef(bucket="bench", key=key, size=len(raw))
    t0 = time.perf_counter()
    record = process(raw, ref)
    to_item(record)
    times.setdefault(kind, []).append(time.perf_counter() - t0)
    statuses[record.status] = statuses.get(record.status, 0) + 1
print("RESULT " + json.dumps({"times": times, "statuses": statuses,
                              "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""
)


def _result(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            loaded: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
            return loaded
    tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
    raise RuntimeError(tail[0])


@dataclass
class Runtime:
    python: str
    paths: list[str]
    env: dict[str, str]
    label: str

    def run(self, script: str, *args: str, flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.python, "-I", *flags, "-c", script, json.dumps(self.paths), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            cwd=WORK,
        )


@contextmanager
def moto_server() -> Iterator[str]:
    from local.run import start_moto

    server, endpoint = start_moto()
    try:
        yield endpoint
    finally:
        server.stop()


def _child_env(endpoint: str, names: Any) -> dict[str, str]:
    from local.template_resources import function_environment

    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(WORK)),
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": endpoint,
        "PYTHONDONTWRITEBYTECODE": "1",  # /opt and /var/task are read-only in Lambda: no .pyc written there
        **function_environment(names),
    }


def _provision(endpoint: str) -> tuple[Any, Any]:
    import boto3

    from local.template_resources import provision

    session = boto3.Session(aws_access_key_id="bench", aws_secret_access_key="bench", region_name="us-east-1")  # noqa: S106 (moto)
    s3 = session.client("s3", endpoint_url=endpoint)
    names = provision(
        s3, session.client("dynamodb", endpoint_url=endpoint), session.client("sqs", endpoint_url=endpoint)
    )
    return s3, names


def _put_event(s3: Any, names: Any, sample: Path = REFERENCE) -> Path:
    """The reference event for `sample`, describing the object as moto stored it (size, ETag, version)."""
    event = json.loads(REFERENCE_EVENT.read_text())
    record = event["Records"][0]
    record["s3"]["bucket"]["name"] = names.input_bucket
    key = record["s3"]["object"]["key"] = f"{names.trigger_prefix}{sample.name}"
    body = sample.read_bytes()
    put = s3.put_object(Bucket=names.input_bucket, Key=key, Body=body)
    record["s3"]["object"].update(size=len(body), eTag=put["ETag"].strip('"'))
    if put.get("VersionId"):
        record["s3"]["object"]["versionId"] = put["VersionId"]
    path = WORK / f"event-{sample.stem}.json"
    path.write_text(json.dumps(event))
    return path


def _xray_extra(python: str) -> Path | None:
    """aws-xray-sdk (+ wrapt) for python3.13, for when the layer lacks what the Tracer imports."""
    target = WORK / "xray-extra"
    if not (target / "aws_xray_sdk").is_dir():
        done = subprocess.run(
            [
                python,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--target",
                str(target),
                "aws-xray-sdk==2.15.0",
                "wrapt",
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if done.returncode != 0:
            return None
    return target


@dataclass
class ColdResult:
    label: str
    import_ms: list[float] = field(default_factory=list)
    first_event_ms: list[float] = field(default_factory=list)
    outcome: str = ""
    heavy: list[str] = field(default_factory=list)
    packages: list[tuple[str, float]] = field(default_factory=list)
    modules: list[tuple[str, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def parse_importtime(stderr: str) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """(top-level package, summed self ms) and (module, self ms), the ten largest of each."""
    packages: dict[str, float] = defaultdict(float)
    modules: list[tuple[str, float]] = []
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            self_ms, name = int(match.group(1)) / 1000, match.group(4)
            packages[name.split(".")[0]] += self_ms
            modules.append((name, self_ms))
    top = sorted(packages.items(), key=lambda kv: -kv[1])[:10]
    return top, sorted(modules, key=lambda kv: -kv[1])[:10]


def cold_starts(runtime: Runtime, event: Path, runs: int) -> ColdResult:
    result = ColdResult(runtime.label)
    template = json.loads(event.read_text())
    for n in range(runs):
        # A newer sequencer each time, so every run stores its record (an equal one would be refused as stale).
        template["Records"][0]["s3"]["object"]["sequencer"] = f"{int(time.time() * 1e6):X}{n:04X}"
        event.write_text(json.dumps(template))
        done = runtime.run(COLD_CHILD, str(event))
        try:
            data = _result(done)
        except RuntimeError as exc:
            result.errors.append(str(exc))
            return result
        result.import_ms.append(data["import_ms"])
        result.first_event_ms.append(data["first_event_ms"])
        result.outcome = ", ".join(f"{k} {v}" for k, v in data["result"].items() if v)
        result.heavy = data["heavy"]
    done = runtime.run(
        "import json, sys; sys.path[:0] = json.loads(sys.argv[1]); import app", flags=("-X", "importtime")
    )
    result.packages, result.modules = parse_importtime(done.stderr)
    return result


# --- warm, in this process -----------------------------------------------------------------------------------
@contextmanager
def stage_timer(timings: dict[str, float]) -> Iterator[None]:
    """Wraps the pipeline's own decode/clean/analyze calls, so stages are timed inside the real `process`."""
    from article_core import pipeline

    originals = {name: getattr(pipeline, name) for name in ("decode", "clean", "analyze") if hasattr(pipeline, name)}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                timings[name] = timings.get(name, 0.0) + ms(time.perf_counter() - t0)

        return wrapper

    for name, fn in originals.items():
        setattr(pipeline, name, timed(name, fn))
    try:
        yield
    finally:
        for name, fn in originals.items():
            setattr(pipeline, name, fn)


STAGES = ("decode", "clean", "analyze", "record", "serialize", "store", "end_to_end")


@dataclass
class Warm:
    label: str
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    item_bytes: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)


def warm(label: str, docs: list[tuple[str, bytes]], runs: int, repository: Any) -> Warm:
    """Median/p95 per stage; end_to_end = process() + to_item() (the CPU work; the store is moto's speed)."""
    from article_core.models import ObjectRef
    from article_core.pipeline import process
    from article_core.storage import to_item

    out = Warm(label)
    event_time = datetime(2025, 5, 29, 10, 5, tzinfo=UTC)
    for n, (key, raw) in enumerate(docs):
        out.sizes.append(len(raw))
        for i in range(runs + (1 if n == 0 else 0)):  # one untimed warm-up on the first document
            ref = ObjectRef(
                bucket="bench", key=f"{key}#{i}", size=len(raw), sequencer=f"{n:08X}{i:08X}", event_time=event_time
            )
            timings: dict[str, float] = {}
            with stage_timer(timings):
                t0 = time.perf_counter()
                record = process(raw, ref)
                t1 = time.perf_counter()
            item = to_item(record)
            t2 = time.perf_counter()
            repository.save(record)
            t3 = time.perf_counter()
            if n == 0 and i == 0:
                continue
            for stage in ("decode", "clean", "analyze"):
                if stage in timings:
                    out.samples[stage].append(timings[stage])
            out.samples["record"].append(max(0.0, ms(t1 - t0) - sum(timings.values())))
            out.samples["serialize"].append(ms(t2 - t1))
            out.samples["store"].append(ms(t3 - t2))
            out.samples["end_to_end"].append(ms(t2 - t0))
            out.statuses[record.status] += 1
            out.item_bytes.append(cost.item_size(item))
    return out


def paired_html_times(pages: list[tuple[str, bytes]], runs: int) -> tuple[list[float], list[float]] | None:
    """Per page, median ms of trafilatura.extract and of our process() + to_item(), interleaved run by run so
    that load from other processes on the machine hits both sides alike."""
    try:
        import trafilatura
    except ImportError:
        return None
    from article_core.models import ObjectRef
    from article_core.pipeline import process
    from article_core.storage import to_item

    theirs, ours = [], []
    trafilatura.extract(pages[0][1].decode("utf-8", "replace"), include_comments=False)  # warm-up
    for key, raw in pages:
        html = raw.decode("utf-8", "replace")
        ref = ObjectRef(bucket="bench", key=key, size=len(raw))
        a, b = [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            trafilatura.extract(html, include_comments=False)
            t1 = time.perf_counter()
            to_item(process(raw, ref))
            t2 = time.perf_counter()
            a.append(ms(t1 - t0))
            b.append(ms(t2 - t1))
        theirs.append(median(a))
        ours.append(median(b))
    return theirs, ours


@contextmanager
def in_process_moto() -> Iterator[Any]:
    """A Repository on in-process moto, resources built from template.yaml."""
    os.environ.pop("AWS_ENDPOINT_URL", None)
    os.environ.update(
        {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1"}
    )
    import boto3
    from moto import mock_aws

    from article_core.settings import Settings
    from article_core.storage import Repository
    from local.template_resources import ResourceNames, provision

    with mock_aws():
        names = provision(boto3.client("s3"), boto3.client("dynamodb"), boto3.client("sqs"), names=ResourceNames())
        yield Repository(Settings(table_name=names.table, artifacts_bucket=names.artifacts_bucket))


# --- report --------------------------------------------------------------------------------------------------
def verdict(value: float | None, target: float) -> str:
    if value is None or value != value:  # NaN
        return "n/a"
    return "PASS" if value <= target else "MISS"


def fmt(value: float | None, unit: str = "", digits: int = 1) -> str:
    if value is None or value != value:
        return "n/a"
    return f"{value:,.{digits}f}{unit}"


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"] + [
        "| " + " | ".join(row) + " |" for row in rows
    ]


def layer_size(build: Build | None) -> tuple[float | None, list[tuple[str, float]]]:
    if build is None:
        return None, []
    total = sum(p.stat().st_size for p in build.layer_root.rglob("*") if p.is_file())
    parts: dict[str, int] = defaultdict(int)
    for p in build.layer_python.rglob("*"):
        if p.is_file():
            parts[p.relative_to(build.layer_python).parts[0].split("-")[0]] += p.stat().st_size
    top = sorted(((name, size / MB) for name, size in parts.items()), key=lambda kv: -kv[1])[:5]
    return total / MB, top


def memory_default() -> int:
    from local.template_resources import load_template

    template = load_template()
    declared = template["Resources"]["ProcessArticleFunction"]["Properties"].get("MemorySize")
    declared = declared or template.get("Globals", {}).get("Function", {}).get("MemorySize", 128)
    if isinstance(declared, dict) and "Ref" in declared:
        return int(template["Parameters"][declared["Ref"]]["Default"])
    return int(declared)


def gsi_sizes(item: dict[str, Any]) -> dict[str, int]:
    from local.template_resources import load_template

    props = load_template()["Resources"]["ArticlesTable"]["Properties"]
    table_keys = [k["AttributeName"] for k in props["KeySchema"]]
    return cost.index_entry_sizes(item, table_keys, props.get("GlobalSecondaryIndexes", []))


def item_breakdown(item: dict[str, Any], top: int = 6) -> list[tuple[str, int]]:
    """The largest attributes of an item (one level into maps), DynamoDB-sized: where the write units go."""
    parts: list[tuple[str, int]] = []
    for name, value in item.items():
        if isinstance(value, dict):
            parts += [(f"{name}.{k}", len(k) + cost.attribute_size(v)) for k, v in value.items()]
        else:
            parts.append((name, len(name) + cost.attribute_size(value)))
    return sorted(parts, key=lambda kv: -kv[1])[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="shared corpus root (holds extraction-dev/)")
    parser.add_argument("--runs", type=int, default=30, help="warm repetitions per small article (default 30)")
    parser.add_argument("--cold-runs", type=int, default=7, help="fresh processes for the cold start (default 7)")
    parser.add_argument("--html-runs", type=int, default=3, help="repetitions per corpus HTML page (default 3)")
    parser.add_argument("--rebuild", action="store_true", help="run sam build even if a fresh build exists")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench.md", help="markdown report")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    WORK.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus if args.corpus and (args.corpus / "extraction-dev").is_dir() else None
    if args.corpus and corpus is None:
        print(f"warning: {args.corpus}/extraction-dev not found; corpus measurements skipped", file=sys.stderr)

    reference = REFERENCE.read_bytes()
    five_kb = FIVE_KB.read_bytes()
    pages = corpus_pages(corpus)
    plain = corpus_plain(corpus)

    # 1 + 3: python3.13 children on the built artifacts, against a moto server in this process.
    python313 = find_python313()
    build = find_or_build(python313, rebuild=args.rebuild)
    notes: list[str] = []
    cold: ColdResult | None = None
    cold_html: ColdResult | None = None
    corpus_run: dict[str, Any] = {}
    with moto_server() as endpoint:
        s3, names = _provision(endpoint)
        event = _put_event(s3, names)
        env = _child_env(endpoint, names)
        if python313 and build:
            runtime = Runtime(
                runtime_python(python313),
                [str(build.function_dir), str(build.layer_python)],
                env,
                f"python3.13, {build.label}",
            )
        else:
            runtime = Runtime(
                sys.executable,
                [str(ROOT / "functions" / "process_article"), str(ROOT / "layers" / "article_core")],
                env,
                "FALLBACK: dev venv, source tree",
            )
            notes.append("No python3.13 or no build: cold start measured on the dev venv and the source tree.")
        cold = cold_starts(runtime, event, args.cold_runs)
        if cold.errors and "aws_xray_sdk" in cold.errors[0]:
            notes.append(
                f"The built handler does not import: `{cold.errors[0]}`. Powertools' Tracer() imports aws_xray_sdk "
                "even when tracing is disabled, and the layer does not ship it. Cold start below measured with "
                "aws-xray-sdk + wrapt added beside the layer (what the fix would ship)."
            )
            extra = _xray_extra(runtime.python)
            if extra:
                runtime.paths.append(str(extra))
                runtime.label += " + aws-xray-sdk"
                cold = cold_starts(runtime, event, args.cold_runs)
        cold_html = cold_starts(runtime, _put_event(s3, names, HTML_SAMPLE), max(1, args.cold_runs // 2))
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "five.txt").write_bytes(five_kb)
            files = [["reference", "incoming/reference.txt", str(REFERENCE)]] * 10
            files += [["5 KB text", "incoming/five.txt", str(Path(tmp) / "five.txt")]] * 10
            for kind, docs in (("html", pages), ("plain", plain)):
                for key, raw in docs:
                    path = Path(tmp) / re.sub(r"\W+", "_", key)
                    path.write_bytes(raw)
                    files.append([kind, key, str(path)])
            listing = Path(tmp) / "files.json"
            listing.write_text(json.dumps(files))
            try:
                corpus_run = _result(runtime.run(CORPUS_CHILD, str(event), str(listing)))
            except RuntimeError as exc:
                notes.append(f"Corpus child failed: {exc}")

    # 2 + 6: warm stages in this process (dev venv), store on in-process moto; trafilatura on the same pages.
    with in_process_moto() as repository:
        warm_ref = warm(
            "reference article (3.5 KB, fr)", [("incoming/reference.txt", reference)], args.runs, repository
        )
        warm_5kb = warm(
            f"5 KB English text ({len(five_kb)} B)", [("incoming/five.txt", five_kb)], args.runs, repository
        )
        warm_html = warm(f"corpus HTML ({len(pages)} pages)", pages, args.html_runs, repository) if pages else None
    paired = paired_html_times(pages, args.html_runs) if pages else None
    traf, html_ours = paired if paired else (None, [])

    # 4: layer size. 5: cost.
    layer_mb, layer_parts = layer_size(build)
    memory = memory_default()
    from article_core.models import ObjectRef
    from article_core.pipeline import process
    from article_core.storage import to_item

    record = process(
        five_kb,
        ObjectRef(
            bucket=names.input_bucket, key="incoming/five.txt", size=len(five_kb), sequencer="0067F1A2B3C4D5E600"
        ),
    )
    item = to_item(record)
    item_bytes = cost.item_size(item)
    gsis = gsi_sizes(item)
    compute = median(warm_5kb.samples["end_to_end"]) + SDK_CPU_MS
    init_ms = median(cold.import_ms) if cold and cold.import_ms else 0.0

    def workload(mem: int) -> cost.Workload:
        return cost.Workload(
            mem,
            compute,
            IO_WAIT_MS,
            item_bytes,
            tuple(gsis.values()),
            cold_start_share=COLD_START_SHARE,
            init_ms=init_ms,
        )

    breakdown = cost.cost_per_million(workload(memory))
    comprehend = cost.comprehend_cost(len(five_kb.decode())) * cost.MILLION

    # --- the report ---------------------------------------------------------------------------------------
    ratio = sum(html_ours) / sum(traf) if traf and html_ours else None
    rss_mb = corpus_run.get("maxrss_kb", 0) / 1024 or None
    cold_import = median(cold.import_ms) if cold and cold.import_ms else None
    cold_first = median(cold.first_event_ms) if cold and cold.first_event_ms else None
    ref_e2e = median(warm_ref.samples["end_to_end"])
    summary = [
        ["handler import, cold (median)", fmt(cold_import, " ms", 0), "≤ 400 ms", verdict(cold_import, 400)],
        ["import + first event, cold", fmt(cold_first, " ms", 0), "≤ 700 ms", verdict(cold_first, 700)],
        ["reference article, warm end to end", fmt(ref_e2e, " ms"), "≤ 15 ms", verdict(ref_e2e, 15)],
        ["HTML pages: ours / trafilatura", fmt(ratio, "×", 2), "≤ 2×", verdict(ratio, 2)],
        ["peak RSS over the corpus", fmt(rss_mb, " MB"), "≤ 200 MB", verdict(rss_mb, 200)],
        ["layer unzipped", fmt(layer_mb, " MB"), "≤ 120 MB (limit 250)", verdict(layer_mb, 120)],
        [
            f"cost per 1M 5 KB articles @ {memory} MB",
            fmt(breakdown.total, "", 2).join(("$", "")),
            "≤ $8",
            verdict(breakdown.total, 8),
        ],
    ]
    md: list[str] = [
        "# Speed, size and cost",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {_machine()} · `python -m benchmarks.speed"
        + (f" --corpus {args.corpus}" if corpus else "")
        + "`",
        "",
        *table(["measure", "value", "target", ""], summary),
        "",
    ]
    if notes:
        md += ["**Notes**", "", *[f"- {n}" for n in notes], ""]
    if cold:
        md += [f"## 1. Cold start ({cold.label}, {len(cold.import_ms)} fresh processes)", ""]
        if cold.errors:
            md += [f"Failed: `{cold.errors[0]}`", ""]
        md += table(
            ["", "median", "p95", "runs"],
            [
                [
                    "import app",
                    fmt(cold_import, " ms", 0),
                    fmt(p95(cold.import_ms), " ms", 0),
                    str(len(cold.import_ms)),
                ],
                [
                    "import + first event (S3 GET, pipeline, query, put on moto server)",
                    fmt(cold_first, " ms", 0),
                    fmt(p95(cold.first_event_ms), " ms", 0),
                    str(len(cold.first_event_ms)),
                ],
                *(
                    [
                        [
                            "import + first event, HTML sample (loads the HTML tooling)",
                            fmt(median(cold_html.first_event_ms), " ms", 0),
                            fmt(p95(cold_html.first_event_ms), " ms", 0),
                            str(len(cold_html.first_event_ms)),
                        ]
                    ]
                    if cold_html and cold_html.first_event_ms
                    else []
                ),
            ],
        )
        md += [
            "",
            f"First event outcome: {cold.outcome or 'n/a'}; heavy modules loaded: {', '.join(cold.heavy) or 'none'}"
            + (f" (HTML: {', '.join(cold_html.heavy)})" if cold_html else "")
            + ".",
            "",
            "Most expensive imports (`-X importtime`, self time):",
            "",
        ]
        rows = [
            [p, fmt(t, " ms"), m, fmt(u, " ms")] for (p, t), (m, u) in zip(cold.packages, cold.modules, strict=False)
        ]
        md += [*table(["package (summed)", "", "module", ""], rows), ""]
    md += ["## 2. Warm latency per stage (dev venv, python " + platform.python_version() + ", source tree)", ""]
    rows = []
    for w in (warm_ref, warm_5kb, warm_html):
        if w is None:
            continue
        for stage in STAGES:
            values = w.samples.get(stage, [])
            if values:
                rows.append(
                    [
                        w.label if stage == "decode" else "",
                        stage,
                        fmt(median(values), " ms", 2),
                        fmt(p95(values), " ms", 2),
                    ]
                )
        rows.append(["", "statuses", ", ".join(f"{k} {v}" for k, v in w.statuses.items()), ""])
    md += table(["input", "stage", "median", "p95"], rows)
    md += [
        "",
        "`record` = building the pydantic record inside `process`; `end_to_end` = `process()` + `to_item()`; "
        "`store` = `Repository.save` (duplicate query + conditional put) on in-process moto, not DynamoDB.",
        "",
    ]
    md += ["## 3. Throughput and memory (python3.13 child: built handler once, then every file)", ""]
    rows = []
    for kind, times in corpus_run.get("times", {}).items():
        rows.append(
            [
                kind,
                str(len(times)),
                fmt(len(times) / sum(times) if sum(times) else None, "/s"),
                fmt(ms(median(times)), " ms", 2),
                fmt(ms(p95(times)), " ms", 2),
            ]
        )
    md += table(["input", "files", "articles/s (one core)", "median", "p95"], rows)
    md += ["", f"Peak RSS (ru_maxrss of the child): {fmt(rss_mb, ' MB')}; statuses: {corpus_run.get('statuses')}.", ""]
    md += ["## 4. Layer", ""]
    md += [
        f"{fmt(layer_mb, ' MB')} unzipped ({build.label if build else 'no build'}); Lambda limit 250 MB for function "
        "+ layers; target 120 MB. Largest parts: " + ", ".join(f"{n} {s:.1f} MB" for n, s in layer_parts),
        "",
    ]
    md += [f"## 5. Cost per million 5 KB articles at {memory} MB (template default)", ""]
    md += table(
        ["item", "$ / 1M", "formula"],
        [[ln.name, f"{ln.dollars_per_million:.2f}", ln.formula] for ln in breakdown.lines],
    )
    md += [
        "",
        f"**Total ${breakdown.total:.2f}** per million. Item: {item_bytes} B DynamoDB-sized "
        f"(`to_item` of the 5 KB record, {len(json.dumps(item, default=str))} B as JSON); index entries: "
        + ", ".join(f"{k} {v} B" for k, v in gsis.items())
        + ".",
        "",
    ]
    keys_only = {
        name: (
            cost.index_entry_size(item, projected=["article_id", "language", "processed_at"])
            if name == "by-language"
            else size
        )
        for name, size in gsis.items()
    }
    lean = cost.cost_per_million(
        cost.Workload(
            memory,
            compute,
            IO_WAIT_MS,
            item_bytes,
            tuple(keys_only.values()),
            cold_start_share=COLD_START_SHARE,
            init_ms=init_ms,
        )
    )
    md += [
        "Largest attributes: " + ", ".join(f"{n} {b} B" for n, b in item_breakdown(item)) + ".",
        f"With the by-language index projecting KEYS_ONLY instead of ALL, the total would be ${lean.total:.2f}.",
        "",
    ]
    md += [
        f"Assumptions: compute = warm end to end of the 5 KB article ({median(warm_5kb.samples['end_to_end']):.1f} ms) "
        f"+ {SDK_CPU_MS:.0f} ms SDK CPU, measured on one full core and divided by Lambda's CPU share (memory / "
        f"{cost.FULL_VCPU_MB} MB); {IO_WAIT_MS:.0f} ms waiting on S3 + DynamoDB (not scaled); "
        f"{COLD_START_SHARE:.0%} of invocations pay an INIT of {init_ms:.0f} ms (billed since 2025-08-01; "
        "full CPU during INIT assumed). Storage, logs and X-Ray are not included.",
        "",
    ]
    rows = []
    for mem in (256, 512, 1024):
        b = cost.cost_per_million(workload(mem))
        lam = sum(ln.dollars_per_million for ln in b.lines if ln.name.startswith("Lambda"))
        rows.append(
            [
                f"{mem} MB" + (" (template)" if mem == memory else ""),
                fmt(cost.invoke_duration_ms(compute, IO_WAIT_MS, mem), " ms"),
                f"{lam:.2f}",
                f"{b.total:.2f}",
            ]
        )
    md += table(["memory", "est. duration", "Lambda $ / 1M", "total $ / 1M"], rows)
    md += [
        "",
        f"Amazon Comprehend for the same article ({len(five_kb)} characters, 4 APIs: "
        f"{', '.join(cost.COMPREHEND_APIS)}): {cost.comprehend_units(len(five_kb))} units × 4 × "
        f"${cost.COMPREHEND_PER_UNIT} = **${comprehend:,.0f} per million**, "
        f"{comprehend / breakdown.total:,.0f}× this function's total.",
        "",
    ]
    md += ["## 6. Baseline: trafilatura alone on the same HTML pages", ""]
    if traf and html_ours:
        clean_only = (
            [a + b for a, b in zip(warm_html.samples["decode"], warm_html.samples["clean"], strict=False)]
            if warm_html
            else []
        )
        md += [
            f"trafilatura.extract median {median(traf):.1f} ms/page, total {sum(traf):.0f} ms; ours end to end median "
            f"{median(html_ours):.1f} ms/page, total {sum(html_ours):.0f} ms: ratio **{ratio:.2f}×** "
            f"(decode + clean alone median {median(clean_only):.1f} ms).",
            "",
        ]
    else:
        md += ["No corpus given (or trafilatura missing): skipped.", ""]
    md += [f"Run time {time.perf_counter() - started:.0f} s."]

    text = "\n".join(md) + "\n"
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
