"""The X-Ray SDK is imported only when tracing is on (it costs ~110 ms of every cold start)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from article_core.observability import LazyTracer, sdk_tracing_enabled

IN_LAMBDA = {"LAMBDA_TASK_ROOT": "/var/task"}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, False),  # outside Lambda: Powertools itself would not trace
        (IN_LAMBDA, True),  # Powertools' default inside Lambda
        ({**IN_LAMBDA, "POWERTOOLS_TRACE_DISABLED": "true"}, False),  # the template's default
        ({**IN_LAMBDA, "POWERTOOLS_TRACE_DISABLED": "1"}, False),
        ({**IN_LAMBDA, "POWERTOOLS_TRACE_DISABLED": "false"}, True),  # PowertoolsTraceDisabled=false
        ({**IN_LAMBDA, "POWERTOOLS_TRACE_DISABLED": "false", "AWS_SAM_LOCAL": "true"}, False),
    ],
)
def test_sdk_tracing_follows_powertools_rule(env: dict[str, str], expected: bool) -> None:
    """Given an environment / When asking whether to trace with the SDK / Then it is Powertools' own answer"""
    assert sdk_tracing_enabled(env) is expected


def test_disabled_tracer_returns_functions_unchanged() -> None:
    """Given tracing off / When decorating / Then the very same function comes back"""
    tracer = LazyTracer(enabled=False)

    def handler() -> int:
        return 1

    assert tracer.capture_lambda_handler(capture_response=False)(handler) is handler
    assert tracer.capture_method(capture_response=False)(handler) is handler


@pytest.mark.parametrize(("disabled", "sdk_loaded"), [("true", False), ("false", True)])
def test_handler_import_loads_the_xray_sdk_only_when_tracing(disabled: str, sdk_loaded: bool) -> None:
    """Given the handler in a fresh process inside Lambda, with POWERTOOLS_TRACE_DISABLED as the template sets it
    When it is imported
    Then aws_xray_sdk (and botocore with it) is in sys.modules only when tracing is on
    """
    code = "import sys, app; print('aws_xray_sdk' in sys.modules, type(app.tracer.sdk).__name__ if %s else '')"
    env = {"LAMBDA_TASK_ROOT": "/var/task", "POWERTOOLS_TRACE_DISABLED": disabled, "AWS_DEFAULT_REGION": "us-east-1"}
    done = subprocess.run(
        [sys.executable, "-c", code % sdk_loaded],
        env={**env, "PYTHONPATH": ":".join(sys.path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[0] == str(sdk_loaded)
