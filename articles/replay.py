"""Give events to the function again: the failure queue (redrive) and stale or chosen records (reprocess).

On AWS the function is invoked (RequestResponse); against a local stack the real handler runs
in-process with the function's environment, as `make up`'s worker runs it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote_plus

from .aws import Aws

if TYPE_CHECKING:
    from mypy_boto3_s3.type_defs import ObjectTypeDef

Invoker = Callable[[dict[str, Any]], tuple[bool, Any]]
EVENT_BATCH = 10  # records per replayed event: the handler loops over all of them


def aws_invoker(aws: Aws) -> Invoker:
    return aws.invoke_function


def local_invoker(aws: Aws) -> Invoker:
    """The handler in this process, pointed at the local endpoint (one attempt: the report says what failed)."""
    from local.lambda_emulator import InvokeConfig, invoke, lambda_environment, load_handler
    from local.template_resources import ResourceNames

    t = aws.target
    defaults = ResourceNames()
    names = ResourceNames(
        input_bucket=t.input_bucket or defaults.input_bucket,
        artifacts_bucket=t.artifacts_bucket or defaults.artifacts_bucket,
        table=t.table or defaults.table,
        queue_url=t.queue_url,
        trigger_prefix=t.trigger_prefix,
    )
    handler = load_handler(lambda_environment(names, str(t.endpoint_url)))
    config = InvokeConfig.from_template()
    config = InvokeConfig(timeout_seconds=config.timeout_seconds, retries=0)

    def run(event: dict[str, Any]) -> tuple[bool, Any]:
        outcome = invoke(handler, event, config)
        if outcome.ok:
            return True, outcome.result
        return False, {"errorType": outcome.error_type, "errorMessage": outcome.error_message}

    return run


def s3_event(sources: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """An S3 put event naming each source (as stored in records, or listed), keys URL-encoded as S3 does."""
    records = []
    for source in sources:
        obj: dict[str, Any] = {"key": quote_plus(source["key"], safe="/")}
        for field_name, event_name in (
            ("size", "size"),
            ("etag", "eTag"),
            ("version_id", "versionId"),
            ("sequencer", "sequencer"),
        ):
            if source.get(field_name) is not None:
                obj[event_name] = source[field_name]
        record: dict[str, Any] = {
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "eventName": "ObjectCreated:Put",
            "s3": {"s3SchemaVersion": "1.0", "bucket": {"name": source["bucket"]}, "object": obj},
        }
        if source.get("event_time"):
            record["eventTime"] = source["event_time"]
        records.append(record)
    return {"Records": records}


def keys_of(event: dict[str, Any]) -> list[str]:
    from urllib.parse import unquote_plus

    return [unquote_plus(str(r.get("s3", {}).get("object", {}).get("key", "?"))) for r in event.get("Records", [])]


@dataclass
class RedriveReport:
    replayed: int = 0
    still_failing: int = 0
    unreadable: int = 0
    failures: list[str] = field(default_factory=list)


def redrive(aws: Aws, invoker: Invoker | None, *, dry_run: bool, out: Any = None) -> RedriveReport:
    """Replay each failure-queue message's original event; delete only the ones that succeeded.

    Messages stay hidden while the run lasts (so each is looked at once) and are released at the end.
    """
    out = out or sys.stderr
    report, seen, held = RedriveReport(), set(), []
    while True:
        messages = [m for m in aws.receive_failures(visibility_timeout=600) if m["MessageId"] not in seen]
        if not messages:
            break
        for message in messages:
            seen.add(message["MessageId"])
            try:
                body = json.loads(message["Body"])
                event = body.get("requestPayload", body) if isinstance(body, dict) else None
            except json.JSONDecodeError:
                event = None
            if not isinstance(event, dict):
                report.unreadable += 1
                held.append(message["ReceiptHandle"])
                print(f"unreadable message {message['MessageId']}: left in the queue", file=out)
                continue
            keys = ", ".join(keys_of(event)) or "(no S3 records)"
            if dry_run or invoker is None:
                print(f"would replay: {keys}", file=out)
                held.append(message["ReceiptHandle"])
                continue
            ok, payload = invoker(event)
            if ok:
                aws.delete_failure(message["ReceiptHandle"])
                report.replayed += 1
                print(f"replayed: {keys}", file=out)
            else:
                held.append(message["ReceiptHandle"])
                report.still_failing += 1
                reason = f"{(payload or {}).get('errorType')}: {(payload or {}).get('errorMessage')}"
                report.failures.append(f"{keys}: {reason}")
                print(f"still failing: {keys} ({reason})", file=out)
    for receipt in held:
        aws.release_failure(receipt)
    return report


def stale_sources(aws: Aws, current_version: str) -> Iterator[dict[str, Any]]:
    """Sources of records made by other code than this (a whole-table read: reprocessing asks for it)."""
    for item in aws.scan("#src, pipeline_version", {"#src": "source"}):
        if item.get("pipeline_version") != current_version:
            yield item["source"]


def prefix_sources(aws: Aws, bucket: str, prefix: str) -> Iterator[dict[str, Any]]:
    """Every object under the prefix; the stored source (with its sequencer) when the record is of this object."""
    from article_core.models import ObjectRef

    batch: list[ObjectTypeDef] = []

    def resolve(listed: list[ObjectTypeDef]) -> Iterator[dict[str, Any]]:
        ids = {ObjectRef(bucket=bucket, key=o["Key"]).article_id: o for o in listed}
        stored = {
            i["article_id"]: i.get("source", {})
            for i in aws.get_items(list(ids), "article_id, #src", {"#src": "source"})
        }
        for article_id, obj in ids.items():
            etag = obj.get("ETag", "").strip('"')
            source = stored.get(article_id)
            if source and source.get("etag") in (None, etag):
                yield source
            else:
                yield {"bucket": bucket, "key": obj["Key"], "size": obj.get("Size"), "etag": etag}

    for obj in aws.list_objects(bucket, prefix):
        if obj["Key"].endswith("/"):
            continue
        batch.append(obj)
        if len(batch) == 100:
            yield from resolve(batch)
            batch = []
    if batch:
        yield from resolve(batch)


def reprocess(
    sources: Iterable[dict[str, Any]], invoker: Invoker | None, *, dry_run: bool, out: Any = None
) -> Counter[str]:
    """Events of up to EVENT_BATCH records; the handler's own counts, summed (stale = already current)."""
    out = out or sys.stderr
    totals: Counter[str] = Counter()
    chunk: list[dict[str, Any]] = []

    def flush() -> None:
        event = s3_event(chunk)
        if dry_run or invoker is None:
            for key in keys_of(event):
                print(f"would reprocess: {key}", file=out)
            totals["would_reprocess"] += len(chunk)
        else:
            ok, payload = invoker(event)
            if ok and isinstance(payload, dict):
                totals.update({k: int(v) for k, v in payload.items() if isinstance(v, int)})
            else:
                totals["failed"] += len(chunk)
                print(f"failed: {', '.join(keys_of(event))}: {payload}", file=out)
            print(f"  reprocessed {sum(totals.values())} object(s)", file=out, flush=True)
        chunk.clear()

    for source in sources:
        chunk.append(source)
        if len(chunk) == EVENT_BATCH:
            flush()
    if chunk:
        flush()
    return totals
