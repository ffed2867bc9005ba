"""Hard-wrapped plain text: its paragraphs one line each again, and text that is not wrapped left as it is."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime

import pytest

from article_core.clean import clean
from article_core.clean.reflow import reflow, wrap_width
from article_core.decode import decode

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


def test_a_first_line_indent_opens_a_paragraph_after_a_full_line() -> None:
    # Given paragraphs told apart only by a first-line indent, the first one ending on a full line
    first = PARAGRAPHS[0]
    while len(textwrap.fill(first, 72, initial_indent="    ").split("\n")[-1]) < 70:
        first += " x"  # one word at a time: the last line fills up to the width, then wraps
    paragraphs = [first, *PARAGRAPHS[1:]]
    text = "\n".join(textwrap.fill(p, 72, initial_indent="    ") for p in paragraphs)
    # When reflowed / Then each paragraph is one line: the indent, not the line's length, marks the break
    assert reflow(text).split("\n") == paragraphs


def test_a_pages_visible_text_is_not_taken_for_wrapped_text() -> None:
    # Given a page's whole text: menu lines, then paragraphs each on one long line
    page = "\n".join(["Home", "World", "Politics", "Business", "Sport", "Culture", *PARAGRAPHS, "Share this article"])
    # When its width is sought / Then it is not wrapped, and reflowing leaves it as it is
    assert wrap_width(page) is None
    assert reflow(page) == page


@pytest.mark.parametrize(("between", "indent"), [("\n\n", ""), ("\n", "    ")])
def test_a_hard_wrapped_article_keeps_its_body_through_plain_cleaning(between: str, indent: str) -> None:
    # Given an article wrapped at 72 columns under its title and byline, its paragraphs apart by a blank line or
    # by a first-line indent
    body = between.join(textwrap.fill(p, 72, initial_indent=indent) for p in PARAGRAPHS)
    text = f"Rubio et Lavrov se parlent à Istanbul\n\nPar Le Quotidien avec AFP\n\n{body}\n"
    # When cleaned as a plain-text file
    cleaned = clean(decode(text.encode(), name="story.txt"), reference_time=REF)
    # Then the body is the four paragraphs, whole, and the header is read
    assert cleaned.paragraphs == PARAGRAPHS
    assert cleaned.document.title == "Rubio et Lavrov se parlent à Istanbul"
    assert cleaned.document.agencies == ["AFP"]
