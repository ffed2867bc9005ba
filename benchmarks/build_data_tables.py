"""Build the pre-parsed data files a cold start reads instead of parsing text: data/language_model.marshal (from
language_model.txt) and data/ner_lexicon.marshal (from the ner_*.txt word lists).

    make data-tables                                  # rewrite both files from their text sources
    python -m benchmarks.build_data_tables --check    # exit 1 if a file does not hold what its sources make

The text files stay the sources (edited by hand or by their own build scripts); run this after changing one.
marshal (format 4) is the fastest loader in the standard library for plain dicts, tuples, strings and floats,
and the files hold nothing else. The check compares loaded values, not bytes, so it holds on any Python.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import Any

from article_core.analyze.entity_lexicon import load_lexicon
from article_core.analyze.entity_lexicon_packed import LEXICON_FILE, lexicon_tables
from article_core.analyze.language_model import TABLES_FILE, TABLES_SOURCE, parse_tables

DATA = Path(__file__).resolve().parents[1] / "layers" / "article_core" / "article_core" / "data"
MARSHAL_VERSION = 4


def tables() -> dict[str, Any]:
    """File name -> the value it must hold."""
    language = parse_tables((DATA / TABLES_SOURCE).read_text(encoding="utf-8"))
    return {
        TABLES_FILE: (language.words, language.unlisted, language.trigrams),
        LEXICON_FILE: lexicon_tables(load_lexicon.__wrapped__()),
    }


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (sys.argv[1:] if argv is None else argv)
    stale = []
    for name, value in tables().items():
        path = DATA / name
        if check:
            if not path.is_file() or marshal.loads(path.read_bytes()) != value:  # noqa: S302 (our own file)
                stale.append(name)
        else:
            path.write_bytes(marshal.dumps(value, MARSHAL_VERSION))
    for name in stale:
        print(f"{name} is not what its sources make: run make data-tables", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
