"""Security properties of template.yaml, checked on the template as CloudFormation will see it.

The SAM template is transformed with the SAM translator (the same code CloudFormation's
`AWS::Serverless` transform runs), then intrinsic functions are resolved with concrete account,
region, stack and parameter values, so the assertions compare real ARNs, not template syntax.
"""

from __future__ import annotations

import copy
import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator

from local.template_resources import load_template

ACCOUNT = "123456789012"
REGION = "eu-west-3"
STACK = "articles"
STACK_ID = f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/{STACK}/1a2b3c4d-5e6f-4a5b-8c7d-0123456789ab"
NO_VALUE = object()
# Actions AWS only grants on Resource "*".
STAR_ONLY_ACTIONS = {"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
                     "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"}  # fmt: skip
# Every way to create an object (Put, Post, Copy, CompleteMultipartUpload) needs s3:PutObject.
OBJECT_CREATING_ACTIONS = ("s3:PutObject",)


def transform(parameters: dict[str, str] | None = None) -> Template:
    """The SAM template as CloudFormation deploys it, with `parameters` overriding the defaults."""
    sam = copy.deepcopy(load_template())
    for resource in sam["Resources"].values():  # `sam package` puts the code in S3 first
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = "s3://deploy-bucket/function.zip"
        if resource["Type"] == "AWS::Serverless::LayerVersion":
            resource["Properties"]["ContentUri"] = "s3://deploy-bucket/layer.zip"
    translator = Translator(None, Parser(), boto_session=boto3.session.Session(region_name=REGION))
    cfn = translator.translate(sam, {}, get_managed_policy_map=dict)
    values = {name: spec.get("Default") for name, spec in cfn.get("Parameters", {}).items()}
    values.update(parameters or {})
    return Template(cfn, {k: str(v) for k, v in values.items() if v is not None})


