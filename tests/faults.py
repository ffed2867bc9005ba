"""Fault injection and Lambda's asynchronous retry model, for runs of the handler under moto (in process).

`FaultInjector` makes a seeded random few percent of the AWS calls the handler makes fail, in one of
these ways (each counted):

- `service_error`: the service answers with throttling or a 5xx error (ClientError), nothing done;
- `connection_error`: botocore cannot reach the endpoint (EndpointConnectionError), nothing sent;
- `lost_response`: the call is made and succeeds (a write lands), then the response is lost
  (ReadTimeoutError): the handler cannot know the write happened;
- `body_stream_error`: GetObject answers, then reading the body stream fails (ReadTimeoutError).

It patches `botocore.client.BaseClient._make_api_call`, which sits ABOVE botocore's own retry handler:
the standard-mode retries that storage.py configures (max_attempts 4) never see these errors. An
injected fault therefore models a fault that outlasted botocore's retries, which is exactly the case
where Lambda's retries and the failure queue must take over.

`AsyncLambda` replays the template's EventInvokeConfig: an invocation that raises is retried up to
MaximumRetryAttempts (2) times, later and interleaved with other events; what still fails is sent to
the OnFailure destination (the SQS failure queue) in the record format Lambda uses, which carries the
original event (`requestPayload`) so it can be replayed.
"""

from __future__ import annotations

import json
import random
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NoReturn

from local.context import LocalContext

# (error code, HTTP status, message) as the services send them.
S3_FAULTS = (
    ("SlowDown", 503, "Please reduce your request rate."),
    ("ServiceUnavailable", 503, "Service is unable to handle request."),
    ("InternalError", 500, "We encountered an internal error. Please try again."),
)
DYNAMODB_FAULTS = (
    ("ProvisionedThroughputExceededException", 400, "The level of configured provisioned throughput was exceeded."),
    ("ThrottlingException", 400, "Rate of requests exceeds the allowed throughput."),
    ("InternalServerError", 500, "Internal server error"),
)
FAULTS_BY_OPERATION = {
    "GetObject": S3_FAULTS,
    "PutObject": S3_FAULTS,
    "DeleteObject": S3_FAULTS,
    "ListObjectsV2": S3_FAULTS,
    "PutItem": DYNAMODB_FAULTS,
    "Query": DYNAMODB_FAULTS,
    "GetItem": DYNAMODB_FAULTS,
}
KINDS = ("service_error", "connection_error", "lost_response", "body_stream_error")
# The one method every botocore client call goes through: private, so the stubs leave it out (hence getattr).
_API_CALL = "_make_api_call"


class _FailingBody:
    """A GetObject body whose stream breaks on the first read."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint

    def read(self, *args: Any, **kwargs: Any) -> bytes:
        from botocore.exceptions import ReadTimeoutError

        raise ReadTimeoutError(endpoint_url=self.endpoint)

    def close(self) -> None:
        pass


@dataclass
class FaultInjector:
    """While armed, each call of the chosen operations fails with probability `rate` (or always, in an outage)."""

    rate: float
    seed: int = 0
    operations: frozenset[str] = frozenset(FAULTS_BY_OPERATION)
    calls: Counter[str] = field(default_factory=Counter)
    injected: Counter[str] = field(default_factory=Counter)  # by operation
    kinds: Counter[str] = field(default_factory=Counter)  # by kind of fault
    armed: bool = False
    outage: bool = False  # every call of the operations fails (a fault that outlasts all retries)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    @contextmanager
    def installed(self) -> Iterator[FaultInjector]:
        import botocore.client

        real = getattr(botocore.client.BaseClient, _API_CALL)
        injector = self

        def faulty(client: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
            kind = injector.draw(operation_name)
            if kind in (None, "lost_response", "body_stream_error"):
                response = real(client, operation_name, api_params)
            if kind is None:
                return response
            endpoint = str(client.meta.endpoint_url)
            if kind == "body_stream_error":
                response["Body"] = _FailingBody(endpoint)
                return response
            injector.raise_fault(kind, operation_name, endpoint)

        setattr(botocore.client.BaseClient, _API_CALL, faulty)
        try:
            yield self
        finally:
            setattr(botocore.client.BaseClient, _API_CALL, real)

    @contextmanager
    def arm(self, *, outage: bool = False) -> Iterator[None]:
        """Faults only while the handler runs: the test's own setup and checks are never disturbed."""
        self.armed, self.outage = True, outage
        try:
            yield
        finally:
            self.armed, self.outage = False, False

    def draw(self, operation_name: str) -> str | None:
        """The fault this call gets, if any (an outage is service errors only)."""
        if not self.armed or operation_name not in self.operations:
            return None
        self.calls[operation_name] += 1
        if not (self.outage or self._rng.random() < self.rate):
            return None
        kinds = ["service_error"] if self.outage else list(KINDS[:3])
        if operation_name == "GetObject" and not self.outage:
            kinds.append("body_stream_error")
        kind = self._rng.choice(kinds)
        self.injected[operation_name] += 1
        self.kinds[kind] += 1
        return kind

    def raise_fault(self, kind: str, operation_name: str, endpoint: str) -> NoReturn:
        from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError

        if kind == "connection_error":
            raise EndpointConnectionError(endpoint_url=endpoint)
        if kind == "lost_response":
            raise ReadTimeoutError(endpoint_url=endpoint)
        if kind == "service_error":
            code, status, message = self._rng.choice(FAULTS_BY_OPERATION[operation_name])
            # MaxAttemptsReached: what botocore adds after its own retries (the stubs' TypedDict leaves it out).
            response: Any = {
                "Error": {"Code": code, "Message": message},
                "ResponseMetadata": {"HTTPStatusCode": status, "MaxAttemptsReached": True},
            }
            raise ClientError(response, operation_name)
        raise ValueError(f"unknown fault kind: {kind}")


