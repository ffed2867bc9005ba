"""clean_html: the article body, trustworthy metadata, explained removals, bounded cost on hostile pages."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from article_core.clean.html import clean_html, visible_text
from article_core.clean.metadata.dates import metadata_time as plausible_date

REFERENCE = datetime(2025, 5, 29, 12, 0, tzinfo=UTC)

PROSE = [
    "Le secrétaire d’État américain s’est entretenu hier avec son homologue russe pendant plus d’une heure, "
    "selon un communiqué publié dans la soirée par le département d’État à Washington.",
    "Les deux responsables ont évoqué la guerre en Ukraine, les négociations en cours à Istanbul et la possibilité "
    "d’un nouveau cycle de discussions entre les délégations dans les prochaines semaines.",
    "Moscou a indiqué préparer un mémorandum sur les conditions d’un cessez-le-feu durable, qu’il transmettrait "
    "prochainement à Kiev, sans préciser de calendrier ni le contenu exact du document.",
    "Les diplomates européens, consultés la veille, ont salué la reprise du dialogue tout en appelant à la prudence "
    "face aux annonces successives des deux capitales depuis le début du mois.",
]


def page(*, head: str = "", body_top: str = "", paragraphs: list[str] | None = None, tail: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in (PROSE if paragraphs is None else paragraphs))
    nav = "<nav><ul>" + "".join(f'<li><a href="/s{i}">Rubrique {i}</a></li>' for i in range(12)) + "</ul></nav>"
    return (
        f"<!doctype html><html><head><title>Rubio et Lavrov se parlent - Le Figaro</title>{head}</head><body>"
        f"{nav}<main><article><h1>Rubio et Lavrov se parlent</h1>{body_top}{body}</article></main>{tail}"
        "<footer><p>© 2025 Le Figaro. Tous droits réservés.</p><a href='/cgu'>CGU</a></footer></body></html>"
    )


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_body_keeps_the_article_and_drops_the_navigation() -> None:
    # Given a news page with a navigation menu, an article and a footer
    html = page()
    # When it is cleaned
    cleaned = clean_html(html, reference_time=REFERENCE)
    # Then every article paragraph is in the body and the menu and footer are not
    body = "\n".join(cleaned.paragraphs)
    for paragraph in PROSE:
        assert paragraph in body
    assert "Rubrique 3" not in body and "Tous droits réservés" not in body
    assert cleaned.document.kind == "article"
    # And the dropped menu is listed with its reason
    assert any(r.reason == "navigation" and "Rubrique" in r.text for r in cleaned.removed)


def test_metadata_comes_from_json_ld_graph_with_sources_and_time_zones() -> None:
    # Given a JSON-LD @graph holding a NewsArticle, and meta tags saying something else
    ld = json_ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Le Figaro"},
                {
                    "@type": "NewsArticle",
                    "headline": "Rubio et Lavrov se parlent",
                    "author": [{"@type": "Person", "name": "Jeanne Martin"}, {"@type": "Organization", "name": "AFP"}],
                    "datePublished": "2025-05-29T10:05:00+02:00",
                    "dateModified": "2025-05-29T11:30:00+02:00",
                    "publisher": {"@type": "Organization", "name": "Le Figaro"},
                },
            ],
        }
    )
    head = ld + '<meta property="og:title" content="Autre titre"><meta name="author" content="Paul Durand">'
    # When the page is cleaned
    document = clean_html(page(head=head), reference_time=REFERENCE).document
    # Then JSON-LD wins, each field says so, dates keep their zone and stay separate
    assert document.title == "Rubio et Lavrov se parlent"
    assert document.authors == ["Jeanne Martin"]
    assert document.publisher == "Le Figaro"
    assert document.agencies == ["AFP"]
    assert document.published_at == datetime.fromisoformat("2025-05-29T10:05:00+02:00")
    assert isinstance(document.published_at, datetime) and document.published_at.utcoffset() is not None
    assert document.modified_at == datetime.fromisoformat("2025-05-29T11:30:00+02:00")
    assert document.published_at_basis == "metadata"
    sources = document.field_sources
    assert sources["title"] == sources["authors"] == sources["published_at"] == sources["modified_at"] == "json-ld"


def test_meta_tags_fill_in_when_there_is_no_json_ld() -> None:
    # Given only Open Graph and article: meta tags
    head = (
        '<meta property="og:title" content="Rubio et Lavrov se parlent">'
        '<meta property="og:site_name" content="Le Figaro">'
        '<meta property="article:published_time" content="2025-05-29T08:05:00Z">'
        '<meta property="article:modified_time" content="2025-05-29T09:00:00Z">'
    )
    # When the page is cleaned
    document = clean_html(page(head=head), reference_time=REFERENCE).document
    # Then the fields come from the meta tags and say so
    assert document.publisher == "Le Figaro" and document.field_sources["publisher"] == "meta"
    assert document.published_at == datetime(2025, 5, 29, 8, 5, tzinfo=UTC)
    assert document.modified_at == datetime(2025, 5, 29, 9, 0, tzinfo=UTC)
    assert document.field_sources["published_at"] == "meta"


def test_future_and_ancient_dates_are_not_believed() -> None:
    # Given metadata dates after the reference time and before 1990
    assert plausible_date("2025-06-01T00:00:00+00:00", REFERENCE) is None
    assert plausible_date("1970-01-01T00:00:00Z", REFERENCE) is None
    assert plausible_date("not a date", REFERENCE) is None
    # Then a date just before the reference time is believed
    assert plausible_date("2025-05-29T09:00:00Z", REFERENCE) == datetime(2025, 5, 29, 9, tzinfo=UTC)
    # And a page whose only date is in the future gets no publication time from it
    head = '<meta property="article:published_time" content="2030-01-01T00:00:00Z">'
    document = clean_html(page(head=head), reference_time=REFERENCE).document
    assert document.published_at is None


def test_junk_authors_are_dropped() -> None:
    # Given author fields holding a call to action, a date, a URL and the site name
    for junk in ("Email the author", "2 hours ago", "https://www.facebook.com/lefigaro", "Le Figaro", "Updated 10:05"):
        head = f'<meta name="author" content="{junk}"><meta property="og:site_name" content="Le Figaro">'
        # When the page is cleaned
        document = clean_html(page(head=head), reference_time=REFERENCE).document
        # Then no author is claimed
        assert document.authors == [], junk


def test_wire_dateline_names_the_agency() -> None:
    # Given a body opening on a wire dateline
    paragraphs = ["WASHINGTON (Reuters) - " + PROSE[0], *PROSE[1:]]
    # When it is cleaned
    document = clean_html(page(paragraphs=paragraphs), reference_time=REFERENCE).document
    # Then the agency is recorded, from the text
    assert document.agencies == ["Reuters"]
    assert document.field_sources["agencies"] == "text"


def test_short_boilerplate_inside_the_body_is_removed_with_reasons() -> None:
    # Given an article body carrying a "Read more" teaser and a share prompt between paragraphs
    paragraphs = [
        PROSE[0],
        "Read more: Ukraine talks stall again in Istanbul",
        PROSE[1],
        PROSE[2],
        "Like this story? Share it with a friend!",
        PROSE[3],
    ]
    # When it is cleaned
    cleaned = clean_html(page(paragraphs=paragraphs), reference_time=REFERENCE)
    # Then the prompts are gone from the body, listed with their reasons, and the prose is whole
    assert cleaned.paragraphs[-4:] == PROSE
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Read more: Ukraine talks stall again in Istanbul"] == "related_links"
    assert reasons["Like this story? Share it with a friend!"] == "share_prompt"


def test_removed_blocks_are_bounded() -> None:
    # Given a page with forty advertising blocks
    ads = "".join(f'<div class="ad-slot">Sponsored offer number {i}</div>' for i in range(40))
    # When it is cleaned
    cleaned = clean_html(page(tail=ads), reference_time=REFERENCE)
    # Then a few ads are listed and the rest are counted in one entry
    ads_removed = [r for r in cleaned.removed if r.reason == "advertisement"]
    assert 1 <= len(ads_removed) <= 4
    assert any("more advertisement blocks" in r.text for r in ads_removed)


def test_deeply_nested_page_does_not_crash_and_keeps_its_text() -> None:
    # Given a page nested 100,000 levels deep around one sentence
    sentence = "A sentence buried under one hundred thousand levels of markup is still text."
    html = "<html><body>" + "<div>" * 100_000 + sentence + "</div>" * 100_000 + "</body></html>"
    # When it is cleaned
    cleaned = clean_html(html, reference_time=REFERENCE)
    # Then the text survives, through the fallback
    assert sentence in "\n".join(cleaned.paragraphs)
    assert cleaned.document.field_sources["body"].startswith("text_fallback")


def test_page_of_only_scripts_and_styles_has_no_body() -> None:
    # Given a page made only of scripts and styles
    html = "<html><head>" + "<script>var a = 1;</script><style>p { color: red }</style>" * 500 + "</head></html>"
    # When it is cleaned
    cleaned = clean_html(html, reference_time=REFERENCE)
    # Then no script source is passed off as a body
    assert cleaned.paragraphs == []


def test_page_without_main_content_still_gives_its_text() -> None:
    # Given a tiny page that main-content extraction finds nothing in
    html = "<html><body><div>Short notice: the office is closed on Monday.</div></body></html>"
    # When it is cleaned
    cleaned = clean_html(html, reference_time=REFERENCE)
    # Then the text is kept rather than an empty body
    assert cleaned.paragraphs == ["Short notice: the office is closed on Monday."]


def test_visible_text_skips_scripts_comments_and_unclosed_tags() -> None:
    # Given markup with a script, a comment, entities and a stray "<"
    html = "<p>One &amp; two</p><!-- hidden --><script>var x = '<p>no</p>';</script><div>3 < 4</div><p>end"
    # When its visible text is read without a tree
    text = visible_text(html)
    # Then only the visible words remain, one block per line
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    assert lines == ["One & two", "3 < 4", "end"]


def test_a_removed_block_is_summarised_by_its_opening_text_with_spaces_collapsed() -> None:
    # Given a long related-links aside made of many elements, and a short share box spread over lines
    links = "".join(f"<li><a href='/a{i}'>Autre   article\n numéro {i}</a></li>" for i in range(60))
    share = "<div class='share-box'>\n  <span>Partager</span>\n  <span>sur   X</span>\n</div>"
    # When the page is cleaned
    cleaned = clean_html(page(tail=f"<aside><ul>{links}</ul></aside>{share}"), reference_time=REFERENCE)
    removed = {r.reason: r.text for r in cleaned.removed}
    # Then the aside shows its first 200 characters, whitespace collapsed, and an ellipsis
    full = " ".join(f"Autre article numéro {i}" for i in range(60))
    assert removed["related_links"] == full[:200] + "…"
    # And the short box shows all of its text on one line
    assert removed["share_prompt"] == "Partager sur X"


def test_blocks_are_named_alike_whether_their_class_is_short_or_very_long() -> None:
    # Given two newsletter prompts, one with a short class and one with a class too long to memoise
    long_class = "newsletter " + " ".join(f"x{i}" for i in range(100))
    tail = f'<div class="newsletter">Short prompt to subscribe</div><div class="{long_class}">Long prompt here</div>'
    # When the page is cleaned twice (the second time from the memo)
    first = clean_html(page(tail=tail), reference_time=REFERENCE)
    second = clean_html(page(tail=tail), reference_time=REFERENCE)
    # Then both blocks are reported as newsletter prompts, both times
    for cleaned in (first, second):
        prompts = [r.text for r in cleaned.removed if r.reason == "newsletter_prompt"]
        assert prompts == ["Short prompt to subscribe", "Long prompt here"]


def test_a_hover_card_of_links_inside_a_paragraph_is_unglued() -> None:
    # Given a paragraph whose person link carries a hover card listing other stories
    card = (
        '<span class="rollover-people"><a href="/p/kn">Kristi Noem</a><span class="rollover-block">'
        '<a class="name" href="/p/kn">Kristi Lynn Noem</a><a href="/a1">South Dakota governor doubles down</a> '
        '<a href="/a2">South Dakota drops pipeline protest laws</a> <a href="/more">MORE</a></span></span>'
    )
    first = f"Gov. {card} (R) is defending the state’s launch of an anti-drug campaign with a new slogan on Monday."
    # When the page is cleaned
    cleaned = clean_html(page(paragraphs=[first, *PROSE]), reference_time=REFERENCE)
    # Then the sentence reads as written, the card's links are gone and listed as removed
    assert cleaned.paragraphs[0].startswith("Gov. Kristi Noem (R) is defending")
    assert "Lynn" not in " ".join(cleaned.paragraphs)
    assert any(r.reason == "related_links" and "Kristi Lynn Noem" in r.text for r in cleaned.removed)


def test_a_card_of_links_right_after_a_person_link_goes_with_its_repeated_name() -> None:
    # Given a person link followed, glued, by a span listing the person's full name and other stories
    card = (
        '<a href="/p/kn">Kristi Noem</a><span class="people-card"><a href="/p/kn">Kristi Lynn Noem</a>'
        '<a href="/a1">South Dakota governor doubles down on meth ad</a></span>'
    )
    first = f"Gov. {card} (R) is defending the state’s launch of an anti-drug campaign with a new slogan on Monday."
    # When the page is cleaned
    cleaned = clean_html(page(paragraphs=[first, *PROSE]), reference_time=REFERENCE)
    # Then the sentence reads as written: the name once, none of the card
    assert cleaned.paragraphs[0].startswith("Gov. Kristi Noem (R) is defending")
    assert "Lynn" not in " ".join(cleaned.paragraphs) and "doubles down" not in " ".join(cleaned.paragraphs)


def test_a_notice_that_an_embed_needs_javascript_is_removed_and_a_sentence_about_javascript_stays() -> None:
    # Given a slideshow's no-script notice between paragraphs, and a sentence about the language
    about = "Les développeurs ont réécrit en JavaScript le moteur de la carte interactive publiée par le ministère."
    paragraphs = [PROSE[0], "This slideshow requires JavaScript.", PROSE[1], about, *PROSE[2:]]
    # When cleaned
    cleaned = clean_html(page(paragraphs=paragraphs), reference_time=REFERENCE)
    # Then the notice goes as an embed's and the sentence stays
    assert "This slideshow requires JavaScript." not in cleaned.paragraphs and about in cleaned.paragraphs
    assert any(r.reason == "embed" and "slideshow" in r.text for r in cleaned.removed)


def test_a_widgets_loading_stand_in_is_removed_and_a_sentence_about_loading_stays() -> None:
    # Given a weather widget's stand-in text and a French one between paragraphs, and a sentence about loading
    about = "Loading the ferry took the crew three hours..."
    paragraphs = [PROSE[0], "Loading weather data ...", PROSE[1], "Chargement en cours…", about, *PROSE[2:]]
    # When cleaned
    cleaned = clean_html(page(paragraphs=paragraphs), reference_time=REFERENCE)
    # Then the stand-ins go as an embed's and the sentence stays
    assert cleaned.paragraphs == [PROSE[0], PROSE[1], about, *PROSE[2:]]
    assert any(r.reason == "embed" and "weather" in r.text for r in cleaned.removed)


def test_a_word_split_across_two_bold_runs_stays_one_word() -> None:
    # Given a heading whose word "Day" is set in two <strong> runs
    heading = "<h2><strong>5 Tips to Enjoy Game D</strong><strong>ay Parties While Staying Healthy</strong></h2>"
    html = page().replace(f"<p>{PROSE[1]}</p>", f"{heading}<p>{PROSE[1]}</p>")
    # When cleaned / Then the heading survives whole
    assert (
        "5 Tips to Enjoy Game Day Parties While Staying Healthy"
        in clean_html(html, reference_time=REFERENCE).paragraphs
    )


def test_dont_miss_and_app_prompts_are_removed() -> None:
    # Given a story interrupted by a "DON'T MISS" teaser and an app prompt
    paragraphs = [
        PROSE[0],
        "DON'T MISS: Ten things to know before the summit",
        PROSE[1],
        "Get the app for alerts",
        *PROSE[2:],
    ]
    # When cleaned
    cleaned = clean_html(page(paragraphs=paragraphs), reference_time=REFERENCE)
    # Then the prose stays and neither prompt does
    assert cleaned.paragraphs[-4:] == PROSE
    assert not any("DON'T MISS" in p or "Get the app" in p for p in cleaned.paragraphs)


def test_teasers_for_photos_and_coverage_and_a_prompt_to_follow_the_reporter_are_removed() -> None:
    # Given a story interrupted by a photo-gallery teaser, a "click here to read" line, and ending with a prompt
    # to follow its reporter; and a sentence that mentions following a campaign on Twitter
    teasers = ["PHOTOS: The summit in pictures", "Click here to read our full coverage of the talks."]
    follow = "Follow Jean Dupont on Twitter @jdupont."
    story = "Des militants ont suivi la campagne sur Twitter pendant toute la durée des négociations à Istanbul."
    paragraphs = [PROSE[0], teasers[0], PROSE[1], teasers[1], story, *PROSE[2:], follow]
    # When cleaned
    cleaned = clean_html(page(paragraphs=paragraphs), reference_time=REFERENCE)
    # Then the teasers and the prompt go, with their reasons, and the story's sentences stay
    assert cleaned.paragraphs == [PROSE[0], PROSE[1], story, *PROSE[2:]]
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert [reasons.get(t) for t in teasers] == ["related_links", "related_links"]
    assert reasons.get(follow) == "share_prompt"


def test_a_call_for_comments_closing_the_story_goes_and_a_question_in_the_story_stays() -> None:
    # Given a story closed by a call for the reader's comments, and a paragraph quoting a question
    question = "« Que pensez-vous de cet accord ? », a demandé un journaliste au ministre à la sortie de la réunion."
    paragraphs = [*PROSE[:2], question, *PROSE[2:], "Tell us what YOU think..."]
    # When cleaned
    cleaned = clean_html(page(paragraphs=paragraphs), reference_time=REFERENCE)
    # Then the call goes as a comments prompt and the quoted question stays
    assert cleaned.paragraphs == [*PROSE[:2], question, *PROSE[2:]]
    assert any(r.reason == "comments" and r.text.startswith("Tell us") for r in cleaned.removed)


def test_a_visible_german_dateline_gives_the_day_and_leaves_the_body() -> None:
    # Given a page without page data whose body carries "publiziert am 25. September 2018"
    html = page(paragraphs=["publiziert am 25. September 2018", *PROSE]).replace("<title>", "<title>x ")
    # When cleaned
    cleaned = clean_html(html, reference_time=REFERENCE)
    # Then the day is the publication, read from the text, and the line is not body text
    assert cleaned.document.published_at == date(2018, 9, 25)
    assert cleaned.document.published_at_basis == "text"
    assert "publiziert am 25. September 2018" not in cleaned.paragraphs


def test_visible_text_reads_past_an_unclosed_head_and_a_self_closing_svg() -> None:
    # Given pages whose <head> is never closed (optional in HTML5), with a self-closing or unclosed <svg>
    pages = [
        "<html><head><title>T</title><meta charset=utf-8><body><p>Le texte.</p>",
        "<html><body><svg/><p>Le texte.</p></body></html>",
        "<html><body><svg viewBox='0 0 1 1'><p>Le texte.</p></body></html>",
    ]
    # When their visible text is read without a tree / Then the article text is there
    for html in pages:
        assert "Le texte." in visible_text(html), html
    # and an unclosed script still hides what follows, as in a browser
    assert "secret" not in visible_text("<p>Avant.</p><script>var secret = 1;")


def test_a_json_ld_block_nested_too_deeply_is_ignored_not_fatal() -> None:
    # Given an article page with one JSON-LD block nested 1,000 levels deep
    body = "".join(
        f"<p>{'Le conseil municipal a annoncé un plan de rénovation des écoles. ' * 3}</p>" for _ in range(4)
    )
    html = (
        '<html><head><script type="application/ld+json">' + "[" * 1000 + "]" * 1000 + "</script></head>"
        f"<body><article>{body}</article></body></html>"
    )
    # When cleaned / Then the article is read
    cleaned = clean_html(html, reference_time=datetime(2025, 5, 29, tzinfo=UTC))
    assert cleaned.paragraphs and "rénovation" in cleaned.paragraphs[0]


def _record_extraction_modes(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The `fast` flag of every extraction trafilatura runs for the cleaner (its cascade, or the fast sequence)."""
    import trafilatura.core

    from article_core.clean import html_extract

    calls: list[bool] = []
    real, real_fast = trafilatura.core.trafilatura_sequence, html_extract.fast_precision_sequence

    def spy(tree: Any, options: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(bool(options.fast))
        return real(tree, options, *args, **kwargs)

    def fast_spy(tree: Any, options: Any) -> Any:
        calls.append(bool(options.fast))
        return real_fast(tree, options)

    monkeypatch.setattr(trafilatura.core, "trafilatura_sequence", spy)
    monkeypatch.setattr(html_extract, "fast_precision_sequence", fast_spy)
    return calls


def test_an_ordinary_article_is_extracted_by_trafilatura_fast_mode_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given an article page with four long paragraphs
    calls = _record_extraction_modes(monkeypatch)
    # When it is cleaned
    cleaned = clean_html(page(), reference_time=REFERENCE)
    # Then trafilatura ran once, without its readability/jusText fallback, and the body is whole
    assert calls == [True]
    assert all(paragraph in cleaned.paragraphs for paragraph in PROSE)


def test_a_short_fast_extraction_runs_trafilaturas_full_cascade(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a page whose article is one short paragraph (under trafilatura's 250 characters)
    calls = _record_extraction_modes(monkeypatch)
    short = "Le ministre a démissionné hier soir, a annoncé l’Élysée dans un communiqué."
    # When it is cleaned
    cleaned = clean_html(page(paragraphs=[short]), reference_time=REFERENCE)
    # Then the fast result is checked with the full cascade, as trafilatura itself would
    assert calls == [True, False]
    assert short in cleaned.paragraphs


def test_needs_fallback_follows_trafilaturas_own_triggers() -> None:
    # Given fast results: long paragraph text, short text, a body of tables, a body without <p> text
    from lxml import etree

    from article_core.clean.html_extract import needs_fallback

    def result(text: str, body: str) -> SimpleNamespace:
        return SimpleNamespace(text=text, body=etree.fromstring(body))

    long_text = "x" * 300
    # Then only the last three would be replaced by trafilatura's readability or jusText stages
    assert not needs_fallback(result(long_text, "<body><p>text</p><p>more</p></body>"))
    assert needs_fallback(result("x" * 100, "<body><p>text</p></body>"))
    assert needs_fallback(result(long_text, "<body><p>a</p><table/><table/></body>"))
    assert needs_fallback(result(long_text, "<body><head>title</head><list><item>a</item></list></body>"))
    assert needs_fallback(SimpleNamespace(text=long_text, body=None))


def test_the_page_tree_is_made_of_plain_html_elements_without_comments() -> None:
    # Given a page with a form, an input and a comment
    from lxml.html import HtmlElement

    from article_core.clean.html_extract import parse_page

    html = page(tail="<form><input name='q'/><!-- a comment --><label>Search</label></form>")
    # When it is parsed
    tree = parse_page(html)
    # Then every element is a plain HtmlElement (its class chosen in C, no lxml.html subclass), comments gone
    assert tree is not None
    assert {type(element) for element in tree.iter()} == {HtmlElement}
    assert tree.find(".//form") is not None and "a comment" not in html_text(tree)


def test_a_page_that_declares_its_encoding_in_an_xml_prolog_is_parsed() -> None:
    # Given a page opening with an XML declaration naming its encoding (libxml2 refuses such a str)
    from article_core.clean.html_extract import parse_page

    html = "<?xml version='1.0' encoding='utf-8'?>\n" + page()
    # When it is parsed, and cleaned
    tree = parse_page(html)
    cleaned = clean_html(html, reference_time=REFERENCE)
    # Then the tree and the body are there
    assert tree is not None and tree.find(".//article") is not None
    assert PROSE[0] in cleaned.paragraphs


def html_text(tree: Any) -> str:
    from lxml import etree

    return str(etree.tostring(tree, encoding="unicode"))


def test_link_density_is_read_only_for_pages_that_do_not_declare_an_article(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given one page of link-dense teasers without page data, and the same page declaring a NewsArticle
    import article_core.clean.html as html_module
    from article_core.clean.html_blocks import link_density

    teasers = "".join(f'<p><a href="/s{i}">Un titre de rubrique numéro {i}</a></p>' for i in range(14))
    plain = page(paragraphs=[], body_top=teasers)
    declared = page(head=json_ld({"@type": "NewsArticle", "headline": "Rubio"}), paragraphs=[], body_top=teasers)
    measured: list[float | None] = []
    real = link_density

    def spy(tree: Any) -> float | None:
        measured.append(real(tree))
        return measured[-1]

    monkeypatch.setattr(html_module, "link_density", spy)
    # When both are cleaned
    first = clean_html(plain, reference_time=REFERENCE)
    second = clean_html(declared, reference_time=REFERENCE)
    # Then only the undeclared page is measured (a declared article is never taken for a listing), and it is one
    assert len(measured) == 1 and measured[0] is not None and measured[0] > 0.5
    assert first.document.kind == "listing" and second.document.kind == "article"


@pytest.mark.parametrize(
    "markup",
    [
        "<!DOCTYPE html>\n<html><body><p>Plain ASCII.</p></body></html>",
        "<!doctype html PUBLIC '-//W3C//DTD XHTML 1.0//EN'><html><body><p>Été à Paris\x00\x08</p></body></html>",
        "<html/>\n<body><p>A form feed\x0c, a vertical tab\x0b, an escape\x1b.</p></body>",
        "<html><body><p>Non-characters \ufffe and \uffff, an emoji 😀, tab\tand CR\r\nkept.</p></body></html>",
        "<html><body><p>Ελληνικά και 中文\x01</p></body></html>",
        "<html><body><p>Only a vertical tab\x0b here.</p></body></html>",
        "<html><body><p>Only a non-character \uffff here.</p></body></html>",
    ],
)
def test_the_markup_is_repaired_as_trafilatura_repairs_it(markup: str) -> None:
    # Given a page with (or without) characters XML refuses, a doctype line, a self-closing <html/>
    from trafilatura.utils import repair_faulty_html

    from article_core.clean.html_extract import repair_markup

    beginning = markup[:50].lower()
    # When it is repaired, Then the result is trafilatura's own repair's
    assert repair_markup(markup, beginning) == repair_faulty_html(markup, beginning)


LINKS = "".join(f"<li><a href='/a{i}'>Titre {i}</a></li>" for i in range(9))
# A comment list trafilatura finds only after its tag conversion (a <dl> becomes a <list>).
COMMENTS = "<dl class='comments'><dt>Lecteur</dt><dd>" + PROSE[3].replace("diplomates", "lecteurs") + "</dd></dl>"
SHORT = "Le ministre a démissionné hier soir, a annoncé l’Élysée dans un communiqué."
# Pages that take each of trafilatura's paths: a plain article, a short one (its full cascade), one with
# metadata gaps and a byline, then two that give nothing: a listing without paragraphs, a page with no text.
EXTRACTION_PAGES = [
    page(),
    page(paragraphs=[SHORT]),
    page(
        head="<meta name='twitter:url' content='https://www.example.com/2025/05/28/rubio'>",
        body_top="<div class='author-name'>Par Jeanne Martin</div><p>Publié le 28 mai 2025 à 10h00</p>",
        tail="<aside class='related'><a href='/x'>Autre article</a></aside>",
    ),
    page(
        head="<link rel='canonical' href='https://www.example.com/2025/05/27/rubio-lavrov.html'>"
        + json_ld(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": "Rubio &amp; Lavrov",
                "author": {"@type": "Person", "name": "Jeanne  Martin"},
            }
        ),
    ),
    page(body_top=COMMENTS),  # comment containers go
    page(  # but not on a forum thread, where they hold the posts
        head=json_ld({"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": "Fil"}),
        body_top=COMMENTS,
    ),
    page(paragraphs=[], body_top="<ul>" + LINKS + "</ul>"),
    "<html><head><title>Vide</title></head><body><div></div></body></html>",
]


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("number", range(len(EXTRACTION_PAGES)))
def test_the_in_place_extraction_is_trafilaturas_own(number: int, fast: bool) -> None:
    # Given a page's tree
    from lxml import etree

    from article_core.clean.html_extract import bare_extraction, extract_in_place, parse_page
    from article_core.clean.metadata.page import read_metadata

    tree = parse_page(EXTRACTION_PAGES[number])
    assert tree is not None
    meta = read_metadata(tree, REFERENCE)
    # When trafilatura's own call (on its copy) and ours (on the tree itself) extract it
    theirs = bare_extraction(tree, meta, REFERENCE, False, fast=fast)
    ours = extract_in_place(tree, meta.url, REFERENCE, fast=fast)
    # Then both found the same text and body, or both nothing
    assert (theirs is None) == (ours is None)
    if theirs is not None:
        assert ours.text == theirs.text and ours.raw_text == theirs.raw_text
        assert etree.tostring(ours.body) == etree.tostring(theirs.body)
    assert number >= len(EXTRACTION_PAGES) - 2 or theirs is not None  # the last two give nothing


@pytest.mark.parametrize("number", range(len(EXTRACTION_PAGES)))
@pytest.mark.parametrize("gaps", ["title", "authors", "published", "all"])
def test_the_metadata_fields_are_those_of_trafilaturas_metadata_pass(number: int, gaps: str) -> None:
    # Given a page whose own data left some fields empty
    from trafilatura.metadata import extract_metadata

    from article_core.clean.html_extract import date_params, metadata_fields, parse_page
    from article_core.clean.metadata.page import read_metadata

    tree = parse_page(EXTRACTION_PAGES[number])
    assert tree is not None
    meta = read_metadata(tree, REFERENCE)
    for name in ("title", "authors", "published") if gaps == "all" else (gaps,):
        setattr(meta, name, None)
    # When the fields are read the short way, and by trafilatura's whole metadata pass
    title, author, day = metadata_fields(tree, meta, REFERENCE)
    full = extract_metadata(tree, meta.url, date_params(REFERENCE), True)
    # Then each empty field has trafilatura's value, and no other field is read
    assert title == (full.title if meta.title is None else None)
    assert author == (full.author if meta.authors is None else None)
    assert day == (full.date if meta.published is None else None)


def test_another_trafilatura_release_gets_its_own_sequence(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a trafilatura release the fast sequence was not checked against
    from article_core.clean import html_extract

    monkeypatch.setattr(html_extract, "_FAST_SEQUENCE_VERSIONS", ())
    calls = _record_extraction_modes(monkeypatch)
    used: list[str] = []
    monkeypatch.setattr(html_extract, "fast_precision_sequence", lambda *args: used.append("ours"))
    # When an article is cleaned
    cleaned = clean_html(page(), reference_time=REFERENCE)
    # Then trafilatura's own sequence ran (in fast mode) and the body is whole
    assert calls == [True] and not used
    assert all(paragraph in cleaned.paragraphs for paragraph in PROSE)


def test_the_full_cascade_reads_a_fresh_tree_of_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a short article, whose fast result sends trafilatura to its full cascade
    import trafilatura.core

    from article_core.clean import html_extract

    trees: list[Any] = []
    real, real_fast = trafilatura.core.trafilatura_sequence, html_extract.fast_precision_sequence

    def spy(tree: Any, *args: Any, **kwargs: Any) -> Any:
        trees.append(tree)
        return real(tree, *args, **kwargs)

    def fast_spy(tree: Any, options: Any) -> Any:
        trees.append(tree)
        return real_fast(tree, options)

    monkeypatch.setattr(trafilatura.core, "trafilatura_sequence", spy)
    monkeypatch.setattr(html_extract, "fast_precision_sequence", fast_spy)
    # When it is cleaned
    cleaned = clean_html(page(paragraphs=[SHORT]), reference_time=REFERENCE)
    # Then the cascade ran on another tree than the one the fast pass changed, and the body is whole
    assert len(trees) == 2 and trees[0] is not trees[1]
    assert SHORT in cleaned.paragraphs


@pytest.mark.parametrize(
    "markup",
    [
        '<html><head><meta charset="iso-8859-1"><title>Été</title></head><body><p>Crème “brûlée” 😀</p></body></html>',
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>'
        "<body><p>Crème — “q” 😀</p></body></html>",
        '<html><head><meta charset="shift_jis"></head><body><p>日本語 Crème</p></body></html>',
        "<!DOCTYPE html>\n<html><body><p>ascii only</p><p>deux</p></body></html>",
        "<html><body><p>Une surrogate \udc80 seule</p><p>deux</p></body></html>",
    ],
)
def test_the_page_is_parsed_as_trafilatura_parses_its_text(markup: str) -> None:
    # Given a page that declares another encoding than the text's, or holds a lone surrogate
    from lxml import etree
    from lxml.html import fromstring

    from article_core.clean.html_extract import html_parser, parse_page, repair_markup

    # When it is parsed (from its UTF-8 bytes when it has them)
    tree = parse_page(markup)
    # Then the tree is the one its repaired text gives
    repaired = repair_markup(markup, markup[:50].lower())
    expected = fromstring(repaired, parser=html_parser())
    assert tree is not None
    assert etree.tostring(tree, encoding="unicode") == etree.tostring(expected, encoding="unicode")


def _story(words: int) -> list[str]:
    """Paragraphs of about `words` words, each a distinct sentence."""
    return [
        f"Paragraph {i} tells what the council decided about the old bridge and the ferry fares."
        for i in range(words // 15)
    ]


def test_a_page_its_scripts_fill_in_takes_its_body_from_the_page_data() -> None:
    # Given a page whose markup is an empty shell, its story only in the JSON-LD articleBody
    story = _story(90)
    data = {"@type": "NewsArticle", "headline": "Council keeps the bridge", "articleBody": "\n".join(story)}
    html = f"<html><head>{json_ld(data)}</head><body><div id='root'></div><script>app()</script></body></html>"
    # When cleaned
    cleaned = clean_html(html, reference_time=REFERENCE)
    # Then the body is the data's, and says so
    assert cleaned.paragraphs == story
    assert (cleaned.document.kind, cleaned.document.field_sources["body"]) == ("article", "json-ld")


def test_the_page_data_body_replaces_a_teaser_over_a_paywall_but_never_a_fuller_text() -> None:
    # Given a page showing a teaser of the story, the whole of it (as HTML) in the JSON-LD articleBody
    story = _story(300)
    whole = {"@type": "NewsArticle", "articleBody": "".join(f"<p>{p}</p>" for p in story)}
    teaser = story[:3]
    # When cleaned / Then the body is the whole story, from the data
    cleaned = clean_html(page(head=json_ld(whole), paragraphs=teaser), reference_time=REFERENCE)
    assert cleaned.paragraphs == story and cleaned.document.field_sources["body"] == "json-ld"
    # And given a page showing the whole story, the data holding only its first paragraphs
    short = {"@type": "NewsArticle", "articleBody": "\n".join(story[:3])}
    cleaned = clean_html(page(head=json_ld(short), paragraphs=story), reference_time=REFERENCE)
    # Then the body is the page's own
    assert cleaned.paragraphs == story and cleaned.document.field_sources["body"] == "trafilatura"
