"""Dates mentioned: absolute, weekday and relative, resolved against the reference time."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_core.analyze import dates
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


# --- speed path: patterns are tried only where they can start ----------------------------------

_DATE_WORDS = [
    "lundi",
    "Lundi",
    "MARDI",
    "dimanche",
    "Monday",
    "monday,",
    "3",
    "12er",
    "1er",
    "31",
    "03",
    "2024",
    "2024-05-06",
    "٣",
    "May",
    "may",
    "mai",
    "mars",
    "Aug.",
    "aug.",
    "sept.",
    "AUGUST",
    "ſeptember",
    "İN",
    "Kelvin",
    "le",
    "la",
    "l'",
    "l’",
    "semaine",
    "dernière",
    "prochain",
    "week-end",
    "weekend",
    "week",
    "year",
    "an",
    "année",
    "mois",
    "passé",
    "last",
    "next",
    "this",
    "hier",
    "avant-hier",
    "après-demain",
    "aujourd'hui",
    "aujourd’hui",
    "demain",
    "yesterday",
    "Today",
    "été",
    "printemps",
    "fall",
    "of",
    "de",
    "l'année",
    "_x",
    "x_",
    "chez",
]


_SEPARATORS = [" ", "  ", "\n", "-", "", ", ", "’", ".", "\u00a0", "\x1f", "«", "»", "_", "1", "—"]


@given(
    st.lists(
        st.tuples(st.sampled_from(_DATE_WORDS), st.sampled_from(_SEPARATORS)),
        max_size=40,
    ),
    st.text(max_size=40),
)
@settings(max_examples=400, deadline=None)
def test_every_pattern_finds_what_a_full_scan_finds(pieces: list[tuple[str, str]], noise: str) -> None:
    """Given text dense with date words, numbers, odd separators and letters that match ASCII only
    case-insensitively ("ſ", "K", "İ"),
    when each pattern is tried only at its candidate word starts,
    then it yields exactly the matches of a scan of every position."""
    text = noise.join("".join(piece) for piece in pieces) if noise else "".join("".join(p) for p in pieces)
    candidates = dates._candidate_starts(text)
    for kind, pattern in dates._PATTERNS:
        fast = [m.span() for m in dates._matches(pattern, text, candidates(kind))]
        assert fast == [m.span() for m in pattern.finditer(text)], kind


def test_general_punctuation_holds_no_word_character() -> None:
    """Given the General Punctuation block (’ “ ” – — …), which the gate for words beyond Latin-1 skips,
    when each character is read as the patterns read it,
    then none is a word character (so skipping them misses no such word)."""
    assert not [hex(code) for code in range(0x2000, 0x2070) if re.match(r"\w", chr(code))]


def test_a_word_beyond_latin1_after_typographic_quotes_is_a_candidate() -> None:
    """Given a text whose only characters beyond Latin-1 are quotes and dashes, and one with a "ſ" weekday,
    when candidates are listed,
    then the first adds no word beyond Latin-1 and the second finds "ſunday" as a full scan does."""
    plain = dates._candidate_starts("l’an dernier — “hier”")("weekday")
    assert plain == []
    text = "“Yes” — ſunday 3 May"
    fast = [m.span() for m in dates._matches(dates._PATTERNS[6][1], text, dates._candidate_starts(text)("weekday"))]
    assert fast == [m.span() for m in dates._PATTERNS[6][1].finditer(text)] != []


def test_a_pattern_without_a_list_of_first_words_is_tried_everywhere() -> None:
    """Given a pattern kind the candidate index knows nothing about,
    when its candidates are asked for,
    then there is no restriction and every match of a full scan is found."""
    text = "x 2024 y 2025"
    starts = dates._candidate_starts(text)("some_new_kind")
    assert starts is None
    assert [m.group() for m in dates._matches(re.compile(r"\d+"), text, starts)] == ["2024", "2025"]


@pytest.mark.parametrize("separator", [" ", "\n", "-", "’"])
def test_every_pair_of_date_words_is_found_as_a_full_scan_finds_it(separator: str) -> None:
    """Given every pair of date words ("last Monday", "12er mars", ...) joined by a separator,
    when each pattern is tried only at its candidate word starts,
    then it yields exactly the matches of a full scan."""
    text = " ; ".join(f"{a}{separator}{b} 2025" for a in _DATE_WORDS for b in _DATE_WORDS)
    candidates = dates._candidate_starts(text)
    for kind, pattern in dates._PATTERNS:
        fast = [m.span() for m in dates._matches(pattern, text, candidates(kind))]
        assert fast == [m.span() for m in pattern.finditer(text)], kind


# Wednesday 18 July 2012: a WikiNews story's own date, far from the processing clock.
STORY = datetime(2012, 7, 18, 12, 0, tzinfo=UTC)


def test_a_day_with_dernier_is_the_past_occurrence() -> None:
    # Given "11 janvier dernier" in a story of 18 July 2012 (the nearest 11 January would be 2013's)
    # When dates are extracted
    values = _values("Le 11 janvier dernier, le ministre avait déjà démissionné.", reference=STORY)
    # Then the mention is last January's
    assert values["11 janvier dernier"] == "2012-01-11"


def test_a_partial_date_told_in_the_past_does_not_land_in_the_future() -> None:
    # Given a day without a year, months ahead of the reference, in a past-tense clause (fr and en)
    fr = _values("Le suspect a été arrêté le 23 novembre à Lyon.", reference=STORY)
    en = _values("The suspect was arrested on November 23 in Lyon.", "en", reference=STORY)
    # When resolved / Then the past occurrence is chosen
    assert fr["23 novembre"] == "2011-11-23"
    assert en["November 23"] == "2011-11-23"


def test_a_planned_date_stays_in_the_future() -> None:
    # Given days ahead of the reference in a future clause and in a plan reported in the past
    values = _values(
        "Le sommet se tiendra le 23 novembre. Elle a promis de remettre le pouvoir avant le 30 juillet.",
        reference=STORY,
    )
    # When resolved / Then they stay ahead of the reference
    assert values["23 novembre"] == "2012-11-23"
    assert values["30 juillet"] == "2012-07-30"


def test_prochain_after_a_day_looks_forward() -> None:
    # Given "2 juin prochain" one week after 2 June / When resolved / Then next year's 2 June
    assert _values("Rendez-vous le 2 juin prochain.", reference=datetime(2012, 6, 9, tzinfo=UTC))[
        "2 juin prochain"
    ] == ("2013-06-02")


@pytest.mark.parametrize("text", ["ſunday", "hİer", "lundİ prochain", "le 3 ſeptembre", "\u212aweek"])
def test_letters_that_match_ascii_only_case_insensitively_do_not_crash(text: str) -> None:
    """Given a date word written with a letter that a case-insensitive pattern takes for an ASCII one
    ("ſ" for s, "İ" for i),
    when dates are extracted,
    then that mention is no date (no table lists it) and nothing raises."""
    assert extract_dates(f"Il est venu {text}, dit-il.", "fr", REFERENCE) == []
