"""The invocation's time budget: how much work still fits before the function's timeout.

The handler knows the deadline (`context.get_remaining_time_in_millis()`) and the CPU share Lambda
gives the function (memory / 1769 MB of one core); it passes both in `Limits`. The pipeline asks the
budget before each expensive step and, when the step does not fit, takes the cheaper path the record
then names in `analysis.skipped`:

1. HTML above `max_extractor_chars`, or when the extractor's estimated time does not fit: the linear
   text fallback instead of trafilatura ("extractor").
2. Text above `max_clean_chars`, or above what the cleaners can take on in the time left: only its
   first part is cleaned ("text_beyond_limit").
3. Analysis that does not fit: it runs on a shorter prefix ("time_budget"), down to nothing.

Costs are full-core seconds per million characters, measured on the hostile corpus on a shared
development machine and rounded up (see README, "Time budget"); the budget divides them by the CPU share.
Reading the monotonic clock is the only impurity here, and it is what a budget is.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .settings import Limits

EXTRACTOR_SECONDS_PER_MCHAR = 3.0  # trafilatura + our paragraph filters on an HTML page
CLEAN_SECONDS_PER_MCHAR = 3.0  # the linear cleaners (plain text, Markdown, the HTML text fallback); worst: short lines
ANALYSIS_SECONDS_PER_MCHAR = 12.0  # language, sentences, keywords, entities, quotes, dates, summary
RESERVE_SECONDS = 4.0  # wall time kept for reading the object and writing the record
MIN_ANALYSIS_CHARS = 2_000  # below this an analysis says nothing: skip it instead
MIN_CLEAN_CHARS = 20_000  # always cleaned, however late: a record with the article's start beats none


@dataclass(frozen=True)
class Budget:
    deadline: float | None  # time.monotonic() by which the record must be ready; None: no limit
    cpu_share: float = 1.0

    @classmethod
    def of(cls, limits: Limits) -> Budget:
        return cls(limits.deadline, limits.cpu_share)

    def remaining(self) -> float:
        """Wall seconds left for the pipeline, the reserve for storage already taken off."""
        if self.deadline is None:
            return float("inf")
        return self.deadline - time.monotonic() - RESERVE_SECONDS

    def wall_seconds(self, full_core_seconds: float) -> float:
        return full_core_seconds / self.cpu_share

    def affords(self, full_core_seconds: float) -> bool:
        return self.wall_seconds(full_core_seconds) <= self.remaining()

    def chars_affordable(self, seconds_per_mchar: float) -> int:
        """How many characters a step of this cost can still take on."""
        left = self.remaining()
        if left == float("inf"):
            return 2**62
        return max(0, int(left * self.cpu_share / seconds_per_mchar * 1_000_000))
