"""Cost grows linearly with the input on every path: four times the input costs about four times the CPU.

Measured as the best of two runs of CPU time (the machine is shared), at sizes below the limits that
cap each path, so that what is measured is the path itself and not the cap.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import pytest

from article_core.models import ObjectRef
from article_core.pipeline import process
from tests.hostile import sentence


def _html_paragraphs(n: int) -> tuple[bytes, str]:
    rng = random.Random(n)
    body = "".join(f"<p>{i}. {sentence(rng, 'fr')} {sentence(rng, 'en')}</p>" for i in range(n))
    return f"<html><body><article>{body}</article></body></html>".encode(), "incoming/a.html"


def _short_lines(n: int) -> tuple[bytes, str]:
    return b"mot\n" * (20 * n), "incoming/a.txt"


def _one_word(n: int) -> tuple[bytes, str]:
    return b"bonjour " * (20 * n), "incoming/a.txt"


def _markdown(n: int) -> tuple[bytes, str]:
    rng = random.Random(n)
    return "\n\n".join(f"## {i}\n\n{sentence(rng, 'fr')} **{i}**" for i in range(n)).encode(), "incoming/a.md"


def _cpu_seconds(make: Callable[[int], tuple[bytes, str]], n: int) -> float:
    raw, key = make(n)
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        process(raw, ObjectRef(bucket="b", key=key), strict=True)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("make", [_html_paragraphs, _short_lines, _one_word, _markdown])
def test_four_times_the_input_costs_about_four_times_the_cpu(make: Callable[[int], tuple[bytes, str]]) -> None:
    small, large = _cpu_seconds(make, 500), _cpu_seconds(make, 2_000)
    # a quadratic step would make this 16; allow for fixed costs and a noisy machine
    assert large < 7 * max(small, 0.02), (small, large)
