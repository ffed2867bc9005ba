"""Golden records: what the pipeline makes of every file in samples/ (and of local/samples.py's odd-key object).

Stored as JSON under tests/golden/, one file per input, without `processed_at` and with a fixed ObjectRef and
clock, so that the same code always writes the same bytes. tests/unit/test_goldens.py compares: a commit that
refactors must leave them untouched; only a commit meant to change output runs `make goldens` (this module's
main) and commits the new files beside the change that explains them.
"""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from article_core.models import ObjectRef
from article_core.pipeline import process
from local.samples import ODD_KEY, SAMPLES

GOLDEN = Path(__file__).resolve().parent / "golden"
EVENT_TIME = datetime(2025, 5, 29, 10, 5, tzinfo=UTC)
NOW = datetime(2025, 5, 29, 10, 6, tzinfo=UTC)
SEQUENCER = "0067F1A2B3C4D5E600"


def inputs() -> dict[str, tuple[str, bytes]]:
    """Golden name -> (S3 key, body): every sample file under incoming/, and the odd key with spaces and accents."""
    found = {path.name: (f"incoming/{path.name}", path.read_bytes()) for path in sorted(SAMPLES.iterdir())}
    found["odd-key.txt"] = (ODD_KEY.key, ODD_KEY.body)
    return found


def fixed_ref(key: str, body: bytes) -> ObjectRef:
    """The same ObjectRef on every run: version, ETag and size follow the body, the rest is constant."""
    return ObjectRef(
        bucket="articles-input-golden",
        key=key,
        version_id="golden-v1",
        etag=hashlib.md5(body, usedforsecurity=False).hexdigest(),
        size=len(body),
        event_time=EVENT_TIME,
        sequencer=SEQUENCER,
    )


def record(key: str, body: bytes) -> dict[str, Any]:
    """The record as JSON data, minus the one field that is the wall clock of the run."""
    made = process(body, fixed_ref(key, body), now=NOW)
    data: dict[str, Any] = made.model_dump(mode="json", exclude={"processed_at"})
    return data


def path_of(name: str) -> Path:
    return GOLDEN / f"{name}.json"


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write() -> list[Path]:
    """Rewrite every golden file and remove those whose input is gone."""
    GOLDEN.mkdir(exist_ok=True)
    wanted = {path_of(name): render(record(key, body)) for name, (key, body) in inputs().items()}
    for stale in set(GOLDEN.glob("*.json")) - set(wanted):
        stale.unlink()
    for path, text in wanted.items():
        path.write_text(text, encoding="utf-8")
    return sorted(wanted)


def main() -> int:
    """`python -m tests.goldens` (`make goldens`): regenerate tests/golden/."""
    for path in write():
        print(path.relative_to(GOLDEN.parent.parent), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
