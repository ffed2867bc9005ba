"""S3 ObjectCreated -> one article record per object in DynamoDB.

Thin: parse the event, apply the cheap guards, read, delegate to `article_core.pipeline`,
save through the repository. Bad input becomes a `rejected` record and the invocation
succeeds; transient AWS faults raise so Lambda retries and then uses the failure queue.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from article_core.events import BatchResultCode, batch_response, is_batch_job, parse_batch_job, parse_s3_event
from article_core.models import ArticleRecord, ObjectRef
from article_core.observability import logger, metrics, tracer
from article_core.pipeline import process, rejected
from article_core.settings import Settings
from article_core.storage import ReadOutcome, Repository, transient_errors

settings = Settings.from_env()
_repository: Repository | None = None


def repository() -> Repository:
    global _repository
    if _repository is None:
        _repository = Repository(settings)
    return _repository


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler(capture_response=False)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if is_batch_job(event):  # S3 Batch Operations: backfills and reprocessing, one result per task
        return handle_batch_job(event)
    counts: Counter[str] = Counter()
    for item in parse_s3_event(event, settings.trigger_prefix):
        key = item.ref.key if item.ref else None
        if item.ref is None or item.skip_reason:
            logger.info("skipped", extra={"object_key": key, "reason": item.skip_reason})
            counts["skipped"] += 1
            continue
        logger.append_keys(object_key=key)
        outcome = handle_object(item.ref)
        counts[outcome] += 1
    logger.remove_keys(["object_key"])
    result = {name: counts[name] for name in ("processed", "rejected", "skipped", "stale")}
    for name, count in result.items():
        if count:
            metrics.add_metric(name=f"Articles_{name}", unit=MetricUnit.Count, value=count)
    logger.info("done", extra=result)
    return result


def handle_batch_job(event: dict[str, Any]) -> dict[str, Any]:
    """Bad input gets its rejected record and Succeeded; only transient AWS faults ask the job to retry."""
    results: list[tuple[str, BatchResultCode, str]] = []
    for task in parse_batch_job(event, settings.trigger_prefix):
        if task.item.ref is None or task.item.skip_reason:
            results.append((task.task_id, "PermanentFailure", task.item.skip_reason or "malformed batch task"))
            continue
        logger.append_keys(object_key=task.item.ref.key)
        try:
            results.append((task.task_id, "Succeeded", handle_object(task.item.ref)))
        except transient_errors() as exc:
            logger.warning("transient fault; the job retries the task", extra={"error": type(exc).__name__})
            results.append((task.task_id, "TemporaryFailure", type(exc).__name__))
    logger.remove_keys(["object_key"])
    return batch_response(event, results)


@tracer.capture_method(capture_response=False)
def handle_object(ref: ObjectRef) -> str:
    """Process one object; returns processed | rejected | skipped | stale."""
    limits = settings.limits
    if ref.key.endswith("/"):
        record = rejected(ref, "not_a_file", "The key is a folder marker (it ends with '/'), not a file.")
    elif ref.size is not None and ref.size > limits.max_object_bytes:
        record = rejected(ref, "too_large", f"The file is {ref.size} bytes; the limit is {limits.max_object_bytes}.")
    elif ref.size == 0:
        record = rejected(ref, "empty", "The file is empty.")
    else:
        raw = repository().read_object(ref)
        if raw is ReadOutcome.REPLACED:
            logger.info("skipped", extra={"reason": "object replaced since the event; the newer event wins"})
            return "skipped"
        if raw is ReadOutcome.GONE:
            record = rejected(ref, "object_gone", "The object was deleted before it could be read.")
        elif raw is ReadOutcome.TOO_LARGE:
            record = rejected(ref, "too_large", f"The file is larger than {limits.max_object_bytes} bytes.")
        else:
            assert isinstance(raw, bytes)  # noqa: S101 (narrowing for the type checker)
            record = process(raw, ref, limits=limits)
    return _save(record)


def _save(record: ArticleRecord) -> str:
    saved = repository().save(record)
    logger.info(
        "stored" if saved else "not stored: a record from the same or a newer event exists",
        extra={
            "article_id": record.article_id,
            "status": record.status,
            "error_code": record.error.code if record.error else None,
            "language": record.analysis.language,
            "duplicate_of": record.duplicate_of,
        },
    )
    return record.status if saved else "stale"
