"""The handler end to end against moto: S3 event -> record in DynamoDB."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from article_core.models import ObjectRef
from article_core.storage import record_from_item
from local.make_events import s3_put_record
from local.samples import ALL_OBJECTS, EVENT_FILES, HTML, REFERENCE, SampleObject
from tests.conftest import load_event


def put(aws: Any, obj: SampleObject, body: bytes | None = None) -> dict[str, Any]:
    response: dict[str, Any] = aws.s3.put_object(Bucket=aws.names.input_bucket, Key=obj.key, Body=body or obj.body)
    return response


def record_for(aws: Any, obj: SampleObject) -> Any:
    article_id = ObjectRef(bucket=aws.names.input_bucket, key=obj.key).article_id
    item = aws.table.get_item(Key={"article_id": article_id}).get("Item")
    return record_from_item(item) if item else None


@pytest.mark.parametrize("event_file", sorted(EVENT_FILES))
def test_every_sample_event_ends_in_one_record_per_object(
    aws: Any, handler: Any, context: Any, event_file: str
) -> None:
    # Given the sample objects in the bucket and an event from events/
    for obj in ALL_OBJECTS:
        put(aws, obj)
    objects = EVENT_FILES[event_file]
    # When the handler receives the event
    result = handler(load_event(event_file), context)
    # Then each object named has exactly one record with the expected status
    assert result["processed"] + result["rejected"] == len(objects)
    for obj in objects:
        record = record_for(aws, obj)
        assert record is not None, obj.key
        assert record.status == obj.expect, (obj.key, record.error)
        assert record.source.key == obj.key  # URL-decoded
    assert len(aws.items()) == len({o.key for o in objects})


def test_reference_article_is_cleaned_and_dated_from_the_event(aws: Any, handler: Any, context: Any) -> None:
    # Given the reference article uploaded under the trigger prefix
    put(aws, REFERENCE)
    # When its put event arrives
    handler(load_event("s3-put-reference.json"), context)
    # Then the record holds the article body, not the ad line
    record = record_for(aws, REFERENCE)
    assert record.status == "processed"
    assert record.text.cleaned.startswith("Le secrétaire d’État américain")
    assert "Adpathway" not in record.text.cleaned
    assert record.analysis.stats.words > 300


def test_same_event_twice_leaves_one_unchanged_record(aws: Any, handler: Any, context: Any) -> None:
    # Given a processed object
    put(aws, REFERENCE)
    event = load_event("s3-put-reference.json")
    handler(event, context)
    first = aws.items()
    # When the same event is delivered again
    result = handler(event, context)
    # Then nothing changes
    assert result["stale"] == 1
    assert aws.items() == first


def test_older_event_after_newer_one_is_ignored(aws: Any, handler: Any, context: Any) -> None:
    # Given two versions of one key, the newer one already processed
    old_body, new_body = b"Version one of the story. " * 20, REFERENCE.body
    put(aws, REFERENCE, old_body)
    old = SampleObject(REFERENCE.key, REFERENCE.file, "processed")
    older_event = {"Records": [s3_put_record(old, sequencer="00A0", event_time="2025-05-29T10:00:00.000Z")]}
    older_event["Records"][0]["s3"]["object"].update(eTag=None, size=len(old_body))
    put(aws, REFERENCE, new_body)
    newer_event = {"Records": [s3_put_record(REFERENCE, sequencer="00B0")]}
    handler(newer_event, context)
    # When the older event arrives late
    result = handler(older_event, context)
    # Then the newer record stays
    assert result["stale"] == 1
    assert record_for(aws, REFERENCE).source.sequencer == "00B0"


def test_overwritten_object_is_read_at_the_etag_the_event_names(aws: Any, handler: Any, context: Any) -> None:
    # Given an event for content that has since been replaced (no versioning id in the event)
    put(aws, HTML)
    event = load_event("s3-put-html.json")
    put(aws, HTML, b"Completely different replacement text. " * 30)
    # When the stale event is handled
    result = handler(event, context)
    # Then it is skipped (the replacement's own event will bring its record) and nothing wrong is stored
    assert result["skipped"] == 1
    assert record_for(aws, HTML) is None


def test_deleted_object_is_recorded_without_retry(aws: Any, handler: Any, context: Any) -> None:
    # Given an event for an object deleted before the read
    # When the handler runs
    result = handler(load_event("s3-put-reference.json"), context)
    # Then the invocation succeeds and the record says the object was gone
    assert result["rejected"] == 1
    assert record_for(aws, REFERENCE).error.code == "object_gone"


def test_size_cap_is_applied_before_any_read(aws: Any, handler: Any, context: Any, monkeypatch: Any) -> None:
    # Given an event announcing an object over the cap (which is not even in the bucket)
    event = load_event("s3-put-reference.json")
    event["Records"][0]["s3"]["object"]["size"] = 10**10
    # When the handler runs
    handler(event, context)
    # Then the record is rejected as too large (a read would have found nothing: object_gone)
    assert record_for(aws, REFERENCE).error.code == "too_large"


def test_records_outside_the_prefix_and_test_events_are_skipped(aws: Any, handler: Any, context: Any) -> None:
    # Given an s3:TestEvent and a record outside the trigger prefix
    outside = load_event("s3-put-reference.json")
    outside["Records"][0]["s3"]["object"]["key"] = "elsewhere/file.txt"
    test_event = {"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": aws.names.input_bucket}
    # When both arrive
    results = [handler(test_event, context), handler(outside, context)]
    # Then both are skipped and nothing is stored
    assert [r["skipped"] for r in results] == [1, 1]
    assert aws.items() == []


@pytest.mark.parametrize("operation", ["GetObject", "PutItem"])
def test_transient_aws_faults_raise_so_lambda_retries(
    aws: Any, handler: Any, context: Any, monkeypatch: Any, operation: str
) -> None:
    # Given S3 or DynamoDB throttling every call
    import botocore.client

    real = getattr(botocore.client.BaseClient, "_make_api_call")  # noqa: B009 (private: not in the stubs)

    def throttled(self: Any, name: str, params: Any) -> Any:
        if name == operation:
            raise ClientError({"Error": {"Code": "SlowDown" if name == "GetObject" else "ThrottlingException"}}, name)
        return real(self, name, params)

    put(aws, REFERENCE)
    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", throttled)
    # When the handler runs, Then the fault propagates (Lambda retries, then the failure queue)
    with pytest.raises(ClientError):
        handler(load_event("s3-put-reference.json"), context)
    monkeypatch.undo()
    assert aws.items() == []


def test_importing_the_handler_leaves_the_collector_on_with_init_frozen() -> None:
    # Given the handler module, which pauses the cyclic GC while it imports (INIT makes only long-lived objects)
    import gc

    import app

    # When its import is over, Then collection is back on before any event, and what INIT made is frozen
    assert app.lambda_handler is not None
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
