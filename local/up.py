"""`make up`: a local bucket to drop files into, no Docker and no AWS account.

    python -m local.up [--port 4566]

A moto server with the template's buckets, table and failure queue; the input bucket's S3
notifications go to a queue; a worker takes each event off the queue and gives it to the
real handler as Lambda would (see local/lambda_emulator.py). One line per object handled.
Ctrl-C or SIGTERM stops it. The message is deleted only once handled (or sent to the
failure queue): if the worker dies, it comes back after the visibility timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from typing import Any
from urllib.parse import unquote_plus

from local.lambda_emulator import (
    Handler,
    InvokeConfig,
    invoke,
    lambda_environment,
    load_handler,
    send_to_failure_queue,
)
from local.local_stack import Clients, PortBusy, clients, notify_queue, provision_stack, start_moto
from local.template_resources import ResourceNames


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local.up", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 4566))
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    try:
        server, endpoint = start_moto(args.host, args.port)
    except PortBusy as exc:
        print(f"make up: {exc}", file=sys.stderr)
        return 2
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        worker = Worker.start(endpoint, InvokeConfig.from_template())
        names = worker.names
        print(
            f"ready: endpoint={endpoint} bucket={names.input_bucket} prefix={names.trigger_prefix} table={names.table}",
            flush=True,
        )
        worker.run(stop)
    finally:
        server.stop()
    print("stopped", flush=True)
    return 0


class Worker:
    """Takes S3 events off the notification queue and invokes the handler on each, Lambda-style."""

    def __init__(self, aws: Clients, names: ResourceNames, events_url: str, handler: Handler, config: InvokeConfig):
        self.aws, self.names, self.events_url, self.handler, self.config = aws, names, events_url, handler, config

    @classmethod
    def start(cls, endpoint: str, config: InvokeConfig) -> Worker:
        aws = clients(endpoint)
        names = provision_stack(aws, ResourceNames())
        handler = load_handler(lambda_environment(names, endpoint))
        # Longer than the function may run, with every retry: a message in hand never reappears mid-invocation.
        visibility = (config.timeout_seconds + int(config.retry_delay_seconds) + 1) * (config.retries + 1) + 30
        events_url = notify_queue(aws, names, visibility_timeout=visibility)
        return cls(aws, names, events_url, handler, config)

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            messages = self.aws.sqs.receive_message(
                QueueUrl=self.events_url, MaxNumberOfMessages=1, WaitTimeSeconds=1
            ).get("Messages", [])
            for message in messages:
                self.handle(message)

    def handle(self, message: dict[str, Any]) -> None:
        event = json.loads(message["Body"])
        if event.get("Event") != "s3:TestEvent":  # S3's hello on a new notification configuration
            outcome = invoke(self.handler, event, self.config)
            if outcome.ok:
                for record in event.get("Records", []):
                    print(self.line(record, outcome.milliseconds), flush=True)
            else:
                send_to_failure_queue(self.aws.sqs, str(self.names.queue_url), event, outcome)
                for record in event.get("Records", []):
                    key = unquote_plus(record["s3"]["object"]["key"])
                    print(
                        f"{key}  FAILED  {outcome.error_type} after {outcome.attempts} attempts"
                        f" (event in the failure queue; `articles redrive` replays it)  {outcome.milliseconds} ms",
                        flush=True,
                    )
        self.aws.sqs.delete_message(QueueUrl=self.events_url, ReceiptHandle=message["ReceiptHandle"])

    def line(self, record: dict[str, Any], milliseconds: int) -> str:
        from article_core.models import ObjectRef

        s3 = record.get("s3", {})
        key = unquote_plus(s3.get("object", {}).get("key", ""))
        ref = ObjectRef(bucket=s3.get("bucket", {}).get("name", ""), key=key)
        item = self.aws.dynamodb.Table(self.names.table).get_item(Key={"article_id": ref.article_id}).get("Item")
        if item is None:
            return f"{key}  skipped  (no record: outside the prefix or not ObjectCreated)  {milliseconds} ms"
        detail = item.get("error", {}).get("code") if item["status"] == "rejected" else item.get("language", "und")
        return f"{key}  {item['status']}  {detail}  {milliseconds} ms"


if __name__ == "__main__":
    sys.exit(main())
