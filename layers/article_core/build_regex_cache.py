"""Layer build step: compile the patterns of regex_patterns.json into article_core/data/regex_cache.marshal.

    python3.13 -B build_regex_cache.py regex_patterns.json LAYER/python/article_core/data/regex_cache.marshal

Run by the layer's Makefile with the build's python3.13 (the runtime's minor version), from the source copy of this
folder; why and how the cache is used: article_core/regex_cache.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from article_core.regex_cache import dumps


def load_patterns(path: Path) -> list[tuple[str | bytes, int]]:
    """regex_patterns.json: [{"pattern": ..., "flags": int, "bytes": true for a bytes pattern (latin-1)}, ...]."""
    listed = json.loads(path.read_text(encoding="utf-8"))
    return [(p["pattern"].encode("latin-1") if p.get("bytes") else p["pattern"], p["flags"]) for p in listed]


def main(argv: list[str]) -> int:
    source, target = Path(argv[0]), Path(argv[1])
    patterns = load_patterns(source)
    target.write_bytes(dumps(patterns))
    print(f"build_regex_cache: {len(patterns)} patterns compiled into {target.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
