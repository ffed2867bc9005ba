"""The sample objects behind `events/`: which file sits at which S3 key.

`events/` is generated from this list (`python -m local.make_events`) so that every event
names an object the local run and the tests can actually put in the bucket.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EVENTS = ROOT / "events"
LOCAL_BUCKET = "articles-input-local"
EVENT_TIME = "2025-05-29T10:05:00.000Z"


@dataclass(frozen=True)
class SampleObject:
    key: str  # the S3 key, decoded
    file: Path
    expect: str  # processed | rejected

    @property
    def body(self) -> bytes:
        return self.file.read_bytes()

    @property
    def etag(self) -> str:
        return hashlib.md5(self.body, usedforsecurity=False).hexdigest()


REFERENCE = SampleObject("incoming/figaro-afp-rubio-lavrov.txt", SAMPLES / "figaro-afp-rubio-lavrov.txt", "processed")
HTML = SampleObject("incoming/harbor-bridge-en.html", SAMPLES / "harbor-bridge-en.html", "processed")
ODD_KEY = SampleObject(
    "incoming/revue de presse/Été 2025 + Lavrov (cp1252).txt",
    SAMPLES / "figaro-afp-rubio-lavrov.cp1252.txt",
    "processed",
)
BAD = SampleObject("incoming/not-an-article.png", SAMPLES / "not-an-article.png", "rejected")

# event file name -> the objects its records name, in order
EVENT_FILES: dict[str, list[SampleObject]] = {
    "s3-put-reference.json": [REFERENCE],
    "s3-put-html.json": [HTML],
    "s3-put-odd-key.json": [ODD_KEY],
    "s3-put-multi.json": [REFERENCE, HTML, ODD_KEY, BAD],
    "s3-put-bad-input.json": [BAD],
}
ALL_OBJECTS = [REFERENCE, HTML, ODD_KEY, BAD]
