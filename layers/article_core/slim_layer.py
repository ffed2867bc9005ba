"""Trim an installed layer to what the Lambda runtime reads, and record what it holds.

    python3.13 slim_layer.py ARTIFACTS_DIR      (run by the layer's Makefile, before compileall)

Removed, with the reason each is never read at run time:
- `bin/`: console scripts; nothing runs them in Lambda.
- `tests/` folders inside packages, C and Cython sources and headers: tests and build inputs, not imported.
- `*.dist-info/` except licence files and METADATA's headers: pip's bookkeeping (RECORD, WHEEL, INSTALLER...)
  and the long description (the project README) that follows METADATA's headers. The headers stay because
  trafilatura asks importlib.metadata for its own version at import; licence files stay because the layer
  redistributes the code. The versions also go to `layer-manifest.json`, which the packaging test compares
  with requirements.lock.
- Babel's locale data except `root`, `en` and `fr`: 32 MB of CLDR files loaded only by `babel.Locale(...)`,
  which courlan calls only when trafilatura is given a target language, and the pipeline never gives one.
- botocore's and boto3's models of every AWS service but the ones the function calls (S3, DynamoDB), the one the
  X-Ray SDK calls (X-Ray), SQS and STS (the failure queue and credentials, in case code needs them) and KMS (moto's
  DynamoDB, in the packaging test, asks for KMS's regions):
  400+ folders, 18 MB, and botocore lists them all when it creates a client (~30 ms of the first event). The
  layer's botocore shadows the runtime's, so a client for any other service fails with UnknownServiceError:
  whoever adds one adds its name to BOTOCORE_SERVICES_KEPT.
- In the kept botocore models: the `documentation` text (docstrings and `help()`; botocore never reads it to make a
  call), the `examples-1.json` files (documentation only), and in `endpoints.json` the entries of services whose
  models are gone. What is left is rewritten as plain compact JSON. botocore parses every model with an
  OrderedDict per object when it creates a client: the S3 model alone was 1.4 MB of JSON, its endpoint rules
  0.9 MB and endpoints.json 1.25 MB, about 45 ms of CPU at the first event; without the text, 0.5 MB in all.
  The order of every object is kept (botocore serialises members and evaluates endpoint rules in that order).
  Each JSON file of botocore's data also gets a pre-parsed twin, `NAME.marshal` (the same data as plain dicts and
  lists, order kept), which the function's session reads instead (article_core/storage.py: PreparsedData); the JSON
  stays for any other botocore user.
- Powertools' bundled Swagger UI (the REST event handler's docs page): we have no API.
- Any `__pycache__` already there: compileall writes python3.13 bytecode afterwards, and bytecode of other
  versions (e.g. from the source tree) is never read by the runtime.
"""

from __future__ import annotations

import gzip
import json
import marshal
import re
import shutil
import sys
from email.parser import HeaderParser
from pathlib import Path
from typing import Any

from article_core.marshal_shared import shared  # beside this script in the layer folder the build runs in

LICENCE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
SOURCE_SUFFIXES = {".pyx", ".pxd", ".pxi", ".h", ".c", ".cpp"}
BABEL_LOCALES_KEPT = {"root.dat", "en.dat", "fr.dat"}
BOTOCORE_SERVICES_KEPT = {"s3", "dynamodb", "xray", "sqs", "sts", "kms"}
DOCUMENTATION_KEYS = {"documentation", "documentationUrl"}
KEPT_WHOLE = {"clientContextParams"}
MODEL_DOCS = "botocore model documentation and examples (net of storing the models unzipped)"
DROPPED_DIRS = ("bin", "lxml/includes", "aws_lambda_powertools/event_handler/openapi/swagger_ui")


