"""S3 event records -> ObjectRef, with the reason when a record is not ours to process.

Read by hand rather than with Powertools' `S3Event` data class: importing
`aws_lambda_powertools.utilities.data_classes` adds 35-50 ms to every cold start (it loads every event
class; measured on the shared dev machine, Python 3.11, after the observability module), and its
accessors raise on fields a notification may lack (`size`, `eventTime`, `sequencer`), where a
record here becomes a logged, counted skip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote_plus

from .models import ObjectRef


@dataclass(frozen=True)
class EventItem:
    ref: ObjectRef | None
    skip_reason: str | None = None
    # The event (or this record of it) can never succeed: logged and counted, never retried.
    malformed: bool = False


_BUCKET_NAME = re.compile(r"[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]\Z")  # S3's naming rules, roughly
_MAX_SIZE = 2**63 - 1  # S3 objects are at most 5 TB; a 39-digit size is not a size (nor a DynamoDB number)


def parse_s3_event(event: Any, trigger_prefix: str) -> Iterator[EventItem]:
    """Yield one item per record: every record is looked at, none silently dropped.

    Keys arrive URL-encoded (spaces as '+'); they are decoded here, once. Whatever the shape of
    `event` (a list, null, a string), this never raises: a shape that can never succeed is `malformed`.
    """
    if not isinstance(event, Mapping):
        yield EventItem(None, f"not an S3 event (a JSON {type(event).__name__}, not an object)", malformed=True)
        return
    if event.get("Event") == "s3:TestEvent":
        yield EventItem(None, "s3 test event")
        return
    records = event.get("Records")
    if not isinstance(records, list):
        yield EventItem(None, "not an S3 event (no Records list)", malformed=True)
        return
    for record in records:
        yield _item(record, trigger_prefix)


def _item(record: Any, trigger_prefix: str) -> EventItem:
    try:
        name = str(record.get("eventName", ""))
        s3 = record["s3"]
        obj = s3["object"]
        ref = ObjectRef(
            bucket=s3["bucket"]["name"],
            key=unquote_plus(obj["key"]),
            version_id=obj.get("versionId") or None,
            etag=obj.get("eTag") or obj.get("etag") or None,
            size=obj.get("size"),
            event_time=record.get("eventTime"),
            sequencer=obj.get("sequencer") or None,
        )
        if not _BUCKET_NAME.match(ref.bucket) or not ref.key:
            raise ValueError("not a bucket name or an empty key")
        size = ref.size
        if size is not None and (isinstance(obj.get("size"), bool) or not 0 <= size <= _MAX_SIZE):
            raise ValueError("size out of range")
    except (KeyError, TypeError, AttributeError, ValueError):
        return EventItem(None, "malformed S3 record", malformed=True)
    if record.get("eventSource", "aws:s3") != "aws:s3" or not name.startswith("ObjectCreated"):
        return EventItem(ref, f"event {name or 'without a name'} is not ObjectCreated")
    if not ref.key.startswith(trigger_prefix):
        return EventItem(ref, "key outside the trigger prefix")
    return EventItem(ref)


# --- S3 Batch Operations (backfills and reprocessing at scale) --------------------------------------
BatchResultCode = Literal["Succeeded", "TemporaryFailure", "PermanentFailure"]


@dataclass(frozen=True)
class BatchTask:
    task_id: str
    item: EventItem


def is_batch_job(event: Any) -> bool:
    """An S3 Batch Operations LambdaInvoke event (invocation schema 1.0 or 2.0), not an S3 notification."""
    return isinstance(event, Mapping) and "invocationSchemaVersion" in event and "tasks" in event


def parse_batch_job(event: Mapping[str, Any], trigger_prefix: str) -> Iterator[BatchTask]:
    """One task per object; keys arrive URL-encoded, as in S3 notifications. Schema 2.0 names the bucket,
    1.0 its ARN. Tasks carry no sequencer: the repository keeps the stored one (see storage.save)."""
    tasks = event.get("tasks")
    for task in tasks if isinstance(tasks, list) else []:
        task_id = str(task.get("taskId", "")) if isinstance(task, Mapping) else ""
        try:
            bucket = task.get("s3Bucket") or str(task["s3BucketArn"]).rsplit(":", 1)[-1]
            ref = ObjectRef(bucket=bucket, key=unquote_plus(task["s3Key"]), version_id=task.get("s3VersionId") or None)
        except (KeyError, TypeError, AttributeError, ValueError):
            yield BatchTask(task_id, EventItem(None, "malformed batch task"))
            continue
        if not ref.key.startswith(trigger_prefix):
            yield BatchTask(task_id, EventItem(ref, "key outside the trigger prefix: the function may not read it"))
            continue
        yield BatchTask(task_id, EventItem(ref))


def batch_response(event: Mapping[str, Any], results: list[tuple[str, BatchResultCode, str]]) -> dict[str, Any]:
    """What S3 Batch Operations expects back: one result per task, in the job report."""
    return {
        "invocationSchemaVersion": event.get("invocationSchemaVersion", "2.0"),
        "treatMissingKeysAs": "PermanentFailure",
        "invocationId": event.get("invocationId"),
        "results": [{"taskId": t, "resultCode": code, "resultString": text} for t, code, text in results],
    }
