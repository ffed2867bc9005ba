"""What `sam build` produces is what Lambda runs: build it, then run the BUILT handler on python3.13.

The unit and integration tests import the sources on the development Python; this test catches
what only the package shows: a dependency missing from the layer's requirements, a binary built
for the wrong Python or CPU, a module that is not copied, a layer too large for Lambda.

The handler runs in a clean python3.13 virtual environment (.venv/py313-test, created once and
cached) holding only boto3 and moto, as the Lambda runtime holds only boto3; everything else
must come from the built function and layer directories. It runs as Lambda runs it: from a
read-only copy of the build, with bytecode writing off, and fails if any module of the layer had
to be compiled (no valid python3.13 .pyc beside it), since on Lambda that cost is paid at every
cold start.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from local.python313 import find_python313 as find_python313_or_none
from local.python313 import pinned, sam_build

ROOT = Path(__file__).resolve().parents[2]
TEST_VENV = ROOT / ".venv" / "py313-test"
LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024  # function + all layers, unzipped
LAYER_TARGET = 80 * 1024 * 1024  # what the runtime never reads is left out: layers/article_core/slim_layer.py
ELF_MACHINE_X86_64 = 62
REGEX_PATTERNS = ROOT / "layers" / "article_core" / "regex_patterns.json"
CODEGEN_SOURCES = ROOT / "layers" / "article_core" / "codegen_sources.json"
REGEX_PATTERNS_HTML = ROOT / "layers" / "article_core" / "regex_patterns_html.json"

# Runs inside the clean python3.13 process. argv: repo, function dir, layer python dir, event file name.
INVOKE_BUILT_HANDLER = r"""
import json, os, sys
from pathlib import Path

repo, function_dir, layer_dir, event_name, sdk_tracing = sys.argv[1:6]

# SourceLoader.get_code calls source_to_code only when there is no valid bytecode for a source file.
from importlib.machinery import SourceFileLoader

compiled = []
_source_to_code = SourceFileLoader.source_to_code


def _recording_source_to_code(self, data, path, *args, **kwargs):
    compiled.append(str(path))
    return _source_to_code(self, data, path, *args, **kwargs)


SourceFileLoader.source_to_code = _recording_source_to_code

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
    if sdk_tracing == "on":  # template parameter PowertoolsTraceDisabled=false: the SDK must come from the layer
        os.environ["POWERTOOLS_TRACE_DISABLED"] = "false"
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
        "compiled_in_layer": [path for path in compiled if path.startswith(layer_dir)],
        "compiled_in_function": [path for path in compiled if path.startswith(function_dir)],
        "xray_sdk_loaded": "aws_xray_sdk" in sys.modules,
        "xray_sdk_file": getattr(sys.modules.get("aws_xray_sdk"), "__file__", None),
        "regex_seeded": sys.modules["article_core.regex_cache"].seeded,
        "codegen_seeded": sys.modules["article_core.codegen_cache"].seeded,
        "codegen_hits": sys.modules["article_core.codegen_cache"].hits,
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


@pytest.fixture(scope="module")
def python313() -> Path:
    return find_python313()


