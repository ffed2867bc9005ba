"""The hostile corpus (tests/hostile.py) through the handler against moto: one clear outcome per bad input.

The whole corpus runs once per module; each case is then its own test, so a failure names the input.
Times and traced peak memory are measured, never asserted on time; they go to out/hostile-report.txt
(`python -m tests.hostile` prints the same report on its own).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from article_core.models import ObjectRef
from local.template_resources import ResourceNames, load_template
from tests.hostile import MiB, Outcome, cases, run_case, write_report
from tests.stack import moto_stack

INPUT_BUCKET = ResourceNames().input_bucket
CASE_NAMES = [case.name for case in cases()]
# The function's memory size in the template: a case whose traced peak passes it would be killed in Lambda.
MEMORY_LIMIT = int(load_template()["Parameters"]["FunctionMemorySize"]["Default"]) * MiB


@dataclass
class CorpusRun:
    outcomes: dict[str, Outcome]
    item_ids: list[str]  # article_id of every item in the table after the run


@pytest.fixture(scope="module")
def run() -> Iterator[CorpusRun]:
    """Given every case staged in one moto stack (distinct keys) and its event handled once."""
    with moto_stack() as stack:
        results = {case.name: run_case(stack, case, index) for index, case in enumerate(cases())}
        print("\n" + write_report(list(results.values())))
        ids: list[str] = []
        page: dict[str, Any] = {"LastEvaluatedKey": None}
        while "LastEvaluatedKey" in page:
            start = {"ExclusiveStartKey": page["LastEvaluatedKey"]} if page["LastEvaluatedKey"] else {}
            page = stack.table.scan(ProjectionExpression="article_id", **start)
            ids += [item["article_id"] for item in page["Items"]]
        yield CorpusRun(results, ids)


@pytest.fixture
def outcomes(run: CorpusRun) -> dict[str, Outcome]:
    return run.outcomes


def _readable(message: str) -> bool:
    """A sentence a person can act on: capitalised, ends with a full stop, one line, no debris of code."""
    return (
        15 <= len(message) <= 400
        and message[0].isupper()
        and message.rstrip(")").endswith(".")
        and "\n" not in message
        and not re.search(r"Traceback|object at 0x|\\x[0-9a-f]{2}|b'", message)
    )


def test_the_corpus_covers_at_least_forty_hostile_inputs() -> None:
    # Given the generated corpus, Then it is large and every case has its own key
    all_cases = cases()
    assert len(all_cases) >= 40
    assert len({c.key for c in all_cases}) == len(all_cases)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_hostile_input_ends_in_one_clear_record(outcomes: dict[str, Outcome], name: str) -> None:
    # When the handler received the case's event (in the fixture)
    outcome = outcomes[name]
    case = outcome.case
    # Then nothing escaped the handler and the invocation accounted for exactly one record
    assert outcome.raised is None, outcome.raised
    assert outcome.result is not None
    assert outcome.result["processed"] + outcome.result["rejected"] == 1, outcome.result
    # and the stored record, under the exact (decoded once) key, has the expected outcome
    record = outcome.record
    assert record is not None
    assert record.source.key == case.key
    assert outcome.seen != "internal_error", record.error
    assert outcome.seen in case.accepted, (outcome.seen, record.error)
    if record.status == "rejected":
        assert _readable(record.error.message), record.error.message
    else:
        text = outcome.cleaned or ""
        for fragment in case.contains:
            assert fragment in text, fragment
        for fragment in case.absent:
            assert fragment not in text, repr(fragment)
    # and the call stayed within the function's memory
    assert outcome.peak_bytes < MEMORY_LIMIT, f"{outcome.peak_bytes / MiB:.0f} MiB"


def test_each_case_left_exactly_one_record_and_nothing_else(run: CorpusRun) -> None:
    # Given the corpus run, Then the table holds one item per case, and each is the case's own
    expected = sorted(ObjectRef(bucket=INPUT_BUCKET, key=o.case.key).article_id for o in run.outcomes.values())
    assert sorted(run.item_ids) == expected


def test_no_input_is_an_internal_error(outcomes: dict[str, Outcome]) -> None:
    # Given the corpus run, Then no record says the pipeline hit a bug
    assert [n for n, o in outcomes.items() if o.seen == "internal_error"] == []
