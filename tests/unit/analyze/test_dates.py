"""Dates mentioned: absolute, weekday and relative, resolved against the reference time."""

from __future__ import annotations

from datetime import UTC, datetime

from article_core.analyze.dates import extract_dates

# Thursday 29 May 2025
REFERENCE = datetime(2025, 5, 29, 9, 0, tzinfo=UTC)


def _values(text: str, language: str = "fr", reference: datetime | None = REFERENCE) -> dict[str, str | None]:
    return {d.text: d.value for d in extract_dates(text, language, reference)}


def test_french_absolute_dates_take_the_nearest_year() -> None:
    # Given day-month mentions without a year, one with a year, and a season
    text = "Après les pourparlers du 16 mai, un cycle reprendra le 2 juin ; le 3 janvier 2024 et au printemps 2022."
    # When dates are extracted
    values = _values(text)
    # Then each resolves to the nearest occurrence or its own year
    assert values["16 mai"] == "2025-05-16"
    assert values["2 juin"] == "2025-06-02"
    assert values["3 janvier 2024"] == "2024-01-03"
    assert values["printemps 2022"] == "2022"


def test_weekdays_and_relative_words() -> None:
    # Given weekdays and relative expressions
    text = "Il a parlé hier. Vendredi, il avait assuré. Ils se verront lundi prochain, après le week-end dernier."
    # When dates are extracted
    values = _values(text)
    # Then they resolve against the reference (a Thursday)
    assert values["hier"] == "2025-05-28"
    assert values["Vendredi"] == "2025-05-23"
    assert values["lundi prochain"] == "2025-06-02"
    assert values["le week-end dernier"] == "2025-05-24"


def test_english_dates_and_offsets() -> None:
    # Given English mentions
    text = "On May 29, talks began; on 29 May 2024 and 2025-05-30 too. Yesterday and last week were calm, said Monday."
    # When dates are extracted
    dates = extract_dates(text, "en", REFERENCE)
    values = {d.text: d.value for d in dates}
    # Then each is resolved and offsets point at the mention
    assert values["May 29"] == "2025-05-29"
    assert values["29 May 2024"] == "2024-05-29"
    assert values["2025-05-30"] == "2025-05-30"
    assert values["Yesterday"] == "2025-05-28"
    assert values["last week"] == "2025-W21"
    assert values["Monday"] == "2025-05-26"
    assert all(text[d.start :].startswith(d.text) for d in dates)


def test_without_reference_only_self_contained_dates_resolve() -> None:
    # Given no reference time
    values = _values("Le 16 mai et le 2 juin 2025, puis hier.", reference=None)
    # When/Then a date with its year resolves, the others are kept without value
    assert values == {"16 mai": None, "2 juin 2025": "2025-06-02", "hier": None}
