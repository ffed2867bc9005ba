"""layers/article_core/slim_layer.py: what the layer build leaves out, and what it must keep."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import botocore
import botocore.loaders
import botocore.session
import pytest
import slim_layer

from article_core.storage import PreparsedData, with_preparsed_data

ROOT = Path(__file__).resolve().parents[2]


def _write(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_slim_keeps_code_licences_and_metadata_headers_and_records_versions(tmp_path: Path) -> None:
    """Given an installed layer with tests, C sources, bytecode, pip bookkeeping and many Babel locales
    When it is slimmed
    Then code, licences, METADATA's headers and the kept locales stay, the rest goes, and the manifest has versions
    """
    python = tmp_path / "python"
    keep = [
        _write(python / "pkg" / "__init__.py"),
        _write(python / "pkg" / "data.json"),
        _write(python / "Foo_Bar-1.2.dist-info" / "LICENSE.txt"),
        _write(python / "Foo_Bar-1.2.dist-info" / "licenses" / "NOTICE"),
        _write(python / "babel" / "locale-data" / "fr.dat"),
        _write(python / "botocore" / "data" / "s3" / "service-2.json.gz"),
        _write(python / "botocore" / "data" / "endpoints.json", '{"partitions": []}'),
    ]
    drop = [
        _write(python / "pkg" / "tests" / "test_pkg.py"),
        _write(python / "pkg" / "__pycache__" / "__init__.cpython-311.pyc"),
        _write(python / "pkg" / "speedups.c"),
        _write(python / "Foo_Bar-1.2.dist-info" / "RECORD"),
        _write(python / "babel" / "locale-data" / "de.dat"),
        _write(python / "botocore" / "data" / "ec2" / "service-2.json.gz"),
        _write(python / "bin" / "foo"),
    ]
    headers = "Metadata-Version: 2.1\nName: Foo_Bar\nVersion: 1.2\n"
    _write(python / "Foo_Bar-1.2.dist-info" / "METADATA", headers + "\nREADME, long")

    manifest = slim_layer.slim(tmp_path)

    assert manifest["distributions"] == {"foo-bar": "1.2"}
    assert all(p.exists() for p in keep)
    assert not any(p.exists() for p in drop)
    assert (python / "Foo_Bar-1.2.dist-info" / "METADATA").read_text().endswith("Version: 1.2\n")


def test_every_aws_service_the_layer_calls_keeps_its_botocore_model() -> None:
    """Given the layer's code / When it names an AWS client or resource / Then that service's model is not pruned"""
    sources = [*ROOT.glob("layers/article_core/article_core/**/*.py"), *ROOT.glob("functions/**/*.py")]
    called = {
        name
        for path in sources
        for name in re.findall(r"\b(?:client|resource|create_client)\(\s*[\"']([a-z0-9-]+)[\"']", path.read_text())
    }
    assert called, "no AWS client found: the pattern is stale"
    assert called <= slim_layer.BOTOCORE_SERVICES_KEPT, called - slim_layer.BOTOCORE_SERVICES_KEPT


BOTOCORE_DATA = Path(botocore.__file__).parent / "data"  # the dev venv's botocore: the version the layer pins


@pytest.fixture(scope="module")
def slimmed_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dev venv's botocore data for the services the function calls, slimmed as the layer build does."""
    data = tmp_path_factory.mktemp("botocore") / "data"
    for service in ("s3", "dynamodb"):
        shutil.copytree(BOTOCORE_DATA / service, data / service)
    shutil.copy(BOTOCORE_DATA / "endpoints.json", data / "endpoints.json")
    slim_layer.slim_botocore_models(data, {})
    return data


def _load(path: Path) -> Any:
    raw = path.read_bytes()
    return json.loads(gzip.decompress(raw) if path.suffix == ".gz" else raw)


@pytest.mark.parametrize(("service", "version"), [("s3", "2006-03-01"), ("dynamodb", "2012-08-10")])
def test_slimmed_models_are_the_originals_without_their_documentation(
    slimmed_data: Path, service: str, version: str
) -> None:
    """Given botocore's S3 and DynamoDB models / When slimmed / Then every file is plain JSON equal to the original
    less its documentation text (same operations, shapes, endpoint rules, in the same order), and examples are gone
    """
    original, slimmed = BOTOCORE_DATA / service / version, slimmed_data / service / version
    for source in sorted(original.glob("*.json*")):
        target = slimmed / source.name.removesuffix(".gz")
        if source.name.startswith("examples-1."):
            assert not target.exists()
            continue
        assert not (slimmed / f"{target.name}.gz").exists()
        expected = slim_layer.without_documentation(_load(source))
        assert json.dumps(_load(target)) == json.dumps(expected)  # order too: rules are evaluated in order
    model = _load(slimmed / "service-2.json")
    assert set(model["operations"]) == set(_load(original / "service-2.json.gz")["operations"])
    assert "documentation" not in json.dumps(model["operations"]["PutObject" if service == "s3" else "PutItem"])


