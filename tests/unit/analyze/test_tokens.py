"""The shared word tokenizer: its fast (possessive) pattern finds what the plain pattern finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from article_core.analyze import language
from article_core.analyze.tokens import WORD, WORD_PATTERN, words

_PIECES = st.sampled_from(
    ["mot", "Ça", "l", "'", "’", "-", "_", " ", "\n", "3", "é", "ж", "--", "''", "a-", "-b", ".", "ß"]
)


@given(st.lists(_PIECES, max_size=30), st.text(max_size=20))
@settings(max_examples=400, deadline=None)
def test_the_possessive_word_pattern_finds_the_plain_patterns_words(pieces: list[str], noise: str) -> None:
    """Given text dense with letters, digits, hyphens, apostrophes and underscores,
    when it is tokenized,
    then the words are those of the plain (backtracking) pattern."""
    text = "".join(pieces) + noise
    assert words(text) == re.findall(WORD_PATTERN, text)


@given(st.lists(_PIECES, max_size=30), st.text(max_size=20))
@settings(max_examples=200, deadline=None)
def test_the_language_tokens_are_those_of_the_plain_pattern(pieces: list[str], noise: str) -> None:
    """Given the same kind of text,
    when language ID tokenizes it,
    then it finds the tokens of the plain pattern."""
    text = "".join(pieces) + noise
    assert language._TOKEN.findall(text) == re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", text)


def test_white_space_and_word_characters_are_apart_in_all_of_unicode() -> None:
    """Given every code point,
    when classed by str.isspace / str.isalnum and by the pattern's word character class,
    then no white space is a word character and `isalnum` is exactly that class (what `words` relies on)."""
    word_char = re.compile(r"[^\W_]")
    for code in range(0x110000):
        char = chr(code)
        is_word = word_char.match(char) is not None
        assert char.isalnum() == is_word, hex(code)
        assert not (char.isspace() and is_word), hex(code)


@given(
    st.lists(
        st.sampled_from(["mot", "«", "»", ",", ".", "'", "’", "-", "_", " ", "\u00a0", "\u3000", "\n", "3", "²"]),
        max_size=30,
    ),
    st.text(max_size=20),
)
@settings(max_examples=600, deadline=None)
def test_words_chunk_by_chunk_are_the_patterns_words(pieces: list[str], noise: str) -> None:
    """Given text with words glued to punctuation, underscores and joiners on either side, and odd white space,
    when tokenized chunk by chunk,
    then the words are those the pattern finds in the whole text."""
    text = "".join(pieces) + noise
    assert words(text) == WORD.findall(text)
