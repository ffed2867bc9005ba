"""article_core/regex_cache.py and the layer build's build_regex_cache.py: precompiled patterns in re's cache."""

from __future__ import annotations

import json
import marshal
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import build_regex_cache
import pytest

from article_core import regex_cache

LISTED = Path(build_regex_cache.__file__).parent / "regex_patterns.json"
# Named groups, flags given and inline, bytes, verbose, Unicode classes: what _sre.compile is handed besides code.
SAMPLES: list[tuple[str | bytes, int]] = [
    (r"(?P<day>\d{1,2}) (?P<month>[^\W\d]+) (?P<year>\d{4})(?#regex-cache-test)", re.IGNORECASE),
    (r"(?i)\b(?:afp|reuters)\b(?!\w)(?#regex-cache-test)", 0),
    (rb"^\xef\xbb\xbf(?P<rest>.*)(?#regex-cache-test)", re.DOTALL),
    (r"  [a-z]+  # words \n | \s+  (?#regex-cache-test)", re.VERBOSE | re.MULTILINE),
]
TEXTS = {str: "Le 3 Mars 2026, AFP — [#] Reuters  words \n", bytes: b"\xef\xbb\xbfbody\n#"}


@pytest.fixture(autouse=True)
def _fresh_re_cache() -> Iterator[None]:
    re.purge()
    yield
    re.purge()


def _written(tmp_path: Path, patterns: list[tuple[str | bytes, int]]) -> str:
    path = tmp_path / "regex_cache.marshal"
    path.write_bytes(regex_cache.dumps(patterns))
    return str(path)


def test_seeded_patterns_are_what_re_compile_returns_and_equal_its_own_compilation(tmp_path: Path) -> None:
    """Given a cache file built from patterns with named groups, flags, bytes and verbose syntax
    When it is seeded
    Then re.compile of each pattern returns the seeded object (no compilation), equal to what re's compiler makes
    (same flags, groups and code), and it matches as that pattern does
    """
    assert regex_cache.seed(_written(tmp_path, SAMPLES)) == len(SAMPLES)
    cache: dict[Any, re.Pattern[Any]] = re._cache  # type: ignore[attr-defined]
    for pattern, flags in SAMPLES:
        seeded = cache[(type(pattern), pattern, flags)]
        assert re.compile(pattern, flags) is seeded
        own = re._compiler.compile(pattern, flags)  # type: ignore[attr-defined]
        assert seeded == own
        assert (seeded.flags, seeded.groups, seeded.groupindex) == (own.flags, own.groups, own.groupindex)
        text = TEXTS[type(pattern)]
        assert [m.span() for m in seeded.finditer(text)] == [m.span() for m in own.finditer(text)]


def test_a_cache_built_for_another_regex_engine_seeds_nothing(tmp_path: Path) -> None:
    """Given a cache file whose engine (MAGIC, code size, Python minor version) is not this interpreter's
    When it is seeded
    Then nothing enters re's cache: every pattern compiles as before
    """
    _, items = marshal.loads(regex_cache.dumps(SAMPLES))  # noqa: S302 (written just above)
    magic, codesize, version = regex_cache.engine()
    path = tmp_path / "other.marshal"
    path.write_bytes(marshal.dumps(((magic + 1, codesize, version), items), 2))
    assert regex_cache.seed(str(path)) == 0
    assert not any(pattern in key for key in re._cache for pattern, _ in SAMPLES)  # type: ignore[attr-defined]


def test_without_a_built_cache_nothing_is_seeded(tmp_path: Path) -> None:
    """Given no cache file (the source tree, the CLI: only the layer build writes one)
    When seed() runs
    Then it seeds nothing and raises nothing
    """
    assert regex_cache.seed(str(tmp_path / "absent.marshal")) == 0


def test_a_list_larger_than_res_cache_seeds_nothing(tmp_path: Path) -> None:
    """Given more patterns than re's cache holds (it would evict them as it went)
    When seeded
    Then nothing is seeded
    """
    many: list[tuple[str | bytes, int]] = [(f"x{n}(?#regex-cache-test)", 0) for n in range(re._MAXCACHE + 1)]  # type: ignore[attr-defined]
    assert regex_cache.seed(_written(tmp_path, many)) == 0


