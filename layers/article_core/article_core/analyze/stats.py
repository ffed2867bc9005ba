"""Reading statistics: counts, mean sentence length and reading time at the language's pace."""

from __future__ import annotations

from ..models import Stats
from .tokens import words

# Silent reading speed of adults, words per minute (Trauzettel-Klosinski et al. 2012, IReST).
WORDS_PER_MINUTE = {
    "ar": 138, "de": 179, "en": 228, "es": 218, "fi": 161, "fr": 195, "he": 187, "it": 188,
    "ja": 193, "nl": 202, "pl": 166, "pt": 181, "ru": 184, "sl": 180, "sv": 199, "tr": 166, "zh": 158,
}  # fmt: skip
DEFAULT_WORDS_PER_MINUTE = 184


def compute_stats(
    text: str, *, paragraphs: int, sentences: int | None = None, language: str = "und", word_count: int | None = None
) -> Stats:
    """Counts over `text`; `sentences` comes from the sentence splitter and `word_count` from the shared
    tokenizer (each computed here when the caller has not already)."""
    if word_count is None:
        word_count = len(words(text))
    if sentences is None:
        from .sentences import split_sentences

        sentences = len(split_sentences(text))
    sentences = sentences if word_count else 0
    pace = WORDS_PER_MINUTE.get(language, DEFAULT_WORDS_PER_MINUTE)
    return Stats(
        characters=len(text),
        words=word_count,
        sentences=sentences,
        paragraphs=paragraphs,
        mean_sentence_words=round(word_count / sentences, 2) if sentences else 0.0,
        reading_time_seconds=round(word_count * 60 / pace),
    )