class _Prepared(Exception):
    """Raised by the before-send hook: the request is built, nothing goes out."""


def _prepared_requests(data_path: Path | None, region: str, *, preparsed: bool = False) -> list[tuple[str, str, bytes]]:
    """(method, URL, body) of a GetObject, PutObject and PutItem as botocore would send them, nothing sent."""
    session = botocore.session.Session()
    if data_path is not None:
        session.set_config_variable("data_path", str(data_path))
    if preparsed:  # as the function's Repository makes its session
        session = with_preparsed_data(session)
    sent: list[tuple[str, str, bytes]] = []

    def capture(request: Any, **_: Any) -> Any:
        body = request.body.read() if hasattr(request.body, "read") else request.body
        sent.append((request.method, request.url, body.encode() if isinstance(body, str) else bytes(body or b"")))
        raise _Prepared  # no network: stop once the request is ready

    s3: Any = session.create_client("s3", region_name=region, aws_access_key_id="k", aws_secret_access_key="s")
    dynamodb: Any = session.create_client(
        "dynamodb", region_name=region, aws_access_key_id="k", aws_secret_access_key="s"
    )
    for client in (s3, dynamodb):
        client.meta.events.register("before-send", capture)
    calls: list[Callable[[], Any]] = [
        lambda: s3.get_object(Bucket="articles-input", Key="incoming/a b.txt", Range="bytes=0-10", IfMatch='"e"'),
        lambda: s3.put_object(Bucket="articles-artifacts", Key="texts/x.txt", Body=b"text", ContentType="text/plain"),
        lambda: dynamodb.put_item(
            TableName="articles",
            Item={"article_id": {"S": "x"}},
            ConditionExpression="attribute_not_exists(article_id)",
        ),
    ]
    for call in calls:
        with pytest.raises(_Prepared):
            call()
    return sent


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-3", "cn-north-1", "us-gov-west-1"])
def test_clients_on_slimmed_models_send_the_same_requests(slimmed_data: Path, region: str) -> None:
    """Given clients made from the slimmed models and endpoints, and clients made from botocore's own
    When each prepares the same S3 and DynamoDB calls / Then the methods, URLs (endpoint rules) and bodies match
    """
    assert _prepared_requests(slimmed_data, region) == _prepared_requests(None, region)


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-3", "cn-north-1", "us-gov-west-1"])
def test_clients_on_preparsed_data_send_the_same_requests(slimmed_data: Path, region: str) -> None:
    """Given clients made by a session reading the slimmed data's pre-parsed twins (storage.with_preparsed_data)
    When each prepares the same S3 and DynamoDB calls as clients on botocore's own data
    Then the methods, URLs (endpoint rules) and bodies match
    """
    assert _prepared_requests(slimmed_data, region, preparsed=True) == _prepared_requests(None, region)


def test_preparsed_twins_hold_what_botocore_parses_from_the_json(slimmed_data: Path) -> None:
    """Given the slimmed botocore data, with the NAME.marshal twin slim_layer writes beside every NAME.json
    When a session with the pre-parsed loader loads models, endpoint rules and endpoints, and botocore's own
    JSONFileLoader parses the same files
    Then each twin is read (plain dicts, not botocore's OrderedDicts) and holds the same data in the same order
    """
    jsons = sorted(slimmed_data.rglob("*.json"))
    assert jsons and all(path.with_suffix(".marshal").is_file() for path in jsons)
    session = botocore.session.Session()
    session.set_config_variable("data_path", str(slimmed_data))
    loader = with_preparsed_data(session).get_component("data_loader")
    assert isinstance(loader.file_loader, PreparsedData)
    own = botocore.loaders.JSONFileLoader()
    for path in jsons:
        stem = str(path.with_suffix(""))
        loaded, parsed = loader.file_loader.load_file(stem), own.load_file(stem)
        assert type(loaded) is dict, path  # the twin, not the JSON
        assert json.dumps(loaded) == json.dumps(parsed), path  # order too
    model = loader.load_service_model("s3", "service-2")
    original = _load(slimmed_data / "s3" / "2006-03-01" / "service-2.json")
    assert type(model) is dict and list(model["operations"]) == list(original["operations"])
    # And a value written many times in the model is one string: stored once (marshal_shared), made once on loading
    twin = loader.file_loader.load_file(str(slimmed_data / "s3" / "2006-03-01" / "service-2"))
    types = [shape["type"] for shape in twin["shapes"].values()]
    assert len({id(kind) for kind in types}) == len(set(types))


