"""The interleaved before/after benchmark's summary: medians over rounds per build, and their ratio."""

from __future__ import annotations

from benchmarks.speed_interleaved import summary


def test_each_measure_is_the_median_of_its_rounds_per_build() -> None:
    # Given three rounds of each build, one of them disturbed by load
    rounds = {
        "before": [
            {"reference": 14.0, "HTML ratio": 2.4},
            {"reference": 13.0, "HTML ratio": 2.3},
            {"reference": 40.0, "HTML ratio": 2.5},
        ],
        "after": [
            {"reference": 11.0, "HTML ratio": 2.2},
            {"reference": 30.0, "HTML ratio": 2.3},
            {"reference": 10.0, "HTML ratio": 2.1},
        ],
    }
    # When they are summarised
    table = summary(rounds)
    # Then each row holds the medians (the disturbed rounds do not move them) and after / before
    assert "| reference | 14.00 ms | 11.00 ms | 0.79 |" in table
    assert "| HTML ratio | 2.40× | 2.20× | 0.92 |" in table
