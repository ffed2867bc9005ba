"""Regular expressions compiled when the layer is built, handed to `re`'s own cache at a cold start.

Why: `re.compile` parses each pattern and generates its matching code in Python (`re._parser`, `re._compiler`).
The reference article's cold start compiles about 280 patterns that way (ours, and botocore's, urllib3's,
pycrfsuite's, Powertools'...), some 40-50 ms of CPU out of ~380 on python3.13. The layer build
(`build_regex_cache.py`) compiles the patterns listed in `regex_patterns.json` once, with the build's
python3.13, and stores the generated code in `data/regex_cache.marshal`; `seed()`, first thing in the handler
module, turns each entry into the finished `Pattern` (`_sre.compile` on the stored code: microseconds) and puts it
in `re`'s cache under the key `re.compile` looks up, so the later `re.compile(pattern, flags)` of a listed pattern,
in any module, is a cache hit and returns a pattern equal to the one it would have compiled.

Safety: the stored code is used only when the regex engine's MAGIC and code size and the Python minor version are
the builder's (bytecode is keyed the same way, by its magic number); otherwise, and without the file (the source
tree, the CLI), nothing is seeded and every pattern compiles as before. A pattern changed or added in the code
has another key, so it misses the cache and compiles as before; a listed pattern nobody uses any more costs
microseconds. The packaging test checks every stored entry against `re`'s own compilation on python3.13.
Regenerate the list with `make regex-patterns` when the code paths change (benchmarks/regex_patterns.py).
"""

from __future__ import annotations

import _sre
import marshal
import os
import re
import sys
from array import array
from itertools import islice
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

CACHE = os.path.join(os.path.dirname(__file__), "data", "regex_cache.marshal")
# The HTML path's further patterns (trafilatura's, htmldate's, the HTML cleaner's: about 130, ~100 million
# instructions to compile at the first HTML event), seeded by `seed_html` when that path first runs, so that a
# plain-text cold start does not unpack them.
HTML_CACHE = os.path.join(os.path.dirname(__file__), "data", "regex_cache_html.marshal")
_CODE_TYPE = "I"  # the engine's code words (SRE_CODE: 32-bit unsigned), stored as bytes

# (pattern, flags asked for, flags compiled, code as bytes, groups, group index, index group): _sre.compile's input.
Entry = tuple[str | bytes, int, int, bytes, int, dict[str, int], tuple[str | None, ...]]

seeded = 0  # how many patterns seed() put in re's cache (the packaging test reads it)
seeded_html: int | None = None  # how many seed_html() put there; None: not run yet


def engine() -> tuple[int, int, tuple[int, int]]:
    """What the stored code depends on: the engine's MAGIC and code size, and the Python minor version."""
    return _sre.MAGIC, _sre.CODESIZE, (sys.version_info[0], sys.version_info[1])


def entry(pattern: str | bytes, flags: int) -> Entry:
    """What re._compiler.compile passes to _sre.compile for this pattern, with the code as bytes."""
    flags = int(flags)  # re's cache keys hold plain ints (a RegexFlag would not marshal)
    tree = _parser.parse(pattern, flags)
    code = array(_CODE_TYPE, [int(word) for word in _compiler._code(tree, flags)])
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    final_flags = int(flags | tree.state.flags)
    return pattern, flags, final_flags, code.tobytes(), tree.state.groups - 1, groupindex, (*indexgroup,)


def dumps(patterns: list[tuple[str | bytes, int]]) -> bytes:
    """The cache file for `patterns` on this interpreter (marshal version 2: no back-references, same bytes each
    build)."""
    if array(_CODE_TYPE).itemsize != _sre.CODESIZE:
        raise RuntimeError(f"array({_CODE_TYPE!r}) does not hold the regex engine's {_sre.CODESIZE}-byte code words")
    return marshal.dumps((engine(), [entry(pattern, flags) for pattern, flags in patterns]), 2)


def compiled(item: Entry) -> re.Pattern[Any]:
    pattern, _flags, final_flags, code, groups, groupindex, indexgroup = item
    words = array(_CODE_TYPE, code).tolist()
    result: re.Pattern[Any] = _sre.compile(pattern, final_flags, words, groups, groupindex, indexgroup)
    return result


def seed_html(path: str | None = None) -> int:
    """Once per process, before the HTML path's modules load: seed HTML_CACHE (or `path`); returns how many."""
    global seeded_html
    if seeded_html is None:
        seeded_html = seed(HTML_CACHE if path is None else path, count=False)
    return seeded_html


def seed(path: str = CACHE, *, count: bool = True) -> int:
    """Put the stored patterns in re's cache, when they were built for this engine; returns how many (and keeps
    it in `seeded` when `count`)."""
    global seeded
    try:
        with open(path, "rb") as file:
            built_for, items = marshal.loads(file.read())  # noqa: S302 (our own build's file, shipped in the layer)
    except FileNotFoundError:  # the source tree: nothing was built
        return 0
    cache: dict[tuple[type, str | bytes, int], re.Pattern[Any]] = re._cache  # type: ignore[attr-defined]
    limit: int = re._MAXCACHE  # type: ignore[attr-defined]
    if tuple(built_for) != engine() or len(items) > limit:
        return 0
    # Room as re makes it: the least recently used patterns leave its cache (whoever compiled them keeps them).
    for key in list(islice(cache, max(0, len(cache) + len(items) - limit))):
        del cache[key]
    for item in items:
        key = (type(item[0]), item[0], item[1])
        if key not in cache:
            cache[key] = compiled(item)
    if count:
        seeded = len(items)
    return len(items)
