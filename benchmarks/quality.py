"""Quality on the development corpora, each beside a simple baseline run in the same process.

python -m benchmarks.quality CORPUS_ROOT      (CORPUS_ROOT: the folder holding extraction-dev/ etc.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks import (
    quality_body_languages,
    quality_dates,
    quality_extraction,
    quality_keyphrases,
    quality_metadata,
    quality_ner,
)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print(__doc__, file=sys.stderr)
        return 2
    status = 0
    for title, bench in (
        ("Extraction (HTML and plain text)", quality_extraction),
        ("Body kept in every language (a probe on langid-dev sentences)", quality_body_languages),
        ("Metadata (title, authors, publisher, agencies, published day)", quality_metadata),
        ("Keyphrases and language", quality_keyphrases),
        ("Named entities", quality_ner),
        ("Dates on the article's own clock", quality_dates),
    ):
        print(f"\n=== {title} ===", flush=True)
        status |= bench.main([args[0]])
    return status


if __name__ == "__main__":
    sys.exit(main())
