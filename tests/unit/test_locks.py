"""The hashed locks are what `make venv` and the layer build install: they must match what we ask for.

Someone who adds or bumps a pin in requirements*.txt and forgets `make lock` gets this failure, not a
silently different environment.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAIRS = [
    (ROOT / "layers" / "article_core" / "requirements.txt", ROOT / "layers" / "article_core" / "requirements.lock"),
    (ROOT / "requirements-dev.txt", ROOT / "requirements-dev.lock"),
]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\#]+)", re.MULTILINE)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    return {canonical(name): version for name, version in PIN.findall(path.read_text())}


@pytest.mark.parametrize(("inputs", "lock"), PAIRS, ids=["layer", "dev"])
def test_every_requested_pin_is_locked_at_that_version(inputs: Path, lock: Path) -> None:
    """Given the pins we ask for / When compared with the lock / Then each is locked at exactly that version"""
    locked = pins(lock)
    wrong = {name: (version, locked.get(name)) for name, version in pins(inputs).items() if locked.get(name) != version}
    assert not wrong, f"{lock.name} is stale (asked, locked): {wrong}; run `make lock`"


@pytest.mark.parametrize(("inputs", "lock"), PAIRS, ids=["layer", "dev"])
def test_every_locked_package_carries_hashes(inputs: Path, lock: Path) -> None:
    """Given a lock / When read entry by entry / Then every pinned package has at least one sha256 (--require-hashes)"""
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock.read_text())
    pinned = [entry for entry in entries if PIN.match(entry)]
    assert pinned
    assert all("--hash=sha256:" in entry for entry in pinned), [e.split()[0] for e in pinned if "--hash" not in e]
