"""The command line: the records the pipeline would store, for local files, without AWS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from article_core.__main__ import main
from local.samples import BAD, HTML, REFERENCE


def test_process_json_prints_one_record_per_file_in_order_and_goes_past_bad_files(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Given a good file, a binary file and a missing one
    files = [str(REFERENCE.file), str(BAD.file), "/nonexistent/article.txt", str(HTML.file)]
    # When they are processed with --json
    status = main(["process", *files, "--json", "--event-time", "2025-05-29T10:05:00Z"])
    out, err = capsys.readouterr()
    # Then each readable file gives one JSON record, in input order, and the missing one is reported
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["source"]["key"] for r in records] == [
        "incoming/figaro-afp-rubio-lavrov.txt",
        "incoming/not-an-article.png",
        "incoming/harbor-bridge-en.html",
    ]
    assert [r["status"] for r in records] == ["processed", "rejected", "processed"]
    assert records[0]["document"]["published_at"] == "2025-05-29T08:05:00Z"
    assert "/nonexistent/article.txt" in err
    assert status == 1


def test_clean_writes_each_body_under_its_name_without_extensions(tmp_path: Path) -> None:
    # Given two articles
    # When they are cleaned in one call
    status = main(["clean", str(REFERENCE.file), str(HTML.file), "--out-dir", str(tmp_path)])
    # Then each body is in DIR/<name without extensions>.txt
    assert status == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figaro-afp-rubio-lavrov.txt", "harbor-bridge-en.txt"]
    body = (tmp_path / "figaro-afp-rubio-lavrov.txt").read_text()
    assert body.startswith("Le secrétaire d’État américain") and "Passer la publicité" not in body