def canonical(name: str) -> str:
    """The distribution name as pip and the lock file spell it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def remove(path: Path, removed: dict[str, int], reason: str) -> None:
    removed[reason] = removed.get(reason, 0) + size(path)
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


def strip_dist_info(python: Path, removed: dict[str, int]) -> dict[str, str]:
    """name -> version of every installed distribution; then keep only METADATA's headers and the licences."""
    versions: dict[str, str] = {}
    for dist_info in sorted(python.glob("*.dist-info")):
        metadata = dist_info / "METADATA"
        text = metadata.read_text(encoding="utf-8")
        headers = HeaderParser().parsestr(text, headersonly=True)
        versions[canonical(headers["Name"])] = headers["Version"]
        head = text.split("\n\n", 1)[0] + "\n"
        removed["dist-info (not licences)"] = removed.get("dist-info (not licences)", 0) + len(text) - len(head)
        metadata.write_text(head, encoding="utf-8")
        for path in sorted(dist_info.rglob("*"), reverse=True):
            inside = path.relative_to(dist_info).parts
            keep = path.name == "METADATA" or LICENCE.match(path.name) or inside[0] == "licenses"
            if path.is_file() and not keep:
                remove(path, removed, "dist-info (not licences)")
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return versions


def slim(artifacts: Path) -> dict[str, object]:
    python = artifacts / "python"
    removed: dict[str, int] = {}
    versions = strip_dist_info(python, removed)
    for relative in DROPPED_DIRS:
        if (python / relative).exists():
            remove(python / relative, removed, relative)
    _strip_tree(python, removed)
    _strip_data(python, removed)
    slim_botocore_models(python / "botocore" / "data", removed)
    lazy_botocore_docs(python / "botocore" / "docs")
    return {"distributions": versions, "removed_bytes": dict(sorted(removed.items()))}


def _strip_tree(python: Path, removed: dict[str, int]) -> None:
    """Bytecode caches, test folders and C/Cython sources, anywhere in the tree."""
    for path in sorted(python.rglob("*"), reverse=True):
        if not path.exists():
            continue
        if path.is_dir() and path.name == "__pycache__":  # not counted: it depends on the source tree's state
            shutil.rmtree(path)
        elif path.is_dir() and path.name == "tests":
            remove(path, removed, path.name)
        elif path.is_file() and path.suffix in SOURCE_SUFFIXES:
            remove(path, removed, "C/Cython sources")


def _strip_data(python: Path, removed: dict[str, int]) -> None:
    """AWS service models and babel locales the code never loads."""
    for models in (python / "botocore" / "data", python / "boto3" / "data"):
        for service in sorted(models.iterdir()) if models.is_dir() else []:
            if service.is_dir() and service.name not in BOTOCORE_SERVICES_KEPT:
                remove(service, removed, f"{models.parent.name} service models")
    for path in sorted((python / "babel" / "locale-data").glob("*.dat")):
        if path.name not in BABEL_LOCALES_KEPT:
            remove(path, removed, "babel locale-data")


# botocore imports its documentation generators (botocore.docs: the service, client, shape and example documenters,
# html.parser) at import, through client.py and waiter.py's `from botocore.docs.docstring import ...`, although a
# method's docstring is generated only when someone reads it (LazyLoadedDocstring). About 30 million instructions
# of every cold start (python3.13). The two edits below move those imports to where they are used: the documenters
# load with the first docstring read, ServiceDocumenter with generate_docs. Nothing else changes; a file whose text
# is not the expected one (another botocore) is left as it is.
_DOCSTRING_IMPORTS = (
    "from botocore.docs.bcdoc.restdoc import DocumentStructure\n"
    "from botocore.docs.method import document_model_driven_method\n"
    "from botocore.docs.paginator import document_paginate_method\n"
    "from botocore.docs.waiter import document_wait_method\n"
)
_DOCSTRING_LOADER = (
    "def _load_documenters():  # the layer build moved these imports here (slim_layer.py: lazy_botocore_docs)\n"
    "    global DocumentStructure, document_model_driven_method, document_paginate_method, document_wait_method\n"
    + "".join(f"    {line}\n" for line in _DOCSTRING_IMPORTS.splitlines())
)
_CREATE_DOCSTRING = "    def _create_docstring(self):\n"
_SERVICE_IMPORT = "from botocore.docs.service import ServiceDocumenter\n"
_GENERATE_DOCS = "def generate_docs(root_dir, session):\n"


