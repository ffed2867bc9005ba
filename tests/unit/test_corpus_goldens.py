"""The pipeline's records for the dev corpora equal their committed digests (tests/corpus_goldens.py says when to
regenerate). Skipped where the corpus is absent: a clone without ../shared/corpus sets CORPUS=/path/to/corpus."""

from __future__ import annotations

import pytest

from tests.corpus_goldens import PARTS, corpus_root, digest, documents, read

ROOT = corpus_root()
pytestmark = pytest.mark.skipif(
    not (ROOT / "extraction-dev").is_dir(),
    reason=f"no dev corpus at {ROOT}: set CORPUS=/path/to/corpus (the shared one: ../shared/corpus) to check "
    "the corpus goldens",
)


@pytest.mark.parametrize("part", sorted(PARTS))
def test_every_document_gives_its_golden_record(part: str) -> None:
    # Given the committed digests of one corpus part
    golden = read(part)
    # When the pipeline processes every document of that part now
    made = {name: digest(part, name, body) for name, body in documents(ROOT, part)}
    # Then the same documents give the same records; the message says which part of which record moved
    assert sorted(made) == sorted(golden), f"{part}: the corpus has other documents than the goldens (make goldens)"
    inputs = [name for name in made if made[name]["input"] != golden[name]["input"]]
    assert not inputs, f"{part}: corpus files changed since the goldens were made: {inputs[:5]}"
    changed = {
        name: [section for section, value in made[name]["parts"].items() if golden[name]["parts"][section] != value]
        for name in made
        if made[name] != golden[name]
    }
    assert not changed, (
        f"{part}: {len(changed)} records changed (record parts per document: {dict(list(changed.items())[:5])}); "
        "if that is intended, run `make goldens` and commit the files with the change that explains them"
    )
