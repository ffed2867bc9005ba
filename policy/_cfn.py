"""What the policy rules need to read template.yaml as cfn-lint hands it over (SAM source, Globals merged).

The rules judge the template as written, without resolving values: an ARN is compared by its
spelling, with every reference written `${LogicalId}` / `${LogicalId.Attribute}`. A check that holds
for the spelling `${TriggerPrefix}` holds for every value the parameter may take, which is what a
policy needs. This module is not a rule (its name starts with `_`, so cfn-lint does not load it).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

FUNCTION_ID = "ProcessArticleFunction"  # the function the application deploys (local/template_resources.py)
S3_ARN_PREFIXES = ("arn:${AWS::Partition}:s3:::", "arn:aws:s3:::")
FUNCTION_TYPES = ("AWS::Serverless::Function", "AWS::Lambda::Function")
TLS_ONLY = {"Bool": {"aws:SecureTransport": "false"}}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def spell(value: Any) -> str:
    """One string per value, the same for the same reference however it is written (!Ref, !GetAtt, !Sub)."""
    if isinstance(value, str | int | float | bool):
        return str(value)
    if isinstance(value, dict) and len(value) == 1:
        ((fn, arg),) = value.items()
        if fn == "Ref":
            return f"${{{arg}}}"
        if fn == "Fn::GetAtt":
            return "${" + (arg if isinstance(arg, str) else ".".join(map(str, arg))) + "}"
        if fn == "Fn::Sub" and isinstance(arg, str):
            return arg
        if fn == "Fn::Sub" and isinstance(arg, list) and len(arg) == 2:
            text, variables = arg
            return re.sub(r"\$\{([^}!]+)\}", lambda m: _variable(variables, m.group(1), m.group(0)), text)
    # Anything else (!Select, !If, ...) is spelled by its content: equal only to the same expression.
    return "${~" + hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:12] + "}"


def _variable(variables: dict[str, Any], name: str, as_written: str) -> str:
    return spell(variables[name]) if name in variables else as_written


def resources(cfn: Template, *types: str) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for kind in types:
        found.update(cfn.get_resources([kind]))
    return found


def props(cfn: Template, logical_id: str) -> dict[str, Any]:
    resource = cfn.template.get("Resources", {}).get(logical_id, {})
    properties = resource.get("Properties", {}) if isinstance(resource, dict) else {}
    return properties if isinstance(properties, dict) else {}


def parameter_default(cfn: Template, value: Any) -> Any:
    """The default of the parameter `value` refers to (None when it is no parameter reference)."""
    if isinstance(value, dict) and set(value) == {"Ref"}:
        return cfn.template.get("Parameters", {}).get(value["Ref"], {}).get("Default")
    return None


def match(path: list[str | int], message: str) -> RuleMatch:
    return RuleMatch(path, message)


# --- rules ------------------------------------------------------------------------------------------------------
class EveryResource(CloudFormationLintRule):
    """Base of a rule that checks each resource of one type (and that there is at least one)."""

    resource_type = ""
    must_exist: tuple[str, ...] = ()

    def match(self, cfn: Template) -> list[RuleMatch]:
        found = resources(cfn, self.resource_type)
        missing = [lid for lid in self.must_exist if lid not in found]
        if not found or missing:
            return [match(["Resources"], f"the template has no {self.resource_type} {' '.join(missing)}".rstrip())]
        return [
            match(["Resources", lid, "Properties"], f"{lid}: {problem}")
            for lid in found
            for problem in self.problems(cfn, lid, props(cfn, lid))
        ]

    def problems(self, cfn: Template, logical_id: str, props: dict[str, Any]) -> list[str]:
        """What is wrong with one resource of `resource_type`: each concrete rule defines it (abstract here; the
        base class is never registered as a rule, and a subclass that forgot it fails its test case)."""
        raise NotImplementedError


# --- IAM -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Statement:
    """One statement of a role's inline policy, with where it stands (for the finding's path)."""

    path: list[str | int]
    body: dict[str, Any]

    @property
    def actions(self) -> list[str]:
        return [spell(a) for a in as_list(self.body.get("Action", []))]

    @property
    def resources(self) -> list[str]:
        return [spell(r) for r in as_list(self.body.get("Resource", []))]

    @property
    def allows(self) -> bool:
        return self.body.get("Effect") == "Allow"

    def grants(self, action: str) -> bool:
        """Whether this Allow statement's action patterns (s3:*, s3:Put*, *) cover `action`."""
        return self.allows and any(fnmatch.fnmatchcase(action.lower(), a.lower()) for a in self.actions)

    @property
    def services(self) -> set[str]:
        return {a.split(":", 1)[0].lower() if ":" in a else a for a in self.actions}


