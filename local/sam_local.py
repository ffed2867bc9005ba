"""`make sam-local`: the README's `sam local invoke` commands, run in Docker and checked.

    python -m local.sam_local [--port N] [--lambda-port N] [--no-pull]   (after `make build`)

For every event in `events/`, exactly the README's
`sam local invoke ProcessArticleFunction -e EVENT --env-vars ENV --add-host host.docker.internal:host-gateway`
(plus `--skip-pull-image` on the stand-in image), then the response and the records in moto are
checked against `local/samples.py` (what each object should become) and against the same event
run through the handler in-process (the path the tests use): both paths must store the same records.
The invocations run side by side (SAM rebuilds its layer image on every invoke; concurrent ones
wait for one build): each run has its own table in ENV, so none sees another's records.
Then the reference event goes through `sam local start-lambda` and boto3's Lambda client with
`endpoint_url` (what `aws lambda invoke --endpoint-url` does), with the same checks.

Traffic stays on this machine: moto listens only on Docker's bridge gateway (the address
`host-gateway` resolves to in the container); SAM talks to its containers on 127.0.0.1; SAM's
telemetry and weekly version check are off. One line per event; exit status 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from local.docker_engine import DockerUnavailable, bridge_gateway, running_engine
from local.lambda_image import TAG, ensure_image, prune_replaced
from local.local_stack import reset_moto, running_moto
from local.moto_server import seed
from local.samples import EVENT_FILES, EVENTS, ROOT
from local.template_resources import FUNCTION_ID, ResourceNames, function_environment, provision

OUT = ROOT / "out" / "sam-local"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_DEFAULT_REGION": "us-east-1"}
VOLATILE = ("processed_at",)  # differs between any two runs
IN_PROCESS = """
import json, sys
import app
from local.context import LocalContext
print(json.dumps(app.lambda_handler(json.load(open(sys.argv[1])), LocalContext())))
"""


@dataclass
class Outcome:
    """What one path did with one event: the function's response and the records it left in moto."""

    response: dict[str, Any]
    records: dict[str, dict[str, Any]]  # S3 key -> record (as stored, volatile fields dropped)
    seconds: float
    log: str = ""


@dataclass
class Verdict:
    problems: list[str] = field(default_factory=list)

    def check(self, condition: bool, problem: str) -> None:
        if not condition:
            self.problems.append(problem)


# ---- the moto server ------------------------------------------------------------------------------


def reseed(endpoint: str) -> ResourceNames:
    """Forget everything (moto's reset API), then create the stack's resources and upload the samples."""
    reset_moto(endpoint)
    return seed(endpoint)


def stored_records(endpoint: str, names: ResourceNames) -> dict[str, dict[str, Any]]:
    """Every record in the table, as the record model reads it back, keyed by S3 key."""
    import boto3

    from article_core.storage import record_from_item

    options: dict[str, Any] = {"endpoint_url": endpoint, "region_name": "us-east-1"}
    options |= {"aws_access_key_id": "local", "aws_secret_access_key": "local"}
    table = boto3.resource("dynamodb", **options).Table(names.table)
    records: dict[str, dict[str, Any]] = {}
    for item in table.scan()["Items"]:
        record = record_from_item(item).model_dump(mode="json", exclude=set(VOLATILE))
        key = record["source"]["key"]
        records[key] = record if key not in records else {"duplicate records for this key": True}
    return records


# ---- the two paths --------------------------------------------------------------------------------


def sam_env(endpoint: str) -> dict[str, str]:
    """The environment `sam` runs in: local credentials, no telemetry, the weekly version check done,
    and STS on moto: `sam local` asks STS for the account id (7 s of timeouts towards AWS otherwise)."""
    app_dir = OUT / "sam-app-dir"
    app_dir.mkdir(parents=True, exist_ok=True)
    (app_dir / "metadata.json").write_text(json.dumps({"telemetryEnabled": False, "lastVersionCheck": time.time()}))
    return {
        **os.environ,
        **CREDENTIALS,
        "SAM_CLI_TELEMETRY": "0",
        "__SAM_CLI_APP_DIR": str(app_dir),
        "AWS_ENDPOINT_URL_STS": endpoint,
    }


