"""`articles` on AWS (moto in process): names from the stack's outputs, and errors that say what to do."""

from __future__ import annotations

import json
from typing import Any

import pytest

from articles.cli import main as articles
from local.samples import REFERENCE
from tests.conftest import load_event


def stack_with_outputs(aws: Any, name: str = "articles") -> None:
    import boto3

    outputs = {
        "ArticlesTableName": aws.names.table,
        "InputBucketName": aws.names.input_bucket,
        "ArtifactsBucketName": aws.names.artifacts_bucket,
        "FailureQueueUrl": aws.names.queue_url,
        "TriggerPrefix": aws.names.trigger_prefix,
    }
    template = {
        "Resources": {"Placeholder": {"Type": "AWS::SQS::Queue"}},
        "Outputs": {key: {"Value": value} for key, value in outputs.items()},
    }
    boto3.client("cloudformation").create_stack(StackName=name, TemplateBody=json.dumps(template))


def test_stack_outputs_name_the_table(aws: Any, handler: Any, context: Any, capsys: pytest.CaptureFixture[str]) -> None:
    # Given a deployed stack with a processed article
    aws.s3.put_object(Bucket=aws.names.input_bucket, Key=REFERENCE.key, Body=REFERENCE.body)
    handler(load_event("s3-put-reference.json"), context)
    stack_with_outputs(aws)
    # When `articles --stack-name` lists French records
    status = articles(["--stack-name", "articles", "list", "--language", "fr"])
    # Then the table came from the outputs
    assert status == 0 and REFERENCE.key in capsys.readouterr().out


def test_unknown_stack_says_what_to_do(aws: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert articles(["--stack-name", "nope", "list"]) == 2
    assert "stack 'nope' not found" in capsys.readouterr().err


def test_no_table_named_says_what_to_do(aws: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert articles(["list"]) == 2
    assert "--stack-name" in capsys.readouterr().err


def test_no_credentials_says_what_to_do(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # Given no credentials anywhere
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    # When a command needs AWS
    status = articles(["--table", "articles", "--region", "us-east-1", "list"])
    # Then one line says how to get credentials
    err = capsys.readouterr().err
    assert status == 2 and "no AWS credentials" in err and len(err.splitlines()) == 1
