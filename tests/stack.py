"""The stack under test: template.yaml's resources in moto, and the handler wired to them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass
class Stack:
    names: Any
    s3: Any
    dynamodb: Any
    sqs: Any
    handler: Callable[[dict[str, Any], Any], dict[str, int]]
    context: Any

    @property
    def table(self) -> Any:
        return self.dynamodb.Table(self.names.table)

    def items(self) -> list[dict[str, Any]]:
        return list(self.table.scan()["Items"])


def handler_environment() -> dict[str, str]:
    """Set before the handler is imported: it reads its settings once, at import, as in Lambda."""
    from local.template_resources import ResourceNames, function_environment

    return {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "POWERTOOLS_TRACE_DISABLED": "1",
        "POWERTOOLS_METRICS_NAMESPACE": "ArticlesTest",
        **function_environment(ResourceNames()),
    }


@contextmanager
def moto_stack() -> Iterator[Stack]:
    """The template's buckets, table and queue in moto, and the handler wired to them."""
    import boto3
    from moto import mock_aws

    import app
    from local.context import LocalContext
    from local.template_resources import provision

    with mock_aws():
        s3 = boto3.client("s3")
        dynamodb = boto3.resource("dynamodb")
        sqs = boto3.client("sqs")
        names = provision(s3, dynamodb.meta.client, sqs)
        app._repository = None  # clients are created inside the mock
        try:
            yield Stack(names, s3, dynamodb, sqs, app.lambda_handler, LocalContext())
        finally:
            app._repository = None