@dataclass
class Template:
    """A transformed template plus the parameter values to resolve it with."""

    cfn: dict[str, Any]
    parameters: dict[str, str]

    def of_type(self, kind: str) -> dict[str, dict[str, Any]]:
        return {lid: res for lid, res in self.cfn["Resources"].items() if res["Type"] == kind}

    def props(self, logical_id: str) -> dict[str, Any]:
        properties: dict[str, Any] = self.resolve(self.cfn["Resources"][logical_id].get("Properties", {}))
        return properties

    # --- intrinsic functions, resolved to concrete values -------------------------------------------------
    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [v for v in (self.resolve(item) for item in value) if v is not NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (fn, arg), = value.items()  # fmt: skip
            if fn == "Ref":
                return self._ref(arg)
            if fn == "Fn::GetAtt":
                return self._get_att(*(arg.split(".", 1) if isinstance(arg, str) else arg))
            if fn == "Fn::Sub":
                return self._sub(arg)
            if fn == "Fn::Select":
                return self.resolve(arg[1])[int(self.resolve(arg[0]))]
            if fn == "Fn::Split":
                return self.resolve(arg[1]).split(arg[0])
            if fn == "Fn::Join":
                return arg[0].join(self.resolve(arg[1]))
            if fn == "Fn::If":
                return self.resolve(arg[1] if self.condition(arg[0]) else arg[2])
        return {k: v for k, v in ((k, self.resolve(v)) for k, v in value.items()) if v is not NO_VALUE}

    def condition(self, name: str) -> bool:
        return bool(self._evaluate(self.cfn["Conditions"][name]))

    def _evaluate(self, expr: Any) -> Any:
        if isinstance(expr, dict) and len(expr) == 1:
            (fn, arg), = expr.items()  # fmt: skip
            if fn == "Fn::Equals":
                return str(self._evaluate(arg[0])) == str(self._evaluate(arg[1]))
            if fn == "Fn::Not":
                return not self._evaluate(arg[0])
            if fn == "Fn::And":
                return all(self._evaluate(a) for a in arg)
            if fn == "Fn::Or":
                return any(self._evaluate(a) for a in arg)
            if fn == "Condition":
                return self.condition(arg)
        return self.resolve(expr)

    def _ref(self, name: str) -> Any:
        pseudo = {"AWS::AccountId": ACCOUNT, "AWS::Region": REGION, "AWS::Partition": "aws", "AWS::StackName": STACK,
                  "AWS::StackId": STACK_ID, "AWS::URLSuffix": "amazonaws.com", "AWS::NoValue": NO_VALUE}  # fmt: skip
        if name in pseudo:
            return pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        resource = self.cfn["Resources"][name]
        if resource["Type"] == "AWS::SQS::Queue":
            return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{self._physical_name(name)}"
        return self._physical_name(name)

    def _physical_name(self, logical_id: str) -> str:
        resource = self.cfn["Resources"][logical_id]
        for key in ("BucketName", "TableName", "QueueName", "FunctionName", "RoleName", "LogGroupName"):
            if key in resource.get("Properties", {}):
                return str(self.resolve(resource["Properties"][key]))
        return f"{STACK}-{logical_id.lower()}-1x2y3z"  # what CloudFormation generates, roughly

    def _get_att(self, logical_id: str, attribute: str) -> str:
        kind = self.cfn["Resources"][logical_id]["Type"]
        name = self._physical_name(logical_id)
        if attribute in ("QueueName", "Name"):
            return name
        assert attribute == "Arn", f"unhandled GetAtt {logical_id}.{attribute}"
        return {
            "AWS::S3::Bucket": f"arn:aws:s3:::{name}",
            "AWS::DynamoDB::Table": f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}",
            "AWS::SQS::Queue": f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}",
            "AWS::Logs::LogGroup": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{name}:*",
            "AWS::IAM::Role": f"arn:aws:iam::{ACCOUNT}:role/{name}",
            "AWS::Lambda::Function": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}",
        }[kind]

    def _sub(self, arg: Any) -> str:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
        local = {k: self.resolve(v) for k, v in variables.items()}

        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in local:
                return str(local[name])
            if "." in name and name.split(".", 1)[0] in self.cfn["Resources"]:
                return self._get_att(*name.split(".", 1))
            return str(self._ref(name))

        return re.sub(r"\$\{([^}!]+)\}", one, text)

    # --- IAM --------------------------------------------------------------------------------------------
    def function_role(self, function_id: str = "ProcessArticleFunction") -> str:
        role = self.cfn["Resources"][function_id]["Properties"]["Role"]
        assert isinstance(role, dict) and "Fn::GetAtt" in role, "the function's role must be defined in the template"
        return str(role["Fn::GetAtt"][0])

    def role_statements(self, role_id: str) -> Iterator[dict[str, Any]]:
        """Every statement granted to the role: its inline policies and any policy resource attached to it."""
        for policy in self.props(role_id).get("Policies", []):
            yield from _as_list(policy["PolicyDocument"]["Statement"])
        for lid in self.of_type("AWS::IAM::Policy") | self.of_type("AWS::IAM::ManagedPolicy"):
            raw_roles = self.cfn["Resources"][lid]["Properties"].get("Roles", [])
            if {"Ref": role_id} in raw_roles:
                yield from _as_list(self.props(lid)["PolicyDocument"]["Statement"])


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _grants(statement: dict[str, Any], action: str) -> bool:
    """Whether an Allow statement's action patterns (s3:*, s3:Put*, ...) cover `action`."""
    return statement["Effect"] == "Allow" and any(
        fnmatch.fnmatchcase(action.lower(), pattern.lower()) for pattern in _as_list(statement["Action"])
    )


def _may_match(resource_pattern: str, arn: str) -> bool:
    """Whether an IAM resource pattern could cover some ARN starting with `arn` (a bucket or a prefix)."""
    return (
        fnmatch.fnmatchcase(arn, resource_pattern)
        or fnmatch.fnmatchcase(arn + "x", resource_pattern)
        or (resource_pattern.startswith(arn))
    )


@pytest.fixture(scope="module")
def deployed() -> Template:
    return transform()


# --- IAM ----------------------------------------------------------------------------------------------------
def test_no_statement_on_every_resource_except_star_only_actions(deployed: Template) -> None:
    """Given every IAM role and policy in the deployed template
    When their Allow statements are listed
    Then Resource "*" appears only with actions AWS grants on no narrower resource, and none uses NotAction/NotResource
    """
    roles = deployed.of_type("AWS::IAM::Role")
    assert roles, "the template defines the function's role"
    for role_id in roles:
        assert not deployed.props(role_id).get("ManagedPolicyArns"), f"{role_id}: managed policies hide their scope"
        for statement in deployed.role_statements(role_id):
            assert "NotAction" not in statement and "NotResource" not in statement
            if "*" in _as_list(statement["Resource"]):
                assert set(_as_list(statement["Action"])) <= STAR_ONLY_ACTIONS, statement


