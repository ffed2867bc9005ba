"""clean/boilerplate_needles.py and the layer build's build_boilerplate_needles.py: needles computed at build time."""

from __future__ import annotations

import marshal
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import build_boilerplate_needles
import pytest

from article_core.clean import boilerplate, boilerplate_needles


@pytest.fixture(autouse=True)
def _nothing_stored() -> Iterator[None]:
    boilerplate_needles.stored.cache_clear()
    yield
    boilerplate_needles.stored.cache_clear()


def _written(tmp_path: Path, stored: dict[tuple[str, int], tuple[str, ...]], version: tuple[int, int]) -> str:
    path = tmp_path / "boilerplate_needles.marshal"
    path.write_bytes(marshal.dumps((version, stored), 2))
    return str(path)


def test_the_build_step_stores_the_needles_needles_computes_for_every_phrase_and_gated_pattern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given the layer build step run on a folder standing for the layer (its article_core/data/)
    When its file is read back
    Then it is for this Python, holds every case-insensitive phrase pattern and the HTML cleaner's gated patterns,
    and each entry equals `needles` computed from the pattern
    """
    (tmp_path / "article_core" / "data").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the step puts the layer folder first on it
    monkeypatch.setattr(boilerplate_needles, "FILE", str(tmp_path / "none.marshal"))  # nothing stored meanwhile
    assert build_boilerplate_needles.main([str(tmp_path)]) == 0
    stored = boilerplate_needles.stored(str(tmp_path / "article_core" / "data" / "boilerplate_needles.marshal"))
    phrases = {(p.pattern, p.flags) for _, p in boilerplate.phrase_patterns() if p.flags & re.IGNORECASE}
    assert phrases and phrases <= set(stored) and len(stored) > len(phrases)  # the gated patterns too
    for (pattern, flags), needles in stored.items():
        assert needles == boilerplate.needles(re.compile(pattern, flags)), pattern
    assert any(stored.values())


def test_needles_come_from_the_stored_file_only_when_this_python_built_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given a stored entry that differs from what `needles` computes (so its use shows)
    When `needles` is asked for that pattern with the file built for this Python, then for another one
    Then the first gives the stored needles, the second computes them; a pattern not stored is computed
    """
    pattern = re.compile(r"\b(?:share this|follow us)\b", re.IGNORECASE)
    computed = boilerplate.needles(pattern)
    assert computed == ("hare th", "follow u")  # no i or s: "ı" and "ſ" match them too
    this = sys.version_info[0], sys.version_info[1]
    entry: dict[tuple[str, int], tuple[str, ...]] = {(pattern.pattern, pattern.flags): ("x",)}
    monkeypatch.setattr(boilerplate_needles, "FILE", _written(tmp_path, entry, this))
    boilerplate_needles.stored.cache_clear()
    assert boilerplate.needles(pattern) == ("x",)
    assert boilerplate.needles(re.compile(r"\bjoin our team\b", re.IGNORECASE)) == ("n our team",)  # computed
    monkeypatch.setattr(boilerplate_needles, "FILE", _written(tmp_path, entry, (2, 7)))
    boilerplate_needles.stored.cache_clear()
    assert boilerplate.needles(pattern) == computed
