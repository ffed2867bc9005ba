"""The function's trigger, configuration and failure path, and a deployable graph (cfn-lint rules)."""

from __future__ import annotations

import graphlib
import re
from typing import Any

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from policy import _cfn

PREFIX = {"Ref": "TriggerPrefix"}
# Values the TriggerPrefix pattern must refuse (they widen the read grant to the whole bucket or leave it) and accept.
WIDENING_PREFIXES = ("", "/", "*", "incoming", "incoming/*", "../")
FOLDER_PREFIXES = ("incoming/", "uploads/fr/", "news_2024/")
HANDLER_SETTINGS = {"TABLE_NAME", "ARTIFACTS_BUCKET", "TRIGGER_PREFIX", "MAX_OBJECT_BYTES", "POWERTOOLS_SERVICE_NAME",
                    "POWERTOOLS_LOG_LEVEL", "POWERTOOLS_METRICS_NAMESPACE"}  # fmt: skip
FAILURE_RETENTION_SECONDS = 1209600  # 14 days, SQS's maximum
LAMBDA_SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html"


def _function(cfn: Template) -> dict[str, Any]:
    return _cfn.props(cfn, _cfn.FUNCTION_ID)


def _env(cfn: Template) -> dict[str, Any]:
    variables: dict[str, Any] = _function(cfn).get("Environment", {}).get("Variables", {})
    return variables


