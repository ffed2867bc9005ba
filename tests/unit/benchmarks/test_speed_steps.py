"""The per-step timer: every step of a real article is timed, inside the whole, and the pipeline is left as found."""

from __future__ import annotations

from pathlib import Path

from article_core import pipeline
from benchmarks.speed_steps import measure

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "rail-strike-en.txt"


def test_each_step_is_timed_within_the_total_and_the_wrappers_are_removed() -> None:
    # Given the pipeline's own decode step and an English sample
    decode = getattr(pipeline, "decode")  # noqa: B009 - not re-exported, but the name the pipeline calls
    # When the steps of two runs are measured
    samples = measure([("incoming/rail-strike-en.txt", SAMPLE.read_bytes())], runs=2, warmup=0)
    # Then every step has a sample per run, no step exceeds the whole, and the entity parts sit inside entities
    for step in ("decode", "clean", "analyze", "extract_entities", "ent.tag_spans", "ent.features", "to_item"):
        assert len(samples[step]) == 2, step
    for run in range(2):
        assert samples["analyze"][run] <= samples["TOTAL"][run]
        assert samples["ent.features"][run] <= samples["ent.tag_spans"][run] <= samples["extract_entities"][run]
    # And the pipeline calls its own functions again
    assert getattr(pipeline, "decode") is decode  # noqa: B009
