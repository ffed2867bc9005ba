"""The extraction benchmark's per-page floor: no page we lose that trafilatura gets nearly right."""

from __future__ import annotations

from functools import partial

from benchmarks import quality_extraction as qe

TRUTH = "the council voted on tuesday to keep the old bridge open for walkers and cyclists"
WORDS = TRUTH.split()


def _run(name: str, predictions: dict[str, str]) -> qe.Run:
    run = qe.Run(name)
    for key, prediction in predictions.items():
        run.add(TRUTH, partial(str, prediction), key)
    return run


def test_page_f1_is_one_for_the_truth_and_zero_for_other_text() -> None:
    # Given a page extracted exactly, and one extracted as unrelated text / Then F1 is 1 and 0
    assert qe.page_f1(qe.match(TRUTH, TRUTH)) == 1.0
    assert qe.page_f1(qe.match(TRUTH, "a menu of links home sport weather contact")) == 0.0


def test_floor_breaks_lists_only_pages_we_lose_and_the_baseline_keeps() -> None:
    # Given three pages: one both get right, one we cut to a fragment the baseline gets whole,
    # and one both get wrong
    half = " ".join(WORDS[:5])
    ours = _run("ours", {"both-right": TRUTH, "we-lose": half, "both-wrong": "cookie banner text only here"})
    theirs = _run("theirs", {"both-right": TRUTH, "we-lose": TRUTH, "both-wrong": "another unrelated footer text"})
    # When the floor is checked / Then only the page the baseline gets above 0.9 and we get below 0.5 breaks it
    assert qe.page_f1(ours.pages[1]) < qe.FLOOR < qe.BASELINE_GOOD < qe.page_f1(theirs.pages[1])
    assert qe.floor_breaks(ours, theirs) == ["we-lose"]


def test_floor_breaks_is_empty_when_we_are_at_least_half_right() -> None:
    # Given a page we get two thirds right while the baseline is exact / Then the floor holds
    ours = _run("ours", {"page": " ".join(WORDS[:11])})
    theirs = _run("theirs", {"page": TRUTH})
    assert qe.page_f1(ours.pages[0]) >= qe.FLOOR
    assert qe.floor_breaks(ours, theirs) == []
