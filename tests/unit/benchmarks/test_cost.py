"""The cost model's formulas: billing rules of Lambda, DynamoDB and Comprehend, checked by hand-computed cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from benchmarks import cost


def test_cpu_share_grows_with_memory_up_to_one_full_vcpu() -> None:
    """Given Lambda's rule (one vCPU at 1,769 MB)
    When the share is asked for small and large functions
    Then it is proportional below 1,769 MB and capped at one core above (the handler is single-threaded)
    """
    assert cost.cpu_share(1769) == 1.0
    assert cost.cpu_share(3538) == 1.0
    assert cost.cpu_share(512) == pytest.approx(512 / 1769)


def test_invoke_duration_scales_compute_but_not_io() -> None:
    """Given 10 ms of CPU work on a full core and 30 ms of waiting on AWS
    When the function has half a vCPU
    Then the CPU part doubles and the waiting part does not
    """
    assert cost.invoke_duration_ms(10, 30, 1769 // 2 + 1) == pytest.approx(10 / ((1769 // 2 + 1) / 1769) + 30)
    assert cost.invoke_duration_ms(10, 30, 2048) == 40


def test_gb_seconds_bills_whole_milliseconds() -> None:
    """Given a 10.2 ms invocation at 512 MB
    When GB-seconds are computed
    Then 11 ms are billed at half a GB
    """
    assert cost.gb_seconds(10.2, 512) == pytest.approx(0.011 * 0.5)


@pytest.mark.parametrize(("size", "units"), [(0, 1), (1, 1), (1024, 1), (1025, 2), (9478, 10)])
def test_write_units_round_up_per_kilobyte(size: int, units: int) -> None:
    """Given an item of `size` bytes
    When it is written on demand
    Then it costs one WRU per started KB, at least one
    """
    assert cost.write_units(size) == units


def test_read_units_are_halved_for_eventually_consistent_reads_with_a_minimum() -> None:
    """Given an empty query result and a 5 KB one
    When read eventually or strongly consistently
    Then the minimum of one unit (half when eventual) applies and 5 KB costs two 4 KB units
    """
    assert cost.read_units(0) == 0.5
    assert cost.read_units(0, consistent=True) == 1.0
    assert cost.read_units(5000, consistent=True) == 2.0


def test_item_size_counts_names_values_and_container_overheads() -> None:
    """Given an item with a string, a number, a boolean, a list and a map
    When DynamoDB sizes it
    Then names and UTF-8 values count, numbers take about one byte per two digits plus one, containers 3 + 1 each
    """
    item = {
        "id": "é",  # 2 + 2
        "n": Decimal("12345"),  # 1 + (3 + 1)
        "ok": True,  # 2 + 1
        "l": ["ab", "c"],  # 1 + 3 + (2 + 1) + (1 + 1)
        "m": {"k": "vv"},  # 1 + 3 + (1 + 2 + 1)
    }
    assert cost.item_size(item) == 4 + 5 + 3 + 9 + 8


def test_item_size_refuses_values_dynamodb_cannot_store() -> None:
    """Given a value of a type DynamoDB has no encoding for
    When it is sized
    Then the model says so instead of guessing
    """
    with pytest.raises(TypeError):
        cost.attribute_size(object())


def test_index_entries_follow_projection_and_skip_items_without_the_index_key() -> None:
    """Given a table keyed by article_id with an ALL index on language and a KEYS_ONLY index on sha256
    When an item without sha256 is written
    Then only the language index gets an entry: the whole item plus DynamoDB's 100-byte overhead
    """
    item = {"article_id": "a1", "language": "fr", "processed_at": "2025", "text": "x" * 2000}
    indexes = [
        {
            "IndexName": "by-language",
            "KeySchema": [{"AttributeName": "language"}, {"AttributeName": "processed_at"}],
            "Projection": {"ProjectionType": "ALL"},
        },
        {
            "IndexName": "by-sha256",
            "KeySchema": [{"AttributeName": "sha256"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"},
        },
    ]
    sizes = cost.index_entry_sizes(item, ["article_id"], indexes)
    assert sizes == {"by-language": cost.item_size(item) + 100}

    item["sha256"] = "f" * 64
    keys_only = cost.index_entry_sizes(item, ["article_id"], indexes)["by-sha256"]
    assert keys_only == len("article_id") + 2 + len("sha256") + 64 + 100


def test_comprehend_bills_hundred_character_units_with_a_minimum_of_three() -> None:
    """Given a 50-character text and a 5,000-character text
    When sent to the four Comprehend APIs
    Then the short one pays the 3-unit minimum per API and the long one 50 units per API
    """
    assert cost.comprehend_units(50) == 3
    assert cost.comprehend_units(5001) == 51
    assert cost.comprehend_cost(5000) == pytest.approx(50 * 0.0001 * 4)


def test_cost_per_million_adds_every_billed_line_with_its_formula() -> None:
    """Given a 512 MB function, 10 ms of compute, 30 ms of I/O, a 9,000-byte item and two index entries
    When the cost per million articles is computed
    Then each line matches the hand computation and the total is their sum
    """
    w = cost.Workload(
        memory_mb=512, compute_ms=10, io_ms=30, item_bytes=9000, gsi_entry_bytes=(9100, 200), cold_start_share=0.0
    )
    lines = {line.name: line for line in cost.cost_per_million(w).lines}
    billed = -(-(10 / (512 / 1769) + 30) // 1)  # ceil
    assert lines["Lambda duration"].dollars_per_million == pytest.approx(1e6 * billed / 1000 * 0.5 * 0.0000166667)
    assert lines["Lambda requests"].dollars_per_million == pytest.approx(0.20)
    assert lines["DynamoDB writes (table)"].dollars_per_million == pytest.approx(9 * 0.625)
    assert lines["DynamoDB writes (GSIs)"].dollars_per_million == pytest.approx((9 + 1) * 0.625)
    assert lines["S3 GET"].dollars_per_million == pytest.approx(0.40)
    assert lines["Lambda INIT (cold starts)"].dollars_per_million == 0
    assert "9 WRU" in lines["DynamoDB writes (table)"].formula
    breakdown = cost.cost_per_million(w)
    assert breakdown.total == pytest.approx(sum(line.dollars_per_million for line in breakdown.lines))


def test_cold_starts_add_their_init_share() -> None:
    """Given 1% of invocations paying a 300 ms INIT at 1 GB
    When the cost is computed
    Then the INIT line is 1e6 x 1% x 0.3 GB-s at the GB-second price
    """
    w = cost.Workload(memory_mb=1024, compute_ms=1, io_ms=0, item_bytes=100, cold_start_share=0.01, init_ms=300)
    init = next(line for line in cost.cost_per_million(w).lines if line.name.startswith("Lambda INIT"))
    assert init.dollars_per_million == pytest.approx(1e6 * 0.01 * 0.3 * 0.0000166667)