def invoke_command(event: Path, env_file: Path, *, stand_in: bool) -> list[str]:
    """The README's command: `sam local invoke ProcessArticleFunction -e EVENT --env-vars ENV --add-host ...`."""
    command = ["sam", "local", "invoke", FUNCTION_ID, "-e", str(event.relative_to(ROOT)), "--env-vars", str(env_file)]
    command += ["--add-host", "host.docker.internal:host-gateway"]
    return command + (["--skip-pull-image"] if stand_in else [])


def sam_invoke(event: Path, env_file: Path, *, stand_in: bool, endpoint: str, names: ResourceNames) -> Outcome:
    command = [str(ROOT / ".venv" / "bin" / "sam"), *invoke_command(event, env_file, stand_in=stand_in)[1:]]
    started = time.monotonic()
    done = subprocess.run(
        command, cwd=ROOT, env=sam_env(endpoint), capture_output=True, text=True, timeout=600, check=False
    )
    seconds = time.monotonic() - started
    return Outcome(_last_json(done.stdout), stored_records(endpoint, names), seconds, done.stdout + done.stderr)


@contextlib.contextmanager
def sam_start_lambda(env_file: Path, *, stand_in: bool, endpoint: str, port: int) -> Iterator[str]:
    """`sam local start-lambda` on 127.0.0.1:port, stopped on exit; yields the endpoint for a Lambda client."""
    command = [
        str(ROOT / ".venv" / "bin" / "sam"),
        "local",
        "start-lambda",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--env-vars",
        str(env_file),
        "--add-host",
        "host.docker.internal:host-gateway",
        *(["--skip-pull-image"] if stand_in else []),
    ]
    log = (OUT / "start-lambda.log").open("w")
    server = subprocess.Popen(
        command, cwd=ROOT, env=sam_env(endpoint), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while not _listening("127.0.0.1", port):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"sam local start-lambda did not start; see {log.name}")
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # sam and the containers' log followers it started
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def lambda_client_invoke(lambda_endpoint: str, event: Path, *, endpoint: str, names: ResourceNames) -> Outcome:
    """`aws lambda invoke --endpoint-url`, through boto3's Lambda client."""
    import boto3
    from botocore.config import Config

    config = Config(read_timeout=600, retries={"max_attempts": 1}, connect_timeout=10)
    options: dict[str, Any] = {"endpoint_url": lambda_endpoint, "region_name": "us-east-1", "config": config}
    options |= {"aws_access_key_id": "local", "aws_secret_access_key": "local"}
    started = time.monotonic()
    answer = boto3.client("lambda", **options).invoke(FunctionName=FUNCTION_ID, Payload=event.read_bytes())
    response = json.loads(answer["Payload"].read() or b"{}")
    seconds = time.monotonic() - started
    return Outcome(response, stored_records(endpoint, names), seconds)


def _listening(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


def in_process_invoke(event: Path, env_file: Path, *, endpoint: str, names: ResourceNames) -> Outcome:
    """The same event, env file and server, the handler called in a clean local process (what the tests do)."""
    overrides = json.loads(env_file.read_text())[FUNCTION_ID]
    overrides["AWS_ENDPOINT_URL"] = endpoint  # the container's host name is the only difference
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": os.pathsep.join(str(ROOT / p) for p in ("functions/process_article", "layers/article_core", ".")),
        "AWS_SAM_LOCAL": "true",
        **CREDENTIALS,
        **function_environment(names),
        **overrides,
    }
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, str(event)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    seconds = time.monotonic() - started
    return Outcome(_last_json(done.stdout), stored_records(endpoint, names), seconds, done.stdout + done.stderr)


def _last_json(stdout: str) -> dict[str, Any]:
    for line in reversed(stdout.strip().splitlines()):
        with contextlib.suppress(ValueError):
            value = json.loads(line)
            if isinstance(value, dict):
                return value
    return {"no response": stdout[-500:]}


# ---- the checks -----------------------------------------------------------------------------------


def expected_response(event_name: str) -> dict[str, int] | None:
    """The handler's counts for an event of `local/samples.py` (None for an event it does not describe)."""
    objects = EVENT_FILES.get(event_name)
    if objects is None:
        return None
    statuses = [o.expect for o in objects]
    return {name: statuses.count(name) for name in ("processed", "rejected", "skipped", "stale")}


