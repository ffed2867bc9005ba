"""The sentence around a quote: the break pattern that matches the punctuation finds the breaks of the
look-behind form it replaced (same sentence bounds for every quote)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from article_core.analyze import quotes

# The form used before: a break starts at the white space itself.
_LOOK_BEHIND = re.compile(r"(?<=[.!?…])\s+(?=[«“\"A-ZÀ-Ý])|\n")
SAMPLES = [p for p in sorted((Path(__file__).parents[3] / "samples").glob("*.txt")) if ".cp1252" not in p.name]
_PIECES = st.sampled_from(
    [
        "mot", "Le", "À", " ", "  ", "\n", "\n\n", "\t", ".", "!", "?", "…", "...", "« ", " »", "«", "»", "“", "”",
        '"', "a dit X", ", a affirmé Tammy Bruce", ". Il", ".\n", ". «", '. "', " (", ")",
    ]
)  # fmt: skip


def _bounds_before(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for match in _LOOK_BEHIND.finditer(text, 0, start):
        left = match.end()
    after = _LOOK_BEHIND.search(text, end)
    return left, after.start() if after else len(text)


def _check(text: str) -> None:
    assert quotes._break_ends(text) == [m.end() for m in _LOOK_BEHIND.finditer(text)]
    for match in quotes._QUOTE.finditer(text):
        assert quotes._sentence_bounds(text, match.start(), match.end()) == _bounds_before(
            text, match.start(), match.end()
        )


@given(st.lists(_PIECES, max_size=60))
@settings(max_examples=600, deadline=None)
def test_sentence_bounds_of_every_quote_are_those_of_the_look_behind_form(pieces: list[str]) -> None:
    """Given text dense with quote marks, sentence-final punctuation, white space and capitals,
    when the sentence around each quote is found,
    then its bounds are those the look-behind pattern gives, and so are the breaks of the whole text."""
    _check("".join(pieces))


def test_sentence_bounds_on_the_samples() -> None:
    """Given the sample articles / When each quote's sentence is found / Then the bounds are the same."""
    for path in SAMPLES:
        _check(path.read_text(encoding="utf-8"))
