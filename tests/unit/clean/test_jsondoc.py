"""JSON articles: common fields and schema.org JSON-LD in, paragraphs and trusted metadata out."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from article_core.clean.jsondoc import clean_json, read_json
from article_core.clean.metadata.dates import metadata_time
from article_core.errors import Rejected

REF = datetime(2025, 5, 29, 12, 0, tzinfo=UTC)


def test_flat_article_fields_are_read_and_sourced() -> None:
    # Given a flat JSON export of an article
    doc = {
        "title": "Rubio appelle Moscou",
        "body": "Premier paragraphe.\n\nSecond paragraphe.",
        "author": "Marie Dupont and Jean Martin",
        "date": "2025-05-28T10:00:00+02:00",
        "publisher": "Le Figaro",
        "url": "https://example.com/article",
    }
    # When cleaned
    cleaned = clean_json(json.dumps(doc), reference_time=REF)
    # Then every field is taken, with "json" as its source
    document = cleaned.document
    assert cleaned.paragraphs == ["Premier paragraphe.", "Second paragraphe."]
    assert document.title == "Rubio appelle Moscou"
    assert document.authors == ["Marie Dupont", "Jean Martin"]
    assert document.publisher == "Le Figaro"
    assert document.published_at == datetime(2025, 5, 28, 8, 0, tzinfo=UTC)
    assert document.published_at_basis == "metadata"
    assert document.field_sources == {
        "title": "json",
        "body": "json",
        "authors": "json",
        "byline": "json",
        "publisher": "json",
        "published_at": "json",
    }
    assert read_json(json.dumps(doc)).url == "https://example.com/article"


def test_json_ld_news_article_inside_graph_with_html_body() -> None:
    # Given schema.org JSON-LD with a NewsArticle in @graph, an HTML body, a person and an agency
    doc = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "Page"},
            {
                "@type": ["NewsArticle"],
                "headline": "Big news",
                "articleBody": "<p>One <b>bold</b> &amp; two.</p><figure><img src='a.jpg' alt='A photo'>"
                "<figcaption>Photo: AFP</figcaption></figure><script>track()</script><p>Three</p>",
                "author": [{"@type": "Person", "name": "Marie Dupont"}, {"@type": "Organization", "name": "AFP"}],
                "datePublished": "2025-05-29",
                "dateModified": "2099-01-01T00:00:00Z",
                "publisher": {"@type": "Organization", "name": "Le Figaro"},
            },
        ],
    }
    # When read
    article = read_json(json.dumps(doc), reference_time=REF)
    cleaned = clean_json(json.dumps(doc), reference_time=REF)
    # Then the body is flagged as HTML and cleaned to paragraphs, the caption and image listed
    assert article.body_is_html
    assert cleaned.paragraphs == ["One bold & two.", "Three"]
    assert [(r.reason, r.text) for r in cleaned.removed] == [("image", "A photo"), ("caption", "Photo: AFP")]
    # And the agency is not an author, the future modification date is not believed, and the
    # date without a zone stays a date
    document = cleaned.document
    assert document.authors == ["Marie Dupont"]
    assert document.agencies == ["AFP"]
    assert document.publisher == "Le Figaro"
    assert document.modified_at is None
    assert document.published_at == date(2025, 5, 29)
    assert document.field_sources["published_at"] == "json"


def test_wordpress_rendered_fields() -> None:
    # Given a WordPress REST API post
    doc = {
        "date_gmt": "2025-05-28T08:00:00",
        "title": {"rendered": "Caf&eacute; &#8211; news"},
        "content": {"rendered": "<p>Body here.</p>"},
    }
    # When cleaned
    cleaned = clean_json(json.dumps(doc), reference_time=REF)
    # Then the rendered title is unescaped and the body read
    assert cleaned.document.title == "Café – news"
    assert cleaned.paragraphs == ["Body here."]


def test_list_of_articles_takes_the_fullest_one() -> None:
    # Given a JSON list of items
    doc = [{"title": "A", "text": "short"}, {"@type": "NewsArticle", "headline": "B", "articleBody": "The full body."}]
    # When cleaned
    cleaned = clean_json(json.dumps(doc))
    # Then the schema.org article is chosen
    assert cleaned.document.title == "B"
    assert cleaned.paragraphs == ["The full body."]


def test_wrong_field_types_are_ignored_not_fatal() -> None:
    # Given fields of unexpected types
    doc = {"title": 42, "body": ["p1", {"text": "p2"}, 3, None], "author": {"x": 1}, "date": True}
    # When cleaned
    cleaned = clean_json(json.dumps(doc))
    # Then what is usable is used and the rest ignored
    assert cleaned.paragraphs == ["p1", "p2"]
    assert cleaned.document.title is None
    assert cleaned.document.authors == []
    assert cleaned.document.published_at is None


def test_json_lines_are_read() -> None:
    # Given JSON Lines
    text = '{"title": "a", "body": "tiny"}\n{"title": "b", "body": "the longer body"}'
    # When cleaned
    # Then the fuller article is read
    assert clean_json(text).paragraphs == ["the longer body"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"title": "x", "bo', "malformed_json"),
        ('{"a": ' + "1" * 5000 + "}", "malformed_json"),
        ("[" * 10_000 + "]" * 10_000, "too_complex"),
        ('{"a": ' * 10_000 + "1" + "}" * 10_000, "too_complex"),
        ('{"foo": 1, "bar": [1, 2]}', "unsupported_json"),
        ('{"title": "Only a title", "body": ""}', "no_content"),
        ('{"title": "x", "body": "<script>only()</script>"}', "no_content"),
    ],
    ids=["malformed", "huge-int", "deep-list", "deep-object", "no-fields", "empty-body", "script-body"],
)
def test_bad_json_is_rejected_with_a_specific_code(text: str, code: str) -> None:
    # Given JSON that cannot yield an article
    # When cleaned
    with pytest.raises(Rejected) as caught:
        clean_json(text)
    # Then it is rejected with a specific code and a readable message
    assert caught.value.code == code
    assert caught.value.message.startswith("The JSON")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-28T10:00:00Z", datetime(2025, 5, 28, 10, tzinfo=UTC)),
        ("2025-05-28T10:00:00+02:00", datetime(2025, 5, 28, 8, tzinfo=UTC)),
        ("2025-05-28 10:00", date(2025, 5, 28)),
        ("Wed, 28 May 2025 10:00:00 GMT", datetime(2025, 5, 28, 10, tzinfo=UTC)),
        ("November 19, 2019, 07:47 PM EST", datetime(2019, 11, 20, 0, 47, tzinfo=UTC)),
        ("19 Nov 2019 07:09 GMT", datetime(2019, 11, 19, 7, 9, tzinfo=UTC)),
        (1748426400, datetime(2025, 5, 28, 10, tzinfo=UTC)),
        (1748426400000, datetime(2025, 5, 28, 10, tzinfo=UTC)),
    ],
)
def test_dates_become_utc_or_a_day(value: object, expected: date) -> None:
    # Given a date in a common machine or written format
    # When parsed against the reference time
    parsed = metadata_time(value, REF)
    # Then it is an aware UTC datetime when the value had a zone, else its day
    assert parsed == expected
    assert type(parsed) is type(expected)


@pytest.mark.parametrize("value", ["1989-12-31T00:00:00Z", "2025-05-29T13:00:00Z", "2025-05-31", "soon", None, True])
def test_implausible_dates_are_not_believed(value: object) -> None:
    # Given a date before 1990, after the reference time, or not a date
    # When parsed
    # Then it is not believed
    assert metadata_time(value, REF) is None


def test_a_platform_or_handle_is_not_the_publisher() -> None:
    # Given a JSON article whose publisher field names the hosting platform, and one naming a handle
    for publisher in ("Blogger", "@politifact"):
        doc = {"title": "A headline", "body": "A body long enough to be an article body.", "publisher": publisher}
        # When read / Then no publisher is claimed
        assert read_json(json.dumps(doc), reference_time=REF).document.publisher is None
