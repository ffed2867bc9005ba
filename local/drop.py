"""`make drop FILES="a.html b.txt"`: upload files to the `make up` bucket, for people without the AWS CLI.

Same as `aws --endpoint-url http://127.0.0.1:4566 s3 cp FILE s3://<bucket>/incoming/`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from local.local_stack import clients
from local.template_resources import ResourceNames


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local.drop", description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 4566))
    args = parser.parse_args(argv)
    names = ResourceNames()
    s3 = clients(f"http://127.0.0.1:{args.port}").s3
    status = 0
    for path in args.files:
        if not path.is_file():
            print(f"drop: {path} is not a file; skipped", file=sys.stderr)
            status = 1
            continue
        key = names.trigger_prefix + path.name
        try:
            s3.put_object(Bucket=names.input_bucket, Key=key, Body=path.read_bytes())
        except Exception as exc:
            print(
                f"drop: cannot upload to port {args.port} ({type(exc).__name__}): is `make up` running?",
                file=sys.stderr,
            )
            return 2
        print(f"s3://{names.input_bucket}/{key}")
    return status


if __name__ == "__main__":
    sys.exit(main())
