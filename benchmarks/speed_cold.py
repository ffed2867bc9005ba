"""Measurements in fresh python3.13 processes on the built artifacts: cold starts, and a corpus run.

Each child puts the function and layer directories first on sys.path (as Lambda puts /var/task and
/opt/python), runs with `-I -B` (isolated, and no bytecode written: `-I` ignores PYTHONDONTWRITEBYTECODE) and
handles events against a moto server running in the PARENT process, so neither moto nor its imports are timed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.speed_build import ROOT, WORK

REFERENCE = ROOT / "samples" / "figaro-afp-rubio-lavrov.txt"
REFERENCE_EVENT = ROOT / "events" / "s3-put-reference.json"
HEAVY = ("lxml", "trafilatura", "aws_xray_sdk", "botocore", "boto3", "pydantic", "pycrfsuite")

# Both children (the build first on sys.path, by PYTHONPATH: Runtime.run): the event, a Lambda context stand-in.
_CHILD_PRELUDE = r"""
import json, sys
event = json.loads(open(sys.argv[1]).read())

class Context:
    function_name = "ProcessArticleFunction"; function_version = "$LATEST"; memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:ProcessArticleFunction"
    aws_request_id = "00000000-0000-4000-8000-000000000000"; log_group_name = log_stream_name = "bench"
    @staticmethod
    def get_remaining_time_in_millis(): return 60_000
"""
# argv: event file. Prints one "RESULT {...}" line. Wall and CPU time: on a shared
# machine the CPU time is the better estimate of an unloaded run.
COLD_CHILD = (
    _CHILD_PRELUDE
    + rf"""
import time
t0, c0 = time.perf_counter(), time.process_time()
import app
t1, c1 = time.perf_counter(), time.process_time()
result = app.lambda_handler(event, Context())
t2, c2 = time.perf_counter(), time.process_time()
print("RESULT " + json.dumps({{"import_ms": (t1 - t0) * 1e3, "first_event_ms": (t2 - t0) * 1e3,
    "import_cpu_ms": (c1 - c0) * 1e3, "first_event_cpu_ms": (c2 - c0) * 1e3, "result": result,
    "heavy": sorted(m for m in {HEAVY!r} if m in sys.modules)}}))
"""
)
# argv: event file, json file {"files": [[kind, key, path], ...], "reference": path, "runs": n}.
# Every time is a [wall, CPU] pair in seconds.
# Handles the event once (everything loaded, as in a warm Lambda), then: the reference article `runs` times; every
# file once (throughput); each HTML page `runs` times, trafilatura.extract and ours interleaved run by run so that
# load from other processes hits both alike.
CORPUS_CHILD = (
    _CHILD_PRELUDE
    + r"""
import resource, statistics, time
job = json.loads(open(sys.argv[2]).read())
import app
import trafilatura
from article_core.models import ObjectRef
from article_core.pipeline import process
from article_core.storage import to_item
app.lambda_handler(event, Context())

def ours(raw, key):
    return to_item(process(raw, ObjectRef(bucket="bench", key=key, size=len(raw))))

reference = open(job["reference"], "rb").read()

def timed(fn, *args):
    t0, c0 = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - t0, time.process_time() - c0

warm = [timed(ours, reference, "incoming/reference.txt") for _ in range(job["runs"])]
times, paired = {}, {"trafilatura": [], "ours": []}
for kind, key, path in job["files"]:
    raw = open(path, "rb").read()
    times.setdefault(kind, []).append(timed(ours, raw, key))
    if kind == "html":
        html, a, b = raw.decode("utf-8", "replace"), [], []
        for _ in range(job["html_runs"]):
            a.append(timed(lambda h: trafilatura.extract(h, include_comments=False), html))
            b.append(timed(ours, raw, key))
        paired["trafilatura"].append([statistics.median(x[i] for x in a) for i in (0, 1)])
        paired["ours"].append([statistics.median(x[i] for x in b) for i in (0, 1)])
