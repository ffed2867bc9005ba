"""The `sam local invoke` path: the in-process half here, the Docker half in `make sam-local`.

Both halves go through `local.sam_local`: the same env file, seeded moto server, expectations
(`check_outcome`) and, in `make sam-local`, a field-by-field comparison of the records the Docker
run and the in-process run leave in moto (`compare`). The tests below run the in-process half for
every event and prove that the checks and the comparison can fail.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from local.sam_local import (
    Outcome,
    check_outcome,
    compare,
    env_file_for,
    in_process_invoke,
    invoke_command,
    reseed,
)
from local.samples import EVENTS, REFERENCE, ROOT
from local.template_resources import declared_variables

EVENT_PATHS = sorted(EVENTS.glob("*.json"))


@pytest.fixture(scope="module")
def moto_server() -> Iterator[str]:
    from local.local_stack import running_moto

    with running_moto() as endpoint:
        yield endpoint


def test_env_file_sets_only_declared_variables_and_points_at_the_documented_port() -> None:
    # Given the env file the README passes to sam local
    overrides = json.loads((ROOT / "local" / "env.json").read_text())["ProcessArticleFunction"]
    # Then it sets only variables the template declares (sam ignores the others) and points at host.docker.internal:5000
    assert set(overrides) <= declared_variables(), "sam local ignores env-vars the template does not declare"
    assert urlsplit(overrides["AWS_ENDPOINT_URL"])[1] == "host.docker.internal:5000"


@pytest.mark.parametrize("event", EVENT_PATHS, ids=[p.name for p in EVENT_PATHS])
def test_every_event_in_process_meets_the_expectations_make_sam_local_checks(
    event: Path, moto_server: str, tmp_path: Path
) -> None:
    # Given a freshly seeded moto server and the env file pointed at it
    names = reseed(moto_server)
    env_file = env_file_for(tmp_path, moto_server)
    # When the handler runs the event in a clean process, as `make sam-local` runs it beside the container
    outcome = in_process_invoke(event, env_file, endpoint=moto_server, names=names)
    # Then the response and the records are what local/samples.py says (the same check the Docker run gets)
    # (an event local/samples.py does not describe, e.g. a hand-written one, must at least not fail)
    assert check_outcome(event.name, outcome).problems == [], outcome.log[-3000:]


def _outcome(records: dict[str, dict[str, Any]], response: dict[str, Any] | None = None) -> Outcome:
    return Outcome(response or {"processed": 1, "rejected": 0, "skipped": 0, "stale": 0}, records, 0.0)


def _record(key: str, status: str = "processed", words: int = 10) -> dict[str, Any]:
    return {"status": status, "source": {"key": key}, "analysis": {"stats": {"words": words}}, "error": None}


def test_check_outcome_fails_on_a_wrong_status_a_missing_record_and_a_failed_invocation() -> None:
    # Given the reference event's expectation (one processed record for its key)
    good = _outcome({REFERENCE.key: _record(REFERENCE.key)})
    assert check_outcome("s3-put-reference.json", good).problems == []
    # When the record is rejected, missing, or the invocation failed, Then each is reported
    rejected = _outcome({REFERENCE.key: _record(REFERENCE.key, "rejected")})
    assert check_outcome("s3-put-reference.json", rejected).problems
    assert check_outcome("s3-put-reference.json", _outcome({})).problems
    failed = _outcome({REFERENCE.key: _record(REFERENCE.key)}, {"errorType": "ImportModuleError", "errorMessage": "x"})
    assert check_outcome("s3-put-reference.json", failed).problems
    # and an odd key stored still URL-encoded is not the decoded key the event names
    encoded = "incoming/revue+de+presse/%C3%89t%C3%A9+2025+%2B+Lavrov+%28cp1252%29.txt"
    assert check_outcome("s3-put-odd-key.json", _outcome({encoded: _record(encoded)})).problems


def test_compare_names_the_field_where_docker_and_in_process_records_differ() -> None:
    # Given the same record from both paths but for one analysis figure
    docker = _outcome({REFERENCE.key: _record(REFERENCE.key, words=497)})
    local = _outcome({REFERENCE.key: _record(REFERENCE.key, words=496)})
    # Then the comparison fails and names the field
    (problem,) = compare(docker, local).problems
    assert ".analysis.stats.words" in problem
    assert compare(docker, docker).problems == []


def test_the_readme_shows_the_commands_make_sam_local_runs() -> None:
    # Given the README's sam local invoke command
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"^(sam local invoke (?:[^\n\\]|\\\n)*)", readme, re.MULTILINE)
    assert match, "README has no `sam local invoke` command"
    documented = shlex.split(match.group(1).replace("\\\n", " "))
    # Then it is the command the target runs (with the README's event and env file)
    event = ROOT / documented[documented.index("-e") + 1]
    env_file = Path(documented[documented.index("--env-vars") + 1])
    assert documented == invoke_command(event, env_file, stand_in=False)
    assert "--skip-pull-image" in invoke_command(event, env_file, stand_in=True)
    assert "make sam-local" in readme and "sam local start-lambda" in readme
