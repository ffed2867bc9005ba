"""The item format: what DynamoDB stores for a record, and back."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from boto3.dynamodb.types import Binary, TypeDeserializer, TypeSerializer
from hypothesis import given, settings
from hypothesis import strategies as st

from article_core.models import ArticleRecord, ObjectRef
from article_core.pipeline import process
from article_core.storage import (
    attribute_value,
    item_size,
    python_value,
    record_from_item,
    sequence_key,
    to_item,
)
from local.samples import REFERENCE

NOW = datetime(2025, 5, 29, 10, 6, tzinfo=UTC)


def test_sequencers_compare_as_hex_numbers_whatever_their_length() -> None:
    # Given S3 sequencers of different lengths, When turned into keys, Then string order is numeric order
    keys = [sequence_key(s) for s in ("0A", "00FF", "0100")]
    assert keys == sorted(str(k) for k in keys) and None not in keys
    assert sequence_key("abc") == sequence_key("ABC")
    assert sequence_key(None) is None and sequence_key("") is None


def test_item_round_trips_to_the_same_record_with_the_text_deflated() -> None:
    # Given a processed record with a text longer than a kilobyte
    ref = ObjectRef(bucket="b", key=REFERENCE.key, sequencer="0067F1A2B3C4D5E600")
    record = process(REFERENCE.body, ref, now=NOW)
    # When it becomes an item
    item = to_item(record)
    assert record.text.cleaned is not None and record.analysis.fingerprint is not None
    # Then the text is stored compressed, the index attributes are set, and reading it back loses nothing
    assert "cleaned" not in item["text"] and len(item["text"]["cleaned_z"]) < len(record.text.cleaned.encode()) * 0.6
    assert item["language"] == "fr" and item["sha256"] == record.analysis.fingerprint.sha256
    assert item["seq"] == sequence_key(ref.sequencer)
    assert record_from_item(item) == record


def test_rejected_records_stay_out_of_the_language_and_duplicate_indexes() -> None:
    record = process(b"", ObjectRef(bucket="b", key="incoming/empty.txt"), now=NOW)
    item = to_item(record)
    assert record.status == "rejected"
    assert "language" not in item and "sha256" not in item
    assert record_from_item(item) == record


def test_item_size_counts_names_and_utf8_bytes() -> None:
    assert item_size({"a": "é"}) > item_size({"a": "e"})
    assert item_size({"text": "x" * 1000}) >= 1004


def _boto3_python(value: Any) -> Any:
    """boto3's deserialised value with its Binary wrapper unwrapped (the storage layer returns plain bytes)."""
    if isinstance(value, dict):
        return {k: _boto3_python(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_boto3_python(v) for v in value]
    return getattr(value, "value") if isinstance(value, Binary) else value  # noqa: B009 (Binary is untyped)


def test_items_become_the_attribute_values_boto3_would_write_and_read_back() -> None:
    # Given the reference record's item (text deflated to bytes, numbers as Decimal, nested maps and lists)
    record = process(REFERENCE.body, ObjectRef(bucket="b", key=REFERENCE.key, sequencer="0A"), now=NOW)
    item = to_item(record)
    assert record_from_item(python_value(attribute_value(item))) == record
    item["flags"] = [True, None, Decimal("-1.5E+3"), 0]
    # When typed for DynamoDB by the storage layer, and by boto3's own serializer
    ours = attribute_value(item)
    # Then both write the same attribute values, and each reads the other's back to the same item
    assert ours == TypeSerializer().serialize(item)
    assert python_value(ours) == _boto3_python(TypeDeserializer().deserialize(ours)) == item


def test_values_dynamodb_cannot_hold_exactly_are_refused_not_rounded() -> None:
    # Given a float and a number with more than 38 significant digits, When typed, Then both are refused
    with pytest.raises(TypeError):
        attribute_value({"x": 1.5})
    with pytest.raises(ArithmeticError):
        attribute_value(Decimal("1." + "1" * 40))
    # And sets read back as sets
    assert python_value({"NS": ["1", "2"]}) == {Decimal(1), Decimal(2)} and python_value({"SS": ["a"]}) == {"a"}


@cache
def _reference_record() -> ArticleRecord:
    return process(REFERENCE.body, ObjectRef(bucket="b", key=REFERENCE.key), now=NOW, strict=True)


def _item_through_json_text(record: Any) -> dict[str, Any]:
    """What `to_item` stood for before it walked the dump: the record's JSON text read back, floats as Decimal."""
    import json

    parsed: dict[str, Any] = json.loads(record.model_dump_json(exclude_none=True), parse_float=Decimal)
    return parsed


def _same(a: Any, b: Any) -> None:
    assert type(a) is type(b)
    if isinstance(a, dict):
        assert list(a) == list(b)
        for key in a:
            _same(a[key], b[key])
    elif isinstance(a, list):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _same(x, y)
    elif isinstance(a, Decimal):
        assert a.as_tuple() == b.as_tuple()  # same digits and exponent: the same DynamoDB number text
    else:
        assert a == b


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(width=64), min_size=1, max_size=5), st.floats(), st.floats())
def test_item_numbers_are_the_decimals_of_the_records_json_text(
    scores: list[float], flesch: float, share: float
) -> None:
    # Given a record holding floats of every kind (integral, tiny, huge, negative zero, NaN, infinities)
    from article_core.models import Keyword, Readability

    record = _reference_record().model_copy(deep=True)
    record.analysis.keywords = [Keyword(text=f"k{i}", score=s) for i, s in enumerate(scores)]
    record.analysis.readability = Readability(flesch=flesch)
    record.analysis.language_confidence = share
    # When it becomes an item, Then every value is what reading its JSON text back gives (a NaN or infinity: None)
    expected = _item_through_json_text(record)
    item = to_item(record)
    expected["text"]["cleaned_z"] = zlib.compress(expected["text"].pop("cleaned").encode(), 6)
    _same({k: v for k, v in item.items() if k not in ("seq", "language", "sha256")}, expected)
