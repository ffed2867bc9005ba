"""layers/article_core/slim_layer.py: what the layer build leaves out, and what it must keep."""

from __future__ import annotations

import re
from pathlib import Path

import slim_layer

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
        _write(python / "botocore" / "data" / "endpoints.json"),
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
        for name in re.findall(r"\b(?:client|resource)\(\s*[\"']([a-z0-9-]+)[\"']", path.read_text())
    }
    assert called, "no AWS client found: the pattern is stale"
    assert called <= slim_layer.BOTOCORE_SERVICES_KEPT, called - slim_layer.BOTOCORE_SERVICES_KEPT
