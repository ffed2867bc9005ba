"""Pure parts of `articles`: duplicate groups, source health, the list table."""

from __future__ import annotations

from typing import Any

from articles.views import duplicate_groups, source_health, table


def item(key: str, sha: str, simhash: int) -> dict[str, Any]:
    return {"source": {"key": key}, "analysis": {"fingerprint": {"sha256": sha, "simhash": f"{simhash:016x}"}}}


def test_near_duplicates_are_within_three_bits_and_exact_ones_share_a_hash() -> None:
    # Given a base hash, a copy, one 3 bits away (spread over bands) and one 4 bits away
    base = 0x0123_4567_89AB_CDEF
    three = base ^ (1 << 0) ^ (1 << 17) ^ (1 << 40)
    four = base ^ (1 << 3) ^ (1 << 20) ^ (1 << 37) ^ (1 << 60)
    items = [item("a", "s1", base), item("a-copy", "s1", base), item("b", "s2", three), item("c", "s3", four)]
    # When grouped
    exact, near = duplicate_groups(items)
    # Then the copy is exact, the 3-bit one is near, the 4-bit one is alone
    assert exact == [["a", "a-copy"]]
    assert near == [["a", "a-copy", "b"]]


def test_source_health_counts_missing_fields_per_publisher_or_folder() -> None:
    items = [
        {"status": "processed", "document": {"publisher": "P", "authors": ["x"]}, "analysis": {"stats": {"words": 500}},
         "source": {"key": "incoming/p/1"}},
        {"status": "processed", "document": {"publisher": "P", "published_at": "2025-01-01"},
         "analysis": {"stats": {"words": 20}}, "source": {"key": "incoming/p/2"}},
        {"status": "rejected", "error": {"code": "binary"}, "source": {"key": "incoming/feed/3.png"}},
    ]  # fmt: skip
    health = source_health(items)
    assert (health["P"].processed, health["P"].no_date, health["P"].no_author, health["P"].short_body) == (2, 1, 1, 1)
    assert health["feed/"].rejected == 1 and health["feed/"].codes["binary"] == 1


def test_table_has_a_header_and_one_row_per_item() -> None:
    rows = table([{"status": "rejected", "error": {"code": "empty"}, "source": {"key": "incoming/x"}}]).splitlines()
    assert rows[0].split() == ["PROCESSED_AT", "STATUS", "LANG/CODE", "TITLE", "KEY"]
    assert rows[1].split() == ["rejected", "empty", "incoming/x"]
