"""S3 Batch Operations: job events through the handler against moto; the CreateJob request through Stubber."""

from __future__ import annotations

import argparse
from typing import Any
from urllib.parse import quote

import pytest
from botocore.stub import ANY, Stubber

from article_core.models import PIPELINE_VERSION, ObjectRef
from article_core.storage import record_from_item
from articles.aws import Aws, Target
from articles.backfill import backfill
from local.samples import BAD, ODD_KEY, REFERENCE
from tests.conftest import load_event
from tests.faults import FaultInjector


def job_event(bucket: str, *keys: str, schema: str = "2.0") -> dict[str, Any]:
    """The event shape S3 Batch Operations sends to a LambdaInvoke function (keys URL-encoded)."""
    task_bucket = {"s3Bucket": bucket} if schema == "2.0" else {"s3BucketArn": f"arn:aws:s3:::{bucket}"}
    return {
        "invocationSchemaVersion": schema,
        "invocationId": "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo",
        "job": {"id": "f3cc4f60-61f6-4a2b-8a21-d07600c373ce", "userArguments": {"reason": "backfill"}},
        "tasks": [
            {"taskId": f"task-{n}", **task_bucket, "s3Key": quote(key, safe="/"), "s3VersionId": None}
            for n, key in enumerate(keys)
        ],
    }


def record(aws: Any, key: str) -> Any:
    item = aws.table.get_item(Key={"article_id": ObjectRef(bucket=aws.names.input_bucket, key=key).article_id})
    return record_from_item(item["Item"]) if "Item" in item else None


@pytest.mark.parametrize("schema", ["2.0", "1.0"])
def test_job_gives_every_object_its_record_and_bad_input_never_fails_permanently(
    aws: Any, handler: Any, context: Any, schema: str
) -> None:
    # Given the reference article, a PNG and an odd key in the bucket, and a key that was deleted
    for obj in (REFERENCE, BAD, ODD_KEY):
        aws.s3.put_object(Bucket=aws.names.input_bucket, Key=obj.key, Body=obj.body)
    keys = [REFERENCE.key, BAD.key, ODD_KEY.key, "incoming/deleted.txt", "elsewhere/private.txt"]
    # When a batch job's event names them
    response = handler(job_event(aws.names.input_bucket, *keys, schema=schema), context)
    # Then each task has a result, in order, and only the key outside the prefix is a permanent failure
    results = [(r["taskId"], r["resultCode"], r["resultString"]) for r in response["results"]]
    assert response["invocationSchemaVersion"] == schema
    assert response["invocationId"] == "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo"
    assert results[:4] == [
        ("task-0", "Succeeded", "processed"),
        ("task-1", "Succeeded", "rejected"),
        ("task-2", "Succeeded", "processed"),
        ("task-3", "Succeeded", "rejected"),
    ]
    assert results[4][:2] == ("task-4", "PermanentFailure")
    # and the bad inputs have their rejected records
    assert record(aws, BAD.key).error.code == "binary"
    assert record(aws, "incoming/deleted.txt").error.code == "object_gone"
    assert record(aws, ODD_KEY.key).source.key == ODD_KEY.key  # URL-decoded


def test_transient_fault_is_a_temporary_failure_and_writes_nothing(aws: Any, handler: Any, context: Any) -> None:
    # Given the reference article and S3 failing every read
    aws.s3.put_object(Bucket=aws.names.input_bucket, Key=REFERENCE.key, Body=REFERENCE.body)
    faults = FaultInjector(rate=1.0, operations=frozenset({"GetObject"}))
    # When the job's task runs during the outage
    with faults.installed(), faults.arm(outage=True):
        response = handler(job_event(aws.names.input_bucket, REFERENCE.key), context)
    # Then the job is asked to retry the task, and no record was written
    assert response["results"][0]["resultCode"] == "TemporaryFailure"
    assert record(aws, REFERENCE.key) is None


