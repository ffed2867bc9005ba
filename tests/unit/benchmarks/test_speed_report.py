"""The speed report renders measurements it is given (no measuring), and judges them against the targets."""

from __future__ import annotations

from benchmarks.speed_cold import ColdResult, parse_importtime
from benchmarks.speed_report import SpeedResults, html_ratio, render, summary


def _results() -> SpeedResults:
    built = ColdResult("as built", import_ms=[200.0, 240.0, 900.0], first_event_ms=[380.0, 390.0, 1500.0],
                       import_cpu_ms=[180.0] * 3, first_event_cpu_ms=[350.0] * 3)  # fmt: skip
    html = ColdResult("as built", first_event_ms=[700.0], first_event_cpu_ms=[500.0])
    return SpeedResults(
        header="test",
        load="load average 1.0",
        cold={"as built": built},
        cold_html={"as built": html},
        corpus={
            "warm_reference": [[0.008, 0.007]] * 5,
            "times": {"html": [[0.05, 0.04]]},
            "paired": {"trafilatura": [[0.020, 0.018], [0.030, 0.027]], "ours": [[0.030, 0.027], [0.045, 0.040]]},
            "maxrss_kb": 100 * 1024,
        },
        layer_mb=53.0,
    )


def test_summary_takes_medians_and_judges_each_target() -> None:
    """Given cold starts with one outlier, a warm reference, paired HTML times and a layer size
    When the summary is rendered
    Then medians (not means) are judged: import 240 ms PASS, first HTML event 700 ms MISS, ratio 1.5× PASS
    """
    rows = {row[0]: row for row in summary(_results())}
    assert rows["handler import, cold (median wall)"][1:] == ["240 ms", "≤ 250 ms", "PASS"]
    assert rows["import + first event (reference, moto)"][3] == "PASS"
    assert rows["import + first HTML event"][3] == "MISS"
    assert rows["reference article, warm end to end (wall)"][1] == "8.0 ms"
    assert rows["HTML pages: ours / trafilatura alone (wall)"][1:] == ["1.50×", "≤ 1.5×", "PASS"]
    assert rows["layer unzipped"][3] == "PASS"


def test_html_ratio_is_total_over_total_on_wall_or_cpu() -> None:
    """Given per-page medians as [wall, CPU] / When the ratio is taken / Then it is sum(ours) / sum(theirs)"""
    assert html_ratio(_results()) == (0.030 + 0.045) / (0.020 + 0.030)
    assert html_ratio(_results(), 1) == (0.027 + 0.040) / (0.018 + 0.027)
    assert html_ratio(SpeedResults(header="", load="")) is None


def test_render_writes_every_section_even_without_a_build() -> None:
    """Given no measurements at all / When rendered / Then the report says n/a rather than failing"""
    text = render(SpeedResults(header="h", load="l", notes=["No python3.13"]))
    assert "| handler import, cold (median wall) | n/a |" in text
    assert "No python3.13" in text
    assert "## 1. Cold start" in render(_results())


def test_importtime_is_summed_per_top_level_package() -> None:
    """Given -X importtime lines / When parsed / Then self times add up per package and the largest come first"""
    stderr = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:      1000 |       1000 |   pydantic.main\n"
        "import time:      3000 |       4000 | pydantic\n"
        "import time:      2500 |       2500 | botocore\n"
    )
    packages, modules = parse_importtime(stderr)
    assert packages == [("pydantic", 4.0), ("botocore", 2.5)]
    assert modules[0] == ("pydantic", 3.0)


def test_a_compared_build_is_reported_as_the_median_of_paired_differences() -> None:
    """Given cold starts of our build and of a compared one, interleaved run by run, with load hitting pairs alike
    When the report is rendered
    Then it gives the median of the run-by-run differences (ours - theirs), not the difference of the medians
    """
    results = _results()
    results.cold["compared: main"] = ColdResult(
        "main", import_ms=[210.0, 260.0, 800.0], first_event_ms=[400.0, 395.0, 1400.0],
        import_cpu_ms=[190.0, 185.0, 200.0], first_event_cpu_ms=[370.0, 360.0, 400.0],
    )  # fmt: skip
    text = render(results)
    assert (
        "As built minus main, median of 3 paired differences (interleaved runs): import CPU -10.0 ms; "
        "import + first event CPU -20.0 ms; import wall -10.0 ms; import + first event wall -5.0 ms." in text
    )