def role_statements(cfn: Template, role_id: str) -> Iterator[Statement]:
    """Every statement of the role's inline policies and of the policy resources attached to it."""
    for p, policy in enumerate(as_list(props(cfn, role_id).get("Policies", []))):
        path: list[str | int] = ["Resources", role_id, "Properties", "Policies", p, "PolicyDocument", "Statement"]
        yield from _statements(path, policy.get("PolicyDocument", {}))
    for policy_id in resources(cfn, "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
        if {"Ref": role_id} in as_list(props(cfn, policy_id).get("Roles", [])):
            path = ["Resources", policy_id, "Properties", "PolicyDocument", "Statement"]
            yield from _statements(path, props(cfn, policy_id).get("PolicyDocument", {}))


def _statements(path: list[str | int], document: dict[str, Any]) -> Iterator[Statement]:
    for i, body in enumerate(as_list(document.get("Statement", []))):
        yield Statement([*path, i], body if isinstance(body, dict) else {})


def function_role(cfn: Template, function_id: str = FUNCTION_ID) -> str | None:
    """The logical id of the role the function runs with, when the template defines it."""
    role = props(cfn, function_id).get("Role")
    if isinstance(role, dict) and "Fn::GetAtt" in role:
        return spell(role)[2:-1].split(".", 1)[0]
    return None


# --- S3 ---------------------------------------------------------------------------------------------------------
def triggering_buckets(cfn: Template) -> set[str]:
    """Buckets whose notifications invoke a function: SAM S3 events, and notification configurations."""
    found = set()
    for function_id in resources(cfn, *FUNCTION_TYPES):
        for event in props(cfn, function_id).get("Events", {}).values():
            if event.get("Type") == "S3":
                found.add(spell(event.get("Properties", {}).get("Bucket"))[2:-1])
    for bucket_id in resources(cfn, "AWS::S3::Bucket"):
        notifications = props(cfn, bucket_id).get("NotificationConfiguration", {})
        if notifications.get("LambdaConfigurations"):
            found.add(bucket_id)
    return found


def bucket_and_key(cfn: Template, arn: str) -> tuple[str | None, str | None]:
    """(bucket logical id, key pattern) an S3 ARN spelling names; ("*", ...) when a wildcard may cover any bucket."""
    if arn == "*":
        return "*", "*"
    attribute = re.fullmatch(r"\$\{([A-Za-z0-9]+)\.Arn\}(?:/(.*))?", arn, re.DOTALL)
    if attribute:
        return attribute.group(1), attribute.group(2)
    rest = next((arn[len(p) :] for p in S3_ARN_PREFIXES if arn.startswith(p)), None)
    if rest is None:
        return None, None
    for bucket_id in resources(cfn, "AWS::S3::Bucket"):
        for name in (f"${{{bucket_id}}}", spell(props(cfn, bucket_id).get("BucketName", f"${{{bucket_id}}}"))):
            if rest == name or rest.startswith(name + "/"):
                return bucket_id, rest[len(name) + 1 :] if rest != name else None
    bucket, _, key = rest.partition("/")
    return ("*" if "*" in bucket or "?" in bucket else None), key or None