class TriggerPrefixIsAFolder(CloudFormationLintRule):
    id = "E9115"
    shortdesc = "TriggerPrefix's AllowedPattern admits only folder paths"
    description = f"The pattern refuses {list(WIDENING_PREFIXES)} and accepts {list(FOLDER_PREFIXES)}."
    source_url = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html"
    tags = ["parameters", "s3", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        pattern = cfn.template.get("Parameters", {}).get("TriggerPrefix", {}).get("AllowedPattern")
        path: list[str | int] = ["Parameters", "TriggerPrefix"]
        if not isinstance(pattern, str):
            return [_cfn.match(path, "TriggerPrefix has no AllowedPattern")]
        wrong = [v for v in WIDENING_PREFIXES if re.fullmatch(pattern, v)]
        wrong += [v for v in FOLDER_PREFIXES if not re.fullmatch(pattern, v)]
        return [_cfn.match([*path, "AllowedPattern"], f"the pattern misjudges {value!r}") for value in wrong]


class TriggerAndHandlerAgreeOnThePrefix(CloudFormationLintRule):
    id = "E9116"
    shortdesc = "The S3 event filter and TRIGGER_PREFIX both use the TriggerPrefix parameter"
    description = (
        "Every S3 event of the function is s3:ObjectCreated:* filtered on prefix !Ref TriggerPrefix; "
        "TRIGGER_PREFIX is !Ref TriggerPrefix."
    )
    source_url = LAMBDA_SOURCE
    tags = ["lambda", "s3", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        path: list[str | int] = ["Resources", _cfn.FUNCTION_ID, "Properties"]
        events = {n: e for n, e in _function(cfn).get("Events", {}).items() if e.get("Type") == "S3"}
        found = [] if events else [_cfn.match(path, "the function has no S3 event")]
        for name, event in events.items():
            properties = event.get("Properties", {})
            rules = properties.get("Filter", {}).get("S3Key", {}).get("Rules")
            if _cfn.as_list(properties.get("Events")) != ["s3:ObjectCreated:*"] or rules != [
                {"Name": "prefix", "Value": PREFIX}
            ]:
                found.append(_cfn.match([*path, "Events", name], f"{name} is not ObjectCreated under TriggerPrefix"))
        if _env(cfn).get("TRIGGER_PREFIX") != PREFIX:
            found.append(_cfn.match([*path, "Environment"], "TRIGGER_PREFIX is not !Ref TriggerPrefix"))
        return found


class FailedEventsReachTheQueue(CloudFormationLintRule):
    id = "E9141"
    shortdesc = "Async invocations retry at most twice, expire, then go to the failure queue"
    description = (
        "EventInvokeConfig: MaximumRetryAttempts 0-2, MaximumEventAgeInSeconds 60-21600, OnFailure the "
        "FailureQueue's ARN; the queue keeps messages 14 days."
    )
    source_url = LAMBDA_SOURCE
    tags = ["lambda", "sqs", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        config = _function(cfn).get("EventInvokeConfig", {})
        destination = config.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
        checks = {
            "MaximumRetryAttempts is not 0-2": config.get("MaximumRetryAttempts") in (0, 1, 2),
            "MaximumEventAgeInSeconds is not 60-21600": 60 <= int(config.get("MaximumEventAgeInSeconds", 0)) <= 21600,
            "failures do not go to FailureQueue": _cfn.spell(destination) == "${FailureQueue.Arn}",
            "FailureQueue keeps messages less than 14 days": _cfn.props(cfn, "FailureQueue").get(
                "MessageRetentionPeriod"
            )
            == FAILURE_RETENTION_SECONDS,
        }
        path: list[str | int] = ["Resources", _cfn.FUNCTION_ID, "Properties", "EventInvokeConfig"]
        return [_cfn.match(path, problem) for problem, ok in checks.items() if not ok]


class FunctionIsConfiguredForTheHandler(CloudFormationLintRule):
    id = "E9142"
    shortdesc = "The function is traced, runs python3.13 on the layer, and gets every setting the handler reads"
    description = (
        "Tracing Active, Runtime python3.13, Handler app.lambda_handler, one layer, Timeout 60 and MemorySize 512 "
        "by default, concurrency reserved only through ReservedConcurrency, the handler's environment variables."
    )
    source_url = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-function-common.html"
    tags = ["lambda", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        function, env = _function(cfn), _env(cfn)
        checks = {
            "tracing is not Active": function.get("Tracing") == "Active"
            or function.get("TracingConfig") == {"Mode": "Active"},
            "runtime is not python3.13": function.get("Runtime") == "python3.13",
            "handler is not app.lambda_handler": function.get("Handler") == "app.lambda_handler",
            "not exactly one layer": len(_cfn.as_list(function.get("Layers", []))) == 1,
            "timeout is not 60 s by default": _default(cfn, function.get("Timeout")) == 60,
            "memory is not 512 MB by default": _default(cfn, function.get("MemorySize")) == 512,
            "concurrency is reserved other than by ReservedConcurrency": _reserved_only_by_parameter(
                cfn, function.get("ReservedConcurrentExecutions")
            ),
            f"environment lacks {sorted(HANDLER_SETTINGS - set(env))}": set(env) >= HANDLER_SETTINGS,
            "TABLE_NAME is not the ArticlesTable": env.get("TABLE_NAME") == {"Ref": "ArticlesTable"},
        }
        path: list[str | int] = ["Resources", _cfn.FUNCTION_ID, "Properties"]
        return [_cfn.match(path, problem) for problem, ok in checks.items() if not ok]


def _default(cfn: Template, value: Any) -> Any:
    default = _cfn.parameter_default(cfn, value)
    return default if default is not None else value


def _reserved_only_by_parameter(cfn: Template, value: Any) -> bool:
    """Unreserved at the parameter's default, reserved to the parameter's value otherwise."""
    if not (isinstance(value, dict) and isinstance(value.get("Fn::If"), list) and len(value["Fn::If"]) == 3):
        return False
    condition, if_true, if_false = value["Fn::If"]
    parameter = {"Ref": "ReservedConcurrency"}
    default = _cfn.parameter_default(cfn, parameter)
    expected = [{"Fn::Not": [{"Fn::Equals": pair}]} for pair in ([parameter, default], [default, parameter])]
    defined = cfn.template.get("Conditions", {}).get(condition)
    return if_true == parameter and if_false == {"Ref": "AWS::NoValue"} and defined in expected


class FunctionUsesTheRealEndpoints(CloudFormationLintRule):
    id = "E9143"
    shortdesc = "AWS_ENDPOINT_URL is empty in the deployed function"
    description = (
        "Declared only so `sam local --env-vars` can set it; a value would send every AWS call, signed with the "
        "role's credentials, elsewhere."
    )
    source_url = "https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html"
    tags = ["lambda", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        if _env(cfn).get("AWS_ENDPOINT_URL", "") == "":
            return []
        path: list[str | int] = ["Resources", _cfn.FUNCTION_ID, "Properties", "Environment"]
        return [_cfn.match(path, "AWS_ENDPOINT_URL must be empty")]


class NoCycleOnceSamNotifies(CloudFormationLintRule):
    id = "E9151"
    shortdesc = "No dependency cycle, counting the edges SAM's S3 events add"
    description = (
        "cfn-lint's E3004 sees the SAM source, where a function's S3 event references the bucket; once transformed, "
        "the bucket's notification references the function. Both directions together must leave no cycle."
    )
    source_url = "https://aws.amazon.com/blogs/infrastructure-and-automation/handling-circular-dependency-errors-in-aws-cloudformation/"
    tags = ["resources", "sam", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        if cfn.graph is None:
            return []
        resources, functions = set(cfn.template.get("Resources", {})), _cfn.resources(cfn, *_cfn.FUNCTION_TYPES)
        depends_on: dict[str, set[str]] = {name: set() for name in resources}
        for source, target, data in cfn.graph.graph.edges(data=True):  # cfn-lint's graph of Ref/GetAtt/Sub/DependsOn
            if source not in resources or target not in resources:
                continue
            if source in functions and data.get("source_paths", [])[:2] == ["Properties", "Events"]:
                source, target = target, source  # as transformed: the bucket's notification names the function
            depends_on[source].add(target)
        try:
            graphlib.TopologicalSorter(depends_on).prepare()
        except graphlib.CycleError as cycle:
            names = [str(name) for name in cycle.args[1]]
            return [_cfn.match(["Resources", names[0]], f"dependency cycle: {' -> '.join(names)}")]
        return []
