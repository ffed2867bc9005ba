"""process(raw, ref) -> ArticleRecord: decode -> clean -> analyze. Pure: no AWS, no environment.

Bad input never raises: it becomes a `rejected` record. A bug on one input becomes an `internal_error`
record in production (retrying would not help), and is raised under `strict=True`, which the tests use
so that a catch-all can never make a broken pipeline look correct.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import TypeVar

from . import clock
from .analyze import analyze
from .budget import (
    ANALYSIS_SECONDS_PER_MCHAR,
    CLEAN_SECONDS_PER_MCHAR,
    EXTRACTOR_SECONDS_PER_MCHAR,
    MIN_ANALYSIS_CHARS,
    MIN_CLEAN_CHARS,
    Budget,
)
from .clean import Cleaned, clean
from .clean.kind import rejection
from .decode import decode
from .errors import Rejected
from .models import (
    Analysis,
    ArticleRecord,
    DatesReference,
    Document,
    ErrorCode,
    ObjectRef,
    Quote,
    Removed,
    SkipKey,
    Text,
    build_validators,
)
from .records import rejected
from .sanitize import clean_text, drop_raw_elements, drop_templates, has_letters, sanitize_model
from .settings import Limits

# Bounds on the lists a record carries, so that one hostile file cannot outgrow a DynamoDB item
# (the cleaned text itself moves to S3 when large). Real articles stay far below them.
MAX_REMOVED = 100
MAX_REMOVED_CHARS = 300
MAX_ENTITIES = 200
MAX_VARIANTS = 10
MAX_QUOTES = 100
MAX_QUOTE_CHARS = 1_000
MAX_DATES = 100
MAX_SUMMARY_CHARS = 2_000
MAX_FIELD_CHARS = 1_000  # title, byline, publisher, each author and agency: a 1 MB <title> is no title
MAX_NAMES = 50  # authors, agencies


def process(
    raw: bytes,
    ref: ObjectRef,
    *,
    limits: Limits | None = None,
    now: datetime | None = None,
    strict: bool = False,
) -> ArticleRecord:
    build_validators()  # once per process, children first: cheaper than on each model's first use
    now = now or datetime.now(UTC)
    reference_time = clock.reference(ref.event_time, now)
    try:
        return _process(raw, ref, limits or Limits(), reference_time, now)
    except Rejected as exc:
        return rejected(ref, exc.code, exc.message, now=now)
    except RecursionError:
        return rejected(ref, ErrorCode.TOO_COMPLEX, "The file is nested too deeply to process.", now=now)
    except Exception as exc:  # a bug on this input: record it rather than retry it forever
        if strict:
            raise
        return rejected(
            ref,
            ErrorCode.INTERNAL_ERROR,
            f"The pipeline failed on this file ({type(exc).__name__}); please report it.",
            now=now,
        )


def _process(raw: bytes, ref: ObjectRef, limits: Limits, reference_time: datetime, now: datetime) -> ArticleRecord:
    budget = Budget.of(limits)
    skipped: dict[SkipKey, str] = {}  # what the limits and the time budget left out, for the record
    decoded = decode(raw, name=ref.key, limits=limits)
    if decoded.format != "json":  # JSON bodies are sanitised once parsed (a dropped span could break the JSON)
        affordable = budget.chars_affordable(CLEAN_SECONDS_PER_MCHAR)
        clean_limit = min(limits.max_clean_chars, max(MIN_CLEAN_CHARS, affordable))
        text = _within_clean_limit(decoded.text, clean_limit, skipped)
        text = drop_raw_elements(text) if decoded.format != "html" else drop_templates(text)
        decoded = dataclasses.replace(decoded, text=text)
    extractor = decoded.format == "html" and _extractor_fits(len(decoded.text), limits, budget, skipped)
    cleaned = sanitized(clean(decoded, reference_time=reference_time, extractor=extractor))
    problem = rejection(cleaned.document.kind, cleaned.paragraphs)
    if problem is not None:
        raise Rejected(problem.code, problem.message)
    if not has_letters(cleaned.paragraphs):
        raise Rejected(
            ErrorCode.NO_CONTENT, "The text holds no letters (only punctuation, symbols or blank characters)."
        )
    basis: DatesReference = "event_time" if reference_time == ref.event_time else "processing_time"
    analysis = _analyze_within_budget(cleaned, (reference_time, basis), limits, budget, skipped)
    return ArticleRecord(
        article_id=ref.article_id,
        status="processed",
        processed_at=now,
        source=ref,
        document=cleaned.document,
        text=Text(
            cleaned="\n\n".join(cleaned.paragraphs),
            paragraphs=len(cleaned.paragraphs),
            removed=[_clip(r, MAX_REMOVED_CHARS) for r in cleaned.removed[:MAX_REMOVED]],
        ),
        analysis=_bounded(analysis),
    )


def _within_clean_limit(text: str, limit: int, skipped: dict[SkipKey, str]) -> str:
    """The first `limit` characters, cut at a line break: cleaning is linear, but no article is this long."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", limit // 2, limit)
    cut = cut if cut > 0 else limit
    skipped["text_beyond_limit"] = f"only the first {cut:,} of {len(text):,} characters were cleaned"
    return text[:cut]


