"""Date arithmetic at the edges of time gives "no date", never an exception."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from article_core import clock
from article_core.analyze.dates import extract_dates
from article_core.clean.metadata.dates import parse_datetime_text

NOW = datetime(2025, 5, 29, 12, 0, tzinfo=UTC)
EDGES = [
    datetime(1, 1, 1),
    datetime(1, 1, 1, tzinfo=UTC),
    datetime(9999, 12, 31, 23, 59),
    datetime.max.replace(tzinfo=UTC),
]


def test_shift_beyond_the_range_of_datetime_is_none() -> None:
    # Given a time and offsets that leave datetime's range, or are too large to be a timedelta
    # When shifted / Then there is no date, and no exception
    assert clock.shift(NOW, days=-3000 * 366) is None
    assert clock.shift(NOW, seconds=10**30) is None
    assert clock.shift(datetime.max, days=1) is None
    assert clock.shift(NOW, days=-1) == NOW - timedelta(days=1)


def test_zone_refuses_offsets_no_place_uses() -> None:
    assert clock.zone(99 * 60 + 99) is None
    assert clock.zone(-25 * 60) is None
    assert clock.zone(14 * 60) is not None
    assert clock.zone(0) == UTC


@pytest.mark.parametrize("edge", EDGES)
def test_clamp_and_not_after_accept_the_edges_of_time(edge: datetime) -> None:
    # Given a time at either end of datetime's range
    # When clamped and compared
    clamped = clock.clamp(edge)
    # Then it stays in the safe range, keeps its zone, and comparisons answer
    assert clock.SAFE_MIN.year <= clamped.year <= clock.SAFE_MAX.year
    assert (clamped.tzinfo is None) == (edge.tzinfo is None)
    assert isinstance(clock.not_after(edge, NOW, timedelta(hours=14)), bool)
    assert isinstance(clock.not_after(NOW, edge, timedelta(hours=14)), bool)


def test_reference_ignores_event_times_that_cannot_be_an_upload() -> None:
    assert clock.reference(datetime(1, 1, 1, tzinfo=UTC), NOW) == NOW
    assert clock.reference(datetime(9999, 12, 31, tzinfo=UTC), NOW) == NOW
    event = datetime(2025, 5, 29, 10, 5, tzinfo=UTC)
    assert clock.reference(event, NOW) == event


@pytest.mark.parametrize(
    "text",
    [
        "Il y a 3000 ans, la ville fut fondée.",
        "3000 years ago, the city was founded.",
        "Il y a 99999999999 secondes",
        "PARIS, 3 mai 2024 14:00 CEST+23 (AFP)",
        "Publié le 2024-05-03T14:00:00+99:99",
        "hier à 25h99",
    ],
)
@pytest.mark.parametrize("reference", [NOW, *EDGES])
def test_text_dates_never_raise(text: str, reference: datetime) -> None:
    # Given hostile relative amounts, zones and offsets, against any reference time
    # When the text is read for a date
    found = parse_datetime_text(text, reference)
    # Then there is a date or none, never an exception
    assert found is None or isinstance(found.value, date)


def test_a_zone_beyond_fourteen_hours_keeps_only_the_day() -> None:
    # Given a time with an offset no place uses / When read / Then the day is kept, no instant invented
    found = parse_datetime_text("Publié le 2024-05-03T14:00:00+99:99", NOW)
    assert found is not None and found.value == date(2024, 5, 3)


@pytest.mark.parametrize("reference", EDGES)
def test_date_mentions_resolve_against_any_reference(reference: datetime) -> None:
    # Given relative mentions that step days, weeks, months and years from the reference
    text = "hier, lundi dernier, la semaine prochaine, le mois dernier, l'an prochain, le week-end prochain"
    # When extracted against a reference at the edge of time / Then every mention is there
    mentions = extract_dates(text, "fr", reference)
    assert len(mentions) >= 4
    assert all(m.value is None or isinstance(m.value, str) for m in mentions)
    assert clock.clamp_date(date.max) <= clock.SAFE_MAX.date()
