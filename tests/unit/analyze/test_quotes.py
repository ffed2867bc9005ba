"""Quotes with speakers: attribution after, before, by pronoun and 'selon'."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from article_core.analyze import quotes
from article_core.analyze.entities import extract_entities
from article_core.analyze.quotes import extract_quotes
from tests.unit.analyze.test_entities import REFERENCE_ARTICLE


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


def test_english_said_name_comma_title_then_an_unattributed_follow_up() -> None:
    # Given a wire quote attributed after it, with the speaker's title, then a second quote in the same paragraph
    text = (
        '"We asked for a fair deal and got nothing," said Dan Whitlock, the union\'s general secretary. '
        '"Our members will not wait another year."'
    )
    # When quotes are extracted
    quotes = _quotes(text, "en")
    # Then both statements are his (the follow-up continues the speaker, as wire copy does)
    assert [(s, k) for _, s, k in quotes] == [("Dan Whitlock", "statement"), ("Dan Whitlock", "statement")]


def test_english_name_then_said_after_the_quote() -> None:
    # Given a quote followed by "Name said"
    text = "“Every cancelled train costs us customers,” Priya Raman said on Monday."
    # When quotes are extracted / Then the name before the verb is the speaker
    assert [s for _, s, _ in _quotes(text, "en")] == ["Priya Raman"]


def test_english_reported_speech_before_a_partial_quote() -> None:
    # Given a minister who "told the BBC that" before a quoted term and a longer quoted statement
    text = (
        'Health Secretary Joanna Pryce told the BBC that she was "deeply frustrated" and that the walkout would '
        '"hurt patients who have done nothing wrong."'
    )
    # When quotes are extracted
    quotes = _quotes(text, "en")
    # Then the short term has no speaker, and the statement is the minister's (not the broadcaster's)
    assert quotes[0] == ("deeply frustrated", None, "term")
    assert quotes[1][1:] == ("Joanna Pryce", "statement")


def test_english_organisation_speaker_and_she_said_continuation() -> None:
    # Given an organisation quoted with no person around, then a person continued by "she said"
    text = (
        "“Services on most routes will run as normal on Friday,” the Harbour Rail Group said in a statement.\n\n"
        "“Hospitality businesses were just getting back on their feet,” said Clara Mendes, chief executive of "
        "Brightwell.\n\n"
        "“Every strike day means cancelled bookings and empty tables,” she said."
    )
    # When quotes are extracted
    quotes = _quotes(text, "en")
    # Then the organisation speaks for itself, and "she said" carries the previous speaker across paragraphs
    assert [s for _, s, _ in quotes] == ["Harbour Rail Group", "Clara Mendes", "Clara Mendes"]


def test_english_according_to_and_a_new_paragraph_without_attribution() -> None:
    # Given a quote attributed with "according to", then an unattributed statement in a new paragraph
    text = (
        "“Prices will keep falling through the summer,” according to Omar Haddad.\n\n"
        "“Nobody expected the figures to be this weak,” one trader added."
    )
    # When quotes are extracted
    quotes = _quotes(text, "en")
    # Then the first is his, and the second is not attributed to him
    assert [s for _, s, _ in quotes] == ["Omar Haddad", None]


def test_reference_article_keeps_exactly_its_four_attributed_statements() -> None:
    # Given the reference French wire article (as cleaned)
    text = REFERENCE_ARTICLE
    # When quotes are extracted
    quotes = _quotes(text)
    # Then exactly four statements carry a speaker, and they are the expected ones, in order
    attributed = [(q[:22], s) for q, s, k in quotes if s is not None]
    assert attributed == [
        ("un dialogue constructi", "Tammy Bruce"),
        ("Notre délégation, diri", "Sergueï Lavrov"),
        ("Nous ne sommes pas opp", "Roustem Oumerov"),
        ("La partie russe dispos", "Roustem Oumerov"),
    ]
    assert {q for q, _, k in quotes if k == "term"} >= {"de bonne foi", "mémorandum", "partenaires turcs"}


def test_a_title_before_the_name_is_not_part_of_the_speaker() -> None:
    # Given "NASA Administrator Jim Bridenstine said" after a quote
    text = "“We are going to the Moon to stay,” NASA Administrator Jim Bridenstine said on Thursday."
    # When quotes are extracted / Then the speaker is the person, not the agency or the whole title
    assert [s for _, s, _ in _quotes(text, "en")] == ["Jim Bridenstine"]


def test_an_apposition_before_the_verb_is_not_the_speaker() -> None:
    # Given "Morrison, Vindman's superior, said" before a quote
    text = (
        "Tim Morrison testified on Tuesday. Morrison, Alexander Vindman's superior, said: "
        "“I was not concerned that anything illegal was discussed.”"
    )
    # When quotes are extracted / Then Morrison speaks, not the man named in the apposition
    assert [s for _, s, _ in _quotes(text, "en")] == ["Tim Morrison"]


def test_a_venue_is_never_a_speaker() -> None:
    # Given a quote said at an arena the tagger took for an organisation
    from article_core.models import Entity

    text = "“We played our best game of the season tonight,” said the coach at the KeyBank Center."
    entities = [Entity(text="KeyBank Center", type="ORG", count=1, variants=["KeyBank Center"])]
    # When quotes are extracted / Then the arena is not the speaker
    assert [q.speaker for q in extract_quotes(text, "en", entities)] == [None]


def test_a_pronoun_in_a_new_paragraph_continues_the_speaker() -> None:
    # Given an attributed quote, then a new paragraph opening with "He added:"
    text = (
        "“The budget is balanced for the first time in a decade,” said Omar Haddad.\n\n"
        "He added: “Nobody should expect new taxes next year, and nobody will get them.”"
    )
    # When quotes are extracted / Then both quotes are his
    assert [s for _, s, _ in _quotes(text, "en")] == ["Omar Haddad", "Omar Haddad"]


def test_a_quotation_over_several_paragraphs_is_one_quote() -> None:
    # Given a quotation whose opening mark is repeated at each paragraph and closed only at the end
    text = (
        "Clara Mendes spoke to the council on Monday.\n\n"
        "“The first thing we lost was the morning trade, and nobody noticed for months.\n\n"
        "“Then the evenings went too, and by winter the street was empty,” Clara Mendes said."
    )
    # When quotes are extracted
    quotes = _quotes(text, "en")
    # Then there is one quote, starting with the first paragraph, with its speaker
    assert len(quotes) == 1
    assert quotes[0][0].startswith("The first thing we lost")
    assert quotes[0][0].endswith("the street was empty,")
    assert quotes[0][1] == "Clara Mendes"


def test_narrative_in_straight_quotes_gives_no_quotes() -> None:
    # Given a file that wraps every narrative paragraph in straight quotes (an export artefact)
    text = "\n\n".join(
        [
            '"The council met on Monday evening to discuss the new budget for the coming year."',
            '"Several members raised concerns about the cost of repairing the old bridge over the river."',
            '"The mayor said a decision would be taken at the next meeting, after a public consultation."',
            '"Residents will be able to send their comments by post or online until the end of the month."',
        ]
    )
    # When quotes are extracted / Then nothing is reported as a quote
    assert _quotes(text, "en") == []


# The quote pattern as first written: lazy, trying the closing mark after every character.
_LAZY_QUOTE = re.compile(
    r"«\s*(?P<fr>(?:[^«»\n]|\n\s*«)+?)\s*»|“(?P<en>(?:[^“”\n]|\n\s*“)+?)”"
    r"|\"(?P<straight>(?:[^\"\n]|\n\s*\")+?)\""
)
_QUOTE_PIECES = st.sampled_from(["«", "»", "“", "”", '"', "\n", " ", "\t", "\u00a0", "a", "b.", "\n «", "\n“", '\n"'])


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str | None, str | None, str]]:
    return [
        (m.span(), m.group("en"), m.group("straight"), (m.group("fr") or "").strip()) for m in pattern.finditer(text)
    ]


@given(st.lists(_QUOTE_PIECES, max_size=30))
@settings(max_examples=2000, deadline=None)
def test_the_possessive_quote_pattern_finds_what_the_lazy_one_finds(pieces: list[str]) -> None:
    """Given text dense with quote marks of every kind, line breaks and white space,
    when quotes are found with the possessive pattern,
    then they are those the lazy pattern finds (spans and groups; the French text up to white space at its ends)."""
    text = "".join(pieces)
    assert _found(quotes._QUOTE, text) == _found(_LAZY_QUOTE, text)


# The verbs of saying as first written: one choice per verb.
_LISTED_SPEECH = re.compile(
    r"(?<!\w)(?:(?:a|ont|avait|aurait|est|sont|has|had|have)\s+)?(?:-t-)?"
    r"(?:(?:affirm|déclar|annonc|ajout|expliqu|indiqu|précis|soulign|estim|répond|répliqu|réag|assur|insist|"
    r"prév|rappel|poursui|martel|confi|écri|tweet|dénonc|regrett|promi|concéd|admi[st]|averti|racont|comment|"
    r"ironis|fustig|lâch|plaid|reconn|insist|jug)\w*|dit|dits|dite|noté"
    r"|said|says|say|saying|told|tells|tell|telling|added|adds|adding|stated|wrote|writes|explained|noted|warned|"
    r"insisted|insisting|argued|continued|declared|announced|claimed|stressed|urged|asked|replied|responded|"
    r"acknowledged|admitted|tweeted|posted|commented|remarked|recalled|conceded|cautioned|predicted|according)(?!\w)",
    re.I,
)
_SPEECH_PIECES = st.sampled_from(
    [
        "a", "A", "ont", "avait", "aurait", "est", "sont", "has", "had", "have", "-t-", "dit", "dits", "Dite", "noté",
        "say", "SAID", "saying", "tell", "told", "according", "affirm", "Déclaré", "admis", "admit", "insistait",
        "jug", "répliqu", "ed", "s", "ing", "é", "x", " ", "  ", "\n", "-", "’", ",", "ſaid", "K",
    ]
)  # fmt: skip


@given(st.lists(_SPEECH_PIECES, max_size=25))
@settings(max_examples=3000, deadline=None)
def test_the_verb_tree_finds_what_the_list_of_verbs_finds(pieces: list[str]) -> None:
    """Given text dense with auxiliaries, verbs of saying, their prefixes and endings, in any case,
    when verbs of saying are searched with the letter-tree pattern,
    then each is found where the list of verbs finds it, with the same extent."""
    text = "".join(pieces)
    assert [m.span() for m in quotes._SPEECH.finditer(text)] == [m.span() for m in _LISTED_SPEECH.finditer(text)]
