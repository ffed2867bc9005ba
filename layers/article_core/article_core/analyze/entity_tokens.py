"""Tokens for the entity tagger: words with their offsets, sentence starts marked, text cut into sequences.

The tagger is trained on these same tokens (benchmarks/train_ner.py tokenises each training sentence with
`tokenize`), so what it sees when tagging an article is what it learned from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

_WORD = re.compile(
    r"[^\W\d_]\.[^\W\d_]\.(?:[^\W\d_]\.)*(?![^\W\d_])"  # dotted abbreviations: U.S., U.N., e.g.
    # elision: l', d', qu' (the lookahead, the first letters of every form, fails fast elsewhere)
    r"|(?=[lLdDjJmMnNsStTcCqQpP])(?:[lLdDjJmMnNsStTcC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=\s?[^\W\d_])"
    r"|[^\W\d_][\w]*(?:[-'’&][^\W_]\w*)*|\d+(?:[.,:]\d+)*|\S"
)
_APOSTROPHES = "'’"
_SENTENCE_END = frozenset({";", "…", ".", "!", "?", ":"})
_ABBREVIATIONS = frozenset(
    {"Ms", "Sr", "Pr", "Jr", "St", "MM", "Mlle", "Sen", "Mme", "Mr", "Me", "M", "Gen", "Dr", "Mrs", "Gov", "Rep", "Lt"}
)
_START = attrgetter("start")
# Longest sequence handed to the tagger at once: a hostile run of words without punctuation is cut here.
MAX_SEQUENCE = 120


@dataclass(slots=True, init=False)
class Token:
    text: str
    start: int
    end: int
    sentence_start: bool

    def __init__(self, text: str, start: int, end: int) -> None:
        # Written out: a generated __init__ with a default argument costs half as much again, at every token.
        self.text, self.start, self.end, self.sentence_start = text, start, end, False

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    """Words, numbers and punctuation with offsets; an English possessive ('s) is its own token.

    The same tokens as `_WORD.findall(text)` (with the possessive split), found faster: the text is cut at
    spaces first (no match spans whitespace, and every other character is in one), a piece of letters alone
    is one token, and only the other pieces go through the pattern, which tiles them. Cut at " " alone, each
    piece's offset is the previous one's end plus one (no search of the text); a piece that holds other
    whitespace (a line break, a tab: `isprintable` is false) is cut again by `str.split`. Only an elision's
    lookahead ("l' homme") peeks past a chunk's end: a chunk ending in an apostrophe lets the pattern see two
    more characters."""
    tokens: list[Token] = []
    ends: list[int] = []  # indices of the tokens that may end a sentence
    new, find = object.__new__, text.find
    end = -1
    for piece in text.split(" "):
        start = end + 1
        end = start + len(piece)
        if piece.isalpha():  # most pieces: built without __init__ (a third of the cost, at every token)
            token = new(Token)
            token.text, token.start, token.end, token.sentence_start = piece, start, end, False
            tokens.append(token)
        elif piece.isprintable():
            if piece:
                _chunk(text, piece, start, end, tokens, ends)
        else:  # other whitespace inside: its chunks, found in the piece
            at = start
            for chunk in piece.split():
                at = find(chunk, at)
                if chunk.isalpha():
                    tokens.append(Token(chunk, at, at + len(chunk)))
                else:
                    _chunk(text, chunk, at, at + len(chunk), tokens, ends)
                at += len(chunk)
    _mark_sentence_starts(text, tokens, ends)
    return tokens


def _chunk(text: str, chunk: str, start: int, end: int, tokens: list[Token], ends: list[int]) -> None:
    """The tokens of `chunk` (a run of non-whitespace characters at `start`), added to `tokens`; those that may
    end a sentence noted in `ends`.

    A chunk's tokens depend on the chunk alone (the pattern's lookaheads stop at its end), except after a final
    apostrophe, where an elision peeks at the next characters: other chunks are cut once per process
    (`_cut`, kept in `_LAYOUTS`: "Lavrov,", "d'un", "l'Ukraine." repeat within and across articles), so a repeated one
    costs no pattern search, only its tokens' objects."""
    if chunk[-1] in _APOSTROPHES:
        words, stops = _cut(_WORD.findall(text, start, end + 2), len(chunk))
    else:
        found = _LAYOUTS.get(chunk)
        if found is None:
            if len(_LAYOUTS) >= _MAX_LAYOUTS:
                _LAYOUTS.clear()  # a warm process meets new chunks for ever: memory stays bounded
            found = _LAYOUTS[chunk] = _cut(_WORD.findall(chunk), len(chunk))
        words, stops = found
    if stops:
        ends.extend([len(tokens) + k for k in stops])
    append, new = tokens.append, object.__new__
    for word, at in words:
        token = new(Token)
        token.text, token.start, token.end, token.sentence_start = word, start + at, start + at + len(word), False
        append(token)