def lazy_botocore_docs(docs: Path) -> list[str]:
    """Edit botocore/docs/docstring.py and __init__.py so that their imports run on first use; the files edited."""
    edited = []
    docstring = docs / "docstring.py"
    text = docstring.read_text(encoding="utf-8") if docstring.is_file() else ""
    if text.count(_DOCSTRING_IMPORTS) == 1 and text.count(_CREATE_DOCSTRING) == 1:
        text = text.replace(_DOCSTRING_IMPORTS, "\n" + _DOCSTRING_LOADER)
        text = text.replace(_CREATE_DOCSTRING, _CREATE_DOCSTRING + "        _load_documenters()\n")
        docstring.write_text(text, encoding="utf-8")
        edited.append(docstring.name)
    package = docs / "__init__.py"
    text = package.read_text(encoding="utf-8") if package.is_file() else ""
    if text.count(_SERVICE_IMPORT) == 1 and text.count(_GENERATE_DOCS) == 1:
        text = text.replace(_SERVICE_IMPORT, "")
        start = text.index(_GENERATE_DOCS) + len(_GENERATE_DOCS)
        if text[start:].startswith('    """'):  # after the function's docstring, which stays its __doc__
            start = text.index('"""', start + 7) + 4
        moved = f"    {_SERVICE_IMPORT.strip()}  # moved here by the layer build (slim_layer.py)\n"
        text = text[:start] + moved + text[start:]
        package.write_text(text, encoding="utf-8")
        edited.append(package.name)
    return edited


def without_documentation(value: Any) -> Any:
    """`value` with every string-valued "documentation" / "documentationUrl" key removed, at any depth, order kept.

    Only string values go: a structure member that happened to be named "documentation" is a dict and stays.
    `clientContextParams` stays whole: botocore reads its `documentation` as a required key (ServiceModel).
    """
    if isinstance(value, dict):
        return {
            key: item if key in KEPT_WHOLE else without_documentation(item)
            for key, item in value.items()
            if not (key in DOCUMENTATION_KEYS and isinstance(item, str))
        }
    if isinstance(value, list):
        return [without_documentation(item) for item in value]
    return value


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def slim_botocore_models(data: Path, removed: dict[str, int]) -> None:
    """Kept services' models without their documentation, as plain JSON; endpoints.json for kept services only."""
    if not data.is_dir():
        return
    for path in sorted(data.glob("*/*/*.json*")):
        before = path.stat().st_size
        if path.name.startswith("examples-1."):
            remove(path, removed, MODEL_DOCS)
            continue
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        plain = path.with_name(path.name.removesuffix(".gz"))
        text = _compact(without_documentation(json.loads(raw)))
        path.unlink()
        plain.write_text(text, encoding="utf-8")
        removed[MODEL_DOCS] = removed.get(MODEL_DOCS, 0) + before - len(text.encode())
    endpoints = data / "endpoints.json"
    if endpoints.is_file():
        before = endpoints.stat().st_size
        table = json.loads(endpoints.read_text(encoding="utf-8"))
        for partition in table.get("partitions", []):
            services = partition.get("services", {})
            partition["services"] = {name: v for name, v in services.items() if name in BOTOCORE_SERVICES_KEPT}
        text = _compact(table)
        endpoints.write_text(text, encoding="utf-8")
        removed["botocore endpoints of pruned services"] = before - len(text.encode())
    write_preparsed(data)


def write_preparsed(data: Path) -> None:
    """NAME.marshal beside every NAME.json: the parsed data (marshal version 4, as python3.13 writes bytecode), each
    repeated string stored once (`shared`: the S3 model and endpoint rules load in ~3 M fewer instructions)."""
    for path in sorted(data.rglob("*.json")):
        parsed = json.loads(path.read_text(encoding="utf-8"))
        path.with_suffix(".marshal").write_bytes(marshal.dumps(shared(parsed), 4))


def main(argv: list[str]) -> int:
    artifacts = Path(argv[1])
    manifest = slim(artifacts)
    (artifacts / "layer-manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    total = sum(manifest["removed_bytes"].values())  # type: ignore[attr-defined]
    print(f"slim_layer: {len(manifest['distributions'])} distributions, {total / 1e6:.1f} MB removed")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
