"""`articles` on AWS (moto in process): names from the stack's outputs, and errors that say what to do."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import boto3
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
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)  # credentials an earlier test's session resolved
    # When a command needs AWS
    status = articles(["--table", "articles", "--region", "us-east-1", "list"])
    # Then one line says how to get credentials
    err = capsys.readouterr().err
    assert status == 2 and "no AWS credentials" in err and len(err.splitlines()) == 1


def test_make_venv_installs_the_articles_console_script() -> None:
    from importlib.metadata import entry_points

    scripts = {e.name: e.value for e in entry_points(group="console_scripts")}
    assert scripts.get("articles") == "articles.cli:main"


def test_show_json_brings_back_a_text_stored_in_s3(aws: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    from article_core.models import ArticleRecord, ObjectRef, Text
    from article_core.settings import Settings
    from article_core.storage import Repository

    # Given a record whose cleaned text was too large for its item and went to the artifacts bucket
    ref = ObjectRef(bucket=aws.names.input_bucket, key="incoming/long.txt")
    text = " ".join(hashlib.sha256(str(i).encode()).hexdigest()[:8] for i in range(4000))  # deflates poorly
    record = ArticleRecord(
        article_id=ref.article_id,
        status="processed",
        processed_at=datetime.now(UTC),
        source=ref,
        text=Text(cleaned=text),
    )
    settings = Settings(table_name=aws.names.table, artifacts_bucket=aws.names.artifacts_bucket, max_item_bytes=10_001)
    assert Repository(settings).save(record)
    stored = aws.table.get_item(Key={"article_id": ref.article_id})["Item"]["text"]
    assert "cleaned" not in stored and "cleaned_z" not in stored
    # When it is shown as JSON
    status = articles(["--table", aws.names.table, "show", f"s3://{ref.bucket}/{ref.key}", "--json"])
    # Then the text is back in the record, and the pointer too
    shown = json.loads(capsys.readouterr().out)
    assert status == 0
    assert shown["text"]["cleaned"] == text and shown["text"]["cleaned_uri"].startswith("s3://")
