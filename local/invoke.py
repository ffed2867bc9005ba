"""`make invoke EVENT=event.json`: one event file through the real handler, against the `make up` stack.

For events made by `sam local generate-event s3 put --bucket <bucket> --key incoming/<name>` (no Docker
needed). sam writes a placeholder ETag and size; they are replaced by the object's own, or the handler
would rightly skip the event as naming a version that is not there.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

from local.lambda_emulator import InvokeConfig, invoke, lambda_environment, load_handler
from local.local_stack import clients
from local.template_resources import ResourceNames

SAM_PLACEHOLDER_ETAG = "0123456789abcdef0123456789abcdef"


def with_object_facts(event: dict[str, Any], s3: Any) -> dict[str, Any]:
    for record in event.get("Records", []):
        obj = record.get("s3", {}).get("object", {})
        if obj.get("eTag") == SAM_PLACEHOLDER_ETAG:
            head = s3.head_object(Bucket=record["s3"]["bucket"]["name"], Key=unquote_plus(obj["key"]))
            obj.update(eTag=head["ETag"].strip('"'), size=head["ContentLength"])
    return event


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local.invoke", description=__doc__.split("\n\n")[0])
    parser.add_argument("event", type=Path)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 4566))
    args = parser.parse_args(argv)
    endpoint = f"http://127.0.0.1:{args.port}"
    handler = load_handler(lambda_environment(ResourceNames(), endpoint))
    event = with_object_facts(json.loads(args.event.read_text()), clients(endpoint).s3)
    outcome = invoke(handler, event, InvokeConfig.from_template())
    print(json.dumps(outcome.result if outcome.ok else {"errorType": outcome.error_type}, indent=2))
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
