"""Golden digests of the dev corpora: what the pipeline makes of every document, without storing any corpus text.

tests/golden/ holds the samples' whole records; the corpora are larger and not ours to redistribute, so
tests/golden/corpora/<part>.jsonl keeps, per document, the SHA-256 of its input, of its whole record (the
samples' rule: fixed ObjectRef and clock, no `processed_at`) and of each part of the record, plus a few
readable fields. tests/unit/test_corpus_goldens.py compares; `make goldens` rewrites these files with the
samples' ones, in a commit meant to change output only (or when the corpus itself changes).

Each document goes through `pipeline.process` as an upload would, under a key that keeps its file name, so the
format is read from the name as in production: extraction-dev's pages (.html.gz) and their plain-text form
(.txt), keyphrase-en-dev's and keyphrase-fr-dev's docs (.txt).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.goldens import GOLDEN, record, render

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DEFAULT = ROOT / ".." / "shared" / "corpus"
STORE = GOLDEN / "corpora"
# golden file name -> (folder under the corpus root, file name pattern)
PARTS = {
    "extraction-dev-html": ("extraction-dev/html", "*.html.gz"),
    "extraction-dev-plain": ("extraction-dev/plain", "*.txt"),
    "keyphrase-en-dev": ("keyphrase-en-dev/docs", "*.txt"),
    "keyphrase-fr-dev": ("keyphrase-fr-dev/docs", "*.txt"),
}
SECTIONS = ("source", "document", "text", "analysis")


def corpus_root() -> Path:
    """$CORPUS if set (as for `make bench-quality`), else ../shared/corpus beside the repository."""
    return Path(os.environ.get("CORPUS") or CORPUS_DEFAULT).resolve()


def documents(root: Path, part: str) -> Iterator[tuple[str, bytes]]:
    folder, pattern = PARTS[part]
    for path in sorted((root / folder).glob(pattern)):
        yield path.name, path.read_bytes()


def _sha(data: Any, length: int = 64) -> str:
    return hashlib.sha256(render(data).encode()).hexdigest()[:length]


def digest(part: str, name: str, body: bytes) -> dict[str, Any]:
    """One line of a golden file: hashes of input, record and each part, and fields a reader can check at sight."""
    made = record(f"incoming/{PARTS[part][0]}/{name}", body)
    document, analysis = made.get("document") or {}, made.get("analysis") or {}
    return {
        "id": name,
        "input": hashlib.sha256(body).hexdigest()[:16],
        "record": _sha(made, 32),
        "parts": {section: _sha(made.get(section), 12) for section in SECTIONS},
        "status": made["status"],
        "error": (made.get("error") or {}).get("code"),
        "language": analysis.get("language"),
        "title": (document.get("title") or "")[:60],
        "words": (analysis.get("stats") or {}).get("words"),
    }


def path_of(part: str) -> Path:
    return STORE / f"{part}.jsonl"


def read(part: str) -> dict[str, dict[str, Any]]:
    lines = path_of(part).read_text(encoding="utf-8").splitlines()
    return {entry["id"]: entry for entry in map(json.loads, lines)}


def write(root: Path) -> list[Path]:
    STORE.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        lines = [json.dumps(digest(part, name, body), ensure_ascii=False) for name, body in documents(root, part)]
        path_of(part).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path_of(part) for part in PARTS]


def main(argv: list[str] | None = None) -> int:
    """`python -m tests.corpus_goldens [CORPUS_ROOT]` (`make goldens`): rewrite tests/golden/corpora/."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]).resolve() if args else corpus_root()
    if not (root / "extraction-dev").is_dir():
        print(f"no dev corpus at {root}: corpus goldens not rewritten (CORPUS=path)", file=sys.stderr)
        return 2
    for path in write(root):
        print(path.relative_to(ROOT), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
