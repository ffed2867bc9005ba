"""The instruction-count benchmark: its child handles the article as the warm measurement says, and the total is
read from cachegrind's summary."""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks.instructions import CHILD, REFERENCE, instruction_total
from benchmarks.speed_build import ROOT


def test_the_total_is_read_from_cachegrinds_summary() -> None:
    # Given cachegrind's closing lines / When read / Then the total is its "I refs" count, commas dropped
    report = "==12== \n==12== I   refs:      2,156,871,865\n"
    assert instruction_total(report) == 2_156_871_865
    # And a report without one is an error, not a zero
    with pytest.raises(RuntimeError):
        instruction_total("valgrind: command not found")


def test_the_child_handles_the_reference_article_from_the_source_tree() -> None:
    # Given the layer's source folder (no `sam build` folder beside it: the handler is not imported)
    layer = ROOT / "layers" / "article_core"
    # When the child runs with no extra article
    done = subprocess.run(
        [sys.executable, "-B", "-c", CHILD, str(layer), str(REFERENCE), "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    # Then it handles the article (twice) without an error
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_import_only_child_stops_after_importing_the_handler() -> None:
    # Given `make bench`'s cold child
    from benchmarks.instructions import import_only_child
    from benchmarks.speed_cold import COLD_CHILD

    # When cut after `import app`
    script = import_only_child(COLD_CHILD)
    # Then it imports the handler, handles no event and still prints its RESULT line
    assert script.startswith(COLD_CHILD.partition("import app")[0]) and "import app" in script
    assert "lambda_handler" not in script and script.rstrip().endswith("print('RESULT {}')")
    # And a child that no longer reads as expected is an error, not a silent miscount
    with pytest.raises(RuntimeError):
        import_only_child("import app\nresult = 1\n")
