"""Shared fixtures: moto stands in for AWS; resources come from template.yaml itself."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from local.context import LocalContext
from local.template_resources import ResourceNames, function_environment

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events"

# The handler reads its settings once, at import: give it the template's environment first.
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "POWERTOOLS_TRACE_DISABLED": "1",
        "POWERTOOLS_METRICS_NAMESPACE": "ArticlesTest",
        **function_environment(ResourceNames()),
    }
)
os.environ.pop("AWS_ENDPOINT_URL", None)


@dataclass
class Aws:
    names: ResourceNames
    s3: Any
    dynamodb: Any
    sqs: Any

    @property
    def table(self) -> Any:
        return self.dynamodb.Table(self.names.table)

    def items(self) -> list[dict[str, Any]]:
        return list(self.table.scan()["Items"])


@pytest.fixture
def aws() -> Iterator[Aws]:
    """Given the stack's buckets, table and queue, as template.yaml defines them, in moto."""
    import boto3
    from moto import mock_aws

    import app

    with mock_aws():
        from local.template_resources import provision

        s3 = boto3.client("s3")
        dynamodb = boto3.resource("dynamodb")
        sqs = boto3.client("sqs")
        names = provision(s3, dynamodb.meta.client, sqs)
        app._repository = None  # clients are created inside the mock
        yield Aws(names, s3, dynamodb, sqs)
        app._repository = None


@pytest.fixture
def handler() -> Any:
    import app

    return app.lambda_handler


@pytest.fixture
def context() -> LocalContext:
    return LocalContext()


def load_event(name: str) -> dict[str, Any]:
    return dict(json.loads((EVENTS / name).read_text()))
