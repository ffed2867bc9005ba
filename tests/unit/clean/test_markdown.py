"""Markdown articles: text without markup, metadata from front matter, removals listed."""

from __future__ import annotations

from datetime import UTC, datetime

from article_core.clean.markdown import clean_markdown

REF = datetime(2025, 5, 29, 12, 0, tzinfo=UTC)

ARTICLE = """---
title: "Rubio appelle Moscou"
author: [Marie Dupont, Jean Martin]
date: 2025-05-28T10:00:00+02:00
---

# Rubio appelle Moscou

*Par Le Figaro avec AFP*

Le secrétaire d’État **américain** s’est entretenu avec [Sergueï Lavrov](https://example.com/lavrov) hier.
Il a dit : « bonne foi ».

![Photo de Rubio](rubio.jpg)
<!-- ad slot -->

## Pas opposés à de nouvelles réunions

- premier point avec snake_case_name et 5 * 3
- second _point_ \\*pas emphase\\*

> Une citation importante.

```
code line
```

[1]: https://example.com
Fin &amp; suite &notice.
"""


def test_markdown_article_becomes_plain_paragraphs() -> None:
    # Given a Markdown article with front matter, a title heading, emphasis, links, an image, a comment
    # When cleaned
    cleaned = clean_markdown(ARTICLE, reference_time=REF)
    # Then the paragraphs hold the text only: markup dropped, the subheading kept, link text kept
    assert cleaned.paragraphs == [
        "Le secrétaire d’État américain s’est entretenu avec Sergueï Lavrov hier. Il a dit : « bonne foi ».",
        "Pas opposés à de nouvelles réunions",
        "premier point avec snake_case_name et 5 * 3",
        "second point *pas emphase*",
        "Une citation importante.",
        "code line",
        "Fin & suite &notice.",
    ]


def test_removed_pieces_are_listed_with_a_reason() -> None:
    # Given the same article
    # When cleaned
    cleaned = clean_markdown(ARTICLE, reference_time=REF)
    # Then the front matter, title heading, byline, image, comment and link definition are listed
    reasons = {removed.reason: removed.text for removed in cleaned.removed}
    assert reasons["title"] == "Rubio appelle Moscou"
    assert reasons["byline"] == "Par Le Figaro avec AFP"
    assert reasons["image"] == "Photo de Rubio"
    assert reasons["comment"] == "ad slot"
    assert reasons["link_definition"] == "[1]: https://example.com"
    assert reasons["front_matter"].startswith("--- title:")


def test_front_matter_is_the_metadata() -> None:
    # Given the same article
    # When cleaned
    document = clean_markdown(ARTICLE, reference_time=REF).document
    # Then front matter fields win, and the byline line only fills what is missing
    assert document.title == "Rubio appelle Moscou"
    assert document.authors == ["Marie Dupont", "Jean Martin"]
    assert document.published_at == datetime(2025, 5, 28, 8, tzinfo=UTC)
    assert document.published_at_basis == "metadata"
    assert document.publisher == "Le Figaro"
    assert document.agencies == ["AFP"]
    assert document.field_sources["title"] == "front_matter"
    assert document.field_sources["publisher"] == "text"


def test_setext_title_byline_and_relative_date_without_front_matter() -> None:
    # Given Markdown with a setext title, a byline line and a relative date line
    text = "Title\n=====\n\nBy Jane Doe\n\n2 hours ago\n\nBody text here.\nSecond line same paragraph.\n"
    # When cleaned
    cleaned = clean_markdown(text, reference_time=REF)
    # Then the title comes from the heading and the date is resolved against the reference time
    assert cleaned.paragraphs == ["Body text here. Second line same paragraph."]
    assert cleaned.document.title == "Title"
    assert cleaned.document.field_sources["title"] == "markdown"
    assert cleaned.document.authors == ["Jane Doe"]
    assert cleaned.document.published_at == datetime(2025, 5, 29, 10, tzinfo=UTC)
    assert cleaned.document.published_at_basis == "relative"


def test_short_sentence_at_the_top_is_not_mistaken_for_a_date_line() -> None:
    # Given an article opening with a short sentence mentioning "hier"
    text = "Hier, tout a changé.\n\nLa suite de l'article."
    # When cleaned
    cleaned = clean_markdown(text, reference_time=REF)
    # Then the sentence stays in the body
    assert cleaned.paragraphs == ["Hier, tout a changé.", "La suite de l'article."]


def test_file_without_blank_lines_keeps_one_paragraph_per_line() -> None:
    # Given a file with Markdown markers but one paragraph per line and no blank lines
    text = "# Title\nFirst paragraph with **bold**.\nSecond paragraph.\nThird paragraph.\nFourth one."
    # When cleaned
    cleaned = clean_markdown(text)
    # Then lines are not glued into one paragraph
    assert cleaned.paragraphs == ["First paragraph with bold.", "Second paragraph.", "Third paragraph.", "Fourth one."]


def test_cleaning_is_idempotent_on_its_own_output() -> None:
    # Given the cleaned paragraphs of an article (without backslash escapes, which cleaning
    # resolves into the very characters they protected), written back as Markdown paragraphs
    once = clean_markdown(ARTICLE.replace("\\*", ""), reference_time=REF).paragraphs
    # When cleaned again
    twice = clean_markdown("\n\n".join(once), reference_time=REF).paragraphs
    # Then nothing changes
    assert twice == once


def test_hostile_markup_floods_are_handled() -> None:
    # Given floods of markup characters that bait regular-expression backtracking
    for flood in ("[" * 200_000, "![" * 100_000, "<a " * 100_000, "`a" * 100_000, "<!--" * 50_000, "**a_" * 50_000):
        # When cleaned
        cleaned = clean_markdown(flood)
        # Then it finishes and no text is invented
        assert sum(len(p) for p in cleaned.paragraphs) <= len(flood)
