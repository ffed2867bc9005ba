"""Removal reasons are a closed set (models.RemovalReason): every reason a table or data file can yield is in it.

A reason outside the set would fail validation and turn an article into an `internal_error` record,
so the tables the cleaners read their reasons from are checked here, not only the reasons the tests happen to hit.
"""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from article_core.clean import html_blocks
from article_core.clean.bodies import _Paragraphs
from article_core.clean.boilerplate import phrase_patterns
from article_core.models import RemovalReason, Removed

ALLOWED = set(get_args(RemovalReason))


def test_every_reason_the_tables_and_the_phrase_list_name_is_allowed() -> None:
    # Given the reasons in data/boilerplate_phrases.txt and in the HTML block tables
    from_tables = {reason for reason, _ in phrase_patterns()}
    from_tables |= {reason for reason, _ in html_blocks._BLOCK_REASONS} | set(html_blocks._TAG_REASONS.values())
    from_tables |= {reason for reason in _Paragraphs._SKIP.values() if reason}
    # Then each is a RemovalReason
    assert from_tables - ALLOWED == set()


def test_a_reason_outside_the_set_is_refused() -> None:
    # Given a removal with an unknown reason, When it is built, Then the schema refuses it
    with pytest.raises(ValidationError):
        Removed(text="x", reason="whatever")
    assert Removed(text="x", reason="advertisement").reason == "advertisement"
