"""Metadata from page text: bylines, agencies and publication times that a reader can trust."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from article_core.clean.metadata.agencies import find_agencies
from article_core.clean.metadata.dates import leading_dateline, looks_like_dateline, parse_datetime_text, url_date
from article_core.clean.metadata.names import looks_like_person, parse_byline

REF = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "authors", "publisher", "agencies"),
    [
        ("Par Le Figaro avec AFP", [], "Le Figaro", ["AFP"]),
        ("By Jane Doe, Reuters", ["Jane Doe"], None, ["Reuters"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"], None, []),
        ("Par Marie Martin et Paul Durand (AFP)", ["Marie Martin", "Paul Durand"], None, ["AFP"]),
        ("By Chris Davies - Nov 19, 2019", ["Chris Davies"], None, []),
        ("By The Associated Press", [], None, ["AP"]),
    ],
)
def test_bylines_split_people_from_organisations(
    text: str, authors: list[str], publisher: str | None, agencies: list[str]
) -> None:
    # Given a byline line / When it is parsed
    byline = parse_byline(text)
    # Then people, the publisher and wire agencies land in their own fields
    assert byline is not None
    assert (byline.authors, byline.publisher, byline.agencies) == (authors, publisher, agencies)


@pytest.mark.parametrize("text", ["By Email the author", "by the way, this is a sentence.", "Par ici la sortie"])
def test_junk_is_never_a_byline_author(text: str) -> None:
    # Given text that starts like a byline but names nobody / When parsed / Then no author comes out
    byline = parse_byline(text)
    assert byline is None or byline.authors == []


@pytest.mark.parametrize("name", ["2 hours ago", "Email the author", "Staff Writer", "Le Monde", "The Guardian"])
def test_not_a_person(name: str) -> None:
    # Given labels and site names / When checked / Then none passes as a person
    assert not looks_like_person(name)


def test_agencies_are_canonical_and_ordered() -> None:
    # Given a credit naming two agencies / When searched / Then both come out, canonical, in order
    assert find_agencies("avec Agence France-Presse et Reuters") == ["AFP", "Reuters"]
    # And a capitalised common word is not an agency
    assert find_agencies("The map was based on radar data.") == []


@pytest.mark.parametrize(
    ("text", "expected", "basis"),
    [
        ("Il y a 2 heures", REF - timedelta(hours=2), "relative"),
        ("2 hours ago", REF - timedelta(hours=2), "relative"),
        ("il y a une heure", REF - timedelta(hours=1), "relative"),
        ("hier à 10h05", datetime(2025, 5, 31, 10, 5, tzinfo=UTC), "relative"),
        ("yesterday", datetime(2025, 5, 31, tzinfo=UTC), "relative"),
        # A clock without a zone keeps only its day: no invented UTC instant.
        ("Publié le 29/05/2025 à 10h05", date(2025, 5, 29), "text"),
        ("May 29, 2025", date(2025, 5, 29), "text"),
        ("29 mai 2025", date(2025, 5, 29), "text"),
        ("publiziert am 25. September 2018", date(2018, 9, 25), "text"),
        ("25 de septiembre de 2018", date(2018, 9, 25), "text"),
        ("25 settembre 2018", date(2018, 9, 25), "text"),
        ("25 de setembro de 2018", date(2018, 9, 25), "text"),
        ("Nov 19, 2019, 10:31 pm CST", datetime(2019, 11, 20, 4, 31, tzinfo=UTC), "text"),
        ("2025-05-29T10:05:00+02:00", datetime(2025, 5, 29, 8, 5, tzinfo=UTC), "text"),
    ],
)
def test_times_absolute_and_relative(text: str, expected: date, basis: str) -> None:
    # Given a time expression and the S3 event time / When parsed
    parsed = parse_datetime_text(text, REF, "fr")
    # Then the value and how it was obtained are returned
    assert parsed is not None
    assert (parsed.value, parsed.basis) == (expected, basis)


def test_day_and_month_order_follows_language() -> None:
    # Given an ambiguous numeric date / When parsed as French and as English / Then the order differs
    fr = parse_datetime_text("05/04/2025", REF, "fr")
    en = parse_datetime_text("05/04/2025", REF, "en")
    assert fr is not None and fr.value == date(2025, 4, 5)
    assert en is not None and en.value == date(2025, 5, 4)


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        ("Publié le 29/05/2025 à 10h05", False, date(2025, 5, 29)),
        ("May 29, 2025", False, date(2025, 5, 29)),
        ("Il y a 2 heures", False, None),
        ("05/04/2025", True, date(2025, 5, 4)),
    ],
)
def test_language_is_asked_only_for_an_ambiguous_numeric_date(text: str, asked: bool, expected: date | None) -> None:
    # Given a language that is costly to find (a callable, as the plain-text cleaner passes it)
    calls: list[str] = []

    def language() -> str:
        calls.append(text)
        return "en"

    # When a dateline is parsed
    parsed = parse_datetime_text(text, REF, language)
    # Then the language is asked for only when day and month could be swapped, and then decides as a string does
    assert bool(calls) == asked
    assert expected is None or (parsed is not None and parsed.value == expected)
    assert parsed == parse_datetime_text(text, REF, "en")


@pytest.mark.parametrize("text", ["30 juin 2025", "June 3, 2025", "1 janvier 1985", "il y a 2 heures"])
def test_implausible_or_unresolvable_dates_are_not_believed(text: str) -> None:
    # Given a date after the event time, before 1990, or a relative one without an event time
    reference = None if text.startswith("il y a") else REF
    # When parsed / Then nothing is returned
    assert parse_datetime_text(text, reference, "fr") is None


def test_updated_label_marks_a_modification_time() -> None:
    # Given an "Updated" / "Mis à jour" label / When parsed / Then the time is flagged as a modification
    for text in ("Updated May 29, 2025", "Mis à jour le 29 mai 2025 à 18:02"):
        parsed = parse_datetime_text(text, REF, None)
        assert parsed is not None and parsed.modified


@pytest.mark.parametrize(
    ("paragraph", "day"),
    [
        ("22 mai 2012. - Prévu initialement pour samedi, le lancement a eu lieu.", date(2012, 5, 22)),
        ("1er juillet 2012. - Le tout premier Forum mondial s'est ouvert.", date(2012, 7, 1)),
        ("LONDON, Nov 18 (Reuters) - Shares fell on Monday.", date(2024, 11, 18)),
        ("WASHINGTON, May 3, 2025 (AP) — The Senate voted.", date(2025, 5, 3)),
        ("The report of 22 mai 2012 - was cited.", None),
    ],
)
def test_text_datelines_opening_a_story(paragraph: str, day: date | None) -> None:
    # Given a story paragraph that may open with a dateline (with or without its year)
    # When the dateline is read against the reference time
    # Then its day comes back; a date inside the sentence is not a dateline
    assert leading_dateline(paragraph, REF) == day


def test_url_dates_are_days_and_must_be_plausible() -> None:
    # Given dated and undated URLs / When read / Then the day, or nothing for a future or absent date
    assert url_date("https://nypost.com/2019/11/18/chinese-hunter/", REF) == date(2019, 11, 18)
    assert url_date("https://www.vox.com/science/2019/11/8/20948348/delhi", REF) == date(2019, 11, 8)
    assert url_date("https://example.com/2099/01/01/future/", REF) is None
    assert url_date("https://example.com/story", REF) is None


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("publiziert am 25. September 2018", True),
        ("Posted: Fri 6:45 PM, Feb 16, 2018", True),
        ("Nov 19, 2019 / 10:07 AM / CBS News", True),
        ("— The Nigerian Senate (@NGRSenate) October 9, 2018", False),
        ("Élections du 22 mai 2012 : les résultats définitifs", False),
        ("On 12 March 2019 the court ruled.", False),
    ],
)
def test_a_dateline_line_is_a_date_not_a_sentence_or_a_post_credit(text: str, dateline: bool) -> None:
    # Given a short line / When asked whether it is a visible dateline / Then only date lines are
    assert looks_like_dateline(text) is dateline
