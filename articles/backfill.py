"""`articles backfill`: an S3 Batch Operations job that invokes the function once per object, on AWS's engine.

The manifest is a CSV (bucket, URL-encoded key) written to the artifacts bucket under manifests/,
or an S3 Inventory report's manifest.json when the bucket has one (cheaper past a few million objects).
The job reports failed tasks under batch-reports/ of the same bucket.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .aws import Aws
from .errors import OperatorError

CSV_FORMAT = "S3BatchOperations_CSV_20180820"
INVENTORY_FORMAT = "S3InventoryReport_CSV_20161130"


def manifest_lines(bucket: str, keys: Iterable[str]) -> Iterable[str]:
    """S3 Batch Operations CSV: one `bucket,key` line per object, the key URL-encoded (commas, spaces, UTF-8)."""
    for key in keys:
        yield f"{bucket},{quote(key, safe='/')}\n"


def job_request(
    *,
    account_id: str,
    function_arn: str,
    role_arn: str,
    manifest: dict[str, Any],
    report_bucket: str,
    priority: int,
    description: str,
    token: str,
) -> dict[str, Any]:
    """The s3control CreateJob request: LambdaInvoke with invocation schema 2.0, failed tasks reported."""
    return {
        "AccountId": account_id,
        "ConfirmationRequired": False,
        "Operation": {
            "LambdaInvoke": {
                "FunctionArn": function_arn,
                "InvocationSchemaVersion": "2.0",
                "UserArguments": {"reason": "backfill"},
            }
        },
        "Manifest": manifest,
        "Report": {
            "Bucket": f"arn:aws:s3:::{report_bucket}",
            "Prefix": "batch-reports",
            "Format": "Report_CSV_20180820",
            "Enabled": True,
            "ReportScope": "FailedTasksOnly",
        },
        "Priority": priority,
        "RoleArn": role_arn,
        "ClientRequestToken": token,
        "Description": description[:256],
    }


def _csv_manifest(aws: Aws, bucket: str, prefix: str, artifacts: str, dry_run: bool) -> tuple[dict[str, Any], int]:
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "manifest.csv"
        with path.open("w", encoding="ascii") as out:
            keys = (o["Key"] for o in aws.list_objects(bucket, prefix) if not o["Key"].endswith("/"))
            for line in manifest_lines(bucket, keys):
                out.write(line)
                count += 1
                if count % 100_000 == 0:
                    print(f"  listed {count:,} objects", file=sys.stderr, flush=True)
        key = f"manifests/backfill-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.csv"
        etag = "(dry run)" if dry_run else aws.upload_file(artifacts, key, path)
    manifest = {
        "Spec": {"Format": CSV_FORMAT, "Fields": ["Bucket", "Key"]},
        "Location": {"ObjectArn": f"arn:aws:s3:::{artifacts}/{key}", "ETag": etag},
    }
    return manifest, count


def _inventory_manifest(aws: Aws, uri: str) -> dict[str, Any]:
    bucket, _, key = uri.removeprefix("s3://").partition("/")
    if not uri.startswith("s3://") or not key.endswith("manifest.json"):
        raise OperatorError(f"{uri!r} is not s3://bucket/.../manifest.json of an S3 Inventory report")
    etag = str(aws.head_object(bucket, key)["ETag"]).strip('"')
    return {
        "Spec": {"Format": INVENTORY_FORMAT},
        "Location": {"ObjectArn": f"arn:aws:s3:::{bucket}/{key}", "ETag": etag},
    }


def backfill(aws: Aws, args: argparse.Namespace) -> int:
    t = aws.target
    if not (t.function_arn and t.artifacts_bucket and t.input_bucket):
        raise OperatorError("backfill needs the stack's outputs: pass --stack-name NAME")
    role_arn = args.role_arn or t.batch_role_arn
    if not role_arn:
        raise OperatorError(
            "no role for S3 Batch Operations: deploy with EnableBatchBackfill=true"
            " (`sam deploy --parameter-overrides EnableBatchBackfill=true`) or pass --role-arn"
        )
    if args.prefix is not None and not args.prefix.startswith(t.trigger_prefix):
        raise OperatorError(
            f"--prefix must be under the trigger prefix {t.trigger_prefix!r}: the function reads only there"
        )
    if args.prefix is not None:
        manifest, count = _csv_manifest(aws, t.input_bucket, args.prefix, t.artifacts_bucket, args.dry_run)
        what = f"{count:,} object(s) under s3://{t.input_bucket}/{args.prefix}"
        if count == 0:
            raise OperatorError(f"no objects under s3://{t.input_bucket}/{args.prefix}: nothing to backfill")
    else:
        manifest = _inventory_manifest(aws, args.inventory_manifest)
        what = f"the objects of inventory {args.inventory_manifest}"
    account = aws.account_id()
    request = job_request(
        account_id=account,
        function_arn=t.function_arn,
        role_arn=role_arn,
        manifest=manifest,
        report_bucket=t.artifacts_bucket,
        priority=args.priority,
        description=f"articles backfill: {what}",
        token=str(uuid.uuid4()),
    )
    if args.dry_run:
        print(json.dumps(request, indent=2))
        print(f"dry run: would create a job for {what}", file=sys.stderr)
        return 0
    job_id = aws.create_job(request)
    print(f"job {job_id}: {what}")
    print(f"watch it:  aws s3control describe-job --account-id {account} --job-id {job_id} --query Job.ProgressSummary")
    print(f"failures:  s3://{t.artifacts_bucket}/batch-reports/job-{job_id}/ (failed tasks only)")
    return 0
