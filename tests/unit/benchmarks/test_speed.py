"""benchmarks/speed.py's options: the other build that `--compare` times beside ours."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.speed import compared_build


def test_compare_takes_a_sam_build_folder_and_refuses_anything_else(tmp_path: Path) -> None:
    """Given a folder laid out as `sam build` leaves it, and one that is not
    When each is named to --compare
    Then the first gives the function and layer folders, the second stops the run with a message
    """
    (tmp_path / "build" / "ArticleCoreLayer" / "python").mkdir(parents=True)
    (tmp_path / "build" / "ProcessArticleFunction").mkdir()
    build = compared_build(tmp_path / "build")
    assert build.layer_python == tmp_path / "build" / "ArticleCoreLayer" / "python"
    assert build.function_dir == tmp_path / "build" / "ProcessArticleFunction"
    with pytest.raises(SystemExit, match="no ArticleCoreLayer/python"):
        compared_build(tmp_path)
