"""Invoke the real handler in-process the way Lambda's asynchronous invocation does.

Same environment variables as the template gives the function, a context with the template's
timeout as its deadline, the template's retry count (EventInvokeConfig.MaximumRetryAttempts),
and, when every attempt fails, an on-failure record sent to the failure queue in the shape
Lambda's SQS destination uses (`requestPayload` is the original event, ready to replay).
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from local.context import LocalContext
from local.template_resources import FUNCTION_ID, ResourceNames, function_environment, load_template

Handler = Callable[[dict[str, Any], Any], Any]


@dataclass(frozen=True)
class InvokeConfig:
    timeout_seconds: int = 60
    retries: int = 2
    retry_delay_seconds: float = 1.0  # Lambda waits a minute, then two; locally a second is enough

    @classmethod
    def from_template(cls, template: dict[str, Any] | None = None) -> InvokeConfig:
        template = load_template() if template is None else template
        props = template["Resources"][FUNCTION_ID]["Properties"]
        timeout = props.get("Timeout", 3)
        if isinstance(timeout, dict) and "Ref" in timeout:
            timeout = template["Parameters"][timeout["Ref"]]["Default"]
        retries = props.get("EventInvokeConfig", {}).get("MaximumRetryAttempts", 2)
        return cls(timeout_seconds=int(timeout), retries=int(retries))


def lambda_environment(names: ResourceNames, endpoint: str) -> dict[str, str]:
    """What the function sees in Lambda, pointed at the local endpoint."""
    return {
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "us-east-1",
        "POWERTOOLS_TRACE_DISABLED": "1",
        "POWERTOOLS_METRICS_DISABLED": "1",
        **function_environment(names),
        "AWS_ENDPOINT_URL": endpoint,
        "POWERTOOLS_LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
    }


def load_handler(environment: dict[str, str]) -> Handler:
    """The real handler, imported after its environment is set (it reads its settings once, at import)."""
    os.environ.update(environment)
    import app

    app._repository = None  # clients for this endpoint
    handler: Handler = app.lambda_handler
    return handler


@dataclass
class Invocation:
    ok: bool
    attempts: int
    milliseconds: int
    result: Any = None
    error_type: str | None = None
    error_message: str | None = None


def invoke(handler: Handler, event: dict[str, Any], config: InvokeConfig) -> Invocation:
    """Up to 1 + retries attempts; an attempt that outlives the deadline counts as a timeout, as in Lambda."""
    started = time.monotonic()
    outcome = Invocation(ok=False, attempts=0, milliseconds=0)
    for attempt in range(1, config.retries + 2):
        outcome.attempts = attempt
        context = LocalContext(config.timeout_seconds)
        try:
            outcome.result = handler(event, context)
        except Exception as exc:
            outcome.error_type, outcome.error_message = type(exc).__name__, str(exc)[:500]
            traceback.print_exc(limit=3, file=sys.stderr)
        else:
            if context.get_remaining_time_in_millis() > 0:
                outcome.ok = True
                break
            outcome.error_type = "Sandbox.Timedout"
            outcome.error_message = f"Task timed out after {config.timeout_seconds} seconds"
        if attempt <= config.retries:
            time.sleep(config.retry_delay_seconds * attempt)
    outcome.milliseconds = int((time.monotonic() - started) * 1000)
    return outcome


def failure_record(event: dict[str, Any], outcome: Invocation) -> dict[str, Any]:
    """The message Lambda's on-failure SQS destination receives for an asynchronous invocation."""
    return {
        "version": "1.0",
        "timestamp": datetime.now(UTC).isoformat(),
        "requestContext": {
            "requestId": LocalContext().aws_request_id,
            "functionArn": LocalContext.invoked_function_arn + ":$LATEST",
            "condition": "RetriesExhausted",
            "approximateInvokeCount": outcome.attempts,
        },
        "requestPayload": event,
        "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
        "responsePayload": {"errorType": outcome.error_type, "errorMessage": outcome.error_message},
    }


def send_to_failure_queue(sqs: Any, queue_url: str, event: dict[str, Any], outcome: Invocation) -> None:
    sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps(failure_record(event, outcome)))
