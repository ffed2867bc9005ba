"""Whatever bytes land in the bucket, `pipeline.process` returns one valid, bounded record and never raises."""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_core.models import ArticleRecord, ErrorCode, ObjectRef
from article_core.pipeline import process

REF = datetime(2025, 5, 29, 12, 0, tzinfo=UTC)
NOW = datetime(2025, 5, 29, 12, 1, tzinfo=UTC)
NAMES = st.sampled_from(["incoming/a.txt", "incoming/a.html", "incoming/a.md", "incoming/a.json", "incoming/a", "x.gz"])
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that steer generated text into every branch: markup, JSON, BOM-like and mojibake bytes.
TOKENS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "<script>",
        "<!--",
        "-->",
        "# ",
        "**",
        "[",
        "](http://x)",
        "![",
        "---\n",
        "```\n",
        '{"title": ',
        '"body": ',
        "}",
        "[",
        "]",
        "Ã©",
        "â€™",
        "«",
        "»",
        "\u202f",
        "\u00a0",
        "\u200b",
        "\u202e",
        "\u2066",
        "\x85",
        "<svg onload=alert(1)>",
        "</svg>",
        "<template>",
        "<style>",
        "</script>",
        "\u3164",
        "Il y a 3000 ans",
        "3000 years ago",
        "PARIS, 3 mai 2024 14:00 CEST+23",
        "2024-05-03T14:00:00+99:99",
        "\x00",
        "\ufeff",
        "Par Jean Dupont",
        "Il y a 2 heures",
        "Publicité",
        "\n",
        "\n\n",
        " ",
        "Le ministre a annoncé une réforme importante mercredi à Paris.",
        "The minister announced an important reform on Wednesday in London.",
    ]
)
TEXTS = st.one_of(st.text(max_size=2000), st.lists(TOKENS, max_size=80).map("".join))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=200),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(
                ["title", "headline", "body", "articleBody", "text", "author", "date", "@type", "@graph", "x"]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)


def _run(raw: bytes, key: str) -> ArticleRecord:
    ref = ObjectRef(bucket="bucket", key=key, size=len(raw), event_time=REF)
    return process(raw, ref, now=NOW, strict=True)  # a bug raises instead of becoming internal_error


_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|<(?:script|svg|style|template|/?p>)")


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def _check(record: ArticleRecord, input_size: int) -> None:
    # A valid record: it survives a JSON round trip through the model
    dumped = record.model_dump_json()
    assert ArticleRecord.model_validate_json(dumped) == record
    # Exactly one outcome: processed with text, or rejected with a code and a message
    if record.status == "processed":
        assert record.error is None
        assert record.text.cleaned
    else:
        assert record.error is not None
        assert record.error.code and record.error.message
        assert record.error.code != ErrorCode.INTERNAL_ERROR
    # Clean: no markup, control or bidi character in any text field
    for text in _texts(record.model_dump(exclude={"source"})):
        assert not _UNSAFE.search(text), text[:200]
    # Bounded: the record grows at most linearly with its input
    assert len(dumped.encode()) <= 50_000 + 8 * input_size


@SETTINGS
@given(raw=st.binary(max_size=4000), key=NAMES)
def test_arbitrary_bytes_give_one_valid_record(raw: bytes, key: str) -> None:
    # Given arbitrary bytes under any name
    # When processed
    record = _run(raw, key)
    # Then the record is valid, has one outcome and is bounded
    _check(record, len(raw))


@SETTINGS
@given(text=TEXTS, encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "gzip"]), key=NAMES)
def test_arbitrary_text_in_any_encoding_gives_one_valid_record(text: str, encoding: str, key: str) -> None:
    # Given arbitrary text (random, or assembled from markup, JSON and typography pieces), encoded
    if encoding == "gzip":
        raw = gzip.compress(text.encode("utf-8", errors="replace"))
    else:
        raw = text.encode(encoding, errors="replace")
    # When processed
    record = _run(raw, key)
    # Then the record is valid, has one outcome and is bounded
    _check(record, max(len(raw), 4 * len(text)))


@SETTINGS
@given(value=JSON_VALUES)
def test_arbitrary_json_gives_one_valid_record(value: object) -> None:
    # Given any JSON document, with article-like keys holding values of any type
    raw = json.dumps(value).encode()
    # When processed as a .json upload
    record = _run(raw, "incoming/doc.json")
    # Then the record is valid, has one outcome and is bounded
    _check(record, len(raw))
