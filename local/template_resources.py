"""Build the buckets, table and queue that `template.yaml` declares, on any boto3 clients (moto here).

Tests, the local runner and the packaging test create their AWS resources through this module, so
key schemas, indexes, billing mode, versioning and the function's environment variable names are
read from the template and cannot drift from what is deployed.

Only PyYAML and boto3 are needed: the packaging test runs this in a bare python3.13 venv.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

TEMPLATE_PATH = Path(__file__).resolve().parent.parent / "template.yaml"

# Logical ids in template.yaml that the application talks to.
INPUT_BUCKET_ID = "InputBucket"
ARTIFACTS_BUCKET_ID = "ArtifactsBucket"
TABLE_ID = "ArticlesTable"
QUEUE_ID = "FailureQueue"
FUNCTION_ID = "ProcessArticleFunction"


class _CfnLoader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML ships no type hints
    """SafeLoader that turns CloudFormation short tags (!Ref, !Sub, ...) into their long JSON form."""


def _construct_tag(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:  # pragma: no cover - YAML has no other node kinds
        raise yaml.constructor.ConstructorError(None, None, f"unexpected node for !{tag_suffix}", node.start_mark)
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{tag_suffix}": value}


_CfnLoader.add_multi_constructor("!", _construct_tag)


@functools.cache
def _load_cached(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        loaded: dict[str, Any] = yaml.load(fh, Loader=_CfnLoader)  # noqa: S506 - a SafeLoader subclass
    return loaded


def load_template(path: Path | str = TEMPLATE_PATH) -> dict[str, Any]:
    """The template as plain data (intrinsic functions in their long form: {"Ref": ...}, {"Fn::Sub": ...})."""
    return _load_cached(str(Path(path).resolve()))


def _resource(template: dict[str, Any], logical_id: str) -> dict[str, Any]:
    try:
        props: dict[str, Any] = template["Resources"][logical_id].get("Properties", {})
    except KeyError:
        raise KeyError(f"template.yaml has no resource {logical_id!r}") from None
    return props


def default_trigger_prefix(template: dict[str, Any] | None = None) -> str:
    """The TriggerPrefix parameter's default: the prefix the deployed S3 event filters on."""
    template = load_template() if template is None else template
    return str(template["Parameters"]["TriggerPrefix"]["Default"])


@dataclass(frozen=True)
class ResourceNames:
    """Physical names of the resources for one environment (CloudFormation generates them when deployed)."""

    input_bucket: str = "articles-input-local"
    artifacts_bucket: str = "articles-artifacts-local"
    table: str = "articles-local"
    queue_name: str = "articles-failures-local"
    queue_url: str | None = None  # known once the queue exists: provision() fills it in
    trigger_prefix: str = field(default_factory=default_trigger_prefix)

    def for_logical_id(self, logical_id: str) -> str | None:
        """What `!Ref <logical_id>` resolves to here (None for resources this module does not create)."""
        return {
            INPUT_BUCKET_ID: self.input_bucket,
            ARTIFACTS_BUCKET_ID: self.artifacts_bucket,
            TABLE_ID: self.table,
            QUEUE_ID: self.queue_url,
        }.get(logical_id)


def table_definition(template: dict[str, Any] | None = None, *, name: str) -> dict[str, Any]:
    """`create_table` arguments for the articles table, taken from the template."""
    props = _resource(load_template() if template is None else template, TABLE_ID)
    billing = props.get("BillingMode", "PROVISIONED")
    throughput = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
    spec: dict[str, Any] = {
        "TableName": name,
        "KeySchema": props["KeySchema"],
        "AttributeDefinitions": props["AttributeDefinitions"],
        "BillingMode": billing,
    }
    if billing == "PROVISIONED":
        spec["ProvisionedThroughput"] = props.get("ProvisionedThroughput", throughput)
    indexes = []
    for gsi in props.get("GlobalSecondaryIndexes", []):
        index = {key: gsi[key] for key in ("IndexName", "KeySchema", "Projection")}
        if billing == "PROVISIONED":
            index["ProvisionedThroughput"] = gsi.get("ProvisionedThroughput", throughput)
        indexes.append(index)
    if indexes:
        spec["GlobalSecondaryIndexes"] = indexes
    if props.get("SSESpecification", {}).get("SSEEnabled"):
        spec["SSESpecification"] = {"Enabled": True}
    return spec


