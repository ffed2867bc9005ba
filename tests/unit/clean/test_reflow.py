"""Hard-wrapped plain text: its paragraphs one line each again, and text that is not wrapped left as it is."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime

import pytest

from article_core.clean.plain import clean_plain
from article_core.clean.reflow import reflow, wrap_width

REF = datetime(2025, 5, 29, 12, 0, tzinfo=UTC)

PARAGRAPHS = [
    "Le secrétaire d’État américain a rencontré jeudi son homologue russe à Istanbul, une première depuis le début "
    "de la guerre, pour discuter d’un cessez-le-feu que Washington dit vouloir obtenir avant la fin du mois.",
    "Moscou a indiqué préparer un mémorandum sur les conditions d’un cessez-le-feu durable, qu’il transmettrait "
    "prochainement à Kiev, sans préciser de calendrier ni le contenu exact du document remis aux Ukrainiens.",
    "Les diplomates européens, consultés la veille, ont salué la reprise du dialogue tout en appelant à la prudence "
    "face aux annonces successives des deux capitales depuis le début du mois, selon plusieurs sources concordantes.",
    "The council voted on Tuesday evening to keep the old iron bridge open for walkers and cyclists, after a long "
    "debate that lasted well past midnight and left several members visibly exhausted by the end of the session.",
]


@pytest.mark.parametrize("width", [60, 72, 80])
@pytest.mark.parametrize("between", ["\n\n", "\n"])
def test_wrapped_paragraphs_are_one_line_again(width: int, between: str) -> None:
    # Given paragraphs wrapped at a fixed width, blank lines between them or not
    wrapped = between.join(textwrap.fill(p, width) for p in PARAGRAPHS)
    # When reflowed
    lines = [line for line in reflow(wrapped).split("\n") if line]
    # Then every word is kept in order, compound words whole ("cessez-le-feu" broken after a hyphen)
    assert " ".join(lines) == " ".join(PARAGRAPHS)
    # And with blank lines between them, each paragraph is one line
    if between == "\n\n":
        assert lines == PARAGRAPHS


def test_list_items_and_short_lines_stay_lines() -> None:
    # Given a wrapped text holding a list and a short closing line
    items = ["- the first point of the plan, which the mayor presented to the councils", "- the second", "1. a third"]
    assert len(items[0]) == 72  # a full line: only its being a list item keeps the next one apart
    text = "\n".join([*textwrap.fill(" ".join(PARAGRAPHS), 72).split("\n"), *items, "Short line."])
    # When reflowed / Then each list item and the short line are lines of their own
    lines = reflow(text).split("\n")
    assert lines[-4:] == [*items, "Short line."]


def test_a_pages_visible_text_is_not_taken_for_wrapped_text() -> None:
    # Given a page's whole text: menu lines, then paragraphs each on one long line
    page = "\n".join(["Home", "World", "Politics", "Business", "Sport", "Culture", *PARAGRAPHS, "Share this article"])
    # When its width is sought / Then it is not wrapped, and reflowing leaves it as it is
    assert wrap_width(page) is None
    assert reflow(page) == page


def test_a_hard_wrapped_article_keeps_its_body_through_plain_cleaning() -> None:
    # Given an article wrapped at 72 columns under its title and byline
    body = "\n\n".join(textwrap.fill(p, 72) for p in PARAGRAPHS)
    text = f"Rubio et Lavrov se parlent à Istanbul\n\nPar Le Quotidien avec AFP\n\n{body}\n"
    # When cleaned as plain text
    cleaned = clean_plain(text, reference_time=REF)
    # Then the body is the four paragraphs, whole, and the header is read
    assert cleaned.paragraphs == PARAGRAPHS
    assert cleaned.document.title == "Rubio et Lavrov se parlent à Istanbul"
    assert cleaned.document.agencies == ["AFP"]
