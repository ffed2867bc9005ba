"""Shared word tokenizer and stop-word lists, so every analysis step counts words the same way."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# A word: letters/digits, with inner hyphens or apostrophes ("aujourd'hui", "porte-parole", "don't").
# Possessive quantifiers (Python 3.11+): what follows a run of letters can match empty and starts with a
# non-letter, so no match ever gives letters back; possessive repeats skip the engine's backtracking
# bookkeeping and find the same words in half the time (tests/unit/analyze/test_tokens.py compares).
WORD_PATTERN = r"[^\W_]+(?:[-'’][^\W_]+)*"
WORD = re.compile(r"[^\W_]++(?:[-'’][^\W_]++)*+")
# French (and Italian/Catalan) elided articles and pronouns glued to the next word: "l'Ukraine", "qu'il".
ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\w)", re.IGNORECASE)


def words(text: str) -> list[str]:
    """Word tokens as written (case kept, typographic apostrophes kept): `WORD.findall(text)`.

    Found chunk by chunk between white space (no word holds any: tests/unit/analyze/test_tokens.py checks all of
    Unicode): a chunk of word characters alone ("Moscou") is a word as it stands, and so is one with a single other
    character before or after it ("foi,", "«un"); only the rest go through the pattern, whose every match costs
    about 2k instructions (a C split and `isalnum` cost a fraction of that).
    """
    found: list[str] = []
    append, extend, findall = found.append, found.extend, WORD.findall
    for chunk in text.split():
        if chunk.isalnum():
            append(chunk)
        elif chunk[:-1].isalnum():  # the last character is not a word character: it neither starts nor joins one
            append(chunk[:-1])
        elif chunk[1:].isalnum():
            append(chunk[1:])
        elif len(chunk) > 1:  # a single character that is not a word character holds no word
            extend(findall(chunk))
    return found


def trie(words: set[str]) -> str:
    """A regex matching exactly `words`, branching one letter at a time ("l(?:a(?:st)?|e)?"): the engine tries a
    couple of dozen first letters at each word instead of every word (dates' first words, quotes' verbs)."""
    following: dict[str, set[str]] = {}
    for word in words:
        if word:
            following.setdefault(word[0], set()).add(word[1:])
    if not following:
        return ""
    parts = [re.escape(first) + trie(rest) for first, rest in sorted(following.items())]
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in words else body


def lowercase_keeps_places(text: str, lowered: str) -> bool:
    """Whether `lowered`, `text.lower()`, holds each character's lowercase at that character's offset, so that a
    stretch of it is the lowercase of the same stretch of `text`. True unless the text holds "İ" (it lowercases to
    two characters) or "Σ" (its lowercase depends on its neighbours): every other character lowercases on its own
    to one character."""
    return len(lowered) == len(text) and "Σ" not in text


def normalise_apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("ʼ", "'")


def read_data(name: str) -> str:
    """Text of a bundled data file ("" when absent); callers cache what they build from it."""
    path = resources.files("article_core") / "data" / name
    return path.read_text(encoding="utf-8") if path.is_file() else ""


@cache
def stopwords(language: str) -> frozenset[str]:
    """Lowercase stop words for `language` (empty for languages without a list). Loaded once."""
    raw = read_data(f"stopwords_{language}.txt")
    return frozenset(
        normalise_apostrophes(word) for line in raw.splitlines() if not line.startswith("#") for word in line.split()
    )
