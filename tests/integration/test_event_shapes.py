"""Events that can never succeed are a logged skip with a metric, never an exception (no retry, no failure
queue); a transient AWS fault still raises, so that Lambda retries it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import BotoCoreError, ClientError

from tests.faults import FaultInjector

KEY = "incoming/article.txt"
BODY = "Le conseil municipal a annoncé mardi un plan de rénovation des écoles après des mois de négociations. " * 3


def _record(bucket: str = "articles-input-local", **obj: Any) -> dict[str, Any]:
    return {
        "eventSource": "aws:s3",
        "eventName": "ObjectCreated:Put",
        "eventTime": "2025-05-29T10:05:00.000Z",
        "s3": {"bucket": {"name": bucket}, "object": {"key": KEY, "size": len(BODY.encode()), **obj}},
    }


MALFORMED: dict[str, Any] = {
    "a list": [],
    "null": None,
    "a string": "ObjectCreated",
    "a number": 42,
    "records not a list": {"Records": "x"},
    "a record that is null": {"Records": [None]},
    "a record without s3": {"Records": [{"eventName": "ObjectCreated:Put"}]},
    "a record without a key": {"Records": [{"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "b"}}}]},
    "a 39-digit size": {"Records": [_record(size=10**38)]},
    "a negative size": {"Records": [_record(size=-1)]},
    "a size that is a boolean": {"Records": [_record(size=True)]},
    "a bucket name that is a number": {"Records": [_record(bucket=12345)]},  # type: ignore[arg-type]
    "an empty bucket name": {"Records": [_record(bucket="")]},
    "an event time of year 10000": {"Records": [{**_record(), "eventTime": "10000-01-01T00:00:00Z"}]},
}


def _metric_names(stdout: str) -> set[str]:
    docs = [json.loads(line) for line in stdout.splitlines() if '"_aws"' in line]
    return {m["Name"] for doc in docs for d in doc["_aws"]["CloudWatchMetrics"] for m in d["Metrics"]}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_an_event_of_the_wrong_shape_is_a_counted_skip(
    aws: Any, handler: Any, context: Any, capsys: Any, name: str
) -> None:
    # Given an event whose shape can never yield a record
    # When the handler receives it
    result = handler(MALFORMED[name], context)
    # Then it returns (no retry), counts a skip, and says so in a metric; nothing is stored
    assert result["skipped"] == 1 and result["processed"] == result["rejected"] == 0
    assert "Events_malformed_events" in _metric_names(capsys.readouterr().out)
    assert aws.items() == []


def test_an_event_for_a_bucket_that_does_not_exist_is_a_counted_skip(
    aws: Any, handler: Any, context: Any, capsys: Any
) -> None:
    # Given an event naming a bucket that does not exist
    event = {"Records": [_record(bucket="no-such-bucket-anywhere")]}
    # When handled / Then a skip with a metric, no exception and no record
    result = handler(event, context)
    assert result["skipped"] == 1
    assert "Events_missing_buckets" in _metric_names(capsys.readouterr().out)
    assert aws.items() == []


@pytest.mark.parametrize("seed", range(6))
def test_a_transient_fault_still_raises(aws: Any, handler: Any, context: Any, seed: int) -> None:
    # Given a valid upload and S3 reads that fail (a service error, no connection, a lost response or a
    # broken body stream, as the seed draws)
    aws.s3.put_object(Bucket=aws.names.input_bucket, Key=KEY, Body=BODY.encode())
    faults = FaultInjector(rate=1.0, seed=seed, operations=frozenset({"GetObject"}))
    # When the handler runs / Then the fault propagates, so Lambda retries the event, and nothing is stored
    with faults.installed(), faults.arm(), pytest.raises((ClientError, BotoCoreError)):
        handler({"Records": [_record()]}, context)
    assert aws.items() == []
