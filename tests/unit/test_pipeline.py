"""pipeline.process on the reference article: the acceptance criteria of the cleaning issue."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from article_core.models import ArticleRecord, ObjectRef
from article_core.pipeline import process
from local.samples import REFERENCE

EVENT_TIME = datetime(2025, 5, 29, 10, 5, tzinfo=UTC)
NOW = datetime(2025, 5, 29, 10, 6, tzinfo=UTC)


def run(raw: bytes) -> ArticleRecord:
    ref = ObjectRef(bucket="b", key=REFERENCE.key, size=len(raw), event_time=EVENT_TIME)
    return process(raw, ref, now=NOW)


@pytest.fixture(scope="module")
def record() -> ArticleRecord:
    return run(REFERENCE.body)


def test_body_is_the_eight_paragraphs_with_the_subheading(record: ArticleRecord) -> None:
    # Given the reference article, When it is processed, Then the body is exactly its article paragraphs
    assert record.text.cleaned is not None
    paragraphs = record.text.cleaned.split("\n\n")
    assert len(paragraphs) == record.text.paragraphs == 8
    assert paragraphs[0].startswith("Le secrétaire d’État américain s’est entretenu hier")
    assert paragraphs[-1].endswith("le transmettrait prochainement à Kiev.")
    assert "«Pas opposés à de nouvelles réunions avec les Russes»" in paragraphs
    # and the glued marker went while its paragraph stayed whole
    assert any(p.startswith("Le secrétaire d'État américain Marco Rubio a appelé") for p in paragraphs)
    assert "Passer la publicité" not in record.text.cleaned


def test_every_removal_is_listed_with_a_reason(record: ArticleRecord) -> None:
    removed = [(r.reason, r.text) for r in record.text.removed]
    assert sum(text == "Passer la publicité" for _, text in removed) == 2
    assert any(reason == "advertisement" and text.endswith("Publicité par Adpathway") for reason, text in removed)


def test_metadata_byline_publisher_agency_and_relative_time(record: ArticleRecord) -> None:
    doc = record.document
    assert doc.byline == "Par Le Figaro avec AFP"
    assert doc.publisher == "Le Figaro"
    assert doc.agencies == ["AFP"]
    assert doc.authors == []
    assert doc.published_at == EVENT_TIME - timedelta(hours=2)
    assert doc.published_at_basis == "relative"


def test_analysis_finds_french_people_places_and_speakers(record: ArticleRecord) -> None:
    analysis = record.analysis
    assert analysis.language == "fr"
    people = {e.text for e in analysis.entities if e.type == "PER"}
    assert {"Marco Rubio", "Sergueï Lavrov", "Tammy Bruce", "Vladimir Medinski", "Roustem Oumerov"} <= people
    speakers = [q.speaker for q in analysis.quotes if q.kind == "statement" and q.speaker]
    assert speakers.count("Roustem Oumerov") == 2
    assert {d.value for d in analysis.dates} >= {"2025-05-16", "2025-06-02"}
    assert 2 <= len(analysis.summary) <= 3


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-16-be", "utf-8-sig"])
def test_same_record_in_any_encoding_apart_from_the_encoding(record: ArticleRecord, encoding: str) -> None:
    # Given the same article saved in another encoding
    raw = REFERENCE.body.decode("utf-8").encode(encoding)
    # When it is processed
    other = run(raw)
    # Then only the source size and the recorded encoding differ
    ignore = {"source": {"size"}, "document": {"encoding"}}
    assert other.model_dump(exclude=ignore) == record.model_dump(exclude=ignore)
    assert other.document.encoding != record.document.encoding or encoding == "utf-8-sig"


def test_a_script_spread_over_paragraphs_of_a_json_body_is_dropped_whole() -> None:
    # Given a JSON article whose plain-text body holds, after 20,000 characters, a <script> over several lines
    prose = "Le conseil municipal a annoncé mardi un plan de rénovation des écoles après des mois de négociations."
    body = f"{prose}\n" * 200 + "<script>\nstealCookies('SECRET');\n</script>\n" + f"{prose} Fin."
    raw = json.dumps({"title": "Le plan", "body": body}).encode()
    # When processed
    record = process(raw, ObjectRef(bucket="b", key="incoming/a.json"), now=NOW, strict=True)
    # Then neither the tags nor what was between them reach the record
    assert record.status == "processed"
    assert "SECRET" not in record.model_dump_json() and "<script" not in (record.text.cleaned or "")
