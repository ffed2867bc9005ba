"""S3 event records -> ObjectRef, with the reason when a record is not ours to process."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from .models import ObjectRef


@dataclass(frozen=True)
class EventItem:
    ref: ObjectRef | None
    skip_reason: str | None = None


def parse_s3_event(event: Mapping[str, Any], trigger_prefix: str) -> Iterator[EventItem]:
    """Yield one item per record: every record is looked at, none silently dropped.

    Keys arrive URL-encoded (spaces as '+'); they are decoded here, once.
    """
    if event.get("Event") == "s3:TestEvent":
        yield EventItem(None, "s3 test event")
        return
    records = event.get("Records")
    if not isinstance(records, list):
        yield EventItem(None, "not an S3 event")
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
    except (KeyError, TypeError, AttributeError, ValueError):
        return EventItem(None, "malformed S3 record")
    if record.get("eventSource", "aws:s3") != "aws:s3" or not name.startswith("ObjectCreated"):
        return EventItem(ref, f"event {name or 'without a name'} is not ObjectCreated")
    if not ref.key.startswith(trigger_prefix):
        return EventItem(ref, "key outside the trigger prefix")
    return EventItem(ref)
