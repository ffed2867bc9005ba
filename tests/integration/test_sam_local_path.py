"""The `sam local invoke` path without Docker: the same handler, env file and moto server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any
from urllib.parse import urlsplit

import pytest

from local.moto_server import seed
from local.samples import EVENTS, REFERENCE, ROOT
from local.template_resources import declared_variables, function_environment

INVOKE = """
import json, sys
import app
from local.context import LocalContext
print(json.dumps(app.lambda_handler(json.load(open(sys.argv[1])), LocalContext())))
"""


@pytest.fixture
def moto_server() -> Any:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def test_env_file_reaches_a_seeded_moto_server(moto_server: str) -> None:
    # Given a moto server seeded as `python -m local.moto_server` does, and the env file sam local would pass,
    names = seed(moto_server)
    overrides = json.loads((ROOT / "local" / "env.json").read_text())["ProcessArticleFunction"]
    docker_url = urlsplit(overrides["AWS_ENDPOINT_URL"])
    # which, as with sam, can only set variables the template declares,
    declared = function_environment(names)
    assert set(overrides) <= declared_variables(), "sam local ignores env-vars the template does not declare"
    # with the container's host name replaced by this machine's address (the only difference outside Docker)
    overrides["AWS_ENDPOINT_URL"] = moto_server
    assert docker_url.port == 5000
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": os.pathsep.join(str(ROOT / p) for p in ("functions/process_article", "layers/article_core", ".")),
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_SAM_LOCAL": "true",
        **declared,
        **overrides,
    }
    # When the handler runs in a clean process on the reference event
    done = subprocess.run(
        [sys.executable, "-c", INVOKE, str(EVENTS / "s3-put-reference.json")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # Then it succeeds and the record is in the server's table
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1])["processed"] == 1
    import boto3

    table = boto3.resource(
        "dynamodb",
        endpoint_url=moto_server,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    ).Table(names.table)
    items = table.scan()["Items"]
    assert [i["source"]["key"] for i in items] == [REFERENCE.key]
