"""The template policy rules (policy/, cfn-lint custom rules) pass on template.yaml and each fires on a broken copy.

`make validate` runs the rules on the real template; these tests prove every rule can fail: one copy of
the template per case, broken in the one place the rule guards.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from cfnlint.config import ConfigMixIn
from cfnlint.decode.decode import decode_str
from cfnlint.rules import Rules
from cfnlint.runner import Runner, run_template_by_data

from local.template_resources import load_template

POLICY = Path(__file__).resolve().parents[2] / "policy"
ROLE = ["Resources", "ProcessArticleFunctionRole", "Properties"]
GRANT = [
    *ROLE,
    "Policies",
    0,
    "PolicyDocument",
    "Statement",
]  # 0 read, 1 list, 2 write texts/, 4 table, 5 queue, 6 logs
FUNCTION = ["Resources", "ProcessArticleFunction", "Properties"]
ENV = [*FUNCTION, "Environment", "Variables"]
S3_EVENT = [*FUNCTION, "Events", "ArticleUploaded", "Properties"]
INPUT = ["Resources", "InputBucket", "Properties"]
ARTIFACTS = ["Resources", "ArtifactsBucket", "Properties"]
TABLE = ["Resources", "ArticlesTable", "Properties"]
INPUT_NAME = "arn:${AWS::Partition}:s3:::articles-input-${AWS::AccountId}-${AWS::Region}-${Suffix}"
DELETE = object()
POLICY_RULES = Rules.create_from_directory(str(POLICY))

# rule id -> the ways to break the template that rule must catch: (path, new value or DELETE)
BREAKS: dict[str, list[tuple[list[Any], Any]]] = {
    "E9101": [([*ROLE, "ManagedPolicyArns"], ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"])],
    "E9102": [([*GRANT, 6, "NotResource"], "arn:aws:logs:*:*:log-group:other")],
    "E9103": [([*GRANT, 6, "Resource"], "*")],
    "E9111": [
        ([*GRANT, 0, "Resource", "Fn::Sub", 0], INPUT_NAME + "/*"),
        ([*GRANT, 0, "Resource", "Fn::Sub", 0], INPUT_NAME + "/incoming/*"),  # right by default, wrong for others
        ([*GRANT, 1, "Condition"], DELETE),
        ([*GRANT, 0, "Action"], ["s3:GetObject", "s3:DeleteObject"]),
    ],
    "E9112": [
        ([*GRANT, 4, "Action"], ["dynamodb:PutItem", "dynamodb:DeleteItem"]),
        ([*GRANT, 2, "Resource"], {"Fn::Sub": "${ArtifactsBucket.Arn}/*"}),
        ([*GRANT, 5, "Action"], ["sqs:*"]),
        ([*GRANT, 6, "Action"], ["logs:PutLogEvents", "lambda:InvokeFunction"]),
    ],
    "E9114": [
        ([*GRANT, 2, "Resource"], {"Fn::Sub": [INPUT_NAME + "/texts/*", {"Suffix": "x"}]}),
        ([*S3_EVENT, "Bucket"], {"Ref": "ArtifactsBucket"}),  # the bucket it writes to now triggers it
        ([*FUNCTION, "RecursiveLoop"], DELETE),
    ],
    "E9115": [(["Parameters", "TriggerPrefix", "AllowedPattern"], "^.*$")],
    "E9116": [
        ([*S3_EVENT, "Filter", "S3Key", "Rules", 0, "Value"], "incoming/"),
        ([*ENV, "TRIGGER_PREFIX"], "incoming/"),
        ([*S3_EVENT, "Events"], "s3:ObjectRemoved:*"),
    ],
    "E9121": [([*INPUT, "PublicAccessBlockConfiguration", "BlockPublicPolicy"], False)],
    "E9122": [([*ARTIFACTS, "BucketEncryption"], DELETE)],
    "E9123": [([*ARTIFACTS, "OwnershipControls", "Rules", 0, "ObjectOwnership"], "ObjectWriter")],
    "E9124": [
        (["Resources", "ArtifactsBucketPolicy"], DELETE),
        (["Resources", "InputBucketPolicy", "Properties", "PolicyDocument", "Statement", 0, "Resource", 1], DELETE),
    ],
    "E9125": [([*INPUT, "VersioningConfiguration", "Status"], "Suspended")],
    "E9131": [
        ([*TABLE, "PointInTimeRecoverySpecification"], DELETE),
        ([*TABLE, "SSESpecification", "SSEEnabled"], False),
    ],
    "E9132": [(["Resources", "FailureQueue", "Properties", "SqsManagedSseEnabled"], False)],
    "E9133": [(["Resources", "FailureQueuePolicy"], DELETE)],
    "E9141": [
        ([*FUNCTION, "EventInvokeConfig", "MaximumRetryAttempts"], 3),
        ([*FUNCTION, "EventInvokeConfig", "DestinationConfig", "OnFailure", "Destination"], "arn:aws:sqs:::other"),
        (["Resources", "FailureQueue", "Properties", "MessageRetentionPeriod"], 345600),
    ],
    "E9142": [
        (["Globals", "Function", "Tracing"], "PassThrough"),
        (["Globals", "Function", "Runtime"], "python3.12"),
        ([*FUNCTION, "ReservedConcurrentExecutions"], 10),
        ([*ENV, "TABLE_NAME"], DELETE),
        (["Parameters", "FunctionTimeout", "Default"], 900),
    ],
    "E9143": [([*ENV, "AWS_ENDPOINT_URL"], "https://collector.example")],
    # A !Ref to the bucket in the role closes bucket -> notification -> function -> role -> bucket.
    "E9151": [([*GRANT, 0, "Resource"], {"Fn::Sub": "${InputBucket.Arn}/${TriggerPrefix}*"})],
}
CASES = [pytest.param(rule, path, value, id=f"{rule}-{i}") for rule, breaks in BREAKS.items()
         for i, (path, value) in enumerate(breaks)]  # fmt: skip


@pytest.fixture(scope="module")
def runner() -> Runner:
    """cfn-lint with its own rules and the policy rules, as `make validate` runs it."""
    return Runner(ConfigMixIn(append_rules=[str(POLICY)], regions=["us-east-1"]))


def fired(runner: Runner, template: dict[str, Any]) -> set[str]:
    return {match.rule.id for match in runner.validate_template(_decoded(template))}


def fired_policy_only(template: dict[str, Any]) -> set[str]:
    """The policy rules alone: the broken copies need no schema check (built-in rules take 90% of the time)."""
    matches = run_template_by_data(_decoded(template), ConfigMixIn(regions=["us-east-1"]), POLICY_RULES)
    return {match.rule.id for match in matches}


def _decoded(template: dict[str, Any]) -> Any:
    """The template as cfn-lint's decoder gives it (nodes that know their line), as the command line sees it."""
    decoded, errors = decode_str(json.dumps(template))
    assert not errors and decoded is not None
    return decoded


def broken(path: list[Any], value: Any) -> dict[str, Any]:
    template = copy.deepcopy(load_template())
    *parents, last = path
    node = template
    for key in parents:
        node = node[key]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value
    return template


def test_template_passes_every_policy_rule(runner: Runner) -> None:
    """Given template.yaml as it is
    When cfn-lint runs with the policy rules
    Then nothing fires, built-in rules included
    """
    assert fired(runner, load_template()) == set()


@pytest.mark.parametrize(("rule", "path", "value"), CASES)
def test_rule_fires_on_the_break_it_guards(rule: str, path: list[Any], value: Any) -> None:
    """Given a copy of template.yaml broken at `path`
    When cfn-lint runs with the policy rules
    Then `rule` fires
    """
    assert rule in fired_policy_only(broken(path, value))


def test_every_policy_rule_has_a_break() -> None:
    """Given the rules cfn-lint loads from policy/
    When they are compared with the broken copies above
    Then every rule is proven able to fail
    """
    assert set(POLICY_RULES) == set(BREAKS)
