"""Extractive summary: two or three whole sentences of the article, in article order.

Sentences score by the keyphrases they contain and by position (news puts the gist first);
too-short fragments (headings, captions) and very long run-ons are avoided.
"""

from __future__ import annotations

from .tokens import words

MIN_WORDS = 6
MAX_WORDS = 60


def summarise(
    text: str, spans: list[tuple[int, int]], keyphrases: list[tuple[str, float]], *, size: int = 3
) -> list[str]:
    """Up to `size` sentences (two when the article is short), whole, in their original order."""
    candidates = []
    for index, (start, end) in enumerate(spans):
        sentence = text[start:end]
        tokens = words(sentence)
        if not MIN_WORDS <= len(tokens) <= MAX_WORDS or sentence[-1:] not in '.!?…»”"':
            continue
        lowered = " ".join(tokens).lower()
        weight = sum(score for phrase, score in keyphrases if phrase.lower() in lowered)
        position = 1.0 / (1.0 + index / 3.0)
        candidates.append((weight / len(tokens) ** 0.5 + position, index, sentence))
    if not candidates:
        return [text[start:end] for start, end in spans[:1]]
    wanted = 2 if len(spans) < 6 else size
    best = sorted(candidates, key=lambda item: -item[0])[:wanted]
    return [sentence for _, _, sentence in sorted(best, key=lambda item: item[1])]
