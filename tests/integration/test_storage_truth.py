"""Storage reports what it stored: counts, the "stored" log line and metrics follow the stored record,
and a large text lands in the artifacts bucket only when an item points to it."""

from __future__ import annotations

import json
import logging
import random
from typing import Any

import pytest

from article_core.models import ArticleRecord, Keyword
from local.samples import REFERENCE

KEY = "incoming/huge-analysis.txt"


def _upload(aws: Any, body: bytes, sequencer: str) -> dict[str, Any]:
    """Put the body and return the S3 event for that version."""
    put = aws.s3.put_object(Bucket=aws.names.input_bucket, Key=KEY, Body=body)
    obj = {"key": KEY, "size": len(body), "eTag": put["ETag"].strip('"'), "sequencer": sequencer}
    if put.get("VersionId"):
        obj["versionId"] = put["VersionId"]
    record = {"eventSource": "aws:s3", "eventName": "ObjectCreated:Put", "eventTime": "2025-05-29T10:05:00.000Z"}
    return {"Records": [{**record, "s3": {"bucket": {"name": aws.names.input_bucket}, "object": obj}}]}


def _incompressible_article() -> bytes:
    """About 700 KB of prose-shaped random words: too large for one item even deflated."""
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyzéè"

    def sentence() -> str:
        return " ".join("".join(rng.choices(letters, k=rng.randint(2, 9))) for _ in range(14)).capitalize() + "."

    return "\n\n".join(" ".join(sentence() for _ in range(5)) for _ in range(1_400)).encode()


def _artifacts(aws: Any) -> list[str]:
    listed = aws.s3.list_objects_v2(Bucket=aws.names.artifacts_bucket).get("Contents", [])
    return [o["Key"] for o in listed]


def _oversized(record: ArticleRecord) -> ArticleRecord:
    """A processed record whose analysis alone is beyond one DynamoDB item, with a text that must go to S3."""
    record.text.cleaned = "Le ministre a parlé longuement. " * 20_000
    record.analysis.keywords = [Keyword(text=f"mot-clé {i} " + "x" * 200, score=1.0) for i in range(3_000)]
    return record


@pytest.fixture
def oversized_pipeline(monkeypatch: Any) -> None:
    import app

    real_process = app.process  # type: ignore[attr-defined]  # app's own import, whatever the fixtures reloaded
    monkeypatch.setattr(app, "process", lambda raw, ref, **kw: _oversized(real_process(raw, ref, **kw)))


def test_a_record_too_large_is_counted_logged_and_measured_as_rejected(
    aws: Any, handler: Any, context: Any, oversized_pipeline: None, capsys: Any, caplog: Any
) -> None:
    from article_core.observability import logger

    caplog.set_level(logging.INFO, logger=logger.name)
    # Given an upload whose analysis cannot fit in one DynamoDB item
    event = _upload(aws, REFERENCE.body, "00A1")
    # When the handler processes it
    result = handler(event, context)
    # Then the stored record is record_too_large, and the handler's counts and metrics say rejected
    (item,) = aws.items()
    assert item["status"] == "rejected" and item["error"]["code"] == "record_too_large"
    assert result["rejected"] == 1 and result["processed"] == 0
    metrics = [json.loads(line) for line in capsys.readouterr().out.splitlines() if '"_aws"' in line]
    names = {m["Name"] for doc in metrics for d in doc["_aws"]["CloudWatchMetrics"] for m in d["Metrics"]}
    assert "Articles_rejected" in names and "Articles_processed" not in names
    # and so does the "stored" log line
    (stored,) = [r for r in caplog.records if r.getMessage() == "stored"]
    assert stored.status == "rejected" and stored.error_code == "record_too_large"
    # and no orphan text was written to the artifacts bucket
    assert _artifacts(aws) == []


def test_a_large_text_refused_as_stale_is_deleted_again(aws: Any, handler: Any, context: Any) -> None:
    # Given a stored record for a key from a newer event
    body = _incompressible_article()
    older = _upload(aws, body, "00A0")
    handler(_upload(aws, body + b" Fin.", "00B0"), context)
    assert len(_artifacts(aws)) == 1
    # When an older event for the same key arrives late
    result = handler(older, context)
    # Then it is stale and leaves no second text behind
    assert result["stale"] == 1
    assert len(_artifacts(aws)) == 1


def test_a_retry_after_a_lost_response_keeps_the_text_its_record_points_to(
    aws: Any, handler: Any, context: Any
) -> None:
    # Given a large text stored once
    body = _incompressible_article()
    event = _upload(aws, body, "00B0")
    handler(event, context)
    # When the same event is delivered again (as after a lost response)
    assert handler(event, context)["stale"] == 1
    # Then the text the record points to is still there
    (item,) = aws.items()
    uri = item["text"]["cleaned_uri"]
    assert uri.endswith(_artifacts(aws)[0])


def test_a_newer_version_replacing_a_large_text_deletes_the_older_text(aws: Any, handler: Any, context: Any) -> None:
    # Given a record whose large text is in the artifacts bucket
    body = _incompressible_article()
    handler(_upload(aws, body, "00A0"), context)
    assert len(_artifacts(aws)) == 1
    # When a newer version of the key (a short article) is stored
    result = handler(_upload(aws, REFERENCE.body, "00B0"), context)
    # Then the older text is gone with the record that pointed to it
    assert result["processed"] == 1
    assert _artifacts(aws) == []


def test_save_leaves_the_callers_record_unchanged(aws: Any) -> None:
    from article_core.models import ObjectRef
    from article_core.pipeline import process
    from article_core.settings import Settings
    from article_core.storage import Repository

    # Given a processed record whose text must move to the artifacts bucket, with no sequencer (a batch job)
    record = process(REFERENCE.body, ObjectRef(bucket=aws.names.input_bucket, key=KEY))
    record.text.cleaned = _incompressible_article().decode()
    before = record.model_copy(deep=True)
    # When the repository saves it
    stored = Repository(Settings.from_env()).save(record)
    # Then the stored record points to the moved text, and the caller's record is as it was
    assert stored is not None and stored.text.cleaned is None and stored.text.cleaned_uri
    assert record == before