def _create_bucket(s3: Any, name: str, props: dict[str, Any]) -> None:
    region = s3.meta.region_name
    kwargs: dict[str, Any] = {"Bucket": name}
    if region and region != "us-east-1":
        kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
    # Idempotent: a long-running local moto server may already have the bucket.
    with contextlib.suppress(s3.exceptions.BucketAlreadyOwnedByYou):
        s3.create_bucket(**kwargs)
    status = props.get("VersioningConfiguration", {}).get("Status")
    if status:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": status})
    rules = [
        {  # CloudFormation and the S3 API name this one key differently
            "ApplyServerSideEncryptionByDefault": rule["ServerSideEncryptionByDefault"],
            **({"BucketKeyEnabled": rule["BucketKeyEnabled"]} if "BucketKeyEnabled" in rule else {}),
        }
        for rule in props.get("BucketEncryption", {}).get("ServerSideEncryptionConfiguration", [])
    ]
    if rules:
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": rules})
    block = props.get("PublicAccessBlockConfiguration")
    if block:
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=block)


def _create_table(dynamodb: Any, spec: dict[str, Any], props: dict[str, Any]) -> None:
    try:
        dynamodb.create_table(**spec)
    except dynamodb.exceptions.ResourceInUseException:
        return
    dynamodb.get_waiter("table_exists").wait(TableName=spec["TableName"], WaiterConfig={"Delay": 1})
    if props.get("PointInTimeRecoverySpecification", {}).get("PointInTimeRecoveryEnabled"):
        dynamodb.update_continuous_backups(
            TableName=spec["TableName"],
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
        )


def _create_queue(sqs: Any, name: str, props: dict[str, Any]) -> str:
    attributes = {}
    if "MessageRetentionPeriod" in props:
        attributes["MessageRetentionPeriod"] = str(props["MessageRetentionPeriod"])
    if props.get("SqsManagedSseEnabled"):
        attributes["SqsManagedSseEnabled"] = "true"
    url: str = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    return url


def provision(
    s3: Any,
    dynamodb: Any,
    sqs: Any,
    *,
    names: ResourceNames | None = None,
    template: dict[str, Any] | None = None,
) -> ResourceNames:
    """Create the input and artifacts buckets, the articles table and the failure queue; return their names.

    Idempotent: resources that already exist are kept (handy with a long-running local moto server).
    """
    template = load_template() if template is None else template
    names = ResourceNames() if names is None else names
    for logical_id, bucket in ((INPUT_BUCKET_ID, names.input_bucket), (ARTIFACTS_BUCKET_ID, names.artifacts_bucket)):
        _create_bucket(s3, bucket, _resource(template, logical_id))
    _create_table(dynamodb, table_definition(template, name=names.table), _resource(template, TABLE_ID))
    queue_url = _create_queue(sqs, names.queue_name, _resource(template, QUEUE_ID))
    return replace(names, queue_url=queue_url)


def _resolve(value: Any, names: ResourceNames, template: dict[str, Any], var: str) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, dict) and set(value) == {"Ref"}:
        ref = value["Ref"]
        if ref == "TriggerPrefix":
            return names.trigger_prefix
        resolved = names.for_logical_id(ref)
        if resolved is not None:
            return resolved
        parameter = template.get("Parameters", {}).get(ref)
        if parameter is not None and "Default" in parameter:
            return str(parameter["Default"])
    raise ValueError(f"cannot resolve environment variable {var}={value!r} of {FUNCTION_ID} locally")


def _declared(template: dict[str, Any]) -> dict[str, Any]:
    variables: dict[str, Any] = {}
    globals_env = template.get("Globals", {}).get("Function", {}).get("Environment", {})
    variables.update(globals_env.get("Variables", {}))
    variables.update(_resource(template, FUNCTION_ID).get("Environment", {}).get("Variables", {}))
    return variables


def declared_variables(template: dict[str, Any] | None = None) -> set[str]:
    """Names of every variable the function declares (the only ones `sam local --env-vars` can set)."""
    return set(_declared(load_template() if template is None else template))


def function_environment(names: ResourceNames | None = None, template: dict[str, Any] | None = None) -> dict[str, str]:
    """The function's environment variables as deployed, with resource references resolved to `names`.

    Parameters resolve to their defaults, except TriggerPrefix which follows `names.trigger_prefix`.
    Variables the template leaves empty (AWS_ENDPOINT_URL, filled only by `sam local --env-vars`) are
    left out, so applying this environment never blanks a value the caller set on purpose.
    """
    template = load_template() if template is None else template
    names = ResourceNames() if names is None else names
    resolved = {var: _resolve(value, names, template, var) for var, value in _declared(template).items()}
    return {var: value for var, value in resolved.items() if value != ""}
