"""Ad markers glued to a paragraph's end: found whatever letter the marker ends with, and only after a sentence.
Known phrases: the substring shortcut gives the reason searching every pattern gives."""

from __future__ import annotations

import re

import pytest

from article_core.clean.boilerplate import MAX_PHRASE_LINE_WORDS, phrase_patterns, phrase_reason, split_markers


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


def _every_pattern_reason(line: str) -> str | None:
    """phrase_reason without its shortcuts: every pattern searched in file order."""
    words = len(re.findall(r"\w+", line))
    if words > 90:
        return None
    stripped = line.strip(" \t|:>›»-–—•·")
    for reason, pattern in phrase_patterns():
        if (words <= MAX_PHRASE_LINE_WORDS or reason == "cookie_notice") and pattern.search(stripped):
            return reason
    return None


LONG = " ".join(["the minister said that the talks would resume"] * 5)


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to improve your experience. Accept",
        "Nous utilisons des COOKIES pour mesurer l'audience, en poursuivant vous acceptez",
        "Ce site utilise des coo\u212aies (Kelvin sign) : accept",  # "K" matches "k" case-insensitively
        f"{LONG} and cookies we use to accept",
        f"{LONG} and the Cookie Policy applies",
        f"{LONG} without the word",
        "Lire aussi : la réforme",
        "Cook the books, by continuing",
    ],
)
def test_phrase_shortcuts_give_the_reason_every_pattern_gives(line: str) -> None:
    # Given a line, short or paragraph-long, with or without a phrase a pattern's needle stands for
    # When its boilerplate reason is asked for
    # Then it is the one searching every pattern gives
    assert phrase_reason(line) == _every_pattern_reason(line)
