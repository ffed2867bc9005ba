"""Reading statistics."""

from __future__ import annotations

import re

from ..models import Stats

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…]+[»”\"')\]]*(?=\s|$)")
WORDS_PER_MINUTE = 230


def compute_stats(text: str, *, paragraphs: int) -> Stats:
    words = len(_WORD.findall(text))
    sentences = max(1, len(_SENTENCE_END.findall(text))) if words else 0
    return Stats(
        characters=len(text),
        words=words,
        sentences=sentences,
        paragraphs=paragraphs,
        mean_sentence_words=round(words / sentences, 2) if sentences else 0.0,
        reading_time_seconds=round(words * 60 / WORDS_PER_MINUTE),
    )
