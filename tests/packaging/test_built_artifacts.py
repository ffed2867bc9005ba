"""What `sam build` produces is what Lambda runs: build it, then run the BUILT handler on python3.13.

The unit and integration tests import the sources on the development Python; this test catches
what only the package shows: a dependency missing from the layer's requirements, a binary built
for the wrong Python or CPU, a module that is not copied, a layer too large for Lambda.

The handler runs in a clean python3.13 virtual environment (.venv/py313-test, created once and
cached) holding only boto3 and moto, as the Lambda runtime holds only boto3; everything else
must come from the built function and layer directories.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from local.python313 import find_python313 as find_python313_or_none
from local.python313 import pinned

ROOT = Path(__file__).resolve().parents[2]
TEST_VENV = ROOT / ".venv" / "py313-test"
LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024  # function + all layers, unzipped
ELF_MACHINE_X86_64 = 62

# Runs inside the clean python3.13 process. argv: repo, function dir, layer python dir, event file name.
INVOKE_BUILT_HANDLER = r"""
import json, os, sys
from pathlib import Path

repo, function_dir, layer_dir, event_name = sys.argv[1:5]
sys.path[:0] = [function_dir, layer_dir]  # what Lambda puts first: /var/task, then /opt/python
sys.path.append(repo)  # only for local/ (stdlib + PyYAML); the repo root has no `app` or `article_core`

import boto3
from moto import mock_aws

from local.samples import EVENT_FILES, EVENTS
from local.template_resources import ResourceNames, function_environment, provision


class Context:
    function_name = "ProcessArticleFunction"
    function_version = "$LATEST"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:ProcessArticleFunction"
    aws_request_id = "00000000-0000-4000-8000-000000000000"
    log_group_name = log_stream_name = "local"

    @staticmethod
    def get_remaining_time_in_millis():
        return 60_000


event = json.loads((EVENTS / event_name).read_text())
objects = EVENT_FILES[event_name]
with mock_aws():
    s3 = boto3.client("s3")
    bucket = event["Records"][0]["s3"]["bucket"]["name"]
    names = provision(s3, boto3.client("dynamodb"), boto3.client("sqs"), names=ResourceNames(input_bucket=bucket))
    os.environ.update(function_environment(names))
    for record, obj in zip(event["Records"], objects, strict=True):
        put = s3.put_object(Bucket=bucket, Key=obj.key, Body=obj.body)
        # The event describes the object just written, as S3 would.
        record["s3"]["object"].update(size=len(obj.body), eTag=put["ETag"].strip('"'))
        if put.get("VersionId"):
            record["s3"]["object"]["versionId"] = put["VersionId"]

    import app
    import article_core
    import pydantic_core

    result = app.lambda_handler(event, Context())
    items = boto3.client("dynamodb").scan(TableName=names.table)["Items"]
    print("RESULT " + json.dumps({
        "result": result,
        "status_by_key": {item["source"]["M"]["key"]["S"]: item["status"]["S"] for item in items},
        "expected": {obj.key: obj.expect for obj in objects},
        "modules": {m.__name__: m.__file__ for m in (app, article_core, pydantic_core)},
        "python": list(sys.version_info[:2]),
    }))
"""


def find_python313() -> Path:
    found = find_python313_or_none()
    if found is None:
        pytest.fail(
            "python3.13 not found: sam build and this test need the Lambda runtime's Python. Put python3.13 on PATH "
            "(e.g. `pyenv install 3.13` then PYENV_VERSION=3.11.7:3.13.0, or apt/uv/deadsnakes), or set PYTHON313."
        )
    return found


def _sam() -> str:
    beside = Path(sys.executable).parent / "sam"
    found = str(beside) if beside.exists() else shutil.which("sam")
    assert found, "sam (aws-sam-cli) is not installed in the test environment"
    return found


@pytest.fixture(scope="module")
def python313() -> Path:
    return find_python313()


@pytest.fixture(scope="module")
def build_dir(python313: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`sam build` of template.yaml into a fresh directory, with python3.13 first on PATH."""
    out = tmp_path_factory.mktemp("sam")
    env = {**os.environ, "SAM_CLI_TELEMETRY": "0", "PATH": f"{python313.parent}{os.pathsep}{os.environ['PATH']}"}
    command = [_sam(), "build", "--template-file", str(ROOT / "template.yaml"), "--build-dir", str(out / "build"),
               "--cache-dir", str(out / "cache")]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"sam build failed:\n{done.stdout}\n{done.stderr}"
    return out / "build"


