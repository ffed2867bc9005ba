"""S3 ObjectCreated -> one article record per object in DynamoDB.

Thin: parse the event, apply the cheap guards, read, delegate to `article_core.pipeline`,
save through the repository. Bad input becomes a `rejected` record and the invocation
succeeds; transient AWS faults raise so Lambda retries and then uses the failure queue.
"""

# ruff: noqa: E402 (the imports follow gc.disable(): see the end of the module)
from __future__ import annotations

import gc

gc.disable()  # INIT makes only long-lived objects: collection resumes at the end of this module

from article_core.regex_cache import seed as seed_regex_cache

seed_regex_cache()  # the layer's precompiled patterns, before any import compiles one: article_core/regex_cache.py

from article_core.codegen_cache import seed as seed_codegen_cache

seed_codegen_cache()  # the layer's compiled dataclass/namedtuple/annotation texts: article_core/codegen_cache.py

from article_core.deferred_imports import defer_all

defer_all()  # stdlib modules a plain-text event never uses load on first use: article_core/deferred_imports.py

import time
from collections import Counter
from logging import INFO, WARNING
from typing import TYPE_CHECKING, Any, Literal

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.metrics.functions import is_metrics_disabled

from article_core.events import BatchResultCode, batch_response, is_batch_job, parse_batch_job, parse_s3_event
from article_core.models import ArticleRecord, ErrorCode, ObjectRef
from article_core.observability import logger, metrics, tracer
from article_core.pipeline import process
from article_core.records import rejected
from article_core.settings import Limits, Settings
from article_core.storage import ReadOutcome, Repository, transient_errors

if TYPE_CHECKING:  # the type only: the runtime passes its own context object
    from aws_lambda_powertools.utilities.typing import LambdaContext

# What became of one object: stored processed or rejected, skipped (replaced since the event), stale (a newer
# record is stored), or missing_bucket (the event names a bucket that does not exist; counted as skipped).
Outcome = Literal["processed", "rejected", "skipped", "stale", "missing_bucket"]

settings = Settings.from_env()
_repository: Repository | None = None


def repository() -> Repository:
    global _repository
    if _repository is None:
        _repository = Repository(settings)
    return _repository


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler(capture_response=False)
# Asked for only when metrics are on: Powertools prints the ColdStart line through single_metric, which
# ignores POWERTOOLS_METRICS_DISABLED (tests/integration/test_cold_start_metric.py).
@metrics.log_metrics(capture_cold_start_metric=not is_metrics_disabled())
def lambda_handler(event: Any, context: LambdaContext) -> dict[str, Any]:
    limits = invocation_limits(context)
    if is_batch_job(event):  # S3 Batch Operations: backfills and reprocessing, one result per task
        return handle_batch_job(event, limits)
    counts: Counter[str] = Counter()
    for item in parse_s3_event(event, settings.trigger_prefix):
        key = item.ref.key if item.ref else None
        if item.ref is None or item.skip_reason:
            # An event that can never succeed is logged and counted, not raised: a retry would fail the same way.
            logger.log(
                WARNING if item.malformed else INFO, "skipped", extra={"object_key": key, "reason": item.skip_reason}
            )
            counts["skipped"] += 1
            counts["malformed_events"] += item.malformed
            continue
        with logger.append_context_keys(object_key=key):  # removed again even when the object raises
            outcome = handle_object(item.ref, limits)
        if outcome == "missing_bucket":
            counts["missing_buckets"] += 1
            outcome = "skipped"
        counts[outcome] += 1
    result = {name: counts[name] for name in ("processed", "rejected", "skipped", "stale")}
    for name, count in result.items():
        if count:
            metrics.add_metric(name=f"Articles_{name}", unit=MetricUnit.Count, value=count)
    for name in ("malformed_events", "missing_buckets"):
        if counts[name]:
            metrics.add_metric(name=f"Events_{name}", unit=MetricUnit.Count, value=counts[name])
    logger.info("done", extra=result)
    return result


