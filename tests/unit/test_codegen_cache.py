"""article_core/codegen_cache.py and the layer build's build_codegen_cache.py: the standard library's generated
source texts (dataclasses, named tuples, string annotations) compiled once, looked up at a cold start."""

from __future__ import annotations

import builtins
import collections
import dataclasses
import json
import marshal
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TypedDict

import build_codegen_cache
import pytest

from article_core import codegen_cache

LISTED = Path(build_codegen_cache.__file__).parent / "codegen_sources.json"


@pytest.fixture(autouse=True)
def _builtins_again() -> Iterator[None]:
    codegen_cache.unseed()
    yield
    codegen_cache.unseed()


def define() -> dict[str, Any]:
    """A dataclass, a named tuple and a TypedDict with string annotations: the three sites' generated texts."""

    @dataclasses.dataclass(frozen=True)
    class Span:
        start: int
        end: int = 0
        tags: tuple[str, ...] = dataclasses.field(default_factory=tuple)

    class Pair(NamedTuple):
        left: str
        right: int

    class Shape(TypedDict, total=False):
        name: "str"  # noqa: UP037 (a string annotation on purpose: typing compiles it)
        size: "int | None"  # noqa: UP037

    return {"Span": Span, "Pair": Pair, "Shape": Shape}


def recorded(action: Callable[[], object]) -> list[tuple[str, str]]:
    """The texts the three sites hand to compile/exec/eval while `action` runs (as benchmarks/regex_patterns.py)."""
    texts: dict[tuple[str, str], None] = {}

    def note(builtin: Any, mode: str | None) -> Any:
        def noting(source: Any, *args: Any, **kwargs: Any) -> Any:
            if type(source) is str:
                texts.setdefault((mode or args[1], source.lstrip(" \t")), None)
            return builtin(source, *args, **kwargs)

        return noting

    shims = {typing: ("compile", note(builtins.compile, None)), dataclasses: ("exec", note(builtins.exec, "exec")),
             collections: ("eval", note(builtins.eval, "eval"))}  # fmt: skip
    for module, (name, shim) in shims.items():
        vars(module)[name] = shim
    try:
        action()
    finally:
        for module, (name, _) in shims.items():
            vars(module).pop(name)
    return list(texts)


def _written(tmp_path: Path, sources: list[tuple[str, str]]) -> str:
    path = tmp_path / "codegen_cache.marshal"
    path.write_bytes(codegen_cache.dumps(sources))
    return str(path)


def behaviour(classes: dict[str, Any]) -> list[object]:
    span, pair, shape = classes["Span"], classes["Pair"], classes["Shape"]
    one = span(1, 2)
    return [repr(one), one == span(1, 2), hash(one) == hash(span(1, 2)), span(3).tags, span.__init__.__annotations__,
            repr(pair("a", 1)), pair._make(["b", 2]), pair.__new__.__defaults__, typing.get_type_hints(shape),
            shape.__optional_keys__]  # fmt: skip


def test_listed_texts_are_looked_up_and_make_the_same_classes(tmp_path: Path) -> None:
    """Given a cache built from the texts a dataclass, a named tuple and a TypedDict generate
    When it is seeded and the classes are defined again
    Then every generated text is a cache hit, and the classes behave as the builtins make them (fields, defaults,
    repr, equality, hash, annotations as objects: no future flag of codegen_cache.py leaks into their code)
    """
    sources = recorded(define)
    assert {mode for mode, _ in sources} == {"exec", "eval"}
    expected = behaviour(define())
    assert codegen_cache.seed(_written(tmp_path, sources)) == len(sources)
    before = codegen_cache.hits
    got = behaviour(define())
    assert codegen_cache.hits - before >= len(sources)
    assert got == expected
    # The generated __init__'s annotations are the fields' (here strings: this module has future annotations);
    # a future flag inherited by the compilation would make them the generated code's own names, as text.
    assert got[4] == {"start": "int", "end": "int", "tags": "tuple[str, ...]", "return": None}


def test_stored_code_is_the_builtins_own_compilation(tmp_path: Path) -> None:
    """Given the texts of the classes above, compiled into a cache file
    When the file is read back
    Then each stored code object is what compile() makes of that text (the same marshalled bytes), and it was
    stored for this interpreter's bytecode magic and optimisation level
    """
    sources = recorded(define)
    stored_for, items = marshal.loads(codegen_cache.dumps(sources))  # noqa: S302 (made just above)
    assert tuple(stored_for) == codegen_cache.built_for()
    for mode, source, code in items:
        own = builtins.compile(source, "<string>", mode, dont_inherit=True)
        assert marshal.dumps(code, 2) == marshal.dumps(own, 2)  # version 2: no back-references (refcount-dependent)


def test_a_text_not_listed_compiles_as_before(tmp_path: Path) -> None:
    """Given a seeded cache that lists none of a new dataclass's texts
    When the dataclass is defined, and collections' eval is handed an expression with leading blanks
    Then it is made as usual (no hit counted) and eval strips the blanks as the builtin does
    """
    assert codegen_cache.seed(_written(tmp_path, [("eval", "lambda: 0")])) == 1
    before = codegen_cache.hits

    @dataclasses.dataclass
    class Unlisted:
        value: int = 1

    assert repr(Unlisted()) == "test_a_text_not_listed_compiles_as_before.<locals>.Unlisted(value=1)"
    assert Unlisted.__init__.__annotations__ == {"value": "int", "return": None}
    assert codegen_cache.hits == before
    assert vars(collections)["eval"](" \t1 + 1") == 2


def test_a_cache_built_for_another_interpreter_installs_nothing(tmp_path: Path) -> None:
    """Given a cache file whose bytecode magic number is not this interpreter's
    When it is seeded
    Then nothing is stored and typing, dataclasses and collections keep the builtins
    """
    _, items = marshal.loads(codegen_cache.dumps([("eval", "int")]))  # noqa: S302 (made just above)
    path = tmp_path / "other.marshal"
    path.write_bytes(marshal.dumps(((b"\x00\x00\r\n", 0), items), 2))
    assert codegen_cache.seed(str(path)) == 0
    assert not {"compile", "exec", "eval"} & (vars(typing).keys() | vars(dataclasses).keys() | vars(collections).keys())


def test_without_a_built_cache_nothing_is_installed(tmp_path: Path) -> None:
    """Given no cache file (the source tree, the CLI: only the layer build writes one)
    When seed() runs
    Then it stores nothing, installs nothing and raises nothing
    """
    assert codegen_cache.seed(str(tmp_path / "absent.marshal")) == 0
    assert "exec" not in vars(dataclasses)


def test_the_listed_texts_are_exec_or_eval_texts_that_compile() -> None:
    """Given codegen_sources.json (written by `make regex-patterns`)
    When the layer build's loader reads it
    Then every entry is a mode and a text this Python compiles (a broken entry would fail the layer build)
    """
    sources = build_codegen_cache.load_sources(LISTED)
    assert sources == [tuple(item) for item in json.loads(LISTED.read_text(encoding="utf-8"))]
    assert len(sources) > 100
    for mode, source in sources:
        assert mode in {"exec", "eval"}
        codegen_cache.compiled(mode, source)
