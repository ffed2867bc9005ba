"""The README's run command: moto server, template resources, real S3 notifications, the handler."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from local.run import main
from local.samples import SAMPLES


@pytest.fixture(autouse=True)
def restore_environment() -> Iterator[None]:
    """The run points boto3 at its moto server through the environment; other tests must not inherit that."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_local_run_processes_every_sample_and_writes_its_record(tmp_path: Path) -> None:
    # Given the shipped samples
    files = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    # When the local run processes them
    status = main(["--quiet", "--out", str(tmp_path), str(SAMPLES)])
    # Then it succeeds and each file has a full record read back from DynamoDB
    assert status == 0
    records = {json.loads(p.read_text())["source"]["key"]: json.loads(p.read_text()) for p in tmp_path.glob("*.json")}
    assert sorted(records) == sorted(f"incoming/{f.name}" for f in files)
    statuses = {key.rsplit("/", 1)[-1]: r["status"] for key, r in records.items()}
    assert statuses["not-an-article.png"] == "rejected"
    assert statuses["figaro-afp-rubio-lavrov.txt"] == "processed"
    # and the re-encoded copy of the reference article is recognised as the same text
    duplicates = [r for r in records.values() if r.get("duplicate_of")]
    assert len(duplicates) == 1
