"""Analysis: cleaned paragraphs and document metadata in, `Analysis` out. Pure.

Language-independent steps (statistics, LIX, summary, fingerprints) always run; steps that need
French or English resources are skipped for other languages and the record says why.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from itertools import chain

from ..models import Analysis, DateMention, DatesReference, Document, LanguageStep
from ..settings import Limits
from .dates import extract_dates
from .entities import extract_entities
from .fingerprint import fingerprint
from .keywords import SUPPORTED as KEYWORD_LANGUAGES
from .keywords import extract_keywords
from .language import UNDETERMINED, detect_language
from .quotes import extract_quotes
from .readability import readability
from .sentences import split_sentences
from .stats import compute_stats
from .summary import lowered_spans, summarise
from .tokens import words

# Steps that need language resources (stop words, gazetteers, cue phrases) and the languages they have.
LANGUAGE_STEPS: dict[LanguageStep, frozenset[str]] = {
    "keywords": KEYWORD_LANGUAGES,
    "entities": frozenset({"fr", "en"}),
    "quotes": frozenset({"fr", "en"}),
    "dates": frozenset({"fr", "en"}),
}


def analyze(
    paragraphs: list[str],
    document: Document,
    *,
    reference_time: datetime | None = None,
    reference_basis: DatesReference = "event_time",
    limits: Limits | None = None,
) -> Analysis:
    """`reference_time` is what dates fall back on when the document has no publication time;
    `reference_basis` says what it is (the S3 event time, or the processing time when there is none)."""
    limits = limits or Limits()
    full_text = "\n\n".join(paragraphs)
    analysis = Analysis()
    text = full_text
    if len(text) > limits.max_analysis_chars:
        analysis.skipped["truncated"] = f"analysis ran on the first {limits.max_analysis_chars} characters"
        text = text[: limits.max_analysis_chars]
    spans = split_sentences(text)
    # The words of each sentence, and so of the text: no word crosses the white space between two sentences
    # (tests/unit/analyze/test_analyze_steps.py compares with `words(text)`), and the summary reuses them.
    span_words = [words(text[start:end]) for start, end in spans]
    tokens = list(chain.from_iterable(span_words))
    # Lowercased once each: the text (dates, fingerprint) and its words joined by spaces (fingerprint, summary).
    lowered = text.lower()
    joined = " ".join(tokens)
    joined_lowered = joined.lower()
    # Exact duplicates are judged on the whole text, near ones on what the analysis reads (its words reused).
    whole = text is full_text
    analysis.fingerprint = fingerprint(
        full_text,
        near_chars=limits.max_analysis_chars,
        text_words=tokens if whole else None,
        lowered=lowered if whole else None,
        words_lowered=joined_lowered if whole else None,
    )

    word_counts = Counter(tokens)  # counted once: the language model's letter runs and readability's words
    guess = detect_language(text, tokens, word_counts)
    analysis.language, analysis.language_confidence = guess.language, guess.confidence
    analysis.stats = compute_stats(
        text, paragraphs=len(paragraphs), sentences=len(spans), language=guess.language, word_count=len(tokens)
    )
    analysis.readability = readability(tokens, len(spans), guess.language, word_counts)

    runnable = {step for step, languages in LANGUAGE_STEPS.items() if guess.language in languages}
    for step in sorted(set(LANGUAGE_STEPS) - runnable):
        analysis.skipped[step] = _skip_reason(guess.language)
    if "keywords" in runnable:
        analysis.keywords = extract_keywords(text, guess.language, title=document.title)
    if "entities" in runnable:
        analysis.entities = extract_entities(text, guess.language)
    if "quotes" in runnable:
        analysis.quotes = extract_quotes(text, guess.language, analysis.entities)
    if "dates" in runnable:
        # "hier" and "16 mai" are relative to when the article was written, when we know it.
        published = document.published_instant()
        if published is not None:
            analysis.dates_reference, analysis.dates_reference_time = "published_at", published
        elif reference_time is not None:
            analysis.dates_reference, analysis.dates_reference_time = reference_basis, reference_time
        analysis.dates = _first_mentions(extract_dates(text, guess.language, analysis.dates_reference_time, lowered))
    analysis.summary = summarise(
        text,
        spans,
        [(k.text, k.score) for k in analysis.keywords],
        span_words=span_words,
        span_lowered=lowered_spans(span_words, joined, joined_lowered),
    )
    return analysis


def _first_mentions(dates: list[DateMention]) -> list[DateMention]:
    """One entry per distinct date expression and value: "mercredi" four times is one date."""
    seen: set[tuple[str, str | None]] = set()
    unique = []
    for date in dates:
        key = (date.text.casefold(), date.value)
        if key not in seen:
            seen.add(key)
            unique.append(date)
    return unique


def _skip_reason(language: str) -> str:
    if language == UNDETERMINED:
        return "language not determined"
    return f"language '{language}' not supported"
