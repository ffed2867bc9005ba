"""The schema: the stored record, the CLI output and the pipeline's parts are these classes.

Field names are part of the product (users query them); change them only together with
`SCHEMA_VERSION`.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import cache
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

SCHEMA_VERSION = 2  # 2: published_at may be a date; dates_reference(_time); ErrorCode and closed literals
PIPELINE_VERSION = "0.2.0"

Status = Literal["processed", "rejected"]
Basis = Literal["metadata", "text", "relative", "url", "none"]  # url: only the day the URL names
DocumentFormat = Literal["text", "html", "markdown", "json"]
# unknown: the file was rejected before a cleaner could say (see clean/kind.py for the others).
DocumentKind = Literal["article", "listing", "consent_wall", "paywall", "error", "unknown"]
EntityType = Literal["PER", "LOC", "ORG", "MISC"]
# Why the cleaner threw a piece away: the cleaners' own rules, `_BLOCK_REASONS`/`_TAG_REASONS` in
# clean/html.py and the first column of data/boilerplate_phrases.txt (all documented in the README).
# The keys of `Analysis.skipped`. Not run: a language-dependent step ("keywords", "entities", "quotes",
# "dates") for an unsupported language, "analysis" (no time left), "summary" (sentences too long).
# Degraded: "extractor" (HTML read by the text fallback), "text_beyond_limit" (only the start cleaned),
# "truncated" / "time_budget" (analysis on a prefix), "<list>_beyond_limit" (a list cut to its first entries).
LanguageStep = Literal["keywords", "entities", "quotes", "dates"]
SkipKey = Literal[
    LanguageStep,
    "analysis",
    "summary",
    "extractor",
    "text_beyond_limit",
    "truncated",
    "time_budget",
    "entities_beyond_limit",
    "quotes_beyond_limit",
    "dates_beyond_limit",
]
RemovalReason = Literal[
    "advertisement",
    "author_bio",
    "byline",
    "caption",
    "comment",
    "comments",
    "contact_prompt",
    "cookie_notice",
    "credits",
    "dateline",
    "embed",
    "footer",
    "form",
    "front_matter",
    "image",
    "link_definition",
    "markup",
    "navigation",
    "newsletter_prompt",
    "paywall",
    "popup",
    "reading_time",
    "related_links",
    "share_prompt",
    "title",
]


class ErrorCode(StrEnum):
    """Why a file got a `rejected` record: a closed set, each one documented in the README."""

    EMPTY = "empty"
    BINARY = "binary"
    TOO_LARGE = "too_large"
    CORRUPT_GZIP = "corrupt_gzip"
    DECOMPRESSION_BOMB = "decompression_bomb"
    UNDECODABLE = "undecodable"
    MALFORMED_JSON = "malformed_json"
    UNSUPPORTED_JSON = "unsupported_json"
    NO_CONTENT = "no_content"
    NOT_AN_ARTICLE = "not_an_article"
    NOT_A_FILE = "not_a_file"
    OBJECT_GONE = "object_gone"
    TOO_COMPLEX = "too_complex"
    RECORD_TOO_LARGE = "record_too_large"
    INTERNAL_ERROR = "internal_error"


class _Model(BaseModel):
    # defer_build: a model builds its validator on first use, not at import (cold start: see benchmarks/speed).
    # validate_assignment: the pipeline and storage change records by assignment; the schema holds then too.
    model_config = ConfigDict(extra="forbid", defer_build=True, validate_assignment=True)


class ObjectRef(_Model):
    """Which S3 object (and which version of it) a record describes."""

    bucket: str
    key: str
    version_id: str | None = None
    etag: str | None = None
    size: int | None = None
    event_time: datetime | None = None
    sequencer: str | None = None

    @property
    def article_id(self) -> str:
        """Stable id of the object (not of its content): one record per bucket + key."""
        return hashlib.sha256(f"{self.bucket}/{self.key}".encode()).hexdigest()[:32]


class Removed(_Model):
    """One piece the cleaner threw away, and why (advertisement, navigation, ...)."""

    text: str
    reason: RemovalReason


def _utc_or_day(value: object) -> object:
    """A publication time in one form: an aware datetime in UTC (serialised with `Z`), or, when the
    source gave no zone, only its date ("2019-11-19"): an invented midnight UTC would be a lie."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError:
            return value
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.date()
    return value


# Aware UTC datetime, or a date when the source's time had no zone (see README, "The record").
PublishedTime = Annotated[datetime | date | None, BeforeValidator(_utc_or_day)]


