"""The only module of `articles` that talks to AWS (boto3): stack outputs, records, queue, function, jobs.

Botocore's own errors become `OperatorError`s that say what to do. Reading records goes through
`article_core.storage.record_from_item`, so what is printed is the record as stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, overload

from article_core.models import ArticleRecord
from article_core.storage import record_from_item

from .errors import OperatorError

if TYPE_CHECKING:  # boto3-stubs, a development dependency
    from mypy_boto3_cloudformation import CloudFormationClient
    from mypy_boto3_dynamodb import DynamoDBServiceResource
    from mypy_boto3_dynamodb.service_resource import Table
    from mypy_boto3_dynamodb.type_defs import (
        KeysAndAttributesServiceResourceOutputTypeDef,
        KeysAndAttributesServiceResourceTypeDef,
    )
    from mypy_boto3_lambda import LambdaClient
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.type_defs import HeadObjectOutputTypeDef, ObjectTypeDef
    from mypy_boto3_s3control import S3ControlClient
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import MessageTypeDef
    from mypy_boto3_sts import STSClient

# Stack output -> field of Target (template.yaml's Outputs).
_OUTPUTS = {
    "ArticlesTableName": "table",
    "InputBucketName": "input_bucket",
    "ArtifactsBucketName": "artifacts_bucket",
    "FailureQueueUrl": "queue_url",
    "ProcessArticleFunctionName": "function_name",
    "ProcessArticleFunctionArn": "function_arn",
    "TriggerPrefix": "trigger_prefix",
    "BatchOperationsRoleArn": "batch_role_arn",
}
LIST_ATTRIBUTES = "article_id, #s, processed_at, pipeline_version, #l, #src.#k, #doc.title, #err.code"
LIST_NAMES = {"#s": "status", "#l": "language", "#src": "source", "#k": "key", "#doc": "document", "#err": "error"}


@dataclass(frozen=True)
class Target:
    """Where the records live: from a stack's outputs, from flags, or the `make up` defaults."""

    endpoint_url: str | None = None
    region: str | None = None
    table: str | None = None
    input_bucket: str | None = None
    artifacts_bucket: str | None = None
    queue_url: str | None = None
    function_name: str | None = None
    function_arn: str | None = None
    trigger_prefix: str = "incoming/"
    batch_role_arn: str | None = None

    @property
    def local(self) -> bool:
        return self.endpoint_url is not None


def explain(exc: Exception, target: Target) -> OperatorError:
    """One line that says what to do about a botocore error."""
    from botocore.exceptions import ClientError, EndpointConnectionError, NoCredentialsError, NoRegionError

    if isinstance(exc, NoCredentialsError):
        hint = " (any values work with a local stack)" if target.local else ""
        return OperatorError(f"no AWS credentials: run `aws configure` or set AWS_PROFILE{hint}")
    if isinstance(exc, NoRegionError):
        return OperatorError("no AWS region: pass --region or set AWS_DEFAULT_REGION")
    if isinstance(exc, EndpointConnectionError):
        where = target.endpoint_url or "AWS"
        return OperatorError(f"cannot reach {where}: is `make up` running (or the endpoint right)?")
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code, message = error.get("Code", ""), error.get("Message", "")
        if code == "ResourceNotFoundException":
            return OperatorError(f"not found: {message}; check --table/--stack-name (table {target.table!r})")
        if code in {"NoSuchBucket", "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"}:
            return OperatorError(f"{code}: {message}; check --stack-name or the bucket/queue flags")
        if code in {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "ExpiredToken"}:
            return OperatorError(f"{code}: {message}; use credentials allowed on this stack (AWS_PROFILE)")
        return OperatorError(f"{code}: {message}")
    return OperatorError(f"{type(exc).__name__}: {exc}")


