"""The pre-parsed data files (data/*.marshal) hold what their text sources make."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from article_core.analyze import entity_lexicon, entity_lexicon_packed, language_model
from article_core.analyze.tokens import read_data
from benchmarks import build_data_tables


def test_language_tables_load_as_the_source_parses() -> None:
    # Given data/language_model.txt
    parsed = language_model.parse_tables(read_data(language_model.TABLES_SOURCE))
    # When the pre-parsed file is loaded
    loaded = language_model._tables.__wrapped__()
    # Then it holds the same words, unlisted masses and trigrams
    assert loaded == parsed


def test_lexicon_loads_as_the_word_lists_parse() -> None:
    # Given the ner_*.txt word lists
    parsed = entity_lexicon.load_lexicon.__wrapped__()
    # When the pre-parsed file is loaded
    loaded = entity_lexicon_packed.load_packed_lexicon.__wrapped__()
    # Then every set is the same
    for field in ("places", "organisations", "first_names", "common", "cues", "name_starts"):
        assert getattr(loaded, field) == getattr(parsed, field), field


def test_build_script_check_passes() -> None:
    # Given the committed files; Then the build script's check finds them current
    assert build_data_tables.main(["--check"]) == 0


def test_build_script_check_fails_on_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a copy of data/ in which the language source gained a word the pre-parsed file lacks
    data = tmp_path / "data"
    shutil.copytree(build_data_tables.DATA, data)
    source = data / language_model.TABLES_SOURCE
    source.write_text(source.read_text(encoding="utf-8") + "fr\tw\t-40\tmotnouveau\n", encoding="utf-8")
    monkeypatch.setattr(build_data_tables, "DATA", data)
    # When the check runs, Then it fails
    assert build_data_tables.main(["--check"]) == 1
    # And after a rebuild it passes
    assert build_data_tables.main([]) == 0
    assert build_data_tables.main(["--check"]) == 0


def test_language_tables_store_each_repeated_key_once() -> None:
    # Given the pre-parsed language tables, as a cold start loads them
    loaded = language_model._tables.__wrapped__()
    # Then a trigram or word that several languages list is one string object (stored once, hashed once)
    for tables in (loaded.trigrams, loaded.words):
        distinct = set().union(*tables)
        assert len({id(key) for table in tables for key in table}) == len(distinct)
