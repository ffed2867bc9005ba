"""The one byline parser: every person the byline lists, and nothing that is not a person."""

from __future__ import annotations

import pytest

from article_core.clean.metadata.names import authors_from_field, parse_byline


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("By Matthew Digby, Minh Do", ["Matthew Digby", "Minh Do"]),
        ("By Nathan Koppel", ["Nathan Koppel"]),
        ("By Jane Doe, John Roe and Max Mustermann", ["Jane Doe", "John Roe", "Max Mustermann"]),
        ("By Eric Song, IGN StaffUpdated: 18 Nov 2019 9:38 pmPosted: 18 Nov 2019 8:11 pm", ["Eric Song"]),
        ("By Tim Childers - Live Science Contributor 2019-11-19T12:48:14Z Space Shares", ["Tim Childers"]),
        ("by Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET • 2 min read", ["Bryan DeArdo"]),
        ("By Meg JamesStaff Writer Nov. 19, 2019 5:50 PM Facebook Twitter", ["Meg James"]),
        ("By Amy Kuperinsky | NJ Advance Media for NJ.com", ["Amy Kuperinsky"]),
        ("Текст: Венера Ерофеева", ["Венера Ерофеева"]),
    ],
)
def test_visible_bylines_give_every_person_and_only_persons(text: str, authors: list[str]) -> None:
    # Given a visible byline with roles, handles, dates, counts or share widgets around the names
    # When it is parsed
    byline = parse_byline(text, prefixed=False)
    # Then the authors are exactly the people it lists
    assert byline is not None
    assert byline.authors == authors


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("By Eric Song, IGN StaffUpdated: 18 Nov 2019 9:38 pmPosted: 18 Nov 2019 8:11 pm", "By Eric Song, IGN Staff"),
        ("Marcus De GuzmanView More Articles", "Marcus De Guzman"),
        ("Par Le Figaro avec AFP", "Par Le Figaro avec AFP"),
    ],
)
def test_the_byline_text_stops_where_a_glued_page_label_starts(text: str, kept: str) -> None:
    # Given a visible byline with the page's label glued to its last word
    # When parsed / Then the byline text is what the reader reads as the byline, the label left out
    byline = parse_byline(text, prefixed=False)
    assert byline is not None and byline.text == kept


@pytest.mark.parametrize(
    ("value", "authors", "agencies"),
    [
        ("David Shepardson and Christina Rogers", ["David Shepardson", "Christina Rogers"], []),
        ("By TOM KRISHER, AP Auto Writer", ["Tom Krisher"], ["AP"]),
        ("Troy L. Smith, Cleveland.com", ["Troy L. Smith"], []),
        ("Finian Cunningham. Sputnik International", ["Finian Cunningham"], []),
        ("PTI", [], ["PTI"]),
        ("CNN Wire", [], ["CNN Wire"]),
        ("Lusa", [], ["Lusa"]),
        ("Lusa Tuiasosopo", ["Lusa Tuiasosopo"], []),
        ('Amanda "Tania Mae" Tan', ['Amanda "Tania Mae" Tan'], []),
        ("Dwayne “The Rock” Johnson", ["Dwayne “The Rock” Johnson"], []),
        ("News Nation Bureau", [], []),
        ("admin", [], []),
    ],
)
def test_author_fields_of_page_data(value: str, authors: list[str], agencies: list[str]) -> None:
    # Given an author field from page data
    # When it is read
    byline = authors_from_field(value)
    # Then people are authors, agencies go apart, desks and handles are nobody
    assert (byline.authors, byline.agencies) == (authors, agencies)


def test_a_single_name_is_believed_only_when_typed_as_a_person() -> None:
    # Given the one-word name "Regan"
    # When it comes from a schema.org Person, and when from an untyped field
    # Then only the typed one is an author
    assert authors_from_field("Regan", person=True).authors == ["Regan"]
    assert authors_from_field("Regan").authors == []


def test_the_reference_byline_keeps_publisher_and_agency() -> None:
    # Given the reference article's byline
    byline = parse_byline("Par Le Figaro avec AFP")
    # When parsed / Then Le Figaro is the publisher, AFP the agency, and nobody an author
    assert byline is not None
    assert (byline.authors, byline.publisher, byline.agencies) == ([], "Le Figaro", ["AFP"])
