"""Dump every keyword list, and every candidate behind it, of the keyphrase and extraction corpora: diff two dumps
to show that a change to the keyword code leaves its output identical.

    python -m benchmarks.keyphrase_dump CORPUS_ROOT OUT_FILE      (make keyphrase-dump CORPUS=... OUT=...)

Documents: keyphrase-en-dev and keyphrase-fr-dev (headline passed as the title, as benchmarks/quality_keyphrases.py
does) and extraction-dev's plain texts (no title; in English and, for more French code paths, as French). Per
document: the keywords with their scores, then each candidate (sorted) with its counters, forms, counting score,
absorbed parts and ranker features (floats by repr, so any change shows).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from article_core.analyze.keywords import candidate_table, extract_keywords
from benchmarks.quality_keyphrases import LANGUAGE, read_document

_FIELDS = ("count", "weight", "first", "last", "capitalised", "flanked", "in_title", "nominal", "verbal", "postposed")


def documents(root: Path) -> Iterator[tuple[str, str, str | None, str]]:
    """(name, language, title, body) of every document dumped."""
    for corpus, language in LANGUAGE.items():
        for doc in sorted((root / corpus / "docs").glob("*.txt")):
            title, body = read_document(doc)
            yield f"{corpus}/{doc.stem}", language, title, body
    for doc in sorted((root / "extraction-dev" / "plain").glob("*.txt")):
        body = doc.read_text(encoding="utf-8")
        for language in ("en", "fr"):
            yield f"extraction-dev/{doc.stem}/{language}", language, None, body


def dump(name: str, language: str, title: str | None, body: str) -> Iterator[str]:
    """The lines of one document's dump."""
    yield f"== {name}"
    for keyword in extract_keywords(body, language, title=title):
        yield f"keyword {keyword.text!r} {keyword.score!r}"
    table = candidate_table(body, language, title)
    for key in sorted(table.candidates):
        candidate = table.candidates[key]
        facts = " ".join(f"{field}={getattr(candidate, field)!r}" for field in _FIELDS)
        yield f"candidate {key!r} {facts} forms={sorted(candidate.forms.items())!r} score={table.scores[key]!r}"
        if key in table.absorbed:
            yield f"  absorbed {sorted(table.absorbed[key])!r}"
        if key in table.vectors:
            yield f"  vector {table.vectors[key]!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    with args.out.open("w", encoding="utf-8") as out:
        for document in documents(args.corpus):
            out.writelines(line + "\n" for line in dump(*document))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
