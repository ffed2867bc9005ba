"""The ColdStart metric respects POWERTOOLS_METRICS_DISABLED (`make up` and the local runs set it).

Powertools (3.37) prints the ColdStart EMF blob through `single_metric`, which never asks whether metrics are
disabled; the handler therefore asks for the cold-start metric only when metrics are on. Each case runs in a
fresh process, since only the first invocation of a process is a cold start.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import os, sys
from local.lambda_emulator import lambda_environment, load_handler
from local.template_resources import ResourceNames
from local.context import LocalContext
environment = lambda_environment(ResourceNames(), "http://127.0.0.1:9")
environment["POWERTOOLS_METRICS_DISABLED"] = sys.argv[1]
handler = load_handler(environment)
handler({"Records": []}, LocalContext())
"""


def cold_invocation_stdout(metrics_disabled: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, metrics_disabled], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


@pytest.mark.parametrize(("disabled", "printed"), [("1", False), ("0", True)])
def test_cold_start_metric_is_printed_only_when_metrics_are_on(disabled: str, printed: bool) -> None:
    # Given a fresh process whose POWERTOOLS_METRICS_DISABLED is `disabled`
    # When the handler takes its first (cold) event
    stdout = cold_invocation_stdout(disabled)
    # Then the ColdStart EMF line is printed only when metrics are on
    assert ('"ColdStart"' in stdout) is printed, stdout
