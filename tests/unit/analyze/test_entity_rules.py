"""The article rules after the tagger, first on spans given by hand (whatever the model says), then end to end."""

from __future__ import annotations

from article_core.analyze.entities import tag_mentions
from article_core.analyze.entity_lexicon import load_lexicon
from article_core.analyze.entity_rules import PostRules
from article_core.analyze.entity_tagger import Span
from article_core.analyze.entity_tokens import tokenize


def _apply(text: str, spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Run the rules on `text` with the tagger's output given as (surface, type), in the order they occur."""
    tokens = tokenize(text)
    given: list[Span] = []
    position = 0
    for surface, kind in spans:
        start = text.index(surface, position)
        position = start + len(surface)
        first = tokens.start.index(start)
        last = next(i for i in range(len(tokens)) if tokens.end(i) == start + len(surface))
        given.append((first, last + 1, kind))
    rules = PostRules(text, tokens, load_lexicon())
    return [(text[tokens.start[s] : tokens.end(e - 1)], kind) for s, e, kind in rules.apply(sorted(given))]


def _mentions(text: str, language: str = "en") -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in tag_mentions(text, language)}


def test_a_name_after_a_title_is_a_person_whatever_the_tagger_said() -> None:
    # Given the tagger typed the name after "Mayor" as a place
    found = _apply("Mayor Linda Park opened the new library.", [("Linda Park", "LOC")])
    # Then the title makes it a person
    assert found == [("Linda Park", "PER")]


def test_a_title_inside_a_span_separates_the_organisation_from_the_person() -> None:
    # Given the tagger took "NASA Administrator Jim Bridenstine" as one organisation
    found = _apply(
        "NASA Administrator Jim Bridenstine said the launch would go ahead.",
        [("NASA Administrator Jim Bridenstine", "ORG")],
    )
    # Then the organisation and the person are two mentions, without the title
    assert found == [("NASA", "ORG"), ("Jim Bridenstine", "PER")]


def test_a_role_after_a_comma_makes_a_person() -> None:
    # Given a name typed as a place, followed by ", the mayor,"
    found = _apply("Linda Park, the mayor, opened the library.", [("Linda Park", "LOC")])
    # Then it is a person
    assert found == [("Linda Park", "PER")]


def test_a_name_that_speaks_is_not_an_unknown_place() -> None:
    # Given unknown names typed as places that then speak ("X said"), one with a given name
    text = "KeyBank Center said the game was off. Fiona Hill said she agreed."
    found = _apply(text, [("KeyBank Center", "LOC"), ("Fiona Hill", "LOC")])
    # Then the one with a given name is a person and the other an organisation
    assert found == [("KeyBank Center", "ORG"), ("Fiona Hill", "PER")]


def test_a_known_place_that_speaks_stays_a_place() -> None:
    # Given a country "saying" something (its government, by metonymy, as the corpora annotate it)
    found = _apply("Russia said on Monday it would respond.", [("Russia", "LOC")])
    # Then it stays a place
    assert found == [("Russia", "LOC")]


def test_a_surname_alone_is_the_person_named_in_full_elsewhere() -> None:
    # Given a full name, then the surname alone, once mistyped and once missed by the tagger
    text = "Le ministre Sergueï Lavrov a parlé. Lavrov a répondu, puis Moscou a salué Lavrov."
    found = _apply(text, [("Sergueï Lavrov", "PER"), ("Lavrov", "ORG"), ("Moscou", "LOC")])
    # Then every "Lavrov" is the person
    assert found == [("Sergueï Lavrov", "PER"), ("Lavrov", "PER"), ("Moscou", "LOC"), ("Lavrov", "PER")]


def test_a_parenthesised_given_name_joins_the_surname() -> None:
    # Given "(Vladimir) Medinski" with the surname tagged alone
    found = _apply("La délégation, dirigée par (Vladimir) Medinski, est prête.", [("Medinski", "PER")])
    # Then the mention includes the given name in parentheses
    assert found == [("(Vladimir) Medinski", "PER")]


def test_a_wire_dateline_in_capitals_is_a_place() -> None:
    # Given a dateline the tagger typed as an organisation
    found = _apply("KRAMATORSK, Ukraine (Reuters) - Shelling resumed.", [("KRAMATORSK", "ORG"), ("Reuters", "ORG")])
    # Then the capitals are a place
    assert ("KRAMATORSK", "LOC") in found


def test_mayor_linda_park_is_a_person() -> None:
    # Given the sentence a reader flagged (the rules typed it LOC)
    mentions = _mentions("Mayor Linda Park said the city would rebuild the bridge.")
    # Then the mayor is a person
    assert ("Linda Park", "PER") in mentions


def test_nasa_administrator_is_a_person_of_an_organisation() -> None:
    # Given a title between an organisation and a person
    mentions = _mentions("NASA Administrator Jim Bridenstine said the agency would return to the Moon.")
    # Then the person and the organisation are both found, and the title is in neither
    assert {("Jim Bridenstine", "PER"), ("NASA", "ORG")} <= mentions


def test_sports_clubs_and_towns_named_like_people() -> None:
    # Given a football club named after its city and a town with a two-word name
    club = _mentions("Manchester United beat Chelsea 2-1 on Sunday.")
    town = _mentions("The start-up has its offices in Palo Alto, near the university.")
    # Then the club is an organisation and the town a place, neither a person
    assert ("Manchester United", "ORG") in club
    assert ("Palo Alto", "LOC") in town


def test_entities_in_an_all_caps_headline() -> None:
    # Given headlines in capitals, as wire copy and sports tables print them
    sports = _mentions("SOCCER - GERMANY BEAT FRANCE IN PARIS")
    politics = _mentions("BREAKING: PRESIDENT OBAMA VISITS LONDON")
    # Then the places and the person are found, and the section word "SOCCER" is not a place
    assert sports == {("GERMANY", "LOC"), ("FRANCE", "LOC"), ("PARIS", "LOC")}
    assert politics == {("OBAMA", "PER"), ("LONDON", "LOC")}


def test_companies_and_teams_reported_as_people_or_places_are_organisations() -> None:
    # Given a platform that speaks and two sports teams named with an article
    mentions = _mentions("Instagram said it would remove the posts. The Wild beat the Sabres on Tuesday.")
    # Then all three are organisations
    assert {("Instagram", "ORG"), ("Wild", "ORG"), ("Sabres", "ORG")} <= mentions
