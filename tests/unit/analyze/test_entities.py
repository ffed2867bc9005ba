"""Named entities: the rule tagger on short French and English news passages."""

from __future__ import annotations

from article_core.analyze.entities import extract_entities, tag_mentions


def _by_text(text: str, language: str = "fr") -> dict[str, str]:
    return {e.text: e.type for e in extract_entities(text, language)}


def test_people_places_and_no_sentence_initial_common_words() -> None:
    # Given French wire copy whose sentences open with capitalised common words
    text = (
        "Le président américain Donald Trump a parlé mercredi avec Vladimir Poutine.\n\n"
        "Vendredi, les délégations se retrouveront à Istanbul, en Turquie. Ces échanges ont été préparés à Moscou."
    )
    # When entities are extracted
    found = _by_text(text)
    # Then people and places are typed, and "Le", "Vendredi", "Ces" are not entities
    assert found["Donald Trump"] == "PER"
    assert found["Vladimir Poutine"] == "PER"
    assert found["Istanbul"] == "LOC"
    assert found["Turquie"] == "LOC"
    assert found["Moscou"] == "LOC"
    assert not {"Le", "Vendredi", "Ces", "Le président"} & found.keys()


def test_surname_and_parenthesised_given_name_merge_into_one_person() -> None:
    # Given a person named in full, then by surname, and one written "(Vladimir) Medinski"
    text = (
        "Le ministre Sergueï Lavrov a parlé. Lavrov a ensuite rencontré la délégation dirigée par (Vladimir) Medinski. "
        "Vladimir Medinski a répondu."
    )
    # When entities are extracted
    entities = {e.text: e for e in extract_entities(text, "fr")}
    # Then each is one entity with its count and its variants as written
    assert entities["Sergueï Lavrov"].count == 2
    assert set(entities["Sergueï Lavrov"].variants) == {"Sergueï Lavrov", "Lavrov"}
    assert "Lavrov" not in entities
    assert entities["Vladimir Medinski"].variants[0] == "(Vladimir) Medinski"
    assert entities["Vladimir Medinski"].start == text.index("(Vladimir)")


def test_capitalised_nouns_after_an_article_are_not_people() -> None:
    # Given a minister's title with capitalised ministry names
    text = "Le ministre ukrainien de la Défense, Roustem Oumerov, a parlé au ministère des Affaires étrangères."
    # When entities are extracted
    found = _by_text(text)
    # Then the person is found and the ministry words are not people
    assert found.get("Roustem Oumerov") == "PER"
    assert found.get("Défense") != "PER"
    assert found.get("Affaires") != "PER"


def test_organisations_from_cue_words_and_particles_inside_names() -> None:
    # Given organisation names and a name with a particle
    text = "Il a rejoint la Ligue nationale de hockey puis Acme Corp, selon Charles de Gaulle, à Paris."
    # When mentions are tagged
    mentions = {(m.text, m.type) for m in tag_mentions(text, "fr")}
    # Then each is one span of the right type
    assert ("Ligue nationale de hockey", "ORG") in mentions
    assert ("Acme Corp", "ORG") in mentions
    assert ("Charles de Gaulle", "PER") in mentions
    assert ("Paris", "LOC") in mentions


def test_english_titles_and_places() -> None:
    # Given English news text
    text = (
        "The talks in London were led by President Joe Biden. "
        "However, Biden said Germany and the University of Oxford agreed."
    )
    # When entities are extracted
    found = _by_text(text, "en")
    # Then people, places and organisations are found, sentence openers are not
    assert found["Joe Biden"] == "PER"
    assert found["London"] == "LOC"
    assert found["Germany"] == "LOC"
    assert found["University of Oxford"] == "ORG"
    assert not {"The", "However"} & found.keys()
