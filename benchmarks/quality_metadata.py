"""Metadata quality: title, authors, publisher, agencies and published day against hand labels.

    python -m benchmarks.quality_metadata CORPUS_ROOT

HTML pages: `extraction-dev/html`, labelled by hand in `benchmarks/labels/extraction-dev-metadata.json`
(how: `benchmarks/labels/README.md`). French WikiNews texts: `keyphrase-fr-dev/docs`, whose labels
follow from the text by a fixed rule (first line = headline, "22 mai 2012. -" dateline = day).

The 50 HTML pages are split once, by a fixed rule, into a tuning part ("dev", 35 pages) and a
check part ("check", the 15 page ids with the smallest sha1): the check part is reported apart
and was never looked at while tuning. Our cleaner runs through `decode` then `clean`, without a
reference time (the corpus has no event time).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from article_core.clean import clean
from article_core.decode import decode
from article_core.models import Document

LABELS = Path(__file__).resolve().parent / "labels" / "extraction-dev-metadata.json"
CHECK_SIZE = 15

_FR_MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}  # fmt: skip
_FR_DATELINE = re.compile(r"^\s*(\d{1,2})(?:er)?\s+(\w+)\s+(\d{4})\s*\.?\s*[-–—]", re.M)


def check_ids(ids: list[str]) -> set[str]:
    """The check split: the CHECK_SIZE ids with the smallest sha1 of the id (fixed before any tuning)."""
    return set(sorted(ids, key=lambda i: hashlib.sha1(i.encode(), usedforsecurity=False).hexdigest())[:CHECK_SIZE])


def norm_text(text: str | None) -> str:
    """Compare headlines as a reader would: case, quotes, dashes, spacing and end punctuation aside."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[‘’‛′`]", "'", text)
    text = re.sub(r"[“”„″«»]", '"', text)
    text = re.sub(r"[‐‑‒–—]", "-", text)
    return " ".join(text.split()).strip(" .")


def norm_name(name: str) -> str:
    """ "Sarah E. Needleman" and "Sarah Needleman" are the same byline name."""
    words = [w for w in re.sub(r"[.]", " ", unicodedata.normalize("NFKC", name).casefold()).split() if len(w) > 1]
    return " ".join(words)


def norm_site(name: str | None) -> str:
    return re.sub(r"\W+", "", unicodedata.normalize("NFKC", name or "").casefold())


def utc_day(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).date().isoformat()
    return value.isoformat()


@dataclass
class Score:
    """Counts over a set of pages; authors and agencies as micro precision/recall over names."""

    pages: int = 0
    title: int = 0
    publisher: int = 0
    published: int = 0
    author_tp: int = 0
    author_fp: int = 0
    author_fn: int = 0
    agency_tp: int = 0
    agency_fp: int = 0
    agency_fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, key: str, label: dict[str, list[str]], doc: Document) -> None:
        self.pages += 1
        ok_title = norm_text(doc.title) in {norm_text(t) for t in label["title"]}
        ok_publisher = norm_site(doc.publisher) in {norm_site(p) for p in label["publisher"]}
        ok_published = utc_day(doc.published_at) in set(label["published"])
        self.title += ok_title
        self.publisher += ok_publisher
        self.published += ok_published
        got, want = {norm_name(a) for a in doc.authors}, {norm_name(a) for a in label["authors"]}
        self.author_tp += len(got & want)
        self.author_fp += len(got - want)
        self.author_fn += len(want - got)
        got_ag, want_ag = set(doc.agencies), set(label.get("agencies", []))
        self.agency_tp += len(got_ag & want_ag)
        self.agency_fp += len(got_ag - want_ag)
        self.agency_fn += len(want_ag - got_ag)
        if not (ok_title and ok_publisher and ok_published and got == want and got_ag == want_ag):
            self.misses.append(
                f"{key[:12]} title={'ok' if ok_title else repr(doc.title)} authors={sorted(got)} want={sorted(want)}"
                f" publisher={'ok' if ok_publisher else repr(doc.publisher)}"
                f" published={'ok' if ok_published else utc_day(doc.published_at)}"
                f" agencies={sorted(got_ag)} want={sorted(want_ag)}"
            )

    @staticmethod
    def f1(tp: int, fp: int, fn: int) -> float:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, name: str) -> str:
        n = max(1, self.pages)
        return (
            f"{name:<26} {self.pages:>5} {self.title / n:>7.0%}"
            f" {self.f1(self.author_tp, self.author_fp, self.author_fn):>10.3f}"
            f" {self.publisher / n:>9.0%} {self.published / n:>9.0%}"
            f" {self.f1(self.agency_tp, self.agency_fp, self.agency_fn):>10.3f}"
        )


HEADER = f"{'data':<26} {'pages':>5} {'title':>7} {'author F1':>10} {'publisher':>9} {'pub. day':>9} {'agency F1':>10}"


def evaluate_html(root: Path, show_misses: bool) -> list[str]:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    check = check_ids(list(labels))
    dev_score, check_score = Score(), Score()
    for key, label in sorted(labels.items()):
        raw = (root / "extraction-dev" / "html" / f"{key}.html.gz").read_bytes()
        document = clean(decode(raw, name=f"{key}.html.gz")).document
        (check_score if key in check else dev_score).add(key, label, document)
    lines = [
        dev_score.row("extraction-dev html, dev"),
        check_score.row("extraction-dev html, check"),
    ]
    if show_misses:
        lines += ["", "dev pages with a miss:", *dev_score.misses]
    return lines


def fr_labels(text: str) -> tuple[str, str | None]:
    """The rule: the first non-empty line is the headline, the first "22 mai 2012. -" dateline the day."""
    title = next(line.strip() for line in text.splitlines() if line.strip())
    m = _FR_DATELINE.search(text)
    day = None
    if m and m[2].lower() in _FR_MONTHS:
        day = date(int(m[3]), _FR_MONTHS[m[2].lower()], int(m[1])).isoformat()
    return title, day


def evaluate_fr(root: Path) -> list[str]:
    docs = sorted((root / "keyphrase-fr-dev" / "docs").glob("*.txt"))
    titles = days = 0
    misses: list[str] = []
    for path in docs:
        raw = path.read_bytes()
        title, day = fr_labels(raw.decode("utf-8"))
        document = clean(decode(raw, name=path.name)).document
        ok_title = norm_text(document.title) == norm_text(title)
        ok_day = utc_day(document.published_at) == day
        titles += ok_title
        days += ok_day
        if not (ok_title and ok_day):
            misses.append(f"{path.stem}: title={document.title!r} day={utc_day(document.published_at)} want {day}")
    n = max(1, len(docs))
    return [f"keyphrase-fr-dev texts ({len(docs)}): title {titles / n:.0%}, published day {days / n:.0%}", *misses[:10]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus_root", type=Path)
    parser.add_argument("--misses", action="store_true", help="list the dev pages with a miss (never the check pages)")
    args = parser.parse_args(argv)
    print(HEADER)
    print("-" * len(HEADER))
    for line in evaluate_html(args.corpus_root, args.misses):
        print(line)
    for line in evaluate_fr(args.corpus_root):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