@pytest.mark.parametrize("prefix", ["incoming/", "texts/", "uploads/fr/"])
def test_function_reads_only_the_trigger_prefix_of_the_input_bucket(prefix: str) -> None:
    """Given the template deployed with trigger prefix `prefix`
    When the function role's S3 statements are resolved
    Then every S3 grant on the input bucket is a read of exactly <input bucket>/<prefix>*,
    or a listing conditioned on that prefix (so a deleted object reads as 404, not 403)
    """
    template = transform({"TriggerPrefix": prefix})
    bucket = template.props("InputBucket")["BucketName"]
    s3_statements = [s for s in template.role_statements(template.function_role()) if _grants_any_s3(s)]
    on_input = [s for s in s3_statements if any(_may_match(r, f"arn:aws:s3:::{bucket}") for r in _res(s))]
    assert on_input, "the function must be able to read its uploads"
    for statement in on_input:
        if _as_list(statement["Action"]) == ["s3:ListBucket"]:
            assert _res(statement) == [f"arn:aws:s3:::{bucket}"]
            assert statement["Condition"] == {"StringLike": {"s3:prefix": f"{prefix}*"}}, statement
            continue
        assert set(_as_list(statement["Action"])) <= {"s3:GetObject", "s3:GetObjectVersion"}, statement
        assert _res(statement) == [f"arn:aws:s3:::{bucket}/{prefix}*"]


def _grants_any_s3(statement: dict[str, Any]) -> bool:
    return any(str(action).lower().startswith("s3:") or action == "*" for action in _as_list(statement["Action"]))


def _res(statement: dict[str, Any]) -> list[str]:
    return [str(r) for r in _as_list(statement["Resource"])]


