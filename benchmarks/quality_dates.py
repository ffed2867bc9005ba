"""Dates on the article's own clock: French WikiNews stories (keyphrase-fr-dev/docs, 2012).

    python -m benchmarks.quality_dates CORPUS_ROOT        (CORPUS_ROOT = ../shared/corpus)

Each story carries its own date in a text dateline ("22 mai 2012. - ..."). Every date mention without a year
of its own ("mardi", "hier", "11 janvier dernier", "16 mai") is resolved three ways, and we count the mentions
resolved more than a year (366 days) away from the story's date:
- ours, reference = the story's publication time (what `document.published_at` gives once the cleaner reads
  the dateline), the path the record labels `dates_reference: published_at`;
- baseline, reference = the processing clock (what the record got before: "mardi" -> this week);
- the whole pipeline on the file as it is today (whatever `published_at` the cleaner finds, else the clock).
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from article_core.analyze.dates import _MONTHS, extract_dates
from article_core.models import ObjectRef
from article_core.pipeline import process

_DATELINE = re.compile(r"(\d{1,2})(?:er)?\s+(\w+)\s+(\d{4})\s*\.?\s*[-–—]")
_OWN_YEAR = re.compile(r"\b\d{4}\b")
FAR_DAYS = 366


def story_date(text: str) -> date | None:
    match = _DATELINE.search(text)
    if not match or match.group(2).lower() not in _MONTHS:
        return None
    return date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))


def as_date(value: str) -> date | None:
    """A day for any ISO value the extractor gives: a week is its Monday, a month its 15th, a year 1 July."""
    try:
        if "-W" in value:
            year, week = value.split("-W")
            return date.fromisocalendar(int(year), int(week), 1)
        if len(value) == 4:
            return date(int(value), 7, 1)
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:]), 15)
        return date.fromisoformat(value)
    except ValueError:
        return None


def _far(mentions: list[tuple[str, str | None]], own: date) -> tuple[int, int]:
    counted = far = 0
    for text, value in mentions:
        day = as_date(value) if value else None
        if day is None or _OWN_YEAR.search(text):
            continue  # unresolved, or the text gives the year itself
        counted += 1
        far += abs((day - own).days) > FAR_DAYS
    return counted, far


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__)
        return 2
    docs = sorted((Path(args[0]) / "keyphrase-fr-dev" / "docs").glob("*.txt"))
    now = datetime.now(UTC)
    totals = {"ours (published_at)": [0, 0], "processing clock": [0, 0], "pipeline today": [0, 0]}
    dated = 0
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        own = story_date(text)
        if own is None:
            continue
        dated += 1
        noon = datetime(own.year, own.month, own.day, 12, tzinfo=UTC)
        runs = {
            "ours (published_at)": [(d.text, d.value) for d in extract_dates(text, "fr", noon)],
            "processing clock": [(d.text, d.value) for d in extract_dates(text, "fr", now)],
        }
        record = process(text.encode("utf-8"), ObjectRef(bucket="bench", key=f"incoming/{doc.name}", size=len(text)))
        runs["pipeline today"] = [(d.text, d.value) for d in record.analysis.dates]
        for name, mentions in runs.items():
            counted, far = _far(mentions, own)
            totals[name][0] += counted
            totals[name][1] += far
    print(f"keyphrase-fr-dev stories with a dateline: {dated}/{len(docs)}; mentions without their own year")
    for name, (counted, far) in totals.items():
        print(f"  {name:<20} {far:3d} of {counted:3d} resolved more than a year from the story's date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
