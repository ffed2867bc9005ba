"""The every-language body probe: articles built from a language's sentences, scored with the extraction metric."""

from __future__ import annotations

from pathlib import Path

from benchmarks import quality_body_languages as probe

SENTENCES = [
    f"Sentence {i} says that the council voted on Tuesday to keep the old bridge open for walkers and cyclists."
    for i in range(30)
]


def test_each_language_is_scored_in_both_forms_and_a_short_file_is_skipped(tmp_path: Path) -> None:
    # Given a langid-dev folder with one language of 30 sentences and one with too few
    folder = tmp_path / "langid-dev"
    folder.mkdir()
    (folder / "en.txt").write_text("\n".join(SENTENCES), encoding="utf-8")
    (folder / "ja.txt").write_text("", encoding="utf-8")
    # When scored
    found = probe.scores(tmp_path)
    # Then the language's body is kept whole as a plain file, all but a 4-gram as a page (its headline comes first),
    # and the empty one is left out
    assert found["plain"] == {"en": 1.0}
    assert list(found["html"]) == ["en"] and found["html"]["en"] > 0.99
    assert "plain mean 1.000 over 1 languages" in probe.report(found)


def test_the_built_files_hold_the_story_between_menu_and_footer() -> None:
    # Given ten paragraphs / When made into a plain file and a page / Then both hold the menu, the story, the footer
    paragraphs = [" ".join(SENTENCES[i : i + 3]) for i in range(0, 30, 3)]
    plain = probe.plain_file(paragraphs).decode()
    assert plain.startswith("Home\n") and plain.endswith(probe.FOOTER) and paragraphs[5] in plain
    page = probe.html_page(paragraphs).decode()
    assert "<nav>" in page and f"<p>{paragraphs[5]}</p>" in page and "<footer>" in page
