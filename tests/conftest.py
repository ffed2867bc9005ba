"""Shared fixtures: moto stands in for AWS; resources come from template.yaml itself."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from local.context import LocalContext
from tests.stack import Stack, handler_environment, moto_stack

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events"

# The handler reads its settings once, at import: give it the template's environment first.
os.environ.update(handler_environment())
os.environ.pop("AWS_ENDPOINT_URL", None)


@pytest.fixture
def aws() -> Iterator[Stack]:
    """Given the stack's buckets, table and queue, as template.yaml defines them, in moto."""
    with moto_stack() as stack:
        yield stack


@pytest.fixture
def handler(aws: Stack) -> Any:
    return aws.handler


@pytest.fixture
def context() -> LocalContext:
    return LocalContext()


def load_event(name: str) -> dict[str, Any]:
    return dict(json.loads((EVENTS / name).read_text()))