def check_outcome(event_name: str, outcome: Outcome) -> Verdict:
    """One record per object the event names, each with the status `local/samples.py` expects."""
    verdict = Verdict()
    verdict.check("errorType" not in outcome.response, f"the invocation failed: {outcome.response}")
    objects = EVENT_FILES.get(event_name)
    if objects is None:
        return verdict
    verdict.check(
        outcome.response == expected_response(event_name),
        f"response {outcome.response}, expected {expected_response(event_name)}",
    )
    verdict.check(
        set(outcome.records) == {o.key for o in objects},
        f"records for {sorted(outcome.records)}, expected one for each of {[o.key for o in objects]}",
    )
    for obj in objects:
        record = outcome.records.get(obj.key, {})
        verdict.check(record.get("status") == obj.expect, f"{obj.key!r}: {record.get('status')}, expected {obj.expect}")
        if obj.expect == "rejected":
            verdict.check(bool((record.get("error") or {}).get("code")), f"{obj.key!r}: rejected without an error code")
        if obj.expect == "processed":
            verdict.check(record.get("analysis", {}).get("stats", {}).get("words", 0) > 0, f"{obj.key!r}: no words")
    return verdict


def compare(docker: Outcome, local: Outcome) -> Verdict:
    verdict = Verdict()
    verdict.check(
        docker.response == local.response, f"responses differ: docker {docker.response}, in-process {local.response}"
    )
    for key in sorted(set(docker.records) | set(local.records)):
        differing = _differing_paths(docker.records.get(key), local.records.get(key))
        verdict.check(not differing, f"{key!r}: docker and in-process records differ at {differing[:5]}")
    return verdict


