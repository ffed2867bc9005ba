"""Quotes with speakers: attribution after, before, by pronoun and 'selon'."""

from __future__ import annotations

from article_core.analyze.entities import extract_entities
from article_core.analyze.quotes import extract_quotes


def _quotes(text: str, language: str = "fr") -> list[tuple[str, str | None, str]]:
    quotes = extract_quotes(text, language, extract_entities(text, language))
    return [(q.text, q.speaker, q.kind) for q in quotes]


def test_speaker_after_the_quote_and_pronoun_continuation() -> None:
    # Given two quotes, the second attributed with "a-t-il ajouté"
    text = (
        "«Nous ne sommes pas opposés à de nouvelles réunions», a réagi le ministre ukrainien de la Défense, "
        "Roustem Oumerov. «La partie russe dispose encore de quatre jours pour nous répondre», a-t-il ajouté."
    )
    # When quotes are extracted
    quotes = _quotes(text)
    # Then both are statements by the same person
    assert [(s, k) for _, s, k in quotes] == [("Roustem Oumerov", "statement"), ("Roustem Oumerov", "statement")]


def test_short_quoted_words_are_terms_and_offsets_point_at_the_text() -> None:
    # Given a quoted term with French spacing and a long statement
    text = "Le Kremlin veut négocier « de bonne foi », a affirmé Tammy Bruce dans un communiqué officiel."
    # When quotes are extracted
    quote = extract_quotes(text, "fr", extract_entities(text, "fr"))[0]
    # Then the term carries no speaker and its offset points at its first word
    assert (quote.text, quote.kind, quote.speaker) == ("de bonne foi", "term", None)
    assert text[quote.start :].startswith("de bonne foi")


def test_speaker_before_the_quote_and_selon() -> None:
    # Given a quote introduced by "X a déclaré :" and one attributed with "selon"
    text = (
        "Emmanuel Macron a déclaré : «Nous soutiendrons l'Ukraine aussi longtemps qu'il le faudra.» "
        "«La situation reste très difficile sur le front de l'est», selon Marie Dupont."
    )
    # When quotes are extracted
    quotes = _quotes(text)
    # Then each has its speaker
    assert [s for _, s, _ in quotes] == ["Emmanuel Macron", "Marie Dupont"]


def test_english_said_after_and_he_added() -> None:
    # Given English quotes in curly quotes
    text = (
        "“We are ready to talk to anyone who wants peace,” said John Smith, the envoy. "
        "“But nobody has called us yet,” he added."
    )
    # When quotes are extracted
    quotes = _quotes(text, "en")
    # Then the speaker is found, then carried by "he added"
    assert [s for _, s, _ in quotes] == ["John Smith", "John Smith"]


def test_unattributed_statement_has_no_speaker() -> None:
    # Given a long quote with no one named around it
    text = "Le titre de l'article : «Pas opposés à de nouvelles réunions avec les Russes»"
    # When quotes are extracted
    quotes = _quotes(text)
    # Then it is a statement without speaker
    assert quotes == [("Pas opposés à de nouvelles réunions avec les Russes", None, "statement")]