def test_function_writes_only_the_project_table_bucket_folder_and_queue(deployed: Template) -> None:
    """Given the function's role
    When its statements are resolved
    Then DynamoDB, SQS and S3 writes name only this stack's table (and its indexes), queue and texts/ folder
    """
    table = deployed.props("ArticlesTable")
    table_arn = deployed.resolve({"Fn::GetAtt": ["ArticlesTable", "Arn"]})
    queue_arn = deployed.resolve({"Fn::GetAtt": ["FailureQueue", "Arn"]})
    artifacts_arn = deployed.resolve({"Fn::GetAtt": ["ArtifactsBucket", "Arn"]})
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    for statement in deployed.role_statements(deployed.function_role()):
        actions = {str(a) for a in _as_list(statement["Action"])}
        services = {a.split(":", 1)[0] for a in actions}
        if services == {"dynamodb"}:
            assert actions <= {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"}
            assert set(_res(statement)) <= {table_arn, f"{table_arn}/index/*"}
        elif services == {"sqs"}:
            assert actions == {"sqs:SendMessage"} and _res(statement) == [queue_arn]
        elif services == {"s3"} and any(_grants(statement, a) for a in OBJECT_CREATING_ACTIONS):
            assert _res(statement) == [f"{artifacts_arn}/texts/*"]
        else:
            assert services <= {"s3", "logs", "xray"}, f"unexpected grant {actions}"


# --- no recursion by construction -----------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", ["incoming/", "texts/", "a/"])
def test_nothing_the_function_writes_is_in_a_bucket_with_a_trigger(prefix: str) -> None:
    """Given the template with any trigger prefix (even the artifacts folder's name)
    When the buckets that notify the function are compared with what the function may write
    Then no object-creating grant covers any key of a triggering bucket, and Lambda's loop detection is on
    """
    template = transform({"TriggerPrefix": prefix})
    function_arn = template.resolve({"Fn::GetAtt": ["ProcessArticleFunction", "Arn"]})
    triggering = [
        template.props(lid)["BucketName"] if "BucketName" in template.props(lid) else template.resolve({"Ref": lid})
        for lid in template.of_type("AWS::S3::Bucket")
        if any(
            conf.get("Function") == function_arn
            for conf in template.props(lid).get("NotificationConfiguration", {}).get("LambdaConfigurations", [])
        )
    ]
    assert triggering, "the input bucket notifies the function"
    writes = [s for s in template.role_statements(template.function_role()) if _grants(s, "s3:PutObject")]
    for bucket in triggering:
        for statement in writes:
            assert not any(_may_match(r, f"arn:aws:s3:::{bucket}/") for r in _res(statement)), (bucket, statement)
        assert template.props("ProcessArticleFunction")["Environment"]["Variables"]["ARTIFACTS_BUCKET"] != bucket
    assert template.props("ProcessArticleFunction")["RecursiveLoop"] == "Terminate"


def test_trigger_prefix_parameter_refuses_the_whole_bucket() -> None:
    """Given the TriggerPrefix parameter's AllowedPattern
    When values that would widen the read grant to the whole bucket are checked
    Then they are refused and ordinary folder prefixes pass
    """
    pattern = load_template()["Parameters"]["TriggerPrefix"]["AllowedPattern"]
    for bad in ("", "/", "*", "incoming", "incoming/*", "../"):
        assert re.fullmatch(pattern, bad) is None, bad
    for good in ("incoming/", "uploads/fr/", "news_2024/"):
        assert re.fullmatch(pattern, good), good


def test_s3_event_and_handler_agree_on_the_prefix() -> None:
    """Given a non-default trigger prefix
    When the bucket notification and the function environment are resolved
    Then the S3 filter, TRIGGER_PREFIX and the read grant all use that prefix
    """
    template = transform({"TriggerPrefix": "uploads/fr/"})
    (conf,) = template.props("InputBucket")["NotificationConfiguration"]["LambdaConfigurations"]
    assert conf["Event"] == "s3:ObjectCreated:*"
    assert conf["Filter"]["S3Key"]["Rules"] == [{"Name": "prefix", "Value": "uploads/fr/"}]
    assert template.props("ProcessArticleFunction")["Environment"]["Variables"]["TRIGGER_PREFIX"] == "uploads/fr/"


# --- data at rest and in transit -------------------------------------------------------------------------------
def test_every_bucket_is_private_encrypted_and_tls_only(deployed: Template) -> None:
    """Given every S3 bucket in the template
    When its properties and bucket policies are read
    Then public access is fully blocked, objects are encrypted, ACLs are off and non-TLS requests are denied
    """
    buckets = deployed.of_type("AWS::S3::Bucket")
    assert {"InputBucket", "ArtifactsBucket"} <= set(buckets)
    policies = [deployed.props(lid) for lid in deployed.of_type("AWS::S3::BucketPolicy")]
    for lid in buckets:
        props = deployed.props(lid)
        assert props["PublicAccessBlockConfiguration"] == dict.fromkeys(
            ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"), True
        ), lid
        rules = props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        assert rules and all(
            r["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in {"AES256", "aws:kms", "aws:kms:dsse"} for r in rules
        )
        assert props["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
        name = deployed.resolve({"Ref": lid})
        arn = f"arn:aws:s3:::{name}"
        assert any(
            _denies_insecure_transport(statement, [arn, f"{arn}/*"])
            for policy in policies
            if policy["Bucket"] == name
            for statement in _as_list(policy["PolicyDocument"]["Statement"])
        ), f"{lid} has no TLS-only bucket policy"


def _denies_insecure_transport(statement: dict[str, Any], arns: list[str]) -> bool:
    return (
        statement["Effect"] == "Deny"
        and statement["Principal"] in ("*", {"AWS": "*"})
        and _as_list(statement["Action"]) in (["s3:*"], ["*"])
        and set(arns) <= set(_res(statement))
        and statement.get("Condition") == {"Bool": {"aws:SecureTransport": "false"}}
    )


def test_input_bucket_is_versioned_so_the_named_version_can_be_read(deployed: Template) -> None:
    """Given the input bucket
    When its versioning is read
    Then it is enabled: an overwrite between the event and the read does not change what is processed
    """
    assert deployed.props("InputBucket")["VersioningConfiguration"] == {"Status": "Enabled"}


def test_every_table_is_encrypted_with_point_in_time_recovery(deployed: Template) -> None:
    """Given every DynamoDB table
    When its properties are read
    Then server-side encryption and point-in-time recovery are on
    """
    tables = deployed.of_type("AWS::DynamoDB::Table")
    assert tables
    for lid in tables:
        props = deployed.props(lid)
        assert props["SSESpecification"]["SSEEnabled"] is True, lid
        assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True, lid


def test_every_queue_is_encrypted_and_tls_only(deployed: Template) -> None:
    """Given every SQS queue
    When its properties and queue policies are read
    Then messages are encrypted at rest and non-TLS requests are denied
    """
    queues = deployed.of_type("AWS::SQS::Queue")
    assert queues
    policies = [deployed.props(lid) for lid in deployed.of_type("AWS::SQS::QueuePolicy")]
    for lid in queues:
        props = deployed.props(lid)
        assert props.get("SqsManagedSseEnabled") is True or props.get("KmsMasterKeyId"), lid
        arn = deployed.resolve({"Fn::GetAtt": [lid, "Arn"]})
        assert any(
            s["Effect"] == "Deny"
            and arn in _res(s)
            and s.get("Condition") == {"Bool": {"aws:SecureTransport": "false"}}
            for p in policies
            if deployed.resolve({"Ref": lid}) in p["Queues"]
            for s in _as_list(p["PolicyDocument"]["Statement"])
        ), lid


# --- failure handling --------------------------------------------------------------------------------------------
def test_async_invocations_retry_at_most_twice_then_go_to_the_encrypted_queue(deployed: Template) -> None:
    """Given the function's asynchronous invoke configuration
    When it is read
    Then retries are at most 2, events expire, and failures go to the template's (encrypted) queue
    """
    (config_id,) = deployed.of_type("AWS::Lambda::EventInvokeConfig")
    config = deployed.props(config_id)
    assert 0 <= config["MaximumRetryAttempts"] <= 2
    assert 60 <= config["MaximumEventAgeInSeconds"] <= 21600
    assert config["DestinationConfig"]["OnFailure"]["Destination"] == deployed.resolve(
        {"Fn::GetAtt": ["FailureQueue", "Arn"]}
    )
    assert deployed.props("FailureQueue")["MessageRetentionPeriod"] == 1209600


def test_function_is_traced_and_configured_for_the_handler(deployed: Template) -> None:
    """Given the deployed function
    When its configuration is read
    Then X-Ray tracing is active, it runs python3.13 on the layer, and it gets every setting the handler reads
    """
    function = deployed.props("ProcessArticleFunction")
    assert function["TracingConfig"] == {"Mode": "Active"}
    assert function["Runtime"] == "python3.13"
    assert function["Handler"] == "app.lambda_handler"
    assert len(function["Layers"]) == 1
    assert function["Timeout"] == "60" and function["MemorySize"] == "512"  # the parameters' defaults
    assert "ReservedConcurrentExecutions" not in function  # unreserved unless the parameter says otherwise
    env = function["Environment"]["Variables"]
    assert {"TABLE_NAME", "ARTIFACTS_BUCKET", "TRIGGER_PREFIX", "MAX_OBJECT_BYTES", "POWERTOOLS_SERVICE_NAME",
            "POWERTOOLS_LOG_LEVEL", "POWERTOOLS_METRICS_NAMESPACE"} <= set(env)  # fmt: skip
    assert env["TABLE_NAME"] == deployed.resolve({"Ref": "ArticlesTable"})
    assert transform({"ReservedConcurrency": "5"}).props("ProcessArticleFunction")["ReservedConcurrentExecutions"]


def test_deployed_function_talks_to_the_real_aws_endpoints(deployed: Template) -> None:
    """Given the deployed function's environment
    When AWS_ENDPOINT_URL (declared only so `sam local --env-vars` can set it) is read
    Then it is empty: a value there would send every AWS call, signed with the role's credentials, elsewhere
    """
    assert deployed.props("ProcessArticleFunction")["Environment"]["Variables"].get("AWS_ENDPOINT_URL", "") == ""


def test_template_has_no_dependency_cycle(deployed: Template) -> None:
    """Given the transformed template
    When Ref, GetAtt, Sub and DependsOn edges between resources are followed
    Then no resource depends on itself (CloudFormation would refuse to deploy)
    """
    resources = deployed.cfn["Resources"]
    edges = {lid: _dependencies(res, set(resources)) for lid, res in resources.items()}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        assert state.get(node) != 1, f"cycle: {' -> '.join([*path, node])}"
        if state.get(node) == 2:
            return
        state[node] = 1
        for nxt in edges[node]:
            visit(nxt, [*path, node])
        state[node] = 2

    for lid in resources:
        visit(lid, [])


def _dependencies(value: Any, names: set[str]) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "Ref" and item in names:
                found.add(item)
            elif key == "Fn::GetAtt":
                found.add(item.split(".")[0] if isinstance(item, str) else item[0])
            elif key == "Fn::Sub":
                text = item if isinstance(item, str) else item[0]
                found |= {m.split(".")[0] for m in re.findall(r"\$\{([^}!]+)\}", text)} & names
            elif key == "DependsOn":
                found |= set(_as_list(item))
            if key not in ("Ref", "DependsOn"):
                found |= _dependencies(item, names)
    elif isinstance(value, list):
        for item in value:
            found |= _dependencies(item, names)
    return found
