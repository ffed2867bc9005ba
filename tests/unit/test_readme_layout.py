"""The README's Layout map matches the tree: every top-level entry is on it, every file or folder it names exists."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_MAPPED = {"README.md", ".gitignore"}  # the map's own file, and git's
NAME = re.compile(r"`([^`\s<>$]*(?:\.[\w*]+|/))`")  # file.py, pattern*.py, folder/


def layout_rows() -> list[tuple[list[str], list[str]]]:
    """(paths of the first column, file and folder names of the second) for each row of the Layout table."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if line.startswith("| `"):
            paths, what = line.strip("| ").split(" | ", 1)
            rows.append((re.findall(r"`([^`]+)`", paths), NAME.findall(what)))
    return rows


def tracked_top_level() -> set[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {line.split("/", 1)[0] for line in listed.splitlines() if line} - NOT_MAPPED


def test_every_top_level_entry_is_on_the_map() -> None:
    # Given the tracked files, When their top-level folders and files are compared with the map's first column
    mapped = {path.split("/", 1)[0] for paths, _ in layout_rows() for path in paths}
    # Then none is missing
    assert tracked_top_level() - mapped == set()


def test_every_path_the_map_names_exists() -> None:
    # Given each row of the map
    missing = []
    for paths, names in layout_rows():
        missing += [path for path in paths if not (ROOT / path).exists()]
        folders = [ROOT / path for path in paths if (ROOT / path).is_dir()]
        # When each file or folder named in its description is looked for under the row's folders (or the root)
        for name in names:
            found = (ROOT / name).exists() or any(any(folder.rglob(name.rstrip("/"))) for folder in folders)
            missing += [] if found else [f"{paths[0]}: {name}"]
    # Then it is there
    assert missing == []
