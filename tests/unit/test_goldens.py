"""The pipeline's records for the samples equal the committed goldens (tests/goldens.py says when to regenerate)."""

from __future__ import annotations

import json

import pytest

from tests.goldens import GOLDEN, inputs, path_of, record, render

NAMES = sorted(inputs())


def test_there_is_one_golden_per_input_and_no_other() -> None:
    # Given the inputs, When the golden folder is listed, Then it holds exactly one file for each
    assert sorted(p.name for p in GOLDEN.glob("*.json")) == sorted(path_of(n).name for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_record_equals_its_golden(name: str) -> None:
    # Given a sample and its committed golden record
    key, body = inputs()[name]
    golden = json.loads(path_of(name).read_text(encoding="utf-8"))
    # When the pipeline processes it now
    made = json.loads(render(record(key, body)))
    # Then nothing changed; a commit that means to change output runs `make goldens` and commits the files
    assert made == golden, f"{name}: the record changed; if that is intended, run `make goldens` and commit"