def test_a_full_re_cache_makes_room_by_dropping_its_least_recently_used_patterns(tmp_path: Path) -> None:
    """Given re's cache already full (modules imported before the handler compiled many patterns)
    When the cache file is seeded
    Then every stored pattern is seeded, the oldest entries left to make room, and the cache stays within its size
    """
    limit: int = re._MAXCACHE  # type: ignore[attr-defined]
    earlier = [re.compile(f"y{n}(?#regex-cache-test)") for n in range(limit)]
    assert regex_cache.seed(_written(tmp_path, SAMPLES)) == len(SAMPLES)
    cache: dict[Any, re.Pattern[Any]] = re._cache  # type: ignore[attr-defined]
    assert len(cache) == limit
    assert all((type(p), p, f) in cache for p, f in SAMPLES)
    assert [p.pattern for p in earlier if (str, p.pattern, 0) not in cache] == [p.pattern for p in earlier[:4]]


def test_the_layer_build_compiles_every_listed_pattern_as_re_does(tmp_path: Path) -> None:
    """Given layers/article_core/regex_patterns.json (made by `make regex-patterns`)
    When the layer build's step compiles it (here on the development Python)
    Then every listed pattern, bytes and lone surrogates included, comes back equal to re's own compilation, and
    the list fits in re's cache with room to spare
    """
    target = tmp_path / "regex_cache.marshal"
    assert build_regex_cache.main([str(LISTED), str(target)]) == 0
    listed = json.loads(LISTED.read_text(encoding="utf-8"))
    assert 0 < len(listed) <= re._MAXCACHE * 3 // 4  # type: ignore[attr-defined]
    assert regex_cache.seed(str(target)) == len(listed)
    for pattern, flags in build_regex_cache.load_patterns(LISTED):
        assert re.compile(pattern, flags) == re._compiler.compile(pattern, flags)  # type: ignore[attr-defined]


def test_the_html_batch_is_seeded_once_and_leaves_the_first_batchs_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given a first batch seeded at start-up and an HTML batch file
    When seed_html runs twice
    Then its patterns are in re's cache after the first run, the second run seeds nothing again (returns the
    same count), and `seeded` still counts the first batch
    """
    monkeypatch.setattr(regex_cache, "seeded_html", None)
    first = tmp_path / "first"
    first.mkdir()
    assert regex_cache.seed(_written(first, SAMPLES[:1])) == 1
    html = _written(tmp_path, SAMPLES[1:])
    assert regex_cache.seed_html(html) == len(SAMPLES) - 1
    cache: dict[Any, re.Pattern[Any]] = re._cache  # type: ignore[attr-defined]
    assert all((type(p), p, f) in cache for p, f in SAMPLES)
    re.purge()
    assert regex_cache.seed_html(html) == len(SAMPLES) - 1
    assert not any((type(p), p, f) in cache for p, f in SAMPLES[1:])  # not seeded a second time
    assert regex_cache.seeded == 1


def test_the_html_path_seeds_its_batch_before_cleaning_html(monkeypatch: pytest.MonkeyPatch) -> None:
    """Given the HTML batch not yet seeded
    When an HTML document is cleaned
    Then seed_html has run (in the source tree, with no built file, it seeds nothing)
    """
    from article_core.clean import clean
    from article_core.decode import decode

    monkeypatch.setattr(regex_cache, "seeded_html", None)
    clean(decode(b"<html><body><p>Un texte.</p></body></html>", name="page.html"))
    assert regex_cache.seeded_html == 0


def test_the_layer_build_compiles_every_listed_html_pattern_as_re_does(tmp_path: Path) -> None:
    """Given layers/article_core/regex_patterns_html.json (the HTML path's further patterns, `make regex-patterns`)
    When the layer build's step compiles it
    Then it lists none of the first batch, fits in re's cache, and every pattern equals re's own compilation
    """
    listed_html = LISTED.with_name("regex_patterns_html.json")
    target = tmp_path / "regex_cache_html.marshal"
    assert build_regex_cache.main([str(listed_html), str(target)]) == 0
    patterns = build_regex_cache.load_patterns(listed_html)
    assert 0 < len(patterns) <= re._MAXCACHE * 3 // 4  # type: ignore[attr-defined]
    assert not set(patterns) & set(build_regex_cache.load_patterns(LISTED))
    assert regex_cache.seed(str(target)) == len(patterns)
    for pattern, flags in patterns:
        assert re.compile(pattern, flags) == re._compiler.compile(pattern, flags)  # type: ignore[attr-defined]
