"""Ad markers glued to a paragraph's end: found whatever letter the marker ends with, and only after a sentence."""

from __future__ import annotations

import pytest

from article_core.clean.boilerplate import split_markers


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("The storm hit the coast.Advertisement", "Advertisement"),
        ("La mesure est prise.Publicité", "Publicité"),
        ("La mesure est prise.PUBLICITÉ", "PUBLICITÉ"),
        ("La mesure est prise.Publicite", "Publicite"),
        ("Voters went to the polls.Skip Ad", "Skip Ad"),
        ("Voters went to the polls. Story continues below", "Story continues below"),
        ("Voters went to the polls. Continue reading the main story", "Continue reading the main story"),
        ("Voters went to the polls. Article continues after this", "Article continues after this"),
        ("Le texte a été voté.Annonce", "Annonce"),
        ("The storm hit the coast.Advertisement\n", "Advertisement"),
    ],
)
def test_a_marker_glued_after_the_last_sentence_is_cut(line: str, marker: str) -> None:
    # Given a paragraph that ends with an ad marker, When markers are split off
    text, markers = split_markers(line)
    # Then the marker is removed and named
    assert markers == [marker]
    assert marker not in text


_PROSE = ["He bought the advertisement", "The storm hit the coast.", "Il a publié une annonce.", "Voté. Annonce"]


@pytest.mark.parametrize("line", _PROSE)
def test_prose_keeps_its_last_words(line: str) -> None:
    # Given a line that ends with prose (or mentions a marker word inside a sentence), Then nothing is cut
    assert split_markers(line) == (line, [])
