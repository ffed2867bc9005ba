"""Analysis: cleaned paragraphs and document metadata in, `Analysis` out. Pure."""

from __future__ import annotations

from datetime import datetime

from ..models import Analysis, Document
from ..settings import Limits
from .stats import compute_stats


def analyze(
    paragraphs: list[str],
    document: Document,
    *,
    reference_time: datetime | None = None,
    limits: Limits | None = None,
) -> Analysis:
    limits = limits or Limits()
    text = "\n\n".join(paragraphs)
    analysis = Analysis()
    if len(text) > limits.max_analysis_chars:
        analysis.skipped["truncated"] = f"analysis ran on the first {limits.max_analysis_chars} characters"
        text = text[: limits.max_analysis_chars]
    analysis.stats = compute_stats(text, paragraphs=len(paragraphs))
    return analysis