def test_data_without_a_preparsed_twin_loads_from_its_json(tmp_path: Path) -> None:
    """Given a botocore data file with no .marshal beside it (the source tree, AWS_DATA_PATH)
    When the pre-parsed loader loads it / Then it is botocore's own JSON parse
    """
    path = _write(tmp_path / "thing.json", '{"b": 1, "a": [2]}')
    loaded = PreparsedData(botocore.loaders.JSONFileLoader()).load_file(str(path.with_suffix("")))
    assert loaded == {"b": 1, "a": [2]} and type(loaded) is not dict and list(loaded) == ["b", "a"]


def test_client_context_parameters_keep_the_documentation_botocore_requires(slimmed_data: Path) -> None:
    """Given the slimmed S3 model / When botocore lists its client context parameters / Then it finds them"""
    session = botocore.session.Session()
    session.set_config_variable("data_path", str(slimmed_data))
    model = session.get_service_model("s3")
    assert [p.name for p in model.client_context_parameters]


# A child: botocore with its docs package's __init__.py and docstring.py taken from argv[1] (the edited copies) when
# given, then an S3 client made offline; prints which documenters were imported, then three methods' docstrings.
_DOCS_CHILD = r"""
import importlib.util, json, sys
import botocore
if len(sys.argv) > 1:
    real = botocore.__path__[0] + "/docs"
    edited = (("botocore.docs", "__init__.py", [real]), ("botocore.docs.docstring", "docstring.py", None))
    for name, file, path in edited:
        spec = importlib.util.spec_from_file_location(name, sys.argv[1] + "/" + file, submodule_search_locations=path)
        module = sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
import botocore.session
client = botocore.session.get_session().create_client("s3", region_name="us-east-1", aws_access_key_id="t",
                                                      aws_secret_access_key="t")
loaded = sorted(m for m in ("botocore.docs.service", "botocore.docs.method", "html.parser") if m in sys.modules)
docs = [client.get_object.__doc__, client.list_objects_v2.__doc__,
        client.get_paginator("list_objects_v2").paginate.__doc__, client.get_waiter("object_exists").wait.__doc__]
print(json.dumps([loaded, [str(doc) for doc in docs]]))
"""


def test_lazy_botocore_docs_loads_the_documenters_with_the_first_docstring_and_gives_the_same_docstrings(
    tmp_path: Path,
) -> None:
    """Given copies of botocore's docs/__init__.py and docs/docstring.py edited by lazy_botocore_docs
    When a child makes an S3 client with them, and another with botocore as installed, and both read the docstrings
    of a method, a paginator and a waiter
    Then the edited child has imported none of the documenters before the first docstring is read, and every
    docstring is the stock one
    """
    import subprocess
    import sys

    docs = Path(botocore.__file__).parent / "docs"
    for name in ("__init__.py", "docstring.py"):
        shutil.copy(docs / name, tmp_path / name)
    assert slim_layer.lazy_botocore_docs(tmp_path) == ["docstring.py", "__init__.py"]
    assert "import ServiceDocumenter" in (tmp_path / "__init__.py").read_text()  # inside generate_docs
    runs = [subprocess.run([sys.executable, "-c", _DOCS_CHILD, *args], capture_output=True, text=True, timeout=300,
                           check=True) for args in ([], [str(tmp_path)])]  # fmt: skip
    (stock_loaded, stock_docs), (lazy_loaded, lazy_docs) = (json.loads(run.stdout) for run in runs)
    assert stock_loaded == ["botocore.docs.method", "botocore.docs.service", "html.parser"]
    assert lazy_loaded == []
    assert lazy_docs == stock_docs and all(len(doc) > 500 for doc in stock_docs)
    assert slim_layer.lazy_botocore_docs(tmp_path) == []  # already edited (or another botocore): left as it is
