"""Extractive summary: whole sentences from the article, in article order."""

from hypothesis import given, settings
from hypothesis import strategies as st

from article_core.analyze import summary
from article_core.analyze.sentences import split_sentences
from article_core.analyze.summary import summarise

TEXT = (
    "Le gouvernement a présenté mercredi un plan pour les hôpitaux publics du pays. "
    "Il prévoit deux milliards d'euros pour recruter des infirmières dans les hôpitaux. "
    "Photo AFP. "
    "Les syndicats jugent le plan des hôpitaux insuffisant et appellent à manifester jeudi. "
    "La météo sera clémente en fin de semaine sur toute la moitié nord du pays. "
    "Le ministre défendra le plan pour les hôpitaux devant les députés la semaine prochaine. "
    "Un match de football a eu lieu hier soir dans la capitale devant peu de spectateurs."
)


def test_summary_is_two_or_three_whole_sentences_in_article_order() -> None:
    # Given an article of seven sentences / When summarised / Then 3 of its sentences, verbatim and in order
    spans = split_sentences(TEXT)
    summary = summarise(TEXT, spans, [("hôpitaux", 1.0), ("plan", 0.8)])
    assert 2 <= len(summary) <= 3
    originals = [TEXT[start:end] for start, end in spans]
    assert all(sentence in originals for sentence in summary)
    assert [originals.index(s) for s in summary] == sorted(originals.index(s) for s in summary)
    assert "Photo AFP." not in summary
    assert all(sentence.endswith(".") for sentence in summary)


def test_summary_prefers_sentences_about_the_keyphrases() -> None:
    # Given keyphrases about hospitals / When summarised / Then the weather and football sentences are left out
    summary = summarise(TEXT, split_sentences(TEXT), [("hôpitaux", 1.0), ("plan", 0.8)])
    assert not any("météo" in sentence or "football" in sentence for sentence in summary)


def test_short_text_gives_its_first_sentence() -> None:
    # Given a heading-like text with no full sentence / When summarised / Then the text itself
    text = "Brève"
    assert summarise(text, split_sentences(text), []) == ["Brève"]


def test_summary_sentences_lose_a_leading_dateline_or_dash() -> None:
    # Given wire sentences opening with a dateline, a dash or an em dash
    text = (
        "LONDON, Nov 18 (Reuters) - The Bank of England kept its main interest rate unchanged on Thursday.\n"
        "- Prévu initialement pour samedi dernier, le lancement de la fusée a été reporté à mardi matin.\n"
        "— The central bank said inflation would fall back towards its target next year."
    )
    # When summarised
    summary = summarise(text, split_sentences(text), [("rate", 1.0)])
    # Then every sentence starts with its first word
    assert summary[0].startswith("The Bank of England kept")
    assert all(not s.startswith(("-", "—", "–", "LONDON")) for s in summary)


def test_summary_skips_fragments_and_near_duplicates() -> None:
    # Given a lowercase fragment left by a split, a piece of a quotation, and the lead repeated almost verbatim
    text = (
        "The council approved the new budget for the city hospitals on Monday evening.\n"
        "and then the members of the council voted again on the hospitals budget.\n"
        "The mayor said the hospitals budget was » the best we could do for the city this year.\n"
        "The council approved the new budget for the city hospitals on Monday night.\n"
        "Nurses welcomed the budget but said the hospitals still needed more staff."
    )
    # When summarised
    summary = summarise(text, split_sentences(text), [("hospitals", 1.0), ("budget", 0.8)])
    # Then only full sentences remain, and the repeated lead appears once
    assert summary == [
        "The council approved the new budget for the city hospitals on Monday evening.",
        "Nurses welcomed the budget but said the hospitals still needed more staff.",
    ]


def test_a_sentences_word_set_is_that_of_its_lowercase_words() -> None:
    # Given sentences, with "İ" (two characters lowercased) and "Σ" (lowercased by its neighbours) among them
    from article_core.analyze.summary import _word_set
    from article_core.analyze.tokens import words

    for sentence in ("L’Ukraine s’est dite prête à Istanbul.", "İstanbul a dit oui.", "ΟΔΟΣ.ΑΒΓ Σ dit non."):
        # When its word set is taken from its words / Then it is the set of its lowercase text's words
        assert _word_set(sentence, " ".join(words(sentence)).lower()) == set(words(sentence.lower()))


def _strip_dateline_before(sentence: str) -> str:
    """The stripping as it was, every pattern run on every sentence."""
    sentence = summary._DATELINE.sub("", summary._LEADING_DASH.sub("", sentence.strip())).strip()
    return summary._LEADING_DASH.sub("", sentence).strip()


_DATELINE_PIECES = st.sampled_from(
    [
        "PARIS",
        " ",
        "(AFP)",
        "22 mai 2012",
        "1er juin 2020. ",
        "LONDON, Nov 18 (Reuters)",
        "(",
        ")",
        "-",
        "—",
        "–",
        "•",
        "*",
        "22",
        "1er",
        "mai",
        "2012",
        ".",
        ",",
        "Le",
        "x",
        "\n",
        "３",
    ]
)


@given(st.lists(_DATELINE_PIECES, max_size=14))
@settings(max_examples=1500, deadline=None)
def test_dateline_stripping_that_skips_hopeless_patterns_strips_the_same(pieces: list[str]) -> None:
    """Given sentences built of dateline pieces (capitals, agencies in brackets, days, years, dashes, bullets),
    when stripped of a leading dash and dateline,
    then the result is that of running every pattern on every sentence."""
    sentence = "".join(pieces)
    assert summary._strip_dateline(sentence) == _strip_dateline_before(sentence)


def test_datelines_of_both_kinds_and_bullets_are_stripped() -> None:
    # Given a day-first dateline, a wire dateline and a bulleted sentence / When stripped / Then the sentence is left
    assert summary._strip_dateline("22 mai 2012. - Le texte suit.") == "Le texte suit."
    assert summary._strip_dateline("LONDON, Nov 18 (Reuters) — The text.") == "The text."
    assert summary._strip_dateline("• — The text.") == "The text."
