"""Build the pre-parsed data files a cold start reads instead of parsing text: data/language_model.marshal (from
language_model.txt) and data/ner_lexicon.marshal (from the ner_*.txt word lists).

    make data-tables                                  # rewrite both files from their text sources
    python -m benchmarks.build_data_tables --check    # exit 1 if a file does not hold what its sources make

The text files stay the sources (edited by hand or by their own build scripts); run this after changing one.
marshal (format 4) is the fastest loader in the standard library for plain dicts, tuples, strings and floats,
and the files hold nothing else. The check compares loaded values, not bytes, so it holds on any Python.

The language tables are written with each repeated string and float stored once (`shared`): marshal writes an
object that several places hold once and refers back to it, so loading makes one key where seven languages list
the same trigram (10,899 distinct keys for 35,201 trigram entries; 19,048 for 22,500 words) and hashes it once.
The loaded value is equal, order included; loading it costs about 55 million instructions instead of 69
(cachegrind, python3.13): it is the first event's largest data file. The entity lexicon (sets that share few
words) gains nothing and is written as it is.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import Any

from article_core.analyze.entity_lexicon import load_lexicon
from article_core.analyze.entity_lexicon_packed import LEXICON_FILE, lexicon_tables
from article_core.analyze.language_model import TABLES_FILE, TABLES_SOURCE, parse_tables
from article_core.marshal_shared import shared

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
            path.write_bytes(marshal.dumps(shared(value) if name == TABLES_FILE else value, MARSHAL_VERSION))
    for name in stale:
        print(f"{name} is not what its sources make: run make data-tables", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
