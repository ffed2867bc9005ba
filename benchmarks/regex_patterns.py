"""List the regular expressions a cold start compiles, for the layer's regex cache (article_core/regex_cache.py),
and the source texts the standard library compiles on the way, for its codegen cache (article_core/codegen_cache.py).

    python -m benchmarks.regex_patterns        (make regex-patterns; needs python3.13 and a sam build)

Runs the built handler in fresh python3.13 processes, as `make bench` does (read-only copy of the `sam build`
output, moto in this process), once per sample below, with `re._compile` wrapped to note every (pattern, flags)
asked for; writes their union, in first-use order, to layers/article_core/regex_patterns.json. A pattern missing
from the list still works (it compiles as before); a listed one nobody uses costs microseconds at a cold start.
The same children note every text typing, dataclasses and collections hand to compile/exec/eval (the module
globals codegen_cache.seed installs, here recording): layers/article_core/codegen_sources.json.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from benchmarks import speed_cold as cold
from benchmarks.speed_build import ROOT, find_or_build, find_python313, read_only_copy, runtime_python
from local.local_stack import running_moto

PATTERNS = ROOT / "layers" / "article_core" / "regex_patterns.json"
# The patterns past MAX_LISTED, first asked for by the HTML sample (the last one): a second cache the HTML path
# seeds when it first runs (regex_cache.seed_html), so the plain-text cold start does not pay for them.
HTML_PATTERNS = ROOT / "layers" / "article_core" / "regex_patterns_html.json"
SOURCES = ROOT / "layers" / "article_core" / "codegen_sources.json"
# The reference article first (the cold start `make bench` times), then English text, another encoding, HTML.
SAMPLES = ("figaro-afp-rubio-lavrov.txt", "rail-strike-en.txt", "figaro-afp-rubio-lavrov.cp1252.txt",
           "harbor-bridge-en.html")  # fmt: skip
# re's cache holds 512 patterns (re._MAXCACHE, python3.13) and seed() seeds nothing when the list does not fit: at
# most 384, in first-use order (the plain-text paths all, the HTML path's first), leaves room for run-time patterns.
MAX_LISTED = 384
MAX_LISTED_HTML = 384  # seeded with the first 384 in re's cache of 512: the oldest (import-time) entries make room

RECORDING_CHILD = (
    cold._CHILD_PRELUDE
    + r"""
import re
asked = {}
_compile = re._compile

def recording(pattern, flags):
    value = flags.value if isinstance(flags, re.RegexFlag) else flags
    if isinstance(pattern, (str, bytes)) and not value & re.DEBUG:
        asked.setdefault((isinstance(pattern, bytes), pattern, value), None)
    return _compile(pattern, flags)

re._compile = recording

import builtins, collections, dataclasses, typing
texts = {}

def noting(builtin, mode):  # what article_core.codegen_cache looks up: str texts; typing's with the name "<string>"
    def note(source, *args, **kwargs):
        if type(source) is str and (builtin is not builtins.compile or (args[:1] == ("<string>",) and len(args) == 2)):
            texts.setdefault((args[1] if builtin is builtins.compile else mode, source.lstrip(" \t")
                              if builtin is builtins.eval else source), None)
        return builtin(source, *args, **kwargs)
    return note

typing.compile = noting(builtins.compile, "eval")
dataclasses.exec = noting(builtins.exec, "exec")
collections.eval = noting(builtins.eval, "eval")
import article_core.codegen_cache
article_core.codegen_cache.seed = lambda *args: 0  # a built cache would replace the recorders
import app
result = app.lambda_handler(event, Context())
print("RESULT " + json.dumps({"result": result, "patterns": [
    [is_bytes, p.decode("latin-1") if is_bytes else p, f] for is_bytes, p, f in asked], "texts": list(texts)}))
"""
)


def record(
    samples: tuple[str, ...] = SAMPLES,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[str, str]]]:
    python313 = find_python313()
    build = find_or_build(python313, rebuild=False)
    if python313 is None or build is None:
        raise SystemExit("needs python3.13 and a sam build (make build)")
    built = read_only_copy(build, "regex-patterns", bytecode=True)
    runtime_paths = [str(built.function_dir), str(built.layer_python)]
    seen: dict[tuple[bool, str, int], None] = {}
    texts: dict[tuple[str, str], None] = {}
    with running_moto() as endpoint:
        s3, names = cold.provision(endpoint)
        runtime = cold.Runtime(runtime_python(python313), runtime_paths, cold.child_env(endpoint, names), "record")
        for name in samples:
            event = cold.put_event(s3, names, ROOT / "samples" / name)
            data = cold.result_of(runtime.run(RECORDING_CHILD, str(event)))
            if not data["result"].get("processed"):
                raise SystemExit(f"{name}: not processed ({data['result']})")
            for is_bytes, pattern, flags in data["patterns"]:
                seen.setdefault((is_bytes, pattern, flags), None)
            for mode, text in data["texts"]:
                texts.setdefault((mode, text), None)
            print(f"{name}: {len(data['patterns'])} patterns, {len(seen)} in all; {len(texts)} texts", file=sys.stderr)
    listed = [{"pattern": p, "flags": f, **({"bytes": True} if b else {})} for b, p, f in seen]
    return listed[:MAX_LISTED], listed[MAX_LISTED : MAX_LISTED + MAX_LISTED_HTML], list(texts)


def main() -> int:
    listed, html, texts = record()
    for path, patterns in ((PATTERNS, listed), (HTML_PATTERNS, html)):
        path.write_text("[\n" + ",\n".join(json.dumps(item) for item in patterns) + "\n]\n", encoding="utf-8")
        print(f"{len(patterns)} patterns written to {path.relative_to(ROOT)}", file=sys.stderr)
    SOURCES.write_text("[\n" + ",\n".join(json.dumps(list(item)) for item in texts) + "\n]\n", encoding="utf-8")
    print(f"{len(texts)} generated texts written to {SOURCES.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