def _differing_paths(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        return [p for k in sorted(set(a) | set(b)) for p in _differing_paths(a.get(k), b.get(k), f"{path}.{k}")]
    return [] if a == b else [path or "."]


def summary(outcome: Outcome) -> str:
    records = ", ".join(
        f"{r.get('status')}{'/' + r['error']['code'] if r.get('error') else ''} {key!r}"
        for key, r in sorted(outcome.records.items())
    )
    counts = (
        {k: v for k, v in outcome.response.items() if v} if "errorType" not in outcome.response else outcome.response
    )
    return f"{outcome.seconds:5.1f} s  {json.dumps(counts)}  [{records}]"


# ---- the run --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Workspace:
    """One run's own table and env file (the seeded input bucket is shared and only read)."""

    names: ResourceNames
    env_file: Path


def workspace(endpoint: str, folder: Path, name: str) -> Workspace:
    """A table for one run, so runs in parallel cannot see each other's records (duplicates, sequencers)."""
    import boto3

    options: dict[str, Any] = {"endpoint_url": endpoint, "region_name": "us-east-1"}
    options |= {"aws_access_key_id": "local", "aws_secret_access_key": "local"}
    clients = (boto3.client(service, **options) for service in ("s3", "dynamodb", "sqs"))
    names = provision(*clients, names=ResourceNames(table=f"articles-local-{name}"))
    (folder / name).mkdir(parents=True, exist_ok=True)
    return Workspace(names, env_file_for(folder / name, endpoint, table=names.table))


def run_events(endpoint: str, folder: Path, *, stand_in: bool, jobs: int) -> int:
    """Every event through `sam local invoke` (`jobs` at a time) and in-process; one line per event."""
    reseed(endpoint)
    events = sorted(EVENTS.glob("*.json"))
    spaces = {
        e: (workspace(endpoint, folder, f"docker-{e.stem}"), workspace(endpoint, folder, f"local-{e.stem}"))
        for e in events
    }
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        docker_runs = {
            e: pool.submit(sam_invoke, e, docker.env_file, stand_in=stand_in, endpoint=endpoint, names=docker.names)
            for e, (docker, _) in spaces.items()
        }
        local_runs = {
            e: in_process_invoke(e, local.env_file, endpoint=endpoint, names=local.names)
            for e, (_, local) in spaces.items()
        }
        return sum(report(e.name, docker_runs[e].result(), local_runs[e]) for e in events)


def report(event_name: str, docker: Outcome, local: Outcome, *, way: str = "") -> int:
    """Print the line for one event (and what went wrong); 1 if it failed."""
    problems = check_outcome(event_name, docker).problems + compare(docker, local).problems
    described = "" if event_name in EVENT_FILES else " (not in local/samples.py: agreement only)"
    line = f"{'ok  ' if not problems else 'FAIL'} {event_name + way:26} {summary(docker)} = in-process{described}"
    print(line, flush=True)
    for problem in problems:
        print(f"       {problem}")
    if problems:
        log = OUT / f"{Path(event_name).stem}{way.replace(' ', '-')}.log"
        log.write_text(docker.log)
        print(f"       sam's output: {log}")
    return 1 if problems else 0


def run_start_lambda(endpoint: str, folder: Path, *, stand_in: bool, port: int) -> int:
    """The second way in: the reference event through `sam local start-lambda` and a Lambda client."""
    event = EVENTS / "s3-put-reference.json"
    docker, local = workspace(endpoint, folder, "start-lambda"), workspace(endpoint, folder, "local-start-lambda")
    with sam_start_lambda(docker.env_file, stand_in=stand_in, endpoint=endpoint, port=port) as lambda_endpoint:
        docker_run = lambda_client_invoke(lambda_endpoint, event, endpoint=endpoint, names=docker.names)
    local_run = in_process_invoke(event, local.env_file, endpoint=endpoint, names=local.names)
    return report(event.name, docker_run, local_run, way=" via start-lambda")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local.sam_local", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="moto server port (default: any free one)")
    parser.add_argument("--lambda-port", type=int, default=0, help="start-lambda port (default: any free one)")
    parser.add_argument("--jobs", type=int, default=5, help="`sam local invoke`s at a time (they share one build)")
    parser.add_argument("--no-start-lambda", action="store_true", help="only `sam local invoke`")
    parser.add_argument("--no-pull", action="store_true", help="do not try the registry; use or build the stand-in")
    args = parser.parse_args(argv)
    if not (ROOT / ".aws-sam" / "build" / "template.yaml").exists():
        print("no `sam build` output: run `make build` first (`make sam-local` does)", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        with running_engine(OUT / "dockerd.log") as engine:
            print(f"docker engine: {engine} ({time.monotonic() - started:.0f} s)", flush=True)
            started = time.monotonic()
            image = ensure_image(pull=not args.no_pull)
            print(f"base image {TAG}: {image} ({time.monotonic() - started:.0f} s)", flush=True)
            gateway = bridge_gateway()
            with running_moto(gateway, args.port) as endpoint, tempfile.TemporaryDirectory() as tmp:
                print(
                    f"moto server on {endpoint} (Docker's bridge gateway); containers reach it as host.docker.internal"
                )
                stand_in = image == "stand-in"
                failures = run_events(endpoint, Path(tmp), stand_in=stand_in, jobs=args.jobs)
                checks = len(list(EVENTS.glob("*.json")))
                if not args.no_start_lambda:
                    lambda_port = args.lambda_port or free_port("127.0.0.1")
                    failures += run_start_lambda(endpoint, Path(tmp), stand_in=stand_in, port=lambda_port)
                    checks += 1
                prune_replaced()
                print(f"sam-local: {checks - failures} passed, {failures} failed")
                return 1 if failures else 0
    except DockerUnavailable as exc:
        print(
            f"make sam-local: Docker cannot run here, so `sam local invoke` cannot be tested.\n{exc}", file=sys.stderr
        )
        return 3


def env_file_for(folder: Path, endpoint: str, *, table: str | None = None) -> Path:
    """local/env.json with the server's port (the README's file says 5000), and the run's own table."""
    values = json.loads((ROOT / "local" / "env.json").read_text())
    port = endpoint.rsplit(":", 1)[1]
    values[FUNCTION_ID]["AWS_ENDPOINT_URL"] = f"http://host.docker.internal:{port}"
    if table:
        values[FUNCTION_ID]["TABLE_NAME"] = table
    path = folder / "env.json"
    path.write_text(json.dumps(values, indent=2))
    return path


def free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


if __name__ == "__main__":
    sys.exit(main())
