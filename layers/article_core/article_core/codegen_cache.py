"""Code the standard library generates from source text at a cold start, compiled when the layer is built.

Why: three places in the standard library build classes by compiling source text at run time, and a cold start
of the handler goes through them about 950 times, mostly inside pydantic's and urllib3's imports:
`typing.ForwardRef` compiles every string annotation (pydantic_core's schema TypedDicts alone hold 536),
`dataclasses` execs the generated `__init__`/`__repr__`/`__eq__` of each dataclass, and `collections.namedtuple`
evals each tuple's `__new__`. Parsing and compiling that text was ~16% of the reference article's cold start
(callgrind instruction counts, python3.13). The layer build (`build_codegen_cache.py`) compiles the texts listed in
`codegen_sources.json` once, with the build's python3.13, into `data/codegen_cache.marshal`; `seed()`, at the top of
the handler module, loads them and gives those three modules a `compile` / `exec` / `eval` of their own (a module
global, which their code finds before the builtin) that returns the stored code object for a listed text and
compiles anything else exactly as the builtin would.

Safety: the stored code is the builtin's compilation of the same text with the same filename ("<string>") and
mode, no inherited future flags (none of the three modules has any), and it is used only when the bytecode magic
number and the optimisation level are the builder's (what a .pyc is keyed by); otherwise, and without the file
(the source tree, the CLI), nothing is installed. A text not listed (a changed dependency, a new dataclass) misses
and compiles as before. The packaging test checks every stored code object against python3.13's own compilation.
`make regex-patterns` relists the texts along with the regexes (benchmarks/regex_patterns.py).
"""

from __future__ import annotations

import builtins
import collections
import dataclasses
import marshal
import os
import sys
import typing
from importlib.util import MAGIC_NUMBER
from types import CodeType
from typing import Any

CACHE = os.path.join(os.path.dirname(__file__), "data", "codegen_cache.marshal")
FILENAME = "<string>"  # the name exec/eval give a string's code, and the one typing.ForwardRef passes to compile
# module -> the builtin its code calls with generated text
SITES = {typing: "compile", dataclasses: "exec", collections: "eval"}

_codes: dict[tuple[str, str], CodeType] = {}
seeded = 0  # how many texts seed() stored (the packaging test reads it)
hits = 0  # how many compilations the stored code saved in this process


def built_for() -> tuple[bytes, int]:
    """What the stored code depends on: the bytecode's magic number and the optimisation level (-O)."""
    return MAGIC_NUMBER, sys.flags.optimize


def compiled(mode: str, source: str) -> CodeType:
    """The builtin's own compilation of `source`, as exec/eval of a string (or compile from typing) does it."""
    code: CodeType = builtins.compile(source, FILENAME, mode, dont_inherit=True)
    return code


def dumps(sources: list[tuple[str, str]]) -> bytes:
    """The cache file for (mode, source) pairs on this interpreter (marshal version 2: no back-references, so the
    same bytes each build)."""
    return marshal.dumps((built_for(), [(mode, source, compiled(mode, source)) for mode, source in sources]), 2)


def _code(mode: str, source: str) -> CodeType:
    global hits
    code = _codes.get((mode, source))
    if code is None:
        return compiled(mode, source)
    hits += 1
    return code


def _compile(source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False, optimize: int = -1,
             **options: Any) -> Any:  # fmt: skip
    """typing's `compile`: a listed annotation's stored code, else the builtin's compilation (typing has no future
    imports to inherit, so dont_inherit changes nothing)."""
    if type(source) is str and filename == FILENAME and flags == 0 and optimize == -1 and not options:
        return _code(mode, source)
    return builtins.compile(source, filename, mode, flags, True, optimize, **options)


def _exec(source: Any, /, *args: Any, **kwargs: Any) -> None:
    """dataclasses' `exec`: the generated functions' stored code, else the builtin's compilation of the text."""
    builtins.exec(_code("exec", source) if type(source) is str else source, *args, **kwargs)  # noqa: S102 (what dataclasses runs)


def _eval(source: Any, /, *args: Any, **kwargs: Any) -> Any:
    """collections' `eval`: as the builtin, which strips leading spaces and tabs from a string first."""
    text = source.lstrip(" \t") if type(source) is str else None
    return builtins.eval(source if text is None else _code("eval", text), *args, **kwargs)  # noqa: S307 (namedtuple's)


SHIMS = {"compile": _compile, "exec": _exec, "eval": _eval}


def seed(path: str = CACHE) -> int:
    """Load the stored code and install the three modules' own compile/exec/eval, when it was built for this
    interpreter; returns how many texts are stored (0: nothing installed)."""
    global seeded
    try:
        with open(path, "rb") as file:
            stored_for, items = marshal.loads(file.read())  # noqa: S302 (read whole: marshal.load reads a file piecemeal, ~10x the CPU)
    except FileNotFoundError:  # the source tree: nothing was built
        return 0
    if tuple(stored_for) != built_for():
        return 0
    _codes.update(((mode, source), code) for mode, source, code in items)
    for module, name in SITES.items():
        vars(module)[name] = SHIMS[name]
    seeded = len(items)
    return seeded


def unseed() -> None:
    """Back to the builtins (tests)."""
    global seeded
    for module, name in SITES.items():
        vars(module).pop(name, None)
    _codes.clear()
    seeded = 0
