"""Logs carry keys and codes, never article text, object bodies or personal data.

A full run (the sample events, then some hostile inputs) is made with the service logger at DEBUG.
Everything that could reach CloudWatch is captured three ways: the JSON lines the Powertools handler
writes, whatever is printed to stdout/stderr (metrics), and every log record of any logger (caplog).
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from article_core.observability import logger
from local.samples import ALL_OBJECTS
from tests.conftest import load_event
from tests.hostile import Case, cases, run_case
from tests.stack import Stack

HOSTILE = (
    "malformed_json",
    "json_wrong_types",
    "html_scripts_and_styles_only",
    "png",
    "truncated_gzip",
    "key_unicode",
    "overwritten_before_read",
    "bidi_override_flood",
    "version_deleted",
)


@pytest.fixture
def service_log() -> Iterator[io.StringIO]:
    """The exact JSON lines the service logger emits, at its most verbose level."""
    buffer = io.StringIO()
    handler: Any = logger.registered_handler
    previous_stream, previous_level = handler.stream, logger.log_level
    handler.setStream(buffer)
    logger.setLevel("DEBUG")
    try:
        yield buffer
    finally:
        handler.setStream(previous_stream)
        logger.setLevel(previous_level)


def _fragments(text: str) -> set[str]:
    """Word-aligned 30-character windows of every line: any one of them in a log is leaked text."""
    found = set()
    for line in text.splitlines():
        words = line.split()
        for i in range(0, len(words), 3):
            window = " ".join(words[i : i + 8])
            if len(window) >= 30:
                found.add(window[:30])
    return found


def _sensitive(records: list[Any], bodies: list[bytes]) -> set[str]:
    """What must never be logged: the inputs' text, and the names, quotes, titles and summaries found in them."""
    secrets: set[str] = set()
    for body in bodies:
        secrets |= _fragments(body.decode("utf-8", errors="ignore"))
    for record in records:
        secrets |= _fragments(record.text.cleaned or "")
        analysis = record.analysis
        secrets |= {e.text for e in analysis.entities if e.type == "PER" and " " in e.text}
        secrets |= {q.text[:40] for q in analysis.quotes if len(q.text) >= 20}
        secrets |= {s[:40] for s in analysis.summary if len(s) >= 20}
        if record.document.title and len(record.document.title) >= 20:
            secrets.add(record.document.title)
    return {s for s in secrets if s.strip()}


@dataclass
class Run:
    logs: str  # everything captured, as one text
    service_lines: str  # the service logger's JSON lines alone
    records: list[Any]
    keys: list[str]
    bodies: list[bytes]

    def leaked(self) -> list[str]:
        secrets = _sensitive(self.records, self.bodies)
        assert len(secrets) > 50  # the check has teeth
        return sorted(s for s in secrets if s in self.logs or _json_escaped(s) in self.logs)


def _full_run(aws: Any, handler: Any, context: Any, service_log: io.StringIO, capsys: Any, caplog: Any) -> Run:
    """Given the sample objects and a few hostile inputs, When all their events are handled: what was logged."""
    from article_core.storage import record_from_item

    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger=logger.name)
    for obj in ALL_OBJECTS:
        aws.s3.put_object(Bucket=aws.names.input_bucket, Key=obj.key, Body=obj.body)
    hostile: list[Case] = [c for c in cases() if c.name in HOSTILE]
    handler(load_event("s3-put-multi.json"), context)
    stack = Stack(aws.names, aws.s3, aws.dynamodb, aws.sqs, handler, context)
    for index, case in enumerate(hostile):
        assert run_case(stack, case, index).raised is None
    printed = capsys.readouterr()
    logs = "\n".join(
        [
            service_log.getvalue(),
            printed.out,
            printed.err,
            *(logging.Formatter("%(name)s %(message)s").format(r) + " " + repr(r.__dict__) for r in caplog.records),
        ]
    )
    return Run(
        logs=logs,
        service_lines=service_log.getvalue(),
        records=[record_from_item(item) for item in aws.items()],
        keys=[obj.key for obj in ALL_OBJECTS] + [c.key for c in hostile],
        bodies=[obj.body for obj in ALL_OBJECTS] + [c.body for c in hostile],
    )


def test_a_full_run_logs_keys_and_codes_but_no_text(
    aws: Any, handler: Any, context: Any, service_log: io.StringIO, capsys: Any, caplog: Any
) -> None:
    # Given the samples and some hostile inputs, When their events are handled
    run = _full_run(aws, handler, context, service_log, capsys, caplog)
    # Then the logs name every object and every error code
    assert run.service_lines, "the service logger wrote nothing"
    assert [k for k in run.keys if k not in run.logs and _json_escaped(k) not in run.logs] == []
    codes = {r.error.code for r in run.records if r.error}
    assert codes
    assert [c for c in codes if f'"error_code":"{c}"' not in run.service_lines] == []
    # and no article text, object body, name, quote, title or summary appears in them
    assert run.leaked() == []


def test_the_check_catches_a_handler_that_logs_article_text(
    aws: Any, handler: Any, context: Any, service_log: io.StringIO, capsys: Any, caplog: Any, monkeypatch: Any
) -> None:
    # Given a handler that (wrongly) logs the start of each cleaned text
    import app

    real_save = app._save

    def leaky_save(record: Any) -> str:
        logger.debug("saving", extra={"preview": (record.text.cleaned or "")[:200]})
        return str(real_save(record))

    monkeypatch.setattr(app, "_save", leaky_save)
    # When the same run is made, Then the leak is found
    assert _full_run(aws, handler, context, service_log, capsys, caplog).leaked() != []


def _json_escaped(text: str) -> str:
    """How a string looks inside a JSON log line written with ensure_ascii (non-ASCII as \\uXXXX)."""
    return json.dumps(text)[1:-1]