# A chunk's tokens: (text, offset in the chunk) each, and which of them may end a sentence.
_Layout = tuple[tuple[tuple[str, int], ...], tuple[int, ...]]
# Chunks whose layout is kept (`_chunk`); past this many, the cache starts again empty.
_MAX_LAYOUTS = 16384
_LAYOUTS: dict[str, _Layout] = {}


def _cut(found: list[str], size: int) -> _Layout:
    """The layout of a chunk of `size` characters from the pattern's words in it (`found`; after a final
    apostrophe, words of the next chunk too, dropped here); an English possessive ('s) is its own token."""
    words: list[tuple[str, int]] = []
    stops: list[int] = []
    at = 0
    for word in found:
        if at >= size:
            break  # a token of the next chunk, seen through the two more characters
        if word in _SENTENCE_END:
            stops.append(len(words))
        elif ("'" in word or "’" in word) and word[0].isalpha() and word[-1] not in _APOSTROPHES:
            head, _, rest = word.partition("'" if "'" in word else "’")
            if rest.lower() == "s":  # Trump's
                words += [(head, at), (word[len(head) :], at + len(head))]
                at += len(word)
                continue
        words.append((word, at))
        at += len(word)
    return tuple(words), tuple(stops)


def _mark_sentence_starts(text: str, tokens: list[Token], ends: list[int]) -> None:
    """A token after a line break, or after a sentence's end (`ends`: the tokens in _SENTENCE_END) that is not
    an abbreviation's dot, opens a sentence (a line break wins)."""
    for i in ends:
        if i + 1 < len(tokens):
            tokens[i + 1].sentence_start = not _is_abbreviation_dot(tokens, i)
    for i in line_starts(text, tokens):
        tokens[i].sentence_start = True


def line_starts(text: str, tokens: list[Token]) -> list[int]:
    """The indices of the tokens that open a line: the first, and each with a line break before it.

    Only spaces lie between tokens, so a line break falls just before the first token that starts after it
    (found by bisection): no pass over every token's gap."""
    found = [0] if tokens else []
    if "\n" not in text or not tokens:
        return found
    n, newline = len(tokens), text.find("\n", tokens[0].end)
    while newline >= 0:
        i = bisect_right(tokens, newline, key=_START)
        if i >= n:
            break
        found.append(i)
        newline = text.find("\n", tokens[i].end)
    return found


def _is_abbreviation_dot(tokens: list[Token], index: int) -> bool:
    """'Mr.', 'J.': a dot glued to a title or an initial does not end the sentence."""
    dot = tokens[index]
    if dot.text != ".":
        return False
    before = tokens[index - 1] if index else None
    return (
        before is not None
        and before.end == dot.start
        and (before.text in _ABBREVIATIONS or (len(before.text) == 1 and before.text.isupper()))
    )


def sequences(tokens: list[Token]) -> list[tuple[int, int]]:
    """Sentence-long (start, end) token ranges to tag one at a time, none longer than MAX_SEQUENCE."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for bound in [i for i, token in enumerate(tokens) if token.sentence_start and i] + [len(tokens)]:
        while bound - start > MAX_SEQUENCE:  # a hostile run of words: cut every MAX_SEQUENCE tokens
            ranges.append((start, start + MAX_SEQUENCE))
            start += MAX_SEQUENCE
        if bound > start:
            ranges.append((start, bound))
            start = bound
    return ranges


def is_acronym(word: str) -> bool:
    """'OTAN', 'BBC', 'U.S.': two or more capitals (a dot or digit allowed), no lowercase."""
    return len(word) > 1 and word[0].isupper() and word.isupper() and sum(c.isalpha() for c in word) >= 2


@lru_cache(maxsize=32768)
def shape(word: str) -> str:
    """'Lavrov' -> 'Xx', 'U.S.' -> 'X.X.', '1996-08-22' -> 'd-d-d': character classes, repeats collapsed."""
    out: list[str] = []
    for char in word:
        kind = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]