def test_job_reprocesses_a_record_of_older_code_and_keeps_its_s3_order(aws: Any, handler: Any, context: Any) -> None:
    # Given a record made from the S3 event by older code
    aws.s3.put_object(Bucket=aws.names.input_bucket, Key=REFERENCE.key, Body=REFERENCE.body)
    event = load_event("s3-put-reference.json")
    event["Records"][0]["s3"]["object"].pop("eTag")
    handler(event, context)
    article_id = record(aws, REFERENCE.key).article_id
    aws.table.update_item(
        Key={"article_id": article_id},
        UpdateExpression="SET pipeline_version = :old",
        ExpressionAttributeValues={":old": "0.0.1"},
    )
    sequencer = record(aws, REFERENCE.key).source.sequencer
    # When a backfill job names the object
    response = handler(job_event(aws.names.input_bucket, REFERENCE.key), context)
    # Then the record is the current code's, with the event's sequencer kept
    assert response["results"][0]["resultString"] == "processed"
    again = record(aws, REFERENCE.key)
    assert again.pipeline_version == PIPELINE_VERSION and again.source.sequencer == sequencer
    # and the same job again changes nothing, nor does the original event delivered late
    assert handler(job_event(aws.names.input_bucket, REFERENCE.key), context)["results"][0]["resultString"] == "stale"
    assert handler(event, context)["stale"] == 1


def test_backfill_writes_a_url_encoded_manifest_and_creates_the_job(aws: Any) -> None:
    # Given the stack's outputs, two objects under the prefix and one elsewhere
    for key in ("incoming/a b,c.txt", "incoming/fr/Été.txt", "other/x.txt"):
        aws.s3.put_object(Bucket=aws.names.input_bucket, Key=key, Body=b"text")
    target = Target(
        region="us-east-1",
        table=aws.names.table,
        input_bucket=aws.names.input_bucket,
        artifacts_bucket=aws.names.artifacts_bucket,
        function_arn="arn:aws:lambda:us-east-1:123456789012:function:process",
        batch_role_arn="arn:aws:iam::123456789012:role/batch",
    )
    client = Aws(target)
    stub = Stubber(client.client("s3control"))
    stub.add_response(
        "create_job",
        {"JobId": "job-0001"},
        {
            "AccountId": "123456789012",
            "ConfirmationRequired": False,
            "Operation": {
                "LambdaInvoke": {
                    "FunctionArn": target.function_arn,
                    "InvocationSchemaVersion": "2.0",
                    "UserArguments": {"reason": "backfill"},
                }
            },
            "Manifest": {
                "Spec": {"Format": "S3BatchOperations_CSV_20180820", "Fields": ["Bucket", "Key"]},
                "Location": {"ObjectArn": ANY, "ETag": ANY},
            },
            "Report": ANY,
            "Priority": 10,
            "RoleArn": "arn:aws:iam::123456789012:role/batch",
            "ClientRequestToken": ANY,
            "Description": "articles backfill: 2 object(s) under s3://articles-input-local/incoming/",
        },
    )
    args = argparse.Namespace(prefix="incoming/", inventory_manifest=None, role_arn=None, priority=10, dry_run=False)
    # When the backfill runs
    with stub:
        status = backfill(client, args)
    # Then the job was created from a manifest of the two objects, keys URL-encoded
    assert status == 0
    stub.assert_no_pending_responses()
    manifests = aws.s3.list_objects_v2(Bucket=aws.names.artifacts_bucket, Prefix="manifests/")["Contents"]
    body = aws.s3.get_object(Bucket=aws.names.artifacts_bucket, Key=manifests[0]["Key"])["Body"].read().decode()
    assert body.splitlines() == [
        "articles-input-local,incoming/a%20b%2Cc.txt",
        "articles-input-local,incoming/fr/%C3%89t%C3%A9.txt",
    ]


def test_backfill_without_a_role_says_how_to_get_one(aws: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from articles.errors import OperatorError

    target = Target(table="t", input_bucket="b", artifacts_bucket="a", function_arn="arn:aws:lambda:::function:f")
    args = argparse.Namespace(prefix="incoming/", inventory_manifest=None, role_arn=None, priority=10, dry_run=False)
    with pytest.raises(OperatorError, match="EnableBatchBackfill=true"):
        backfill(Aws(target), args)
