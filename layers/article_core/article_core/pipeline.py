"""process(raw, ref) -> ArticleRecord: decode -> clean -> analyze. Pure: no AWS, no environment.

Bad input never raises: it becomes a `rejected` record. Only bugs propagate.
"""

from __future__ import annotations

from datetime import UTC, datetime

from .analyze import analyze
from .clean import clean
from .clean.kind import rejection
from .decode import decode
from .errors import Rejected
from .models import ArticleRecord, Document, ErrorInfo, ObjectRef, Removed, Text
from .settings import Limits

# Bounds on what a record carries about removed pieces, so one file cannot bloat an item.
MAX_REMOVED = 100
MAX_REMOVED_CHARS = 300


def process(
    raw: bytes,
    ref: ObjectRef,
    *,
    limits: Limits | None = None,
    now: datetime | None = None,
) -> ArticleRecord:
    now = now or datetime.now(UTC)
    reference_time = ref.event_time or now
    try:
        return _process(raw, ref, limits or Limits(), reference_time, now)
    except Rejected as exc:
        return rejected(ref, exc.code, exc.message, now=now)
    except RecursionError:
        return rejected(ref, "too_complex", "The file is nested too deeply to process.", now=now)
    except Exception as exc:  # a bug on this input: record it rather than retry it forever
        return rejected(
            ref,
            "internal_error",
            f"The pipeline failed on this file ({type(exc).__name__}); please report it.",
            now=now,
        )


def rejected(
    ref: ObjectRef, code: str, message: str, *, now: datetime | None = None, document: Document | None = None
) -> ArticleRecord:
    return ArticleRecord(
        article_id=ref.article_id,
        status="rejected",
        processed_at=now or datetime.now(UTC),
        source=ref,
        document=document or Document(kind="unknown"),
        error=ErrorInfo(code=code, message=message),
    )


def _process(raw: bytes, ref: ObjectRef, limits: Limits, reference_time: datetime, now: datetime) -> ArticleRecord:
    decoded = decode(raw, name=ref.key, limits=limits)
    cleaned = clean(decoded, reference_time=reference_time)
    problem = rejection(cleaned.document.kind, cleaned.paragraphs)
    if problem is not None:
        raise problem
    analysis = analyze(cleaned.paragraphs, cleaned.document, reference_time=reference_time, limits=limits)
    return ArticleRecord(
        article_id=ref.article_id,
        status="processed",
        processed_at=now,
        source=ref,
        document=cleaned.document,
        text=Text(
            cleaned="\n\n".join(cleaned.paragraphs),
            paragraphs=len(cleaned.paragraphs),
            removed=_bounded(cleaned.removed),
        ),
        analysis=analysis,
    )


def _bounded(removed: list[Removed]) -> list[Removed]:
    return [
        r if len(r.text) <= MAX_REMOVED_CHARS else r.model_copy(update={"text": r.text[:MAX_REMOVED_CHARS] + "…"})
        for r in removed[:MAX_REMOVED]
    ]
