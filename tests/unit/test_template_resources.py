"""local/template_resources.py: AWS resources and the function environment come from template.yaml."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from local.template_resources import (
    ResourceNames,
    declared_variables,
    function_environment,
    load_template,
    provision,
)


@pytest.fixture
def clients(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, Any, Any]]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-3")
    with mock_aws():
        yield boto3.client("s3"), boto3.client("dynamodb"), boto3.client("sqs")


def test_short_tags_load_in_their_long_form() -> None:
    """Given template.yaml, written with !Ref / !GetAtt / !Sub short tags
    When it is loaded
    Then the tags become CloudFormation's long form (GetAtt split into resource and attribute)
    """
    function = load_template()["Resources"]["ProcessArticleFunction"]["Properties"]
    assert function["Environment"]["Variables"]["TABLE_NAME"] == {"Ref": "ArticlesTable"}
    assert function["Role"] == {"Fn::GetAtt": ["ProcessArticleFunctionRole", "Arn"]}


def test_provision_builds_the_table_buckets_and_queue_the_template_declares(clients: tuple[Any, Any, Any]) -> None:
    """Given empty moto clients in a region other than us-east-1
    When the resources are provisioned
    Then the table has the template's keys, indexes and billing mode, the input bucket is versioned and
    every bucket encrypted, and the queue keeps messages as long as the template says
    """
    s3, dynamodb, sqs = clients
    names = provision(s3, dynamodb, sqs)
    declared = load_template()["Resources"]["ArticlesTable"]["Properties"]
    table = dynamodb.describe_table(TableName=names.table)["Table"]
    assert table["KeySchema"] == declared["KeySchema"]
    assert table["BillingModeSummary"]["BillingMode"] == declared["BillingMode"]
    assert {i["IndexName"]: i["KeySchema"] for i in table["GlobalSecondaryIndexes"]} == {
        i["IndexName"]: i["KeySchema"] for i in declared["GlobalSecondaryIndexes"]
    }
    assert s3.get_bucket_versioning(Bucket=names.input_bucket)["Status"] == "Enabled"
    assert "Status" not in s3.get_bucket_versioning(Bucket=names.artifacts_bucket)
    for bucket in (names.input_bucket, names.artifacts_bucket):
        assert s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    attributes = sqs.get_queue_attributes(QueueUrl=names.queue_url, AttributeNames=["All"])["Attributes"]
    assert attributes["MessageRetentionPeriod"] == "1209600"


def test_provision_twice_keeps_what_exists(clients: tuple[Any, Any, Any]) -> None:
    """Given resources already provisioned (a long-running local moto server)
    When provision runs again
    Then it succeeds, returns the same names, and the data already there survives
    """
    s3, dynamodb, sqs = clients
    first = provision(s3, dynamodb, sqs)
    s3.put_object(Bucket=first.input_bucket, Key="incoming/a.txt", Body=b"x")
    assert provision(s3, dynamodb, sqs) == first
    assert s3.get_object(Bucket=first.input_bucket, Key="incoming/a.txt")["Body"].read() == b"x"


def test_function_environment_resolves_references_to_the_given_names() -> None:
    """Given custom resource names and trigger prefix
    When the function environment is computed
    Then references resolve to those names, parameters to their defaults, and empty variables are left out
    """
    names = ResourceNames(table="t1", artifacts_bucket="art1", trigger_prefix="uploads/")
    env = function_environment(names)
    assert env["TABLE_NAME"] == "t1"
    assert env["ARTIFACTS_BUCKET"] == "art1"
    assert env["TRIGGER_PREFIX"] == "uploads/"
    assert env["MAX_OBJECT_BYTES"] == str(load_template()["Parameters"]["MaxObjectBytes"]["Default"])
    assert "AWS_ENDPOINT_URL" not in env
    assert "AWS_ENDPOINT_URL" in declared_variables()
    assert set(env) <= declared_variables()


def test_default_trigger_prefix_is_the_template_parameter_default() -> None:
    """Given no explicit names
    When the default names are built
    Then the trigger prefix is the TriggerPrefix parameter's default
    """
    assert ResourceNames().trigger_prefix == load_template()["Parameters"]["TriggerPrefix"]["Default"]
