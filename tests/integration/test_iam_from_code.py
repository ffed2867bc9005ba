"""The function's role grants exactly the AWS calls the code makes: derived from the code, not written twice.

The data-access module is the only one that touches boto3 (`article_core/storage.py`): its calls on the S3 client
and the DynamoDB table, read from the source with `ast`, become IAM actions, and the role's S3 and DynamoDB
actions in the template must be that set, no more, no less. The other grants are the platform's
(nothing in the code calls them), each listed below with its reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from cfnlint.decode.decode import decode
from cfnlint.template import Template

from local.template_resources import TEMPLATE_PATH
from policy import _cfn

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "layers" / "article_core" / "article_core"
FUNCTIONS = ROOT / "functions"
STORAGE = CORE / "storage.py"
# The attribute a call goes through -> the IAM service: `self.s3.get_object(...)`, `self.dynamodb.put_item(...)`.
RECEIVERS = {"s3": "s3", "table": "dynamodb", "dynamodb": "dynamodb"}
# boto3 method names whose action is not the CamelCase of the name.
RENAMED = {("s3", "list_objects_v2"): "ListBucket"}
# Granted for calls the platform makes with the function's role, not the code.
PLATFORM = {
    "sqs:SendMessage": "Lambda's on-failure destination (EventInvokeConfig) sends with the function's role",
    "logs:CreateLogStream": "the runtime writes the function's logs",
    "logs:PutLogEvents": "the runtime writes the function's logs",
    "xray:PutTraceSegments": "Tracing: Active (the X-Ray daemon in the runtime)",
    "xray:PutTelemetryRecords": "Tracing: Active (the X-Ray daemon in the runtime)",
}


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def calls_in(path: Path) -> set[tuple[str, str]]:
    """(receiver, method) for every `<x>.s3.<method>(...)` / `<x>.table.<method>(...)` call in a module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", None)
            if name in RECEIVERS:
                found.add((name, node.func.attr))
    return found


def actions_of(path: Path) -> set[str]:
    """IAM actions for the calls of one module (GetObject with a VersionId also needs GetObjectVersion)."""
    source = path.read_text(encoding="utf-8")
    actions = set()
    for receiver, method in calls_in(path):
        service = RECEIVERS[receiver]
        actions.add(f"{service}:{RENAMED.get((service, method), _camel(method))}")
    if "s3:GetObject" in actions and '"VersionId"' in source:
        actions.add("s3:GetObjectVersion")
    return actions


def granted_actions() -> set[str]:
    """Every action the function's role is granted, as the policy rules read the template (policy/_cfn.py)."""
    decoded, errors = decode(str(TEMPLATE_PATH))
    assert not errors and decoded is not None
    template = Template(str(TEMPLATE_PATH), decoded)
    role_id = _cfn.function_role(template)
    assert role_id, "the function's role is defined in the template"
    return {action for statement in _cfn.role_statements(template, role_id) for action in statement.actions}


def test_only_storage_creates_aws_clients_and_only_for_s3_and_dynamodb() -> None:
    # Given every module of the layer and the function, When searched for boto3/botocore client/resource creation
    made = {
        (path.relative_to(ROOT).as_posix(), service)
        for path in [*CORE.rglob("*.py"), *FUNCTIONS.rglob("*.py")]
        for service in re.findall(
            r"(?:boto3\.(?:client|resource)|\.create_client)\(\s*\"(\w+)\"", path.read_text(encoding="utf-8")
        )
    }
    # Then storage.py alone makes them, for S3 and DynamoDB: the calls read below are all the calls there are
    storage = STORAGE.relative_to(ROOT).as_posix()
    assert made == {(storage, "s3"), (storage, "dynamodb")}


def test_the_derivation_reads_the_calls_storage_makes() -> None:
    # Given storage.py, When its calls are read, Then they are the ones a reader finds there (the reader works)
    assert actions_of(STORAGE) >= {"s3:GetObject", "s3:PutObject", "dynamodb:PutItem", "dynamodb:Query"}


def test_the_function_role_grants_exactly_the_calls_the_code_makes() -> None:
    # Given the actions derived from storage.py's boto3 calls and the platform's own needs
    needed = actions_of(STORAGE) | set(PLATFORM)
    # When the function role's statements are read from the template
    granted = granted_actions()
    # Then nothing is missing and nothing is granted that no call needs
    assert not needed - granted, f"the code calls what the role does not grant: {sorted(needed - granted)}"
    assert not granted - needed, f"the role grants what no code calls: {sorted(granted - needed)}"