@pytest.fixture(scope="module")
def clean_python(python313: Path) -> Path:
    """.venv/py313-test: python3.13 with only boto3 and moto (Lambda's runtime has boto3), reused between runs."""
    requirements = [pinned("boto3"), pinned("moto").replace("moto", "moto[s3,dynamodb,sqs]", 1)]
    marker = TEST_VENV / "requirements.txt"
    python = TEST_VENV / "bin" / "python"
    wanted = "\n".join(requirements) + "\n"
    if not python.exists() or not marker.exists() or marker.read_text() != wanted:
        shutil.rmtree(TEST_VENV, ignore_errors=True)
        subprocess.run([str(python313), "-m", "venv", str(TEST_VENV)], check=True, timeout=300)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *requirements], check=True, timeout=900)
        marker.write_text(wanted)
    return python


def _files(root: Path) -> Iterator[Path]:
    return (p for p in root.rglob("*") if p.is_file())


def test_built_layer_carries_the_package_and_x86_64_binaries_within_lambda_limits(
    build_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Given the layer as `sam build` made it
    When its python/ folder is inspected
    Then it holds article_core and pydantic_core compiled for x86_64 CPython 3.13, a consistent AWS SDK, and fits
    """
    layer = build_dir / "ArticleCoreLayer" / "python"
    assert (layer / "article_core" / "pipeline.py").is_file()
    extensions = list((layer / "pydantic_core").glob("_pydantic_core*.so"))
    assert extensions, "pydantic_core has no compiled extension in the layer"
    for extension in extensions:
        assert "cpython-313" in extension.name, extension.name
        header = extension.read_bytes()[:20]
        assert header[:4] == b"\x7fELF" and int.from_bytes(header[18:20], "little") == ELF_MACHINE_X86_64
    if (layer / "botocore").exists():  # aws-xray-sdk (the Tracer's SDK) depends on it
        assert (layer / "boto3").exists(), (
            "the layer ships botocore but not boto3: Lambda's own boto3 would run on the layer's botocore. "
            "Pin boto3 in the layer's requirements.txt too (botocore comes with it, matched)."
        )

    unzipped = sum(p.stat().st_size for p in _files(build_dir / "ArticleCoreLayer"))
    function_size = sum(p.stat().st_size for p in _files(build_dir / "ProcessArticleFunction"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in _files(build_dir / "ArticleCoreLayer"):
            archive.write(path, path.relative_to(build_dir / "ArticleCoreLayer"))
    with capsys.disabled():
        print(
            f"\n[packaging] layer: {unzipped / 1e6:.1f} MB unzipped, {buffer.tell() / 1e6:.1f} MB zipped; "
            f"function: {function_size / 1e3:.1f} kB"
        )
    assert unzipped + function_size < LAMBDA_UNZIPPED_LIMIT


@pytest.mark.parametrize("event_name", ["s3-put-reference.json", "s3-put-multi.json"])
def test_built_handler_processes_events_in_a_clean_python313(
    build_dir: Path, clean_python: Path, event_name: str
) -> None:
    """Given the built function and layer, and a python3.13 that has only boto3 and moto
    When the built handler receives an event from events/ against moto (resources from template.yaml,
    objects as local/samples.py says each event names them)
    Then it imports everything from the build and each object gets the record status the sample expects
    (the reference article: `processed`)
    """
    function_dir = build_dir / "ProcessArticleFunction"
    layer_dir = build_dir / "ArticleCoreLayer" / "python"
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        # As in Lambda with Tracing: Active, so the Tracer really loads its SDK (it must come from the build).
        "AWS_LAMBDA_FUNCTION_NAME": "ProcessArticleFunction",
        "_X_AMZN_TRACE_ID": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0",
        "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR",
    }
    done = subprocess.run(
        [str(clean_python), "-I", "-c", INVOKE_BUILT_HANDLER, str(ROOT), str(function_dir), str(layer_dir), event_name],
        cwd=build_dir, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"the built handler failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, done.stdout[-4000:]
    outcome = json.loads(lines[-1].removeprefix("RESULT "))
    assert outcome["python"] == [3, 13]
    assert outcome["modules"]["app"].startswith(str(function_dir))
    assert outcome["modules"]["article_core"].startswith(str(layer_dir))
    assert outcome["modules"]["pydantic_core"].startswith(str(layer_dir))
    assert outcome["expected"], "the event names no sample object"
    assert outcome["status_by_key"] == outcome["expected"]
    if event_name == "s3-put-reference.json":
        assert list(outcome["expected"].values()) == ["processed"]