class Document(_Model):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)  # times normalised when set, too

    format: DocumentFormat = "text"
    encoding: str | None = None
    kind: DocumentKind = "article"
    title: str | None = None
    byline: str | None = None
    authors: list[str] = Field(default_factory=list)
    publisher: str | None = None
    agencies: list[str] = Field(default_factory=list)
    published_at: PublishedTime = None
    modified_at: PublishedTime = None
    published_at_basis: Basis = "none"
    field_sources: dict[str, str] = Field(default_factory=dict)

    def published_instant(self) -> datetime | None:
        """`published_at` as an aware datetime, for resolving dates in the text: a date-only value
        becomes noon UTC of that day (the instant least likely to move it to another day anywhere)."""
        value = self.published_at
        if value is None or isinstance(value, datetime):
            return value
        return datetime(value.year, value.month, value.day, 12, tzinfo=UTC)


class Text(_Model):
    cleaned: str | None = None
    # Set instead of `cleaned` when the text is too large for one DynamoDB item.
    cleaned_uri: str | None = None
    paragraphs: int = 0
    removed: list[Removed] = Field(default_factory=list)


class Stats(_Model):
    characters: int = 0
    words: int = 0
    sentences: int = 0
    paragraphs: int = 0
    mean_sentence_words: float = 0.0
    reading_time_seconds: int = 0


class Readability(_Model):
    flesch: float | None = None  # Flesch reading ease (English formula)
    kandel_moles: float | None = None  # French adaptation of Flesch
    lix: float | None = None  # language independent


class Keyword(_Model):
    text: str
    score: float


class Entity(_Model):
    text: str  # canonical form
    type: EntityType
    count: int = 1
    start: int = 0  # offset of the first mention in text.cleaned
    variants: list[str] = Field(default_factory=list)


class Quote(_Model):
    text: str
    speaker: str | None = None
    start: int = 0
    kind: Literal["statement", "term"] = "statement"


class DateMention(_Model):
    text: str
    value: str | None = None  # ISO date (or partial ISO: "2022", "2022-05") when resolvable
    start: int = 0


# What relative and partial dates ("mardi", "16 mai") were resolved against: the article's publication
# time when known, else the S3 event time, else the time of processing.
DatesReference = Literal["published_at", "event_time", "processing_time"]


class Fingerprint(_Model):
    sha256: str
    simhash: str  # 64-bit, 16 hex digits


class Analysis(_Model):
    language: str = "und"
    language_confidence: float = 0.0
    stats: Stats = Field(default_factory=Stats)
    readability: Readability = Field(default_factory=Readability)
    keywords: list[Keyword] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    dates_reference: DatesReference | None = None  # None: no reference time, only dates with a year resolve
    dates_reference_time: datetime | None = None
    summary: list[str] = Field(default_factory=list)
    fingerprint: Fingerprint | None = None
    # What the analysis left out, with a human reason: steps not run at all ("entities": "language 'de'
    # not supported"), and steps that ran on less than everything ("truncated", "time_budget",
    # "entities_beyond_limit", ...). The name is historical (a stored field): it holds both kinds.
    skipped: dict[SkipKey, str] = Field(default_factory=dict)


class ErrorInfo(_Model):
    code: ErrorCode
    message: str


class ArticleRecord(_Model):
    article_id: str
    status: Status
    schema_version: int = SCHEMA_VERSION
    pipeline_version: str = PIPELINE_VERSION
    processed_at: datetime
    source: ObjectRef
    document: Document = Field(default_factory=Document)
    text: Text = Field(default_factory=Text)
    analysis: Analysis = Field(default_factory=Analysis)
    error: ErrorInfo | None = None
    # Another object whose cleaned text has the same SHA-256: the smallest article_id (a hash of bucket/key,
    # not a time order) among the first five the index returns (storage.find_duplicate). Not necessarily earlier.
    duplicate_of: str | None = None


# Children before parents. A parent built first (the pipeline makes an empty Analysis, then fills it) generates
# each deferred child's schema inline, and each child then builds its own again on first use: in this order
# every schema is generated once (about 3 ms less at a cold start).
_BUILD_ORDER: tuple[type[BaseModel], ...] = (
    Removed, Document, Text, Stats, Readability, Keyword, Entity, Quote, DateMention, Fingerprint, Analysis,
    ErrorInfo, ArticleRecord,
)  # fmt: skip


@cache
def build_validators() -> None:
    """Build every record model's validator, children first; once per process (the pipeline calls it)."""
    for model in _BUILD_ORDER:
        model.model_rebuild()