print("RESULT " + json.dumps({"warm_reference": warm, "times": times, "paired": paired,
                              "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""
)


def result_of(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
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
        """`script` in a fresh process with `paths` first on sys.path (as Lambda puts /var/task, /opt/python)."""
        command = [self.python, "-P", "-s", "-B", *flags, "-c", script, *args]  # no script dir, no user site
        env = {**self.env, "PYTHONPATH": os.pathsep.join(self.paths)}
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False, cwd=WORK)


def child_env(endpoint: str, names: Any) -> dict[str, str]:
    from local.template_resources import function_environment

    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(WORK)),
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": endpoint,
        "PYTHONDONTWRITEBYTECODE": "1",  # /opt and /var/task are read-only in Lambda (the child also runs with -B)
        **function_environment(names),  # as deployed: POWERTOOLS_TRACE_DISABLED=true, PYDANTIC_DISABLE_PLUGINS
    }


def xray_env(env: dict[str, str], function_dir: str) -> dict[str, str]:
    """The same, with the template parameter PowertoolsTraceDisabled=false: Powertools' Tracer and its SDK."""
    return {
        **env,
        "POWERTOOLS_TRACE_DISABLED": "false",
        "LAMBDA_TASK_ROOT": function_dir,
        "_X_AMZN_TRACE_ID": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
        "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR",
        "AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:47599",  # nobody listens: the UDP segments go nowhere
    }


def provision(endpoint: str) -> tuple[Any, Any]:
    import boto3

    from local.template_resources import provision as provision_resources

    session = boto3.Session(aws_access_key_id="bench", aws_secret_access_key="bench", region_name="us-east-1")  # noqa: S106 (moto)
    s3 = session.client("s3", endpoint_url=endpoint)
    names = provision_resources(
        s3, session.client("dynamodb", endpoint_url=endpoint), session.client("sqs", endpoint_url=endpoint)
    )
    return s3, names


def put_event(s3: Any, names: Any, sample: Path = REFERENCE) -> Path:
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


@dataclass
class ColdResult:
    label: str
    import_ms: list[float] = field(default_factory=list)
    first_event_ms: list[float] = field(default_factory=list)
    import_cpu_ms: list[float] = field(default_factory=list)
    first_event_cpu_ms: list[float] = field(default_factory=list)
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


def cold_starts(runtime: Runtime, event: Path, runs: int, *, importtime: bool = False) -> ColdResult:
    """`runs` fresh processes, each importing the handler and handling `event` once."""
    result = ColdResult(runtime.label)
    template = json.loads(event.read_text())
    for n in range(runs):
        # A newer sequencer each time, so every run stores its record (an equal one would be refused as stale).
        template["Records"][0]["s3"]["object"]["sequencer"] = f"{int(time.time() * 1e6):X}{n:04X}"
        event.write_text(json.dumps(template))
        try:
            data = result_of(runtime.run(COLD_CHILD, str(event)))
        except RuntimeError as exc:
            result.errors.append(str(exc))
            return result
        for name in ("import_ms", "first_event_ms", "import_cpu_ms", "first_event_cpu_ms"):
            getattr(result, name).append(data[name])
        result.outcome = ", ".join(f"{k} {v}" for k, v in data["result"].items() if v)
        result.heavy = data["heavy"]
    if importtime:
        script = "import app"
        result.packages, result.modules = parse_importtime(runtime.run(script, flags=("-X", "importtime")).stderr)
    return result


def corpus_run(runtime: Runtime, event: Path, files: list[list[str]], runs: int, html_runs: int) -> dict[str, Any]:
    job = WORK / "corpus-job.json"
    job.write_text(json.dumps({"files": files, "reference": str(REFERENCE), "runs": runs, "html_runs": html_runs}))
    return result_of(runtime.run(CORPUS_CHILD, str(event), str(job)))
