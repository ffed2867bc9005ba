"""`make up` and the `articles` command against it: a moto server, the Lambda-like worker, the real handler.

This is the issue's "done when": files dropped into the bucket become records that `articles`
lists, shows, exports, audits, replays and reprocesses.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from article_core.models import PIPELINE_VERSION, ObjectRef
from article_core.storage import record_from_item
from articles.cli import main as articles
from local.lambda_emulator import InvokeConfig, failure_record, invoke
from local.local_stack import PortBusy, check_port_free, reset_moto, start_moto
from local.samples import BAD, HTML, ODD_KEY, REFERENCE
from local.up import Worker
from local.up import main as up

# This suite's share of the machine's ports; TEST_PORTS=45400-45499 gives it another range.
_FIRST, _LAST = (int(n) for n in os.environ.get("TEST_PORTS", "47600-47699").split("-"))
PORTS = range(_FIRST, _LAST + 1)


def free_port() -> int:
    for port in PORTS:
        try:
            check_port_free("127.0.0.1", port)
        except PortBusy:
            continue
        return port
    raise RuntimeError(f"no free port in {_FIRST}-{_LAST} (TEST_PORTS)")


@dataclass
class Up:
    endpoint: str
    worker: Worker
    lines: list[str]

    def cli(self, *args: str) -> list[str]:
        return ["--endpoint-url", self.endpoint, *args]

    def drop(self, key: str, body: bytes) -> None:
        self.worker.aws.s3.put_object(Bucket=self.worker.names.input_bucket, Key=key, Body=body)

    def wait_for(self, key: str, timeout: float = 60) -> dict[str, Any]:
        article_id = ObjectRef(bucket=self.worker.names.input_bucket, key=key).article_id
        table = self.worker.aws.dynamodb.Table(self.worker.names.table)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            item = table.get_item(Key={"article_id": article_id}).get("Item")
            if item:
                return dict(item)
            time.sleep(0.2)
        raise AssertionError(f"no record for {key} after {timeout} s; worker said {self.lines}")

    def wait_for_lines(self, count: int, timeout: float = 60) -> None:
        """The worker prints its line once the handler returns, a moment after the record is stored."""
        deadline = time.monotonic() + timeout
        while len(self.lines) < count and time.monotonic() < deadline:
            time.sleep(0.1)


@pytest.fixture(scope="module")
def stack() -> Iterator[Up]:
    """Given `make up` running: a moto server on a free port and its worker in a thread."""
    saved = dict(os.environ)
    server, endpoint = start_moto("127.0.0.1", free_port())
    # moto keeps one state per process: start from an empty one, whatever earlier tests left behind
    reset_moto(endpoint)
    stop = threading.Event()
    try:
        worker = Worker.start(endpoint, InvokeConfig.from_template())
        lines: list[str] = []
        real_line = worker.line

        def line(record: dict[str, Any], milliseconds: int) -> str:
            lines.append(real_line(record, milliseconds))
            return lines[-1]

        worker.line = line  # type: ignore[method-assign]  # keep each line the worker prints
        thread = threading.Thread(target=worker.run, args=(stop,), daemon=True)
        thread.start()
        up_ = Up(endpoint, worker, lines)
        for obj in (REFERENCE, HTML, BAD, ODD_KEY):
            up_.drop(obj.key, obj.body)
        for obj in (REFERENCE, HTML, BAD, ODD_KEY):
            up_.wait_for(obj.key)
        up_.wait_for_lines(4)
        yield up_
    finally:
        stop.set()
        server.stop()
        import app

        app._repository = None
        os.environ.clear()
        os.environ.update(saved)


def test_each_dropped_file_gets_one_line_with_status_and_language_or_code(stack: Up) -> None:
    # Then (files dropped in the fixture) the worker printed one line per object
    joined = "\n".join(stack.lines)
    assert f"{REFERENCE.key}  processed  fr  " in joined
    assert f"{HTML.key}  processed  en  " in joined
    assert f"{BAD.key}  rejected  binary  " in joined
    assert f"{ODD_KEY.key}  processed  fr  " in joined  # URL-decoded key


def test_up_refuses_a_busy_port_with_a_clear_message(stack: Up, capsys: pytest.CaptureFixture[str]) -> None:
    # Given the stack's port in use; When a second `make up` asks for it
    status = up(["--port", stack.endpoint.rsplit(":", 1)[1]])
    # Then it refuses, saying what to do
    assert status == 2
    assert "is busy" in capsys.readouterr().err


def test_list_uses_the_language_and_status_indexes(stack: Up, capsys: pytest.CaptureFixture[str]) -> None:
    assert articles(stack.cli("list", "--language", "fr")) == 0
    french = capsys.readouterr().out
    assert REFERENCE.key in french and ODD_KEY.key in french and HTML.key not in french
    assert articles(stack.cli("list", "--status", "rejected")) == 0
    rejected = capsys.readouterr().out
    assert BAD.key in rejected and "binary" in rejected and REFERENCE.key not in rejected
    assert articles(stack.cli("list", "--limit", "2")) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3  # header + 2
    assert articles(stack.cli("list", "--since", "2999-01-01")) == 0
    assert "no records match" in capsys.readouterr().out


def test_show_json_is_the_stored_record_with_its_text(stack: Up, capsys: pytest.CaptureFixture[str]) -> None:
    # When a record is shown by its S3 URI
    uri = f"s3://{stack.worker.names.input_bucket}/{REFERENCE.key}"
    assert articles(stack.cli("show", uri, "--json")) == 0
    shown = json.loads(capsys.readouterr().out)
    # Then it is the stored item, read back as the record, with the (compressed) cleaned text restored
    stored = record_from_item(stack.wait_for(REFERENCE.key))
    assert shown == json.loads(stored.model_dump_json(exclude_none=True))
    assert shown["text"]["cleaned"].startswith("Le secrétaire d’État américain")
    # and the id works as well as the URI
    assert articles(stack.cli("show", shown["article_id"])) == 0
    assert REFERENCE.key in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "0" * 32], "no record for"),
        (["show", "not-an-id"], "neither an article id"),
        (["--table", "nope", "list"], "not found"),
    ],
)
def test_errors_are_one_line_saying_what_to_do(
    stack: Up, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status = articles(stack.cli(*argv))
    err = capsys.readouterr().err
    assert status == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_export_streams_every_record_as_jsonl_or_csv(stack: Up, capsys: pytest.CaptureFixture[str]) -> None:
    assert articles(stack.cli("export", "--format", "jsonl")) == 0
    out, err = capsys.readouterr()
    keys = {json.loads(line)["source"]["key"] for line in out.splitlines()}
    assert {REFERENCE.key, HTML.key, BAD.key, ODD_KEY.key} <= keys
    assert "exported" in err
    assert articles(stack.cli("export", "--format", "csv")) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("article_id,status,error_code,bucket,key") and len(rows) == len(keys) + 1


def test_duplicates_groups_the_re_encoded_copy_with_the_reference(
    stack: Up, capsys: pytest.CaptureFixture[str]
) -> None:
    assert articles(stack.cli("duplicates")) == 0
    out = capsys.readouterr().out
    exact = out.split("near")[0]
    assert REFERENCE.key in exact and ODD_KEY.key in exact and "1 group(s)" in exact


def test_stats_reports_the_health_of_each_source(stack: Up, capsys: pytest.CaptureFixture[str]) -> None:
    assert articles(stack.cli("stats")) == 0
    rows = {line.split("  ")[0]: line.split() for line in capsys.readouterr().out.splitlines()[1:]}
    assert rows["Le Figaro"][2:4] == ["2", "0"]  # the reference and its re-encoded copy, processed
    assert "binary" in " ".join(rows["(no publisher)"])


def test_audit_writes_the_page(stack: Up, tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.html"
    assert (
        articles(stack.cli("audit", f"s3://{stack.worker.names.input_bucket}/{REFERENCE.key}", "--out", str(out))) == 0
    )
    page = out.read_text()
    assert 'data-reason="advertisement">NE LAISSER PAS' in page and "ent-PER" in page


def test_worker_sends_a_failing_event_to_the_failure_queue_and_redrive_replays_it(
    stack: Up, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from botocore.exceptions import EndpointConnectionError

    from articles import replay

    aws, names = stack.worker.aws, stack.worker.names

    def outage(event: Any, context: Any) -> Any:
        raise EndpointConnectionError(endpoint_url="http://127.0.0.1:9")  # S3 unreachable for every attempt

    # Given two events that failed every attempt during an outage, now in the failure queue
    events = {}
    for key in ("incoming/late.txt", "incoming/later.txt"):
        s3 = {"bucket": {"name": names.input_bucket}, "object": {"key": key}}
        events[key] = {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put", "s3": s3}]}
        outcome = invoke(outage, events[key], InvokeConfig(retries=1, retry_delay_seconds=0))
        assert not outcome.ok and outcome.attempts == 2
        aws.sqs.send_message(QueueUrl=names.queue_url, MessageBody=json.dumps(failure_record(events[key], outcome)))
    stack.drop("incoming/late.txt", HTML.body.replace(b"harbor", b"river"))
    # and an outage that still lasts for the second key
    real_invoker = replay.local_invoker

    def partly_down(target: Any) -> Any:
        run = real_invoker(target)
        return lambda event: (
            (False, {"errorType": "EndpointConnectionError"}) if "later" in json.dumps(event) else run(event)
        )

    monkeypatch.setattr(replay, "local_invoker", partly_down)
    # When a dry run looks, then a redrive replays
    assert articles(stack.cli("redrive", "--dry-run")) == 0
    assert capsys.readouterr().err.count("would replay") == 2
    status = articles(stack.cli("redrive"))
    out = capsys.readouterr().out
    # Then the replayable one is processed and deleted; the other stays, reported as still failing
    assert "replayed 1, still failing 1" in out and status == 1
    assert stack.wait_for("incoming/late.txt")["status"] == "processed"
    attributes = aws.sqs.get_queue_attributes(QueueUrl=names.queue_url, AttributeNames=["All"])["Attributes"]
    assert (
        int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"]) == 1
    )


def test_reprocess_stale_brings_older_records_to_this_code(stack: Up, capsys: pytest.CaptureFixture[str]) -> None:
    # Given a record made by older code
    article_id = ObjectRef(bucket=stack.worker.names.input_bucket, key=HTML.key).article_id
    table = stack.worker.aws.dynamodb.Table(stack.worker.names.table)
    table.update_item(
        Key={"article_id": article_id},
        UpdateExpression="SET pipeline_version = :old",
        ExpressionAttributeValues={":old": "0.0.1"},
    )
    # When a dry run and then a reprocess of stale records run
    assert articles(stack.cli("reprocess", "--stale", "--dry-run")) == 0
    assert capsys.readouterr().err.strip().splitlines() == [f"would reprocess: {HTML.key}"]
    assert articles(stack.cli("reprocess", "--stale")) == 0
    # Then that record is the current code's
    assert "processed 1" in capsys.readouterr().out
    assert table.get_item(Key={"article_id": article_id})["Item"]["pipeline_version"] == PIPELINE_VERSION


def test_reprocess_prefix_runs_every_object_under_it(stack: Up, capsys: pytest.CaptureFixture[str]) -> None:
    assert articles(stack.cli("reprocess", "--prefix", "incoming/revue de presse/")) == 0
    assert "processed 1" in capsys.readouterr().out


def test_a_worker_crash_leaves_the_message_to_come_back(stack: Up) -> None:
    # Given a worker on its own queue whose handler dies mid-event (the process is killed)
    aws = stack.worker.aws
    url = aws.sqs.create_queue(QueueName="crash-test")["QueueUrl"]

    def dies(event: Any, context: Any) -> Any:
        raise KeyboardInterrupt  # not an error Lambda would report: the process is gone

    crashing = Worker(aws, stack.worker.names, url, dies, InvokeConfig(retries=0))
    aws.sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"Records": []}))
    message = aws.sqs.receive_message(QueueUrl=url, VisibilityTimeout=1)["Messages"][0]
    # When it handles the message
    with pytest.raises(KeyboardInterrupt):
        crashing.handle(message)
    # Then the message was not deleted: it is back once its visibility timeout ends
    time.sleep(1.5)
    again = aws.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2).get("Messages", [])
    assert [m["MessageId"] for m in again] == [message["MessageId"]]


def test_worker_visibility_timeout_outlasts_every_attempt(stack: Up) -> None:
    config = InvokeConfig.from_template()
    attributes = stack.worker.aws.sqs.get_queue_attributes(QueueUrl=stack.worker.events_url, AttributeNames=["All"])
    assert int(attributes["Attributes"]["VisibilityTimeout"]) > config.timeout_seconds * (config.retries + 1)


def test_busy_port_probe_matches_a_listening_socket() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", free_port()))
        taken.listen()
        with pytest.raises(PortBusy, match="make up PORT="):
            check_port_free("127.0.0.1", taken.getsockname()[1])


def test_invoke_runs_a_sam_generated_event_with_the_objects_own_etag(
    stack: Up, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from local.invoke import SAM_PLACEHOLDER_ETAG
    from local.invoke import main as invoke_main

    # Given an uploaded object and an event for it as `sam local generate-event s3 put` writes it
    stack.drop("incoming/sam.html", HTML.body)
    stack.wait_for("incoming/sam.html")
    obj = {"key": "incoming/sam.html", "size": 1024, "eTag": SAM_PLACEHOLDER_ETAG}
    s3 = {"bucket": {"name": stack.worker.names.input_bucket}, "object": obj}
    event = {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put", "s3": s3}]}
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event))
    # When it is invoked against the stack
    capsys.readouterr()  # (the worker's line for the upload)
    status = invoke_main([str(path), "--port", stack.endpoint.rsplit(":", 1)[1]])
    # Then the handler read the object (with sam's placeholder ETag it would skip it as replaced)
    out, err = capsys.readouterr()
    assert status == 0, err
    assert json.loads(out[out.index("{") :]) == {"processed": 1, "rejected": 0, "skipped": 0, "stale": 0}


def test_make_up_prints_ready_and_stops_cleanly_on_sigterm() -> None:
    import signal
    import subprocess
    import sys

    # Given `make up` started as its own process
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("AWS_ENDPOINT_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "local.up", "--port", str(port)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stdout is not None
        ready = process.stdout.readline()
        # Then it says where to drop files
        assert ready.strip() == (
            f"ready: endpoint=http://127.0.0.1:{port} bucket=articles-input-local prefix=incoming/ table=articles-local"
        )
        # When it receives SIGTERM, Then it stops cleanly and frees the port
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert process.stdout.read().strip().endswith("stopped")
        check_port_free("127.0.0.1", port)
    finally:
        if process.poll() is None:
            process.kill()