@pytest.fixture(scope="module")
def build_dir(python313: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`sam build` of template.yaml into a fresh directory, with python3.13 first on PATH."""
    out = tmp_path_factory.mktemp("sam")
    done = sam_build(python313, out / "build", out / "cache", timeout=600)
    assert done.returncode == 0, f"sam build failed:\n{done.stdout}\n{done.stderr}"
    return out / "build"


@pytest.fixture(scope="module")
def read_only_build(build_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the build with every write bit cleared, as /opt and /var/task are in Lambda."""
    copy = tmp_path_factory.mktemp("read-only") / "build"
    shutil.copytree(build_dir, copy)
    for path in [copy, *copy.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    return copy


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
    assert unzipped <= LAYER_TARGET, f"layer {unzipped / 2**20:.1f} MiB unzipped; target 80 MiB"


@pytest.mark.parametrize(
    ("event_name", "sdk_tracing"),
    [("s3-put-reference.json", "off"), ("s3-put-multi.json", "on")],  # the template's default; X-Ray SDK asked for
)
def test_built_handler_processes_events_in_a_clean_python313(
    read_only_build: Path, clean_python: Path, event_name: str, sdk_tracing: str
) -> None:
    """Given a read-only copy of the built function and layer, and a python3.13 that has only boto3 and moto
    When the built handler receives an event from events/ against moto (resources from template.yaml, objects as
    local/samples.py says each event names them), with bytecode writing off, as Lambda runs it
    Then it imports everything from the build, no module of the layer had to be compiled, the X-Ray SDK is
    loaded only when tracing asks for it (and then from the layer), and each object gets the record status the
    sample expects (the reference article: `processed`)
    """
    function_dir = read_only_build / "ProcessArticleFunction"
    layer_dir = read_only_build / "ArticleCoreLayer" / "python"
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "PYTHONDONTWRITEBYTECODE": "1",
        # As in Lambda with Tracing: Active (the Tracer decides on these whether to load its SDK).
        "LAMBDA_TASK_ROOT": str(function_dir),
        "AWS_LAMBDA_FUNCTION_NAME": "ProcessArticleFunction",
        "_X_AMZN_TRACE_ID": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0",
        "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR",
    }
    # What Lambda puts first on sys.path: /var/task, then /opt/python; the repo last, only for local/ (stdlib +
    # PyYAML; the repo root has no `app` or `article_core`). -P -s: no script directory, no user site.
    env["PYTHONPATH"] = os.pathsep.join([str(function_dir), str(layer_dir), str(ROOT)])
    command = [str(clean_python), "-P", "-s", "-B", "-c", INVOKE_BUILT_HANDLER, str(ROOT), str(function_dir),
               str(layer_dir), event_name, sdk_tracing]  # fmt: skip
    done = subprocess.run(
        command, cwd=read_only_build, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"the built handler failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, done.stdout[-4000:]
    outcome = json.loads(lines[-1].removeprefix("RESULT "))
    assert outcome["python"] == [3, 13]
    assert outcome["modules"]["app"].startswith(str(function_dir))
    assert outcome["modules"]["article_core"].startswith(str(layer_dir))
    assert outcome["modules"]["pydantic_core"].startswith(str(layer_dir))
    assert outcome["compiled_in_layer"] == [], "layer modules without valid python3.13 bytecode (compiled at start)"
    assert outcome["xray_sdk_loaded"] is (sdk_tracing == "on")
    if sdk_tracing == "on":
        assert outcome["xray_sdk_file"].startswith(str(layer_dir))
    assert outcome["compiled_in_function"] == [], "app.py compiled at start (functions/process_article/Makefile)"
    shipped = sorted(str(p.relative_to(read_only_build)) for p in read_only_build.rglob("__pycache__/app.*.pyc"))
    assert shipped == ["ProcessArticleFunction/__pycache__/app.cpython-313.pyc"], "bytecode was written into the build"
    assert outcome["regex_seeded"] == len(json.loads(REGEX_PATTERNS.read_text())), "the layer's regexes not seeded"
    assert outcome["codegen_seeded"] == len(json.loads(CODEGEN_SOURCES.read_text())), "generated code not seeded"
    assert outcome["codegen_hits"] > 0, "no dataclass, named tuple or annotation text found in the codegen cache"
    assert outcome["expected"], "the event names no sample object"
    assert outcome["status_by_key"] == outcome["expected"]
    if event_name == "s3-put-reference.json":
        assert list(outcome["expected"].values()) == ["processed"]


def test_built_handler_leaves_the_deferred_modules_unrun_after_import(
    read_only_build: Path, clean_python: Path
) -> None:
    """Given the read-only build and a python3.13 as Lambda's (the function and layer first on sys.path)
    When the handler module is imported, as Lambda's INIT does
    Then every module article_core/deferred_imports.py lists is bound but has not run (imported by nobody yet, or
    deferred before its importer ran): their import cost is not paid at a cold start
    """
    function_dir = read_only_build / "ProcessArticleFunction"
    layer_dir = read_only_build / "ArticleCoreLayer" / "python"
    script = (
        "import json, sys\nimport app\nfrom article_core.deferred_imports import DEFERRED, is_deferred\n"
        "print(json.dumps({n: n in sys.modules and is_deferred(sys.modules[n]) for n in DEFERRED}))"
    )
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "PYDANTIC_DISABLE_PLUGINS": "__all__",  # as template.yaml sets it (with plugins on, pydantic reads metadata)
        "PYTHONPATH": os.pathsep.join([str(function_dir), str(layer_dir)]),
    }
    done = subprocess.run(
        [str(clean_python), "-P", "-s", "-B", "-c", script],
        cwd=read_only_build, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    state = json.loads(done.stdout.splitlines()[-1])
    assert state and all(state.values()), f"deferred modules run at import: {state}"


def _lock_pins(lock: Path) -> dict[str, str]:
    """name -> version of every `name==version` line of a pip-compile/uv lock (names as PEP 503 spells them)."""
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", lock.read_text(), re.MULTILINE)
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in pins}


def test_built_layer_holds_exactly_the_locked_versions(build_dir: Path) -> None:
    """Given the layer as `sam build` made it (dist-info trimmed; versions recorded in layer-manifest.json)
    When its distributions are compared with layers/article_core/requirements.lock
    Then every locked package is there at its locked version, and nothing else is
    """
    manifest = json.loads((build_dir / "ArticleCoreLayer" / "layer-manifest.json").read_text())
    assert manifest["distributions"] == _lock_pins(ROOT / "layers" / "article_core" / "requirements.lock")


def test_built_layer_carries_bytecode_for_python313_only(build_dir: Path) -> None:
    """Given the built layer and function
    When their bytecode is listed
    Then every .py of the layer has a python3.13 .pyc (hash-checked, not timestamped: valid after the zip), as
    app.py has, and no other version's bytecode is shipped
    """
    layer = build_dir / "ArticleCoreLayer" / "python"
    sources = list(layer.rglob("*.py"))
    missing = [p for p in sources if not (p.parent / "__pycache__" / f"{p.stem}.cpython-313.pyc").is_file()]
    assert sources and not missing[:5]
    others = [p for p in layer.rglob("*.pyc") if not p.name.endswith(".cpython-313.pyc")]
    assert not others[:5]
    for pyc in (layer / "article_core" / "__pycache__" / "pipeline.cpython-313.pyc",
                build_dir / "ProcessArticleFunction" / "__pycache__" / "app.cpython-313.pyc"):  # fmt: skip
        flags = int.from_bytes(pyc.read_bytes()[4:8], "little")
        assert flags == 0b01, f"{pyc.name}: expected unchecked-hash bytecode (flags 0b01), not timestamp-based"


# Run with the layer's python dir as PYTHONPATH. Every stored pattern against python3.13's own compilation of it.
CHECK_REGEX_CACHE = r"""
import marshal, re
from article_core import regex_cache
built_for, items = marshal.loads(open(regex_cache.CACHE, "rb").read())
unequal = [item[0] for item in items if regex_cache.compiled(item) != re._compiler.compile(item[0], item[1])]
print(repr((tuple(built_for) == regex_cache.engine(), len(items), unequal[:5])))
"""


# Run with the layer's python dir as PYTHONPATH. Every stored code object against python3.13's own compilation.
CHECK_CODEGEN_CACHE = r"""
import marshal
from article_core import codegen_cache
built_for, items = marshal.loads(open(codegen_cache.CACHE, "rb").read())
unequal = [source for mode, source, code in items
           if marshal.dumps(code, 2) != marshal.dumps(compile(source, "<string>", mode, dont_inherit=True), 2)]
print(repr((tuple(built_for) == codegen_cache.built_for(), len(items), unequal[:5])))
"""


# The same for the HTML path's patterns (seeded when that path first runs).
CHECK_REGEX_CACHE_HTML = CHECK_REGEX_CACHE.replace("regex_cache.CACHE", "regex_cache.HTML_CACHE")


@pytest.mark.parametrize(
    ("check", "listed"),
    [
        (CHECK_REGEX_CACHE, REGEX_PATTERNS),
        (CHECK_REGEX_CACHE_HTML, REGEX_PATTERNS_HTML),
        (CHECK_CODEGEN_CACHE, CODEGEN_SOURCES),
    ],
    ids=["regex_cache", "regex_cache_html", "codegen_cache"],
)
def test_built_start_cache_is_python313s_own_compilation(
    build_dir: Path, python313: Path, check: str, listed: Path
) -> None:
    """Given one of the layer's start-up caches, made by the layer build (article_core/data/regex_cache.marshal:
    the listed regexes; article_core/data/codegen_cache.marshal: the listed generated texts)
    When python3.13 compiles each stored entry itself
    Then the cache was built for this interpreter (regex engine; bytecode and optimisation level), holds every
    listed entry, and each stored entry equals python3.13's own compilation
    """
    layer = build_dir / "ArticleCoreLayer" / "python"
    env = {**os.environ, "PYTHONPATH": str(layer)}  # the layer alone: -P no script directory, -s no user site
    done = subprocess.run([str(python313), "-P", "-s", "-B", "-c", check], env=env, capture_output=True,
                          text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    assert done.stdout.strip() == repr((True, len(json.loads(listed.read_text())), []))


# Run with the layer's python dir as PYTHONPATH. Every stored event name against botocore's own aliasing of it.
CHECK_BOTOCORE_ALIASES = r"""
import marshal, botocore
from botocore.hooks import EventAliaser
from article_core import storage
version, names = marshal.loads(open(storage.ALIASES_FILE, "rb").read())
stock = EventAliaser(None)
unequal = [name for name, aliased in names.items() if stock._alias_event_name(name) != aliased]
print(repr((version == botocore.__version__, len(names) > 50, unequal[:5])))
"""

# Run with the layer's python dir as PYTHONPATH. Every stored pattern's needles against `needles` computing them.
CHECK_BOILERPLATE_NEEDLES = r"""
import marshal, re
from article_core.clean import boilerplate, boilerplate_needles
built_for, items = marshal.loads(open(boilerplate_needles.FILE, "rb").read())
boilerplate_needles.FILE = boilerplate_needles.FILE + ".absent"  # needles() computes each one
unequal = [p for (p, f), n in items.items() if boilerplate.needles(re.compile(p, f)) != n]
print(repr((tuple(built_for) == boilerplate_needles.python_version(), len(items) > 30, unequal[:5])))
"""


@pytest.mark.parametrize("check", [CHECK_BOTOCORE_ALIASES, CHECK_BOILERPLATE_NEEDLES], ids=["aliases", "needles"])
def test_built_memo_is_what_the_layers_code_computes_on_python313(build_dir: Path, python313: Path, check: str) -> None:
    """Given one of the layer's stored results (article_core/data/botocore_aliases.marshal: botocore's aliased
    event names; article_core/data/boilerplate_needles.marshal: the phrase patterns' needles)
    When python3.13 computes each stored entry again with the layer's own code
    Then the file was built for this botocore / Python minor version, and every entry equals the computed one
    """
    layer = build_dir / "ArticleCoreLayer" / "python"
    env = {**os.environ, "PYTHONPATH": str(layer)}  # the layer alone: -P no script directory, -s no user site
    done = subprocess.run([str(python313), "-P", "-s", "-B", "-c", check], env=env, capture_output=True,
                          text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    assert done.stdout.strip() == repr((True, True, []))


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in _files(root)}


def test_the_layer_builds_to_the_same_bytes_twice(
    build_dir: Path, python313: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Given the layer as `sam build` made it
    When the layer's Makefile builds it again, into another folder
    Then every file has the same bytes (locked wheels; hash-based bytecode naming /opt/python, not the build folder)
    """
    again = tmp_path_factory.mktemp("again") / "deeper" / "ArticleCoreLayer"
    again.mkdir(parents=True)
    env = {**os.environ, "PATH": f"{python313.parent}{os.pathsep}{os.environ['PATH']}", "ARTIFACTS_DIR": str(again)}
    done = subprocess.run(
        ["make", "-s", "build-ArticleCoreLayer"], cwd=ROOT / "layers" / "article_core", env=env,
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    first, second = _digest(build_dir / "ArticleCoreLayer"), _digest(again)
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert [name for name in differing if not _ca_appended(build_dir / "ArticleCoreLayer" / name, again / name)] == []


_PEM_BLOCKS = re.compile(rb"(?:\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----)+\s*")


def _ca_appended(one: Path, other: Path) -> bool:
    """Whether two copies of certifi's CA bundle differ only by certificates appended to one of them: a sandboxed
    machine may add its own egress CA to every `cacert.pem` it finds, at any time after a build (seen here: the
    first build's copy grew by one "sandboxing-egress-ca" certificate while the test ran). Nothing else passes."""
    if one.name != "cacert.pem" or one.parent.name != "certifi":
        return False
    shorter, longer = sorted((one.read_bytes(), other.read_bytes()), key=len)
    return longer.startswith(shorter) and _PEM_BLOCKS.fullmatch(longer[len(shorter) :]) is not None