def handle_batch_job(event: dict[str, Any], limits: Limits) -> dict[str, Any]:
    """Bad input gets its rejected record and Succeeded; only transient AWS faults ask the job to retry."""
    results: list[tuple[str, BatchResultCode, str]] = []
    for task in parse_batch_job(event, settings.trigger_prefix):
        if task.item.ref is None or task.item.skip_reason:
            results.append((task.task_id, "PermanentFailure", task.item.skip_reason or "malformed batch task"))
            continue
        with logger.append_context_keys(object_key=task.item.ref.key):
            try:
                outcome = handle_object(task.item.ref, limits)
            except transient_errors() as exc:
                logger.warning("transient fault; the job retries the task", extra={"error": type(exc).__name__})
                results.append((task.task_id, "TemporaryFailure", type(exc).__name__))
                continue
        if outcome == "missing_bucket":
            results.append((task.task_id, "PermanentFailure", "the task names a bucket that does not exist"))
        else:
            results.append((task.task_id, "Succeeded", outcome))
    return batch_response(event, results)


def invocation_limits(context: LambdaContext) -> Limits:
    """The settings' limits plus this invocation's deadline: the pipeline degrades rather than time out."""
    remaining_ms = context.get_remaining_time_in_millis() if hasattr(context, "get_remaining_time_in_millis") else None
    if remaining_ms is None:
        return settings.limits
    return settings.limits.model_copy(update={"deadline": time.monotonic() + remaining_ms / 1000})


@tracer.capture_method(capture_response=False)
def handle_object(ref: ObjectRef, limits: Limits | None = None) -> Outcome:
    """Process one object; returns processed | rejected | skipped | stale (or missing_bucket)."""
    limits = limits or settings.limits
    if ref.key.endswith("/"):
        record = rejected(ref, ErrorCode.NOT_A_FILE, "The key is a folder marker (it ends with '/'), not a file.")
    elif ref.size is not None and ref.size > limits.max_object_bytes:
        record = rejected(
            ref, ErrorCode.TOO_LARGE, f"The file is {ref.size} bytes; the limit is {limits.max_object_bytes}."
        )
    elif ref.size == 0:
        record = rejected(ref, ErrorCode.EMPTY, "The file is empty.")
    else:
        raw = repository().read_object(ref)
        if raw is ReadOutcome.REPLACED:
            logger.info("skipped", extra={"reason": "object replaced since the event; the newer event wins"})
            return "skipped"
        if raw is ReadOutcome.NO_BUCKET:
            logger.warning("skipped", extra={"reason": "the event names a bucket that does not exist"})
            return "missing_bucket"
        if raw is ReadOutcome.GONE:
            record = rejected(ref, ErrorCode.OBJECT_GONE, "The object was deleted before it could be read.")
        elif raw is ReadOutcome.TOO_LARGE:
            record = rejected(ref, ErrorCode.TOO_LARGE, f"The file is larger than {limits.max_object_bytes} bytes.")
        else:
            assert isinstance(raw, bytes)  # noqa: S101 (narrowing for the type checker)
            record = process(raw, ref, limits=limits)
    return _save(record)


def _save(record: ArticleRecord) -> Outcome:
    """Counts, logs and metrics follow what was stored (a record too large for one item is stored rejected)."""
    stored = repository().save(record)
    shown = stored or record
    logger.info(
        "stored" if stored else "not stored: a record from the same or a newer event exists",
        extra={
            "article_id": shown.article_id,
            "status": shown.status,
            "error_code": shown.error.code if shown.error else None,
            "language": shown.analysis.language,
            "duplicate_of": shown.duplicate_of,
        },
    )
    return stored.status if stored else "stale"


# INIT (this module's imports: pydantic schemas, Powertools, the pipeline's modules) makes long-lived objects and no
# cyclic garbage, yet with the collector on they were scanned again and again (~20 collections, 15-25 ms of CPU
# per cold start; `make bench ARGS=--cold-only`). So collection is paused from the top of the module to here;
# freeze() moves what INIT made to the permanent generation, which later collections skip; and collection is back
# on before any event: input is always handled with the collector running.
gc.freeze()
gc.enable()
