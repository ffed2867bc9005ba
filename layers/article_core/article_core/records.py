"""Records built outside the happy path: the `rejected` record, shared by the pipeline, the handler
and storage (which turns a record too large for one item into one). It sits just above `models`
so that everything that needs it imports downward.
"""

from __future__ import annotations

from datetime import UTC, datetime

from .models import ArticleRecord, Document, ErrorCode, ErrorInfo, ObjectRef


def rejected(
    ref: ObjectRef, code: ErrorCode, message: str, *, now: datetime | None = None, document: Document | None = None
) -> ArticleRecord:
    """The record of a file that can never yield an article: its source, a code and a human message."""
    return ArticleRecord(
        article_id=ref.article_id,
        status="rejected",
        processed_at=now or datetime.now(UTC),
        source=ref,
        document=document or Document(kind="unknown"),
        error=ErrorInfo(code=code, message=message),
    )
