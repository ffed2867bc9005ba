"""An HTML page's metadata, read once from JSON-LD, meta tags and the visible byline (hand-written pages)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from article_core.clean.html import clean_html

REF = datetime(2019, 11, 21, tzinfo=UTC)
BODY = "".join(
    f"<p>Paragraph {i} of the story says what happened in the city council on Monday and why it matters.</p>"
    for i in range(8)
)


def page(head: str, body: str = "", url: str = "https://www.example-news.com/story") -> str:
    return (
        f'<html><head><meta property="og:url" content="{url}">{head}</head>'
        f"<body><article><h1>Headline</h1>{body}{BODY}</article></body></html>"
    )


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_article_date_not_the_claim_date() -> None:
    # Given a fact-check page whose ClaimReview (a claim of October) comes before its NewsArticle (November)
    claim = {"@type": "ClaimReview", "datePublished": "2019-10-13", "author": {"@type": "Person", "name": "Ann Lee"}}
    article = {"@type": "NewsArticle", "headline": "Fact-check: the claim", "datePublished": "2019-11-18T16:00:00Z"}
    # When the page is cleaned
    document = clean_html(page(ld(claim) + ld(article)), reference_time=REF).document
    # Then the publication is the article's own, in UTC
    assert document.published_at == datetime(2019, 11, 18, 16, tzinfo=UTC)
    assert document.published_at_basis == "metadata"


def test_graph_references_are_resolved_and_a_broken_block_is_skipped() -> None:
    # Given a broken JSON-LD block, then a Yoast-style @graph whose author is an @id reference
    graph = {
        "@graph": [
            {"@type": "Article", "headline": "A headline", "author": {"@id": "#p1"}, "datePublished": "2019-11-19"},
            {"@type": "Person", "@id": "#p1", "name": "Anna Menin"},
        ]
    }
    html = page('<script type="application/ld+json">{"@type": "NewsArticle", </script>' + ld(graph))
    # When cleaned
    document = clean_html(html, reference_time=REF).document
    # Then the referenced person is the author and the date-only value stays a date
    assert document.authors == ["Anna Menin"]
    assert document.published_at == date(2019, 11, 19)


def test_site_name_beats_the_agency_named_as_json_ld_publisher() -> None:
    # Given a newspaper page of AP copy: og:site_name says the paper, JSON-LD's publisher the agency
    article = {
        "@type": "NewsArticle",
        "headline": "New SUVs highlight L.A. Auto Show - Connecticut Post",
        "author": [{"@type": "person", "name": "By TOM KRISHER, AP Auto Writer"}],
        "publisher": {"@type": "NewsMediaOrganization", "name": "Associated Press"},
        "datePublished": "2019-11-20T06:35:39+0000",
    }
    head = '<meta property="og:site_name" content="Connecticut Post">' + ld(article)
    # When cleaned
    document = clean_html(page(head), reference_time=REF).document
    # Then publisher, title, author and agency are each where a reader expects them
    assert document.publisher == "Connecticut Post"
    assert document.title == "New SUVs highlight L.A. Auto Show"
    assert document.authors == ["Tom Krisher"]
    assert document.agencies == ["AP"]


def test_platform_and_handles_give_way_to_the_title_site_or_domain() -> None:
    # Given a Blogger page with an author equal to the site name and a title ending with the site
    article: dict[str, object] = {
        "@type": "BlogPosting",
        "headline": "Kate Henshaw in new photos",
        "datePublished": "2018-10-06T08:57:00+02:00",
    }
    article |= {
        "author": {"@type": "Person", "name": "LinkNaija"},
        "publisher": {"@type": "Organization", "name": "Blogger"},
    }
    head = "<title>Kate Henshaw in new photos | LinkNaija</title>" + ld(article)
    # When cleaned
    document = clean_html(page(head, url="https://www.linknaija.com/2018/10/x.html"), reference_time=REF).document
    # Then the publisher is the site, not the platform, and the site is not an author
    assert document.publisher == "LinkNaija"
    assert document.authors == []
    assert document.published_at == datetime(2018, 10, 6, 6, 57, tzinfo=UTC)


def test_meta_time_without_zone_is_a_date_and_the_url_is_the_last_resort() -> None:
    # Given a page whose only time is a meta value without a zone
    head = '<meta name="datepublished" content="2019-11-19 02:24:00">'
    # When cleaned / Then only its day is kept
    assert clean_html(page(head), reference_time=REF).document.published_at == date(2019, 11, 19)
    # And given a page with no time but a dated URL / Then the URL's day is used, as a day
    document = clean_html(page("", url="https://www.example-news.com/2019/11/08/story/"), reference_time=REF).document
    assert document.published_at == date(2019, 11, 8)


def test_the_canonical_link_is_the_pages_address_when_its_data_gives_none() -> None:
    # Given a page with neither JSON-LD nor og:url, only a canonical link to a dated address
    html = page("").replace('<meta property="og:url" content="https://www.example-news.com/story">', "")
    html = html.replace("<head>", '<head><link rel="canonical" href="https://www.prachatai.com/2019/01/21/story">')
    # When cleaned / Then the address gives the publisher (its domain) and the day
    document = clean_html(html, reference_time=REF).document
    assert (document.publisher, document.published_at) == ("prachatai.com", date(2019, 1, 21))


def test_visible_byline_and_closing_credit() -> None:
    # Given a page whose only byline is visible, with a handle and a time, and whose story ends with a credit
    body = '<div class="byline">by Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET</div>'
    html = page("", body=body).replace("</article>", "<p>PTI</p></article>")
    # When cleaned
    document = clean_html(html, reference_time=REF).document
    # Then the person is the author and the credit names the agency
    assert document.authors == ["Bryan DeArdo"]
    assert "PTI" in document.agencies


def test_the_visible_headline_wins_over_a_title_that_wraps_it() -> None:
    # Given meta data whose title wraps the visible <h1> in a section and a tagline
    head = '<meta property="og:title" content="Opinion | Republicans Are Following Trump to Nowhere">'
    html = page(head).replace("<h1>Headline</h1>", "<h1>Republicans Are Following Trump to Nowhere</h1>")
    # When cleaned / Then the title is the headline the reader sees
    assert clean_html(html, reference_time=REF).document.title == "Republicans Are Following Trump to Nowhere"


def test_the_visible_headline_is_the_title_part_before_site_and_section() -> None:
    # Given a page whose only title is "<h1> - site - section", the headline a third of it (the data's ratio test fails)
    html = page("<title>港特首梁振英就住宅违建事件道歉 - BBC中文网 - 两岸三地</title>")
    html = html.replace("<h1>Headline</h1>", "<h1>港特首梁振英就住宅违建事件道歉</h1>")
    # When cleaned / Then the title is the headline the reader sees
    assert clean_html(html, reference_time=REF).document.title == "港特首梁振英就住宅违建事件道歉"


def test_every_byline_class_fragment_passes_the_substring_tests() -> None:
    # Given the class fragments that mark a visible byline
    from article_core.clean.metadata.page import _BYLINE_CLASS

    # Then each holds one of the words the byline walk tests for before searching (or that walk would miss it)
    for fragment in _BYLINE_CLASS.pattern.split("|"):
        assert "author" in fragment or "byline" in fragment or "signature" in fragment, fragment