def _extractor_fits(chars: int, limits: Limits, budget: Budget, skipped: dict[SkipKey, str]) -> bool:
    if chars > limits.max_extractor_chars:
        skipped["extractor"] = f"the page has more than {limits.max_extractor_chars:,} characters: text fallback used"
        return False
    if not budget.affords(EXTRACTOR_SECONDS_PER_MCHAR * chars / 1e6):
        skipped["extractor"] = "not enough time left in the invocation: text fallback used"
        return False
    return True


def _analyze_within_budget(
    cleaned: Cleaned,
    reference: tuple[datetime, DatesReference],
    limits: Limits,
    budget: Budget,
    skipped: dict[SkipKey, str],
) -> Analysis:
    """Analysis on as much of the text as the time left allows (at most `max_analysis_chars`)."""
    chars = sum(len(p) + 2 for p in cleaned.paragraphs)
    affordable = budget.chars_affordable(ANALYSIS_SECONDS_PER_MCHAR)
    if affordable < min(chars, limits.max_analysis_chars):
        if affordable < MIN_ANALYSIS_CHARS:
            analysis = Analysis()
            skipped["analysis"] = "not enough time left in the invocation"
            analysis.skipped.update(skipped)
            return analysis
        limits = limits.model_copy(update={"max_analysis_chars": affordable})
        skipped["time_budget"] = f"analysis limited to {affordable:,} characters by the time left"
    reference_time, basis = reference
    analysis = analyze(
        cleaned.paragraphs, cleaned.document, reference_time=reference_time, reference_basis=basis, limits=limits
    )
    analysis.skipped.update(skipped)
    return analysis


def sanitized(cleaned: Cleaned) -> Cleaned:
    """The one place where text enters a record: every field through the one sanitiser, whatever the format."""
    # A <script> opened in one paragraph and closed in a later one is dropped whole, the lines between included.
    joined = drop_raw_elements("\n\n".join(cleaned.paragraphs))
    paragraphs = [text for p in joined.split("\n\n") if (text := clean_text(p))]
    sanitize_model(cleaned.document)
    _bound_document(cleaned.document)
    removed = []
    for item in cleaned.removed:
        sanitize_model(item)
        if item.text:
            removed.append(item)
    return Cleaned(paragraphs=paragraphs, removed=removed, document=cleaned.document)


def _bound_document(document: Document) -> None:
    for name in ("title", "byline", "publisher"):
        value = getattr(document, name)
        if value is not None and len(value) > MAX_FIELD_CHARS:
            setattr(document, name, value[:MAX_FIELD_CHARS] + "…")
    # Assigned only when cut: each assignment is validated again (validate_assignment).
    authors = [a[:MAX_FIELD_CHARS] for a in document.authors[:MAX_NAMES]]
    if authors != document.authors:
        document.authors = authors
    agencies = [a[:MAX_FIELD_CHARS] for a in document.agencies[:MAX_NAMES]]
    if agencies != document.agencies:
        document.agencies = agencies


def _bounded(analysis: Analysis) -> Analysis:
    """Cap list lengths and quote sizes; the record says when something was left out."""
    cut: dict[SkipKey, bool] = {
        "entities_beyond_limit": len(analysis.entities) > MAX_ENTITIES,
        "quotes_beyond_limit": len(analysis.quotes) > MAX_QUOTES,
        "dates_beyond_limit": len(analysis.dates) > MAX_DATES,
    }
    # Lists are assigned only when something was cut: each assignment validates the whole list again.
    if cut["entities_beyond_limit"] or any(len(e.variants) > MAX_VARIANTS for e in analysis.entities):
        analysis.entities = [
            e if len(e.variants) <= MAX_VARIANTS else e.model_copy(update={"variants": e.variants[:MAX_VARIANTS]})
            for e in analysis.entities[:MAX_ENTITIES]
        ]
    if cut["quotes_beyond_limit"] or any(len(q.text) > MAX_QUOTE_CHARS for q in analysis.quotes):
        analysis.quotes = [_clip(q, MAX_QUOTE_CHARS) for q in analysis.quotes[:MAX_QUOTES]]
    if cut["dates_beyond_limit"]:
        analysis.dates = analysis.dates[:MAX_DATES]
    if sum(len(s) for s in analysis.summary) > MAX_SUMMARY_CHARS:
        analysis.summary = []  # a summary is never cut mid-sentence: none beats a wall of text
        analysis.skipped["summary"] = f"its sentences are longer than {MAX_SUMMARY_CHARS} characters"
    for key, was_cut in cut.items():
        if was_cut:
            analysis.skipped[key] = "the list was cut to its first entries"
    return analysis


_Clipped = TypeVar("_Clipped", Removed, Quote)


def _clip(item: _Clipped, limit: int) -> _Clipped:
    return item if len(item.text) <= limit else item.model_copy(update={"text": item.text[:limit] + "…"})