@dataclass
class AsyncLambda:
    """Asynchronous invocation of `handler` with Lambda's retries and on-failure destination."""

    handler: Callable[[dict[str, Any], Any], dict[str, int]]
    context: Any
    faults: FaultInjector
    sqs: Any
    queue_url: str
    max_retries: int = 2  # the template's EventInvokeConfig.MaximumRetryAttempts
    seed: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def invoke_all(self, events: list[dict[str, Any]], *, outage_on_last_try: int = 0) -> None:
        """Deliver every event; failed ones are retried in later rounds (shuffled, as retries come back
        minutes later between other events). `outage_on_last_try` invocations of the final round hit an
        outage, so some events are sure to exhaust their retries and reach the failure queue."""
        pending = list(events)
        for attempt in range(self.max_retries + 1):
            failed: list[tuple[dict[str, Any], str]] = []
            for n, event in enumerate(pending):
                outage = attempt == self.max_retries and n < outage_on_last_try
                error = self._invoke(event, outage=outage)
                if attempt:
                    self.counts["retries"] += 1
                if error:
                    failed.append((event, error))
            if attempt == self.max_retries:
                for event, error in failed:
                    self._send_to_failure_queue(event, error, attempt + 1)
            pending = [event for event, _ in failed]
            self._rng.shuffle(pending)

    def replay_failure_queue(self, *, max_passes: int = 5) -> None:
        """What an operator does after an incident: read the failure queue, invoke each event again."""
        for _ in range(max_passes):
            messages = self._drain()
            if not messages:
                return
            events = [json.loads(m["Body"])["requestPayload"] for m in messages]
            self.counts["replayed"] += len(events)
            self.invoke_all(events)

    def queue_depth(self) -> int:
        attributes = self.sqs.get_queue_attributes(
            QueueUrl=self.queue_url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
        return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])

    def _invoke(self, event: dict[str, Any], *, outage: bool) -> str | None:
        self.counts["invocations"] += 1
        try:
            with self.faults.arm(outage=outage):
                # As in Lambda, every invocation gets its own context, and so its own deadline.
                result = self.handler(event, LocalContext(self.context.timeout_seconds))
        except Exception as exc:
            self.counts["failed_invocations"] += 1
            return f"{type(exc).__name__}: {exc}"
        for outcome, n in result.items():
            self.counts[f"outcome_{outcome}"] += n
        return None

    def _send_to_failure_queue(self, event: dict[str, Any], error: str, invoke_count: int) -> None:
        """The record Lambda sends to an SQS on-failure destination, original event included."""
        error_type, _, message = error.partition(": ")
        record = {
            "version": "1.0",
            "timestamp": datetime.now(UTC).isoformat(),
            "requestContext": {
                "requestId": str(uuid.UUID(int=self._rng.getrandbits(128))),
                "functionArn": f"{self.context.invoked_function_arn}:$LATEST",
                "condition": "RetriesExhausted",
                "approximateInvokeCount": invoke_count,
            },
            "requestPayload": event,
            "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
            "responsePayload": {"errorType": error_type, "errorMessage": message},
        }
        self.sqs.send_message(QueueUrl=self.queue_url, MessageBody=json.dumps(record))
        self.counts["sent_to_failure_queue"] += 1

    def _drain(self) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = []
        while True:
            batch = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10).get("Messages", [])
            if not batch:
                return messages
            for message in batch:
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])
            messages += batch
