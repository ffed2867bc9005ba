"""The record's publication times: one form, UTC with Z, or a date when the source gave no zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from article_core.models import Document


def test_an_aware_time_is_stored_in_utc_with_z() -> None:
    # Given a time with a -05:00 offset
    # When it becomes the publication time
    doc = Document(published_at=datetime(2019, 11, 19, 6, 56, tzinfo=timezone(timedelta(hours=-5))))
    # Then it is the same instant in UTC, serialised with Z
    assert doc.published_at == datetime(2019, 11, 19, 11, 56, tzinfo=UTC)
    assert '"published_at":"2019-11-19T11:56:00Z"' in doc.model_dump_json()


def test_a_time_without_zone_is_kept_as_its_date_also_when_assigned() -> None:
    # Given a document and a time without a zone ("2019-11-19 02:24:00")
    doc = Document()
    # When it is assigned as the publication and modification time
    doc.published_at = datetime(2019, 11, 19, 2, 24)
    doc.modified_at = "2019-11-19T02:33:49"  # type: ignore[assignment]
    # Then only the date is kept: no invented midnight or zone
    assert doc.published_at == date(2019, 11, 19)
    assert doc.modified_at == date(2019, 11, 19)
    assert '"published_at":"2019-11-19"' in doc.model_dump_json()


def test_both_forms_survive_a_json_round_trip() -> None:
    # Given a record with a date-only publication and an aware modification time
    doc = Document(published_at=date(2019, 11, 19), modified_at=datetime(2019, 11, 20, 4, tzinfo=UTC))
    # When it is serialised and read back
    back = Document.model_validate_json(doc.model_dump_json())
    # Then both keep their form
    assert back.published_at == date(2019, 11, 19)
    assert back.modified_at == datetime(2019, 11, 20, 4, tzinfo=UTC)


def test_a_date_only_publication_gives_noon_utc_for_date_resolution() -> None:
    # Given a date-only publication
    doc = Document(published_at=date(2019, 11, 19))
    # When analysis asks for an instant to resolve "yesterday" against
    # Then it gets noon UTC of that day
    assert doc.published_instant() == datetime(2019, 11, 19, 12, tzinfo=UTC)
