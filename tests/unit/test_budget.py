"""The time budget: the pipeline takes the cheaper path the time left allows, and the record says so."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any, cast

from article_core.budget import RESERVE_SECONDS, Budget
from article_core.models import ArticleRecord, ObjectRef
from article_core.pipeline import process
from article_core.settings import Limits, Settings
from tests.hostile import article_text

NOW = datetime(2025, 5, 29, 12, 0, tzinfo=UTC)
PAGE = (
    "<html><head><title>Le plan</title></head><body><article>"
    + "".join(f"<p>{p}</p>" for p in article_text(3, "fr", paragraphs=12).split("\n\n"))
    + "</article></body></html>"
).encode()
REF = ObjectRef(bucket="b", key="incoming/page.html")


def _run(limits: Limits, raw: bytes = PAGE, ref: ObjectRef = REF) -> ArticleRecord:
    return process(raw, ref, limits=limits, now=NOW, strict=True)


def test_with_time_to_spare_the_extractor_and_the_full_analysis_run() -> None:
    record = _run(Limits(deadline=time.monotonic() + 600))
    assert record.status == "processed"
    assert record.document.field_sources["body"] == "trafilatura"
    assert not {"extractor", "time_budget", "analysis"} & set(record.analysis.skipped)


def test_without_time_left_a_record_still_comes_back_saying_what_was_skipped() -> None:
    # Given an invocation whose deadline is already inside the storage reserve
    limits = Limits(deadline=time.monotonic() + RESERVE_SECONDS / 2)
    # When the page is processed
    record = _run(limits)
    # Then it is processed through the linear fallback, without analysis, and the record names both
    assert record.status == "processed" and record.text.cleaned
    assert record.document.field_sources["body"] == "text_fallback:budget"
    assert "not enough time" in record.analysis.skipped["extractor"]
    assert "not enough time" in record.analysis.skipped["analysis"]


def test_a_page_above_the_extractor_limit_uses_the_text_fallback() -> None:
    record = _run(Limits(max_extractor_chars=1_000))
    assert record.document.field_sources["body"] == "text_fallback:budget"
    assert "more than 1,000 characters" in record.analysis.skipped["extractor"]


def test_text_beyond_the_clean_limit_is_cut_at_a_line_break_and_said() -> None:
    text = article_text(4, "en", paragraphs=40).encode()
    record = _run(Limits(max_clean_chars=5_000), text, ObjectRef(bucket="b", key="incoming/a.txt"))
    assert record.status == "processed"
    assert record.text.cleaned is not None and len(record.text.cleaned) <= 5_000
    assert "only the first" in record.analysis.skipped["text_beyond_limit"]


def test_a_smaller_cpu_share_affords_less() -> None:
    deadline = time.monotonic() + RESERVE_SECONDS + 10
    full, lambda_512 = Budget(deadline, 1.0), Budget(deadline, 512 / 1769)
    assert full.chars_affordable(10.0) > 3 * lambda_512.chars_affordable(10.0)
    assert full.affords(5.0) and not lambda_512.affords(5.0)


def test_the_cpu_share_comes_from_the_function_memory() -> None:
    assert abs(Settings.from_env({"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512"}).limits.cpu_share - 512 / 1769) < 1e-9
    assert Settings.from_env({"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "3008"}).limits.cpu_share == 1.0
    assert Settings.from_env({}).limits.cpu_share == 1.0


def test_the_handler_turns_the_remaining_time_into_a_deadline() -> None:
    import app

    class Context:
        @staticmethod
        def get_remaining_time_in_millis() -> int:
            return 30_000

    limits = app.invocation_limits(cast(Any, Context()))
    assert limits.deadline is not None and 29 < limits.deadline - time.monotonic() <= 30
