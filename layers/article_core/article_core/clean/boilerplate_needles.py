"""The needles of the case-insensitive phrase patterns (`boilerplate.needles`), computed when the layer is built.

`needles` reads each pattern as `re._parser` parses it: for the ~30 phrase patterns a plain-text article's first
line check needs, about 45 million instructions at a cold start (python3.13), most of it the parse. The layer
build (`build_boilerplate_needles.py`) computes them once, with `needles` itself, for the phrase patterns and the
HTML cleaner's gated patterns, and stores them in `data/boilerplate_needles.marshal` by (pattern, flags).
Used only on the Python minor version that built it (the parser's output may change between versions); a
pattern changed or added has another key and is computed as before, and without the file (the source tree)
everything is computed. The packaging test checks each stored entry against `needles` on python3.13.
"""

from __future__ import annotations

import marshal
import os
import sys
from functools import cache

FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "boilerplate_needles.marshal")


def python_version() -> tuple[int, int]:
    return sys.version_info[0], sys.version_info[1]


def dumps(stored: dict[tuple[str, int], tuple[str, ...]]) -> bytes:
    """The file for `stored` (marshal version 2: no back-references, the same bytes each build)."""
    return marshal.dumps((python_version(), stored), 2)


@cache
def stored(path: str | None = None) -> dict[tuple[str, int], tuple[str, ...]]:
    """(pattern, flags) -> needles, as the layer build computed them (FILE, unless `path`); empty on another
    Python, or without the file."""
    try:
        with open(FILE if path is None else path, "rb") as file:
            built_for, entries = marshal.loads(file.read())  # noqa: S302 (our own build's file, shipped in the layer)
    except FileNotFoundError:
        return {}
    return dict(entries) if tuple(built_for) == python_version() else {}
