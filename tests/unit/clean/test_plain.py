"""Plain-text cleaning: the body out of a page's whole text, every removal explained."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_core.clean import plain
from article_core.clean.plain import clean_plain

REF = datetime(2025, 5, 29, 12, 0, tzinfo=UTC)

FR_PARAGRAPHS = [
    "Le ministre a annoncé mercredi une réforme des retraites qui doit entrer en vigueur dès le mois de janvier.",
    "Passer la publicité Passer la publicitéSelon le gouvernement, la mesure concerne près de deux millions de "
    "personnes et sera financée par une hausse des cotisations.",
    "Les syndicats ont aussitôt dénoncé un texte qu'ils jugent injuste et ont appelé à une journée de grève.",
    "«Une réforme attendue»",
    "«Nous avons entendu les inquiétudes, mais le statu quo n'est plus possible», a déclaré le ministre devant les "
    "députés, avant de quitter l'hémicycle sous les huées de l'opposition.",
]
FR_PAGE = "\n".join(
    [
        "ACHETEZ MAINTENANT LES MEILLEURS PRODUITS DE LA SAISON À PRIX CASSÉS Publicité par Annonceur",
        "Accueil",
        "Politique",
        "Économie",
        "Par Le Quotidien avec AFP",
        "Il y a 3 heures",
        *FR_PARAGRAPHS,
        "Partager",
        "Facebook",
        "Twitter",
        "Lire aussi : La réforme de l'assurance chômage adoptée",
        "Nous utilisons des cookies pour améliorer votre expérience. En poursuivant, vous acceptez leur usage.",
        "© 2025 Le Quotidien. Tous droits réservés.",
    ]
)

EN_PAGE = "\n".join(
    [
        "City council approves new transit plan - The Daily Planet",
        "Skip to content",
        "Home",
        "News",
        "Sports",
        "City council approves new transit plan",
        "By Jane Doe, Reuters",
        "Updated May 28, 2025",
        "The city council voted on Tuesday to approve a new transit plan that will add three bus lines by next year.",
        "Supporters said the plan would cut commuting times for thousands of residents in the eastern districts.",
        "Advertisement",
        "Opponents argued that the cost, estimated at $40 million, had not been explained to taxpayers at all.",
        "The mayor is expected to sign the measure into law next week, according to a spokesperson for her office.",
        "Sign up for our daily newsletter",
        "Related Articles",
        "Mayor unveils budget proposal",
        "Bus drivers vote to strike",
        "12 Comments",
        "Privacy Policy",
    ]
)


def test_reference_like_french_page_keeps_body_and_explains_removals() -> None:
    # Given a French wire page with an ad line, a byline, a relative time and glued ad markers
    # When it is cleaned
    cleaned = clean_plain(FR_PAGE, reference_time=REF)
    # Then the body is the five paragraphs, the glued markers cut out and the subheading kept
    assert cleaned.paragraphs[0].startswith("Le ministre a annoncé")
    assert cleaned.paragraphs[1].startswith("Selon le gouvernement")
    assert "«Une réforme attendue»" in cleaned.paragraphs
    assert len(cleaned.paragraphs) == 5
    reasons = [(r.reason, r.text) for r in cleaned.removed]
    assert [t for r, t in reasons if t == "Passer la publicité"] == ["Passer la publicité"] * 2
    assert ("advertisement", FR_PAGE.split("\n")[0]) in reasons
    assert {"byline", "dateline", "share_prompt", "related_links", "cookie_notice", "footer"} <= {r for r, _ in reasons}


def test_french_byline_gives_publisher_agency_and_relative_time() -> None:
    # Given the same page and an S3 event time
    # When it is cleaned
    doc = clean_plain(FR_PAGE, reference_time=REF).document
    # Then the metadata comes from the text, and the relative time resolves against the event time
    assert doc.byline == "Par Le Quotidien avec AFP"
    assert doc.publisher == "Le Quotidien"
    assert doc.agencies == ["AFP"]
    assert doc.authors == []
    assert doc.published_at == REF - timedelta(hours=3)
    assert doc.published_at_basis == "relative"
    assert doc.field_sources["published_at"] == "relative"
    assert doc.kind == "article"


def test_english_page_metadata_and_body() -> None:
    # Given an English page with a title repeated as a heading, a byline, an update date and an inline ad
    # When it is cleaned
    cleaned = clean_plain(EN_PAGE, reference_time=REF)
    doc = cleaned.document
    # Then title, author, agency and modification time are read, and the body is the four paragraphs
    assert doc.title == "City council approves new transit plan"
    assert doc.authors == ["Jane Doe"]
    assert doc.agencies == ["Reuters"]
    assert doc.modified_at == date(2025, 5, 28)  # a date without a zone stays a date
    assert len(cleaned.paragraphs) == 4
    assert "Advertisement" not in cleaned.paragraphs
    assert ("title", "City council approves new transit plan") in [(r.reason, r.text) for r in cleaned.removed]


def test_comment_section_is_not_body() -> None:
    # Given an article followed by a comment section written in full sentences
    page = EN_PAGE.replace("12 Comments", "12 Comments\nJoe\nI think this plan is a complete waste of money and time.")
    # When it is cleaned
    cleaned = clean_plain(page, reference_time=REF)
    # Then the comments are removed, with the reason
    assert not any("waste of money" in p for p in cleaned.paragraphs)
    assert any(r.reason == "comments" and "waste of money" in r.text for r in cleaned.removed)


def test_menu_only_text_is_kept_rather_than_emptied() -> None:
    # Given a text with no prose at all (nothing is surely boilerplate either)
    text = "Apples\nPears\nPlums"
    # When it is cleaned
    cleaned = clean_plain(text, reference_time=None)
    # Then the text is kept and the document says it is not sure this is an article
    assert cleaned.paragraphs == ["Apples", "Pears", "Plums"]
    assert cleaned.document.kind == "unknown"


def test_cookie_wall_is_recognised() -> None:
    # Given a consent wall and nothing else
    text = "Nous utilisons des cookies pour personnaliser le contenu. En poursuivant, vous acceptez.\nAccepter\nRefuser"
    # When it is cleaned
    cleaned = clean_plain(text, reference_time=REF)
    # Then the kind says so and the body is not passed off as an article
    assert cleaned.document.kind == "consent_wall"
    assert cleaned.paragraphs


def test_future_date_is_not_believed() -> None:
    # Given a dateline after the event time
    page = EN_PAGE.replace("Updated May 28, 2025", "Published June 30, 2025")
    # When it is cleaned
    doc = clean_plain(page, reference_time=REF).document
    # Then there is no publication time rather than a wrong one
    assert doc.published_at is None
    assert doc.published_at_basis == "none"


_LINES = st.sampled_from(
    [
        *FR_PAGE.split("\n"),
        *EN_PAGE.split("\n"),
        "Publicité",
        "Advertisement",
        "Skip AdvertisementThe storm made landfall overnight, forcing thousands of families to leave their homes.",
        "",
        "x",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=30))
def test_cleaning_is_idempotent_and_never_invents_text(lines: list[str]) -> None:
    # Given any mix of article lines and boilerplate
    text = "\n".join(lines)
    # When it is cleaned, and the cleaned text cleaned again
    once = clean_plain(text, reference_time=REF)
    twice = clean_plain("\n".join(once.paragraphs), reference_time=REF)
    # Then the second pass changes nothing, every paragraph comes from the input (markers aside),
    # and a text holding an article paragraph never comes back empty
    assert twice.paragraphs == once.paragraphs
    for paragraph in once.paragraphs:
        assert paragraph in text
    if any(line in FR_PARAGRAPHS[2:] for line in lines):
        assert once.paragraphs


def test_paywall_teaser_is_recognised() -> None:
    # Given a short teaser followed by a subscription prompt
    text = (
        "Le gouvernement a présenté mercredi un plan d'économies qui doit rapporter dix milliards d'euros.\n"
        "Il vous reste 85% de cet article à lire. La suite est réservée aux abonnés.\n"
        "Déjà abonné ? Se connecter"
    )
    # When it is cleaned
    cleaned = clean_plain(text, reference_time=REF)
    # Then the kind says paywall, the teaser is kept and the prompt is listed as removed
    assert cleaned.document.kind == "paywall"
    assert cleaned.paragraphs[0].startswith("Le gouvernement")
    assert any(r.reason == "paywall" for r in cleaned.removed)


WIKINEWS_BODY = (
    "Le gouvernement a annoncé mardi un plan de relance de plusieurs milliards pour les entreprises du secteur.\n"
    "Les syndicats ont salué une mesure attendue depuis longtemps, tout en demandant des garanties sur l'emploi.\n"
)


def test_a_headline_containing_a_date_is_the_title_not_a_dateline() -> None:
    # Given a plain-text file whose first line is a headline with a date in it
    text = "Élections du 22 mai 2012 : les résultats définitifs\n" + WIKINEWS_BODY
    # When cleaned
    doc = clean_plain(text, reference_time=None).document
    # Then the line is the title and no publication date is made up from it
    assert doc.title == "Élections du 22 mai 2012 : les résultats définitifs"
    assert doc.published_at is None


def test_a_wikinews_dateline_opening_the_story_is_the_publication_day() -> None:
    # Given a WikiNews story: headline, then a paragraph opening with "26 juin 2012. -"
    text = "France : le SMIC augmentera de 2 %\n\n26 juin 2012. - " + WIKINEWS_BODY
    # When cleaned
    doc = clean_plain(text, reference_time=None).document
    # Then the headline is the title and the dateline's day the publication, from the text
    assert doc.title == "France : le SMIC augmentera de 2 %"
    assert (doc.published_at, doc.published_at_basis) == (date(2012, 6, 26), "text")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["par", "PAR", "By", "bY", "p", "ar", " ", "\t", "\u00a0", "\n", "x", "é", "-", "(", "_"]))
)
def test_the_signed_line_check_never_misses_a_line_the_signature_pattern_matches(pieces: list[str]) -> None:
    # Given a line built from pieces of "par"/"by" endings, spaces and word characters
    # When the cheap end-of-line check says no / Then the signature pattern it stands in front of finds nothing either
    import re

    from article_core.clean.plain import _may_end_signed

    text = "".join(pieces)
    if re.search(r"\b(?:par|by)\s+\S+$", text, re.I):
        assert _may_end_signed(text)
    assert _may_end_signed("ACHETEZ MAINTENANT Publicité par Annonceur")
    assert not _may_end_signed("Publicité par Annonceur du jour")


@given(
    st.lists(
        st.sampled_from(["mot", "«", "»", ",", ".", "'", "-", "_", "a_", "_b", " ", "\u00a0", "\t", "3", "²", "é"]),
        max_size=30,
    ),
    st.text(max_size=20),
)
@settings(max_examples=600, deadline=None)
def test_line_words_chunk_by_chunk_are_the_patterns_words(pieces: list[str], noise: str) -> None:
    """Given a line with words glued to punctuation and underscores (word characters for this pattern) on either side,
    when its words are read chunk by chunk,
    then they are what `\\w+` finds in the whole line."""
    line = "".join(pieces) + noise
    assert plain._words(line) == plain._WORD.findall(line)


HI_PARAGRAPHS = [
    "प्रधानमंत्री ने बुधवार को दिल्ली में एक नई योजना की घोषणा की, जिससे देश के लाखों किसानों को सीधा लाभ मिलेगा।",
    "सरकार के अनुसार यह योजना अगले महीने से लागू होगी और इसके लिए बजट में अलग से धन का प्रावधान किया गया है।",
    "विपक्षी दलों ने इस घोषणा का स्वागत किया, लेकिन कहा कि इसे लागू करने में पारदर्शिता ज़रूरी है।",
]
ZH_PARAGRAPHS = [
    "国务院总理周三在北京宣布了一项新的农业支持计划，预计将使全国数百万农民直接受益，并带动农村经济发展。",
    "据政府介绍，该计划将于下月起实施，预算中已为此单独安排了资金，各省将在年底前提交执行方案。",
    "反对派对这一宣布表示欢迎，但表示实施过程中必须保证透明，并接受公众和媒体的监督。",
]


@pytest.mark.parametrize(
    ("menu", "paragraphs", "footer"),
    [
        (["होम", "देश", "दुनिया", "खेल", "मनोरंजन"], HI_PARAGRAPHS, "यह भी पढ़ें: आज की दस बड़ी खबरें"),
        (["首页", "新闻", "国际", "体育", "财经"], ZH_PARAGRAPHS, "（责任编辑：王辉）"),
    ],
)
def test_hindi_and_chinese_prose_is_the_body(menu: list[str], paragraphs: list[str], footer: str) -> None:
    # Given a page's text in Hindi (sentences end with a danda) or Chinese (no spaces between words): a menu, the
    # story, a closing line
    text = "\n".join([*menu, *paragraphs, footer])
    # When cleaned
    cleaned = clean_plain(text, reference_time=REF)
    # Then the story is the body, and the page is read as an article
    assert cleaned.paragraphs == paragraphs
    assert cleaned.document.kind == "article"
