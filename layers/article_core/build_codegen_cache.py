"""Layer build step: compile the texts of codegen_sources.json into article_core/data/codegen_cache.marshal.

    python3.13 -B build_codegen_cache.py codegen_sources.json LAYER/python/article_core/data/codegen_cache.marshal

Run by the layer's Makefile with the build's python3.13 (the runtime's), from the source copy of this folder; why and
how the cache is used: article_core/codegen_cache.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from article_core.codegen_cache import dumps


def load_sources(path: Path) -> list[tuple[str, str]]:
    """codegen_sources.json: [[mode ("exec" or "eval"), source text], ...]."""
    return [(mode, source) for mode, source in json.loads(path.read_text(encoding="utf-8"))]


def main(argv: list[str]) -> int:
    source, target = Path(argv[0]), Path(argv[1])
    sources = load_sources(source)
    target.write_bytes(dumps(sources))
    print(f"build_codegen_cache: {len(sources)} generated texts compiled into {target.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
