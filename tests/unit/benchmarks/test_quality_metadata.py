"""The metadata benchmark's rules: a fixed check split, the comparisons, the WikiNews label rule."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from article_core.models import Document
from benchmarks import quality_metadata as qm


def test_the_check_split_is_fixed_by_the_ids_alone() -> None:
    # Given the labelled page ids / When the check split is carved twice, in different orders
    ids = list(json.loads(qm.LABELS.read_text(encoding="utf-8")))
    # Then it is the same 15 ids, whatever the order
    assert len(ids) == 50
    assert qm.check_ids(ids) == qm.check_ids(sorted(ids, reverse=True))
    assert len(qm.check_ids(ids)) == qm.CHECK_SIZE


def test_comparisons_ignore_typography_not_words() -> None:
    # Given a headline, a byline name and a publisher written differently / Then they compare as a reader would
    assert qm.norm_text("‘We had some issues,’ exec says.") == qm.norm_text("'We had some issues,' exec says")
    assert qm.norm_text("Headline") != qm.norm_text("Headline | Site")
    assert qm.norm_name("Sarah E. Needleman") == qm.norm_name("Sarah Needleman")
    assert qm.norm_site("TheHill") == qm.norm_site("The Hill")


def test_wikinews_labels_follow_from_the_text() -> None:
    # Given a WikiNews story / When labelled by the rule / Then headline and dateline day come out
    text = "\n\n\t\n\tFrance : le SMIC augmentera de 2 %\n\n\t26 juin 2012. - Le gouvernement a annoncé…"
    assert qm.fr_labels(text) == ("France : le SMIC augmentera de 2 %", "2012-06-26")


def test_a_page_score_counts_each_field() -> None:
    # Given a label and a document right on all but one author
    label = {
        "title": ["A"],
        "authors": ["Jane Doe", "John Roe"],
        "publisher": ["The Hill"],
        "published": ["2019-11-19"],
    }
    doc = Document(
        title="A", authors=["Jane Doe"], publisher="TheHill", published_at=datetime(2019, 11, 19, 5, tzinfo=UTC)
    )
    # When scored
    score = qm.Score()
    score.add("page", label, doc)
    # Then title, publisher and day count, and the missing author is a false negative
    assert (score.title, score.publisher, score.published) == (1, 1, 1)
    assert (score.author_tp, score.author_fp, score.author_fn) == (1, 0, 1)
    assert qm.utc_day(date(2019, 11, 19)) == "2019-11-19"
