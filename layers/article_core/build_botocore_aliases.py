"""Layer build step: botocore's aliased event names, computed once, into article_core/data/botocore_aliases.marshal.

    python3.13 -B build_botocore_aliases.py LAYER/python

Run by the layer's Makefile after the packages are installed, with the layer's own botocore first on sys.path: makes
the session and the two clients the function makes (offline: no call is sent) with an empty memo and stores every
event name botocore aliased on the way, with the botocore version; why and how the memo is used:
article_core/storage.py (`aliased_names`, `new_session`).
"""

from __future__ import annotations

import marshal
import os
import sys


def collect() -> dict[str, str]:
    """Every event name a session and the S3 and DynamoDB clients alias, with botocore's result for it."""
    from article_core import storage

    # new_session starts the memo from a stored file of this botocore if there is one: its names are botocore's own
    # aliasing too, so the stored set is the same either way.
    session = storage.with_preparsed_data(storage.new_session())
    for service in ("s3", "dynamodb"):
        session.create_client(
            service,
            region_name="us-east-1",
            aws_access_key_id="build",
            aws_secret_access_key="build",  # noqa: S106 (no request is made)
            config=storage._client_config(),
        )
    return dict(storage._aliased)


def main(argv: list[str]) -> int:
    layer_python = argv[0]
    sys.path.insert(0, layer_python)
    import botocore

    names = collect()
    target = os.path.join(layer_python, "article_core", "data", "botocore_aliases.marshal")
    with open(target, "wb") as file:
        file.write(marshal.dumps((botocore.__version__, names), 2))  # version 2: the same bytes each build
    print(f"build_botocore_aliases: {len(names)} event names for botocore {botocore.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
