"""Least privilege: what every role may be granted, and what the function may read and write (cfn-lint rules)."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from policy import _cfn

# Actions AWS grants on Resource "*" only.
STAR_ONLY_ACTIONS = {"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
                     "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"}  # fmt: skip
READ_ACTIONS = {"s3:GetObject", "s3:GetObjectVersion"}
TABLE_ACTIONS = {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"}
SOURCE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"


class RolesUseInlinePoliciesOnly(CloudFormationLintRule):
    id = "E9101"
    shortdesc = "IAM roles attach no managed policies"
    description = "A managed policy (AWSLambdaBasicExecutionRole, ...) hides its scope from the template."
    source_url = SOURCE
    tags = ["iam", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        roles = _cfn.resources(cfn, "AWS::IAM::Role")
        if not roles:
            return [_cfn.match(["Resources"], "the template defines no IAM role for the function")]
        return [
            _cfn.match(
                ["Resources", role_id, "Properties", "ManagedPolicyArns"], f"{role_id} attaches managed policies"
            )
            for role_id in roles
            if _cfn.props(cfn, role_id).get("ManagedPolicyArns")
        ]


class NoNotActionOrNotResource(CloudFormationLintRule):
    id = "E9102"
    shortdesc = "IAM statements use no NotAction or NotResource"
    description = "NotAction/NotResource grant everything but a list: their scope grows with every new action."
    source_url = SOURCE
    tags = ["iam", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return [
            _cfn.match(s.path, f"{role_id}: NotAction/NotResource in an IAM statement")
            for role_id in _cfn.resources(cfn, "AWS::IAM::Role")
            for s in _cfn.role_statements(cfn, role_id)
            if {"NotAction", "NotResource"} & set(s.body)
        ]


class StarOnlyForStarOnlyActions(CloudFormationLintRule):
    id = "E9103"
    shortdesc = 'Resource "*" only for actions AWS grants on no narrower resource'
    description = f'An Allow on Resource "*" may only carry {sorted(STAR_ONLY_ACTIONS)}.'
    source_url = SOURCE
    tags = ["iam", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return [
            _cfn.match(s.path, f"{role_id}: Resource '*' with {sorted(set(s.actions) - STAR_ONLY_ACTIONS)}")
            for role_id in _cfn.resources(cfn, "AWS::IAM::Role")
            for s in _cfn.role_statements(cfn, role_id)
            if "*" in s.resources and not set(s.actions) <= STAR_ONLY_ACTIONS
        ]


class FunctionReadsOnlyTheTriggerPrefix(CloudFormationLintRule):
    id = "E9111"
    shortdesc = "The function reads only <input bucket>/${TriggerPrefix}*"
    description = (
        "Every S3 grant of the function's role that may cover a triggering bucket is a GetObject(Version) of "
        "exactly <bucket>/${TriggerPrefix}*, or a ListBucket of the bucket conditioned on s3:prefix ${TriggerPrefix}*."
    )
    source_url = SOURCE
    tags = ["iam", "s3", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        role_id, triggering = _cfn.function_role(cfn), _cfn.triggering_buckets(cfn)
        if role_id is None or not triggering:
            return [_cfn.match(["Resources", _cfn.FUNCTION_ID], "no role in the template, or no S3 trigger")]
        found, reads = [], 0
        for s in _cfn.role_statements(cfn, role_id):
            if not s.allows or not any(a == "*" or a.lower().startswith("s3:") for a in s.actions):
                continue
            for resource in s.resources:
                bucket, key = _cfn.bucket_and_key(cfn, resource)
                if bucket != "*" and bucket not in triggering:
                    continue
                if _is_prefix_read(s, key) or _is_prefix_listing(s, key):
                    reads += _is_prefix_read(s, key)
                    continue
                found.append(_cfn.match(s.path, f"{s.actions} on {resource}: more than reading ${{TriggerPrefix}}*"))
        if not reads:
            found.append(_cfn.match(["Resources", role_id], "the function cannot read its uploads"))
        return found


def _is_prefix_read(s: _cfn.Statement, key: str | None) -> bool:
    return set(s.actions) <= READ_ACTIONS and key == "${TriggerPrefix}*" and "Condition" not in s.body


def _is_prefix_listing(s: _cfn.Statement, key: str | None) -> bool:
    condition = s.body.get("Condition", {})
    prefix = condition.get("StringLike", {}).get("s3:prefix") if set(condition) == {"StringLike"} else None
    return s.actions == ["s3:ListBucket"] and key is None and _cfn.spell(prefix) == "${TriggerPrefix}*"


class FunctionWritesOnlyItsOwnResources(CloudFormationLintRule):
    id = "E9112"
    shortdesc = "The function writes only its table, its failure queue and the artifacts bucket's texts/"
    description = (
        "DynamoDB: GetItem, PutItem, Query on the TABLE_NAME table and its indexes; SQS: SendMessage on the "
        "on-failure queue; object-creating S3 actions only on <ARTIFACTS_BUCKET>/texts/*; nothing beyond S3, logs, "
        "X-Ray."
    )
    source_url = SOURCE
    tags = ["iam", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        role_id = _cfn.function_role(cfn)
        if role_id is None:
            return [_cfn.match(["Resources", _cfn.FUNCTION_ID], "the function's role is not in the template")]
        function = _cfn.props(cfn, _cfn.FUNCTION_ID)
        env = function.get("Environment", {}).get("Variables", {})
        table, artifacts = _cfn.spell(env.get("TABLE_NAME"))[2:-1], _cfn.spell(env.get("ARTIFACTS_BUCKET"))[2:-1]
        destination = function.get("EventInvokeConfig", {}).get("DestinationConfig", {}).get("OnFailure", {})
        queue_arn = _cfn.spell(destination.get("Destination"))
        found = []
        for s in _cfn.role_statements(cfn, role_id):
            actions, services, res = set(s.actions), s.services, set(s.resources)
            if services == {"dynamodb"}:
                ok = actions <= TABLE_ACTIONS and res <= {f"${{{table}.Arn}}", f"${{{table}.Arn}}/index/*"}
            elif services == {"sqs"}:
                ok = actions == {"sqs:SendMessage"} and res == {queue_arn}
            elif services == {"s3"} and s.grants("s3:PutObject"):
                ok = res == {f"${{{artifacts}.Arn}}/texts/*"}
            else:
                ok = services <= {"s3", "logs", "xray"}
            if not ok:
                found.append(_cfn.match(s.path, f"{role_id} grants {sorted(actions)} on {sorted(res)}"))
        return found


class NothingWrittenTriggersTheFunction(CloudFormationLintRule):
    id = "E9114"
    shortdesc = "Nothing the function writes lands in a bucket with a trigger"
    description = (
        "No s3:PutObject grant of the function's role may cover a key of a triggering bucket, ARTIFACTS_BUCKET is "
        "not a triggering bucket, and Lambda's recursive loop detection is on (RecursiveLoop: Terminate)."
    )
    source_url = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html"
    tags = ["iam", "s3", "lambda", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        role_id, triggering = _cfn.function_role(cfn), _cfn.triggering_buckets(cfn)
        path: list[str | int] = ["Resources", _cfn.FUNCTION_ID, "Properties"]
        function = _cfn.props(cfn, _cfn.FUNCTION_ID)
        found = []
        for s in _cfn.role_statements(cfn, role_id) if role_id else ():
            for resource in s.resources if s.grants("s3:PutObject") else ():
                bucket, _ = _cfn.bucket_and_key(cfn, resource)
                if bucket is None or bucket == "*" or bucket in triggering:
                    found.append(_cfn.match(s.path, f"the function may write {resource}, which may trigger it"))
        artifacts = _cfn.spell(function.get("Environment", {}).get("Variables", {}).get("ARTIFACTS_BUCKET"))
        if artifacts[2:-1] in triggering:
            found.append(_cfn.match([*path, "Environment"], "ARTIFACTS_BUCKET is a bucket that triggers the function"))
        if function.get("RecursiveLoop") != "Terminate":
            found.append(_cfn.match(path, "RecursiveLoop must be Terminate"))
        return found