class Aws:
    """Clients made on first use, for one Target."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self._clients: dict[str, Any] = {}

    @overload
    def client(self, service: Literal["s3"]) -> S3Client: ...
    @overload
    def client(self, service: Literal["dynamodb"]) -> DynamoDBServiceResource: ...
    @overload
    def client(self, service: Literal["sqs"]) -> SQSClient: ...
    @overload
    def client(self, service: Literal["lambda"]) -> LambdaClient: ...
    @overload
    def client(self, service: Literal["sts"]) -> STSClient: ...
    @overload
    def client(self, service: Literal["s3control"]) -> S3ControlClient: ...
    @overload
    def client(self, service: Literal["cloudformation"]) -> CloudFormationClient: ...

    def client(self, service: str) -> Any:
        """The service's boto3 client (DynamoDB: the resource, for its typed items), typed by boto3-stubs."""
        if service not in self._clients:
            import boto3

            options: dict[str, Any] = {"region_name": self.target.region} if self.target.region else {}
            if self.target.endpoint_url:
                options["endpoint_url"] = self.target.endpoint_url
            make: Any = boto3.resource if service == "dynamodb" else boto3.client
            self._clients[service] = make(service, **options)
        return self._clients[service]

    # --- where ---------------------------------------------------------------------------
    def with_stack_outputs(self, stack_name: str) -> Target:
        """Fill what the flags left open from the stack's outputs (CloudFormation DescribeStacks)."""
        from botocore.exceptions import ClientError

        try:
            stacks = self.client("cloudformation").describe_stacks(StackName=stack_name)["Stacks"]
        except ClientError as exc:
            if "does not exist" in str(exc):
                raise OperatorError(
                    f"stack {stack_name!r} not found: deploy it (`sam deploy --guided`), check --region,"
                    " or name the table with --table"
                ) from None
            raise
        outputs = {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}
        found = {_OUTPUTS[k]: v for k, v in outputs.items() if k in _OUTPUTS}
        if "table" not in found:
            raise OperatorError(
                f"stack {stack_name!r} has no ArticlesTableName output: is it this application's stack?"
            )
        # Flags win over outputs.
        merged = {**found, **{k: v for k, v in vars(self.target).items() if v is not None and k in found}}
        self.target = replace(self.target, **merged)
        return self.target

    # --- records -------------------------------------------------------------------------
    @property
    def table(self) -> Table:
        if not self.target.table:
            raise OperatorError("which table? pass --stack-name NAME (or --table NAME), or set ARTICLES_STACK")
        return self.client("dynamodb").Table(self.target.table)

    def get_record(self, article_id: str) -> ArticleRecord | None:
        item = self.table.get_item(Key={"article_id": article_id}).get("Item")
        if item is None:
            return None
        record = record_from_item(item)
        if record.text.cleaned is None and record.text.cleaned_uri:  # too large for one item: in S3
            bucket, _, key = record.text.cleaned_uri.removeprefix("s3://").partition("/")
            body = self.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read()
            record.text = record.text.model_copy(update={"cleaned": body.decode("utf-8")})
        return record

    def query_index(
        self, index: str, key: str, value: str, *, since: str | None, limit: int | None
    ) -> Iterator[dict[str, Any]]:
        """Index entries (keys only), newest first."""
        from boto3.dynamodb.conditions import Key

        condition: Any = Key(key).eq(value)
        if since:
            condition = condition & Key("processed_at").gte(since)
        kwargs: dict[str, Any] = {"IndexName": index, "KeyConditionExpression": condition, "ScanIndexForward": False}
        yielded = 0
        while True:
            if limit:
                kwargs["Limit"] = limit - yielded
            page = self.table.query(**kwargs)
            for item in page.get("Items", []):
                yield item
                yielded += 1
            if "LastEvaluatedKey" not in page or (limit and yielded >= limit):
                return
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def get_items(
        self, article_ids: list[str], projection: str | None = None, names: dict[str, str] | None = None
    ) -> list[dict[str, Any]]:
        """Items by id (BatchGetItem, 100 at a time), in the order asked."""
        found: dict[str, dict[str, Any]] = {}
        resource, table = self.client("dynamodb"), self.table.name
        for start in range(0, len(article_ids), 100):
            request: KeysAndAttributesServiceResourceTypeDef = {
                "Keys": [{"article_id": i} for i in article_ids[start : start + 100]]
            }
            if projection:
                request["ProjectionExpression"] = projection
                request["ExpressionAttributeNames"] = names or {}
            pending: Mapping[
                str, KeysAndAttributesServiceResourceTypeDef | KeysAndAttributesServiceResourceOutputTypeDef
            ] = {table: request}
            while pending:
                response = resource.batch_get_item(RequestItems=pending)
                for item in response["Responses"].get(table, []):
                    found[str(item["article_id"])] = item
                pending = response.get("UnprocessedKeys") or {}
        return [found[i] for i in article_ids if i in found]

    def scan(self, projection: str | None = None, names: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
        """Every item: for export, stats and duplicates, which need the whole table by nature."""
        kwargs: dict[str, Any] = {}
        if projection:
            kwargs.update(ProjectionExpression=projection, ExpressionAttributeNames=names or {})
        while True:
            page = self.table.scan(**kwargs)
            yield from page.get("Items", [])
            if "LastEvaluatedKey" not in page:
                return
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    # --- objects -------------------------------------------------------------------------
    def read_object(self, bucket: str, key: str, version_id: str | None = None) -> bytes | None:
        from botocore.exceptions import ClientError

        s3 = self.client("s3")
        try:
            if version_id:
                response = s3.get_object(Bucket=bucket, Key=key, VersionId=version_id)
            else:
                response = s3.get_object(Bucket=bucket, Key=key)
            body = response["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in {"NoSuchKey", "NoSuchVersion", "404"}:
                return None
            raise
        return body

    def list_objects(self, bucket: str, prefix: str) -> Iterator[ObjectTypeDef]:
        paginator = self.client("s3").get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
            yield from page.get("Contents", [])

    def head_object(self, bucket: str, key: str) -> HeadObjectOutputTypeDef:
        return self.client("s3").head_object(Bucket=bucket, Key=key)

    def upload_file(self, bucket: str, key: str, path: Any) -> str:
        """Upload (multipart when large) and return the ETag S3 Batch Operations wants for the manifest."""
        self.client("s3").upload_file(str(path), bucket, key)
        return str(self.head_object(bucket, key)["ETag"]).strip('"')

    # --- failure queue -------------------------------------------------------------------
    @property
    def queue_url(self) -> str:
        if not self.target.queue_url:
            raise OperatorError("which failure queue? pass --stack-name NAME or --queue-url URL")
        return self.target.queue_url

    def receive_failures(self, max_messages: int = 10, visibility_timeout: int = 300) -> list[MessageTypeDef]:
        messages = (
            self.client("sqs")
            .receive_message(
                QueueUrl=self.queue_url,
                MaxNumberOfMessages=max_messages,
                VisibilityTimeout=visibility_timeout,
                WaitTimeSeconds=1,
            )
            .get("Messages", [])
        )
        return messages

    def delete_failure(self, receipt_handle: str) -> None:
        self.client("sqs").delete_message(QueueUrl=self.queue_url, ReceiptHandle=receipt_handle)

    def release_failure(self, receipt_handle: str) -> None:
        """Put a message back at once (a dry run looked at it; it is not ours to keep hidden)."""
        self.client("sqs").change_message_visibility(
            QueueUrl=self.queue_url, ReceiptHandle=receipt_handle, VisibilityTimeout=0
        )

    # --- function ------------------------------------------------------------------------
    def invoke_function(self, event: dict[str, Any]) -> tuple[bool, Any]:
        """Synchronous invoke; (succeeded, response payload)."""
        name = self.target.function_name or self.target.function_arn
        if not name:
            raise OperatorError("which function? pass --stack-name NAME or --function-name NAME")
        response = self.client("lambda").invoke(
            FunctionName=name, InvocationType="RequestResponse", Payload=json.dumps(event).encode()
        )
        payload = json.loads(response["Payload"].read() or b"null")
        return "FunctionError" not in response, payload

    # --- batch operations ----------------------------------------------------------------
    def account_id(self) -> str:
        account: str = self.client("sts").get_caller_identity()["Account"]
        return account

    def create_job(self, request: dict[str, Any]) -> str:
        job_id: str = self.client("s3control").create_job(**request)["JobId"]
        return job_id
