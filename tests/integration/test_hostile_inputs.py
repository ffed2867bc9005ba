"""The hostile corpus (tests/hostile.py) through the handler against moto: one clear outcome per bad input,
within its time budget on Lambda's clock and within the memory target.

The whole corpus runs once per module in a fresh subprocess (`python -m tests.hostile --json`), so that the
peak RSS of each case is that of a real process (lxml's and zlib's C allocations included, which tracemalloc
misses); each case is then its own test, so a failure names the input. The report goes to
out/hostile-report.txt (`make hostile-report` runs each case in its own process instead).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from article_core.models import ObjectRef
from local.template_resources import ResourceNames
from tests.hostile import MAX_PEAK_RSS, ROOT, MiB, Outcome, cases, outcomes_from_json, write_report

INPUT_BUCKET = ResourceNames().input_bucket
CASE_NAMES = [case.name for case in cases()]


@dataclass
class CorpusRun:
    outcomes: dict[str, Outcome]
    item_ids: list[str]  # article_id of every item in the table after the run


@pytest.fixture(scope="module")
def run() -> Iterator[CorpusRun]:
    """Given every case staged in one moto stack (distinct keys) and its event handled once, in a subprocess."""
    import json

    done = subprocess.run(
        [sys.executable, "-m", "tests.hostile", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
        timeout=1800,
    )
    assert done.stdout.strip(), done.stderr[-3000:]
    outcomes = outcomes_from_json(done.stdout)
    print("\n" + write_report(outcomes))
    ids = json.loads(done.stdout.strip().splitlines()[-1])["item_ids"]
    yield CorpusRun({o.name: o for o in outcomes}, ids)


@pytest.fixture
def outcomes(run: CorpusRun) -> dict[str, Outcome]:
    return run.outcomes


def test_the_corpus_covers_at_least_sixty_hostile_inputs() -> None:
    # Given the generated corpus, Then it is large and every case has its own key
    all_cases = cases()
    assert len(all_cases) >= 60
    assert len({c.key for c in all_cases}) == len(all_cases)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_hostile_input_ends_in_one_clear_record(outcomes: dict[str, Outcome], name: str) -> None:
    # When the handler received the case's event (in the fixture)
    outcome = outcomes[name]
    # Then nothing escaped the handler, and the stored record has the case's one expected outcome
    assert outcome.raised is None, outcome.raised
    assert outcome.seen == outcome.expect
    # and the record is right: its key, its counts, its message, the text it must and must not hold,
    # and no markup, control or bidi character in any text field
    assert outcome.problems == []
    # and it took no longer than its budget on Lambda's clock, and stayed within the memory target
    assert outcome.lambda_seconds <= outcome.budget, f"{outcome.lambda_seconds:.1f} Lambda s"
    assert outcome.lambda_rss <= MAX_PEAK_RSS, f"{outcome.lambda_rss / MiB:.0f} MiB"


def test_each_case_left_exactly_one_record_and_nothing_else(run: CorpusRun) -> None:
    # Given the corpus run, Then the table holds one item per case, and each is the case's own
    expected = sorted(ObjectRef(bucket=INPUT_BUCKET, key=c.key).article_id for c in cases())
    assert sorted(run.item_ids) == expected


def test_no_input_is_an_internal_error(outcomes: dict[str, Outcome]) -> None:
    # Given the corpus run, Then no record says the pipeline hit a bug
    assert [n for n, o in outcomes.items() if o.seen == "internal_error"] == []
