"""One way to stand the stack up on a moto server: `make up`, `make run` and `local.moto_server` share it.

The buckets, table and failure queue come from template.yaml (`template_resources.provision`); the
bucket's notifications go to an SQS queue, which is how S3 events really travel to a consumer.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from local.template_resources import ResourceNames, provision

EVENTS_QUEUE = "local-s3-events"
CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local", "region_name": "us-east-1"}


class PortBusy(RuntimeError):
    """The port asked for is taken: say so instead of failing later with a confusing HTTP error."""


def check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will: TIME_WAIT is not busy
        try:
            probe.bind((host, port))
        except OSError:
            raise PortBusy(
                f"port {port} on {host} is busy (another `make up`, LocalStack or moto?): "
                f"stop it or choose another port, e.g. `make up PORT={port + 1}`"
            ) from None


def start_moto(host: str = "127.0.0.1", port: int = 0) -> tuple[Any, str]:
    """A moto server in this process; port 0 picks a free one. Returns the server and its endpoint URL."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per HTTP request otherwise
    if port:
        check_port_free(host, port)
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    bound_host, bound_port = server.get_host_and_port()
    return server, f"http://{'127.0.0.1' if bound_host in ('0.0.0.0', '') else bound_host}:{bound_port}"  # noqa: S104


def reset_moto(endpoint: str) -> None:
    """Forget every resource: moto keeps one state per process, shared by every server started in it."""
    request = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")  # noqa: S310 (our server)
    with urllib.request.urlopen(request, timeout=30):  # noqa: S310
        pass


@contextlib.contextmanager
def running_moto(host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """The one moto set-up of tests, `local/` and benchmarks: a server with an empty state, stopped on exit."""
    server, endpoint = start_moto(host, port)
    try:
        reset_moto(endpoint)
        yield endpoint
    finally:
        server.stop()


@dataclass(frozen=True)
class Clients:
    s3: Any
    dynamodb: Any  # resource
    sqs: Any


def clients(endpoint: str | None = None) -> Clients:
    """boto3 clients for the server at `endpoint` (None: whatever the environment says, e.g. under moto's mock)."""
    import boto3

    options: dict[str, Any] = {"endpoint_url": endpoint, **CREDENTIALS} if endpoint else {}
    return Clients(boto3.client("s3", **options), boto3.resource("dynamodb", **options), boto3.client("sqs", **options))


def provision_stack(aws: Clients, names: ResourceNames | None = None) -> ResourceNames:
    return provision(aws.s3, aws.dynamodb.meta.client, aws.sqs, names=names)


def notify_queue(aws: Clients, names: ResourceNames, *, visibility_timeout: int | None = None) -> str:
    """S3 -> SQS notifications for the trigger prefix, so the events handled are the ones S3 emits.

    S3 (and moto) first sends an `s3:TestEvent` message to the queue; consumers skip it.
    """
    attributes = {"VisibilityTimeout": str(visibility_timeout)} if visibility_timeout else {}
    try:
        url: str = aws.sqs.create_queue(QueueName=EVENTS_QUEUE, Attributes=attributes)["QueueUrl"]
    except aws.sqs.exceptions.QueueNameExists:  # made earlier with other attributes (same moto process)
        url = aws.sqs.get_queue_url(QueueName=EVENTS_QUEUE)["QueueUrl"]
        aws.sqs.set_queue_attributes(QueueUrl=url, Attributes=attributes)
    arn = aws.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    aws.s3.put_bucket_notification_configuration(
        Bucket=names.input_bucket,
        NotificationConfiguration={
            "QueueConfigurations": [
                {
                    "QueueArn": arn,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": names.trigger_prefix}]}},
                }
            ]
        },
    )
    return url
