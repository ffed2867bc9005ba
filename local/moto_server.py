"""A local moto server seeded for `sam local invoke` with `events/` (no AWS account needed).

    python -m local.moto_server [--port 5000]

Creates the buckets, table and queue from template.yaml, puts every sample object that
`events/` names, and serves until Ctrl-C. `local/env.json` points the function at it
through AWS_ENDPOINT_URL (boto3 honours it).
"""

from __future__ import annotations

import argparse
import os
import threading

from local.local_stack import PortBusy, clients, provision_stack, start_moto
from local.samples import ALL_OBJECTS
from local.template_resources import ResourceNames


def seed(endpoint: str) -> ResourceNames:
    """Create the stack's resources on the server at `endpoint` and upload the sample objects."""
    aws = clients(endpoint)
    names = provision_stack(aws)
    for obj in ALL_OBJECTS:
        aws.s3.put_object(Bucket=names.input_bucket, Key=obj.key, Body=obj.body)
    return names


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m local.moto_server", description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default=os.environ.get("MOTO_HOST", "0.0.0.0"))  # noqa: S104 (reached from Docker)
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)

    try:
        server, endpoint = start_moto(args.host, args.port)
    except PortBusy as exc:
        raise SystemExit(str(exc)) from None
    names = seed(endpoint)
    print(f"moto serving on {args.host}:{args.port}; seeded {names.input_bucket}, {names.table}. Ctrl-C stops it.")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
