"""Date arithmetic that cannot raise: every shift, zone and comparison the pipeline does on a date.

Dates come from hostile text ("Il y a 3000 ans", "CEST+23", "+99:99") and from events (year 1 or
9999). Python's datetime raises OverflowError or ValueError at its edges; here those edges become
"no date" (None) instead of a lost article. Pure: no clock reading, no environment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

# Reference times are kept this far inside datetime's range, so that the shifts the date readers do
# around them (hours of zone, days or weeks of "last Monday", a year of "l'an dernier") never overflow.
SAFE_MIN = datetime(2, 1, 1, tzinfo=UTC)
SAFE_MAX = datetime(9998, 12, 31, tzinfo=UTC)
MAX_ZONE_MINUTES = 14 * 60  # the widest real offset (UTC+14); anything beyond is not a zone
# An event time outside these bounds is not the time of an upload: the invocation's clock is used.
EARLIEST_EVENT = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_EVENT = datetime(2200, 1, 1, tzinfo=UTC)


def aware(value: datetime) -> datetime:
    """A naive time read as UTC (the pipeline compares times from different sources)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def clamp(value: datetime) -> datetime:
    """`value` moved inside [SAFE_MIN, SAFE_MAX], keeping its zone (or its lack of one)."""
    low, high = (SAFE_MIN, SAFE_MAX) if value.tzinfo is not None else (_naive(SAFE_MIN), _naive(SAFE_MAX))
    try:
        return min(max(value, low), high)
    except OverflowError:  # an offset that pushes the UTC time outside datetime's range
        return low if value.year < 5000 else high


def clamp_date(value: date) -> date:
    return min(max(value, SAFE_MIN.date()), SAFE_MAX.date())


def shift(value: datetime, *, days: float = 0, seconds: float = 0) -> datetime | None:
    """`value` plus the offset, or None when the result (or the offset itself) is outside datetime's range."""
    try:
        return value + timedelta(days=days, seconds=seconds)
    except (OverflowError, ValueError):
        return None


def zone(minutes: int) -> timezone | None:
    """The fixed zone `minutes` east of UTC, or None for an offset no place on Earth uses."""
    if abs(minutes) > MAX_ZONE_MINUTES:
        return None
    return timezone(timedelta(minutes=minutes))


def replace(value: datetime, **fields: int) -> datetime | None:
    """`value.replace(hour=…, minute=…)`, or None for a field out of range (hour 25, minute 99)."""
    try:
        return value.replace(**fields)  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError):
        return None


def not_after(value: datetime, limit: datetime, slack: timedelta = timedelta(0)) -> bool:
    """`value <= limit + slack`, comparing naive times as UTC; a bound at the edge of time allows all."""
    bound = shift(aware(limit), seconds=slack.total_seconds())
    if bound is None:
        return True
    try:
        return aware(value) <= bound
    except OverflowError:
        return value.year <= limit.year


def reference(event_time: datetime | None, now: datetime) -> datetime:
    """The time relative dates are resolved against: the event's, unless it cannot be an upload time."""
    if event_time is not None and EARLIEST_EVENT <= clamp(aware(event_time)) <= LATEST_EVENT:
        return event_time
    return clamp(now)


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)
