"""Data at rest and in transit: buckets, tables and queues are private, encrypted and TLS-only (cfn-lint rules)."""

from __future__ import annotations

from typing import Any

from cfnlint.template import Template

from policy import _cfn

BLOCK_ALL = dict.fromkeys(("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"), True)
SSE_ALGORITHMS = {"AES256", "aws:kms", "aws:kms:dsse"}
BUCKETS = ("InputBucket", "ArtifactsBucket")
S3_SOURCE = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html"


class BucketsBlockPublicAccess(_cfn.EveryResource):
    id = "E9121"
    shortdesc = "Every bucket blocks all public access"
    description = "PublicAccessBlockConfiguration sets all four settings to true."
    source_url = S3_SOURCE
    tags = ["s3", "policy"]
    resource_type, must_exist = "AWS::S3::Bucket", BUCKETS

    def problems(self, cfn: Template, logical_id: str, props: dict[str, Any]) -> list[str]:
        return (
            [] if props.get("PublicAccessBlockConfiguration") == BLOCK_ALL else ["public access is not fully blocked"]
        )


class BucketsAreEncrypted(_cfn.EveryResource):
    id = "E9122"
    shortdesc = "Every bucket encrypts objects by default"
    description = f"Every ServerSideEncryptionConfiguration rule uses one of {sorted(SSE_ALGORITHMS)}."
    source_url = S3_SOURCE
    tags = ["s3", "policy"]
    resource_type, must_exist = "AWS::S3::Bucket", BUCKETS

    def problems(self, cfn: Template, logical_id: str, props: dict[str, Any]) -> list[str]:
        rules = props.get("BucketEncryption", {}).get("ServerSideEncryptionConfiguration", [])
        algorithms = [r.get("ServerSideEncryptionByDefault", {}).get("SSEAlgorithm") for r in rules]
        return [] if algorithms and set(algorithms) <= SSE_ALGORITHMS else ["no default encryption"]


class BucketsDisableAcls(_cfn.EveryResource):
    id = "E9123"
    shortdesc = "Every bucket has ACLs off (BucketOwnerEnforced)"
    description = "OwnershipControls is exactly one rule, ObjectOwnership BucketOwnerEnforced."
    source_url = S3_SOURCE
    tags = ["s3", "policy"]
    resource_type, must_exist = "AWS::S3::Bucket", BUCKETS

    def problems(self, cfn: Template, logical_id: str, props: dict[str, Any]) -> list[str]:
        rules = props.get("OwnershipControls", {}).get("Rules")
        return [] if rules == [{"ObjectOwnership": "BucketOwnerEnforced"}] else ["ACLs are not disabled"]


class BucketsDenyInsecureTransport(_cfn.EveryResource):
    id = "E9124"
    shortdesc = "Every bucket's policy denies requests without TLS"
    description = "A bucket policy denies s3:* to every principal on the bucket and its objects without TLS."
    source_url = S3_SOURCE
    tags = ["s3", "policy"]
    resource_type, must_exist = "AWS::S3::Bucket", BUCKETS

    def problems(self, cfn: Template, logical_id: str, props: dict[str, Any]) -> list[str]:
        arns = {f"${{{logical_id}.Arn}}", f"${{{logical_id}.Arn}}/*"}
        statements = [
            s
            for policy_id in _cfn.resources(cfn, "AWS::S3::BucketPolicy")
            if _cfn.spell(_cfn.props(cfn, policy_id).get("Bucket")) == f"${{{logical_id}}}"
            for s in _cfn.as_list(_cfn.props(cfn, policy_id).get("PolicyDocument", {}).get("Statement", []))
        ]
        return [] if any(_denies_plain_http(s, "s3", arns) for s in statements) else ["no TLS-only bucket policy"]


def _denies_plain_http(statement: dict[str, Any], service: str, arns: set[str]) -> bool:
    return (
        statement.get("Effect") == "Deny"
        and statement.get("Principal") in ("*", {"AWS": "*"})
        and _cfn.as_list(statement.get("Action")) in ([f"{service}:*"], ["*"])
        and arns <= {_cfn.spell(r) for r in _cfn.as_list(statement.get("Resource", []))}
        and statement.get("Condition") == _cfn.TLS_ONLY
    )


class InputBucketIsVersioned(_cfn.EveryResource):
    id = "E9125"
    shortdesc = "Every triggering bucket is versioned"
    description = "Versioning on: an overwrite between the event and the read does not change what is processed."
    source_url = S3_SOURCE
    tags = ["s3", "policy"]
    resource_type, must_exist = "AWS::S3::Bucket", ("InputBucket",)

    def problems(self, cfn: Template, logical_id: str, props: dict[str, Any]) -> list[str]:
        if logical_id not in _cfn.triggering_buckets(cfn) | {"InputBucket"}:
            return []
        return [] if props.get("VersioningConfiguration") == {"Status": "Enabled"} else ["versioning is not enabled"]


class TablesAreEncryptedRecoverableOnDemand(_cfn.EveryResource):
    id = "E9131"
    shortdesc = "Every table: encryption, point-in-time recovery, on-demand billing"
    description = "SSESpecification.SSEEnabled, PointInTimeRecoveryEnabled, BillingMode PAY_PER_REQUEST."
    source_url = (
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/best-practices-security-preventative.html"
    )
    tags = ["dynamodb", "policy"]
    resource_type = "AWS::DynamoDB::Table"

    def problems(self, cfn: Template, logical_id: str, props: dict[str, Any]) -> list[str]:
        checks = {
            "server-side encryption is off": props.get("SSESpecification", {}).get("SSEEnabled") is True,
            "point-in-time recovery is off": props.get("PointInTimeRecoverySpecification", {}).get(
                "PointInTimeRecoveryEnabled"
            )
            is True,
            "billing is not PAY_PER_REQUEST": props.get("BillingMode") == "PAY_PER_REQUEST",
        }
        return [problem for problem, ok in checks.items() if not ok]


class QueuesAreEncrypted(_cfn.EveryResource):
    id = "E9132"
    shortdesc = "Every queue encrypts messages at rest"
    description = "SqsManagedSseEnabled: true or a KmsMasterKeyId."
    source_url = (
        "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html"
    )
    tags = ["sqs", "policy"]
    resource_type = "AWS::SQS::Queue"

    def problems(self, cfn: Template, logical_id: str, props: dict[str, Any]) -> list[str]:
        ok = props.get("SqsManagedSseEnabled") is True or props.get("KmsMasterKeyId")
        return [] if ok else ["messages are not encrypted at rest"]


class QueuesDenyInsecureTransport(_cfn.EveryResource):
    id = "E9133"
    shortdesc = "Every queue's policy denies requests without TLS"
    description = "A queue policy on the queue denies it to every principal when aws:SecureTransport is false."
    source_url = QueuesAreEncrypted.source_url
    tags = ["sqs", "policy"]
    resource_type = "AWS::SQS::Queue"

    def problems(self, cfn: Template, logical_id: str, props: dict[str, Any]) -> list[str]:
        statements = [
            s
            for policy_id in _cfn.resources(cfn, "AWS::SQS::QueuePolicy")
            if {"Ref": logical_id} in _cfn.as_list(_cfn.props(cfn, policy_id).get("Queues", []))
            for s in _cfn.as_list(_cfn.props(cfn, policy_id).get("PolicyDocument", {}).get("Statement", []))
        ]
        ok = any(_denies_plain_http(s, "sqs", {f"${{{logical_id}.Arn}}"}) for s in statements)
        return [] if ok else ["no TLS-only queue policy"]
