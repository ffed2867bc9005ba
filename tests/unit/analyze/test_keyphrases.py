"""Keyphrases: frequent, title-backed, multi-word when the article uses the phrase, without near-duplicates."""

from article_core.analyze.keywords import extract_keywords

ARTICLE = """La fusée Falcon 9 de SpaceX a décollé mardi de Cape Canaveral avec la capsule Dragon.
Falcon 9 emporte la capsule Dragon vers la station spatiale internationale.
La capsule Dragon restera dix-huit jours accrochée à la station. Selon la NASA, le lancement est réussi.
Le lanceur Falcon 9 avait été reporté samedi. Les ingénieurs de SpaceX ont remplacé une valve du lanceur.
Elon Musk a salué le travail des équipes de SpaceX. Musk veut ensuite transporter des astronautes."""


def _texts(title: str | None = None) -> list[str]:
    return [keyword.text for keyword in extract_keywords(ARTICLE, "fr", title=title)]


def test_returns_at_most_ten_scored_keyphrases_best_first() -> None:
    # Given a French article / When keyphrases are extracted / Then up to 10, scores descending from 1
    keywords = extract_keywords(ARTICLE, "fr")
    assert 5 <= len(keywords) <= 10
    scores = [keyword.score for keyword in keywords]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0
    assert all(1 <= len(keyword.text.split()) <= 3 for keyword in keywords)


def test_names_and_repeated_phrases_come_out_whole_without_near_duplicates() -> None:
    # Given "Falcon 9" repeated and once inside "fusée Falcon 9" / When extracted / Then one "Falcon 9" only
    texts = _texts()
    assert "Falcon 9" in texts
    assert "fusée Falcon 9" not in texts and "Falcon" not in texts
    assert "capsule Dragon" in texts
    assert "Elon Musk" in texts and "Musk" not in texts


def test_stop_words_and_reporting_verbs_are_never_keyphrases() -> None:
    # Given an article full of function words / When extracted / Then none of them is a keyphrase
    lowered = {text.lower() for text in _texts()}
    assert not lowered & {"la", "de", "selon", "avait", "été", "mardi", "samedi", "les", "une"}


def test_a_title_word_is_promoted() -> None:
    # Given a title naming the launch / When extracted with it / Then "lancement" ranks higher than without
    without, with_title = _texts(), _texts(title="Lancement réussi pour SpaceX")
    assert "lancement" in with_title
    assert "lancement" not in without or with_title.index("lancement") < without.index("lancement")


def test_english_articles_use_english_stop_words() -> None:
    # Given an English article / When extracted / Then content words lead and stop words are absent
    text = (
        "The central bank raised interest rates on Tuesday. The bank said inflation remained high. "
        "Interest rates have risen five times this year, and the bank expects inflation to fall."
    )
    texts = [keyword.text.lower() for keyword in extract_keywords(text, "en")]
    assert texts[0] in {"bank", "interest rates", "central bank", "inflation"}
    assert "interest rates" in texts
    assert not set(texts) & {"the", "said", "have", "this", "year"}


def test_empty_text_has_no_keyphrases() -> None:
    # Given nothing / When extracted / Then nothing
    assert extract_keywords("", "fr") == []
