"""Tokens for the entity tagger: words with their offsets, sentence starts marked, text cut into sequences.

The tagger is trained on these same tokens (benchmarks/train_ner.py tokenises each training sentence with
`tokenize`), so what it sees when tagging an article is what it learned from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

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
# Longest sequence handed to the tagger at once: a hostile run of words without punctuation is cut here.
MAX_SEQUENCE = 120


class Tokens:
    """An article's tokens as parallel lists: `text`, `start` (offsets into the article) and `sentence_start`
    (whether each opens a sentence); a token's end is its start plus its length (`end`).

    Lists, not an object per token: an article has hundreds of tokens, and the lists cost a few appends each
    where a token object cost its allocation, its fields' stores and its freeing (a third of tokenizing). The
    passes over every token read one list (`text`, or `sentence_start` through `itertools.compress`), and a
    window (`tokens[start:end]`, a sentence) is the lists' slices."""

    __slots__ = ("sentence_start", "start", "text")

    def __init__(self, text: list[str], start: list[int], sentence_start: list[bool]) -> None:
        self.text, self.start, self.sentence_start = text, start, sentence_start

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, window: slice) -> Tokens:
        return Tokens(self.text[window], self.start[window], self.sentence_start[window])

    def end(self, index: int) -> int:
        return self.start[index] + len(self.text[index])


def tokenize(text: str) -> Tokens:
    """Words, numbers and punctuation with offsets; an English possessive ('s) is its own token.

    The same tokens as `_WORD.findall(text)` (with the possessive split), found faster: the text is cut at
    spaces first (no match spans whitespace, and every other character is in one), a piece of letters alone
    is one token, and only the other pieces go through the pattern, which tiles them. Cut at " " alone, each
    piece's offset is the previous one's end plus one (no search of the text); a piece that holds other
    whitespace (a line break, a tab: `isprintable` is false) is cut again by `str.split`. Only an elision's
    lookahead ("l' homme") peeks past a chunk's end: a chunk ending in an apostrophe lets the pattern see two
    more characters."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []  # indices of the tokens that may end a sentence
    add_word, add_start, find = words.append, starts.append, text.find
    end = -1
    for piece in text.split(" "):
        start = end + 1
        end = start + len(piece)
        if piece.isalpha():  # most pieces: a word, two appends
            add_word(piece)
            add_start(start)
        elif piece.isprintable():
            if piece:
                _chunk(text, piece, start, end, words, starts, ends)
        else:  # other whitespace inside: its chunks, found in the piece
            at = start
            for chunk in piece.split():
                at = find(chunk, at)
                if chunk.isalpha():
                    add_word(chunk)
                    add_start(at)
                else:
                    _chunk(text, chunk, at, at + len(chunk), words, starts, ends)
                at += len(chunk)
    tokens = Tokens(words, starts, [False] * len(words))
    _mark_sentence_starts(text, tokens, ends)
    return tokens


def _chunk(text: str, chunk: str, start: int, end: int, words: list[str], starts: list[int], ends: list[int]) -> None:
    """The tokens of `chunk` (a run of non-whitespace characters at `start`), added to `words` and `starts`; those
    that may end a sentence noted in `ends`.

    A chunk's tokens depend on the chunk alone (the pattern's lookaheads stop at its end), except after a final
    apostrophe, where an elision peeks at the next characters: other chunks are cut once per process
    (`_cut`, kept in `_LAYOUTS`: "Lavrov,", "d'un", "l'Ukraine." repeat within and across articles), so a repeated one
    costs no pattern search, only its tokens' appends."""
    if chunk[-1] in _APOSTROPHES:
        found = _cut(_WORD.findall(text, start, end + 2), len(chunk))
    else:
        kept = _LAYOUTS.get(chunk)
        if kept is None:
            if len(_LAYOUTS) >= _MAX_LAYOUTS:
                _LAYOUTS.clear()  # a warm process meets new chunks for ever: memory stays bounded
            kept = _LAYOUTS[chunk] = _cut(_WORD.findall(chunk), len(chunk))
        found = kept
    texts, offsets, stops = found
    if stops:
        ends.extend([len(words) + k for k in stops])
    words += texts
    starts += map(start.__add__, offsets)


# A chunk's tokens: their texts, their offsets in the chunk, and which of them may end a sentence.
_Layout = tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]
# Chunks whose layout is kept (`_chunk`); past this many, the cache starts again empty.
_MAX_LAYOUTS = 16384
_LAYOUTS: dict[str, _Layout] = {}


def _cut(found: list[str], size: int) -> _Layout:
    """The layout of a chunk of `size` characters from the pattern's words in it (`found`; after a final
    apostrophe, words of the next chunk too, dropped here); an English possessive ('s) is its own token."""
    words: list[str] = []
    offsets: list[int] = []
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
                words += [head, word[len(head) :]]
                offsets += [at, at + len(head)]
                at += len(word)
                continue
        words.append(word)
        offsets.append(at)
        at += len(word)
    return tuple(words), tuple(offsets), tuple(stops)


def _mark_sentence_starts(text: str, tokens: Tokens, ends: list[int]) -> None:
    """A token after a line break, or after a sentence's end (`ends`: the tokens in _SENTENCE_END) that is not
    an abbreviation's dot, opens a sentence (a line break wins)."""
    flags, n = tokens.sentence_start, len(tokens)
    for i in ends:
        if i + 1 < n:
            flags[i + 1] = not _is_abbreviation_dot(tokens, i)
    for i in line_starts(text, tokens):
        flags[i] = True


def line_starts(text: str, tokens: Tokens) -> list[int]:
    """The indices of the tokens that open a line: the first, and each with a line break before it.

    Only spaces lie between tokens, so a line break falls just before the first token that starts after it
    (found by bisection): no pass over every token's gap."""
    found = [0] if tokens else []
    if "\n" not in text or not tokens:
        return found
    starts = tokens.start
    n, newline = len(starts), text.find("\n", tokens.end(0))
    while newline >= 0:
        i = bisect_right(starts, newline)
        if i >= n:
            break
        found.append(i)
        newline = text.find("\n", tokens.end(i))
    return found


def _is_abbreviation_dot(tokens: Tokens, index: int) -> bool:
    """'Mr.', 'J.': a dot glued to a title or an initial does not end the sentence."""
    words = tokens.text
    if words[index] != "." or not index:
        return False
    before = words[index - 1]
    return tokens.end(index - 1) == tokens.start[index] and (
        before in _ABBREVIATIONS or (len(before) == 1 and before.isupper())
    )


def sequences(tokens: Tokens) -> list[tuple[int, int]]:
    """Sentence-long (start, end) token ranges to tag one at a time, none longer than MAX_SEQUENCE."""
    ranges: list[tuple[int, int]] = []
    start, n = 0, len(tokens)
    for bound in [*_openers(tokens.sentence_start), n]:
        while bound - start > MAX_SEQUENCE:  # a hostile run of words: cut every MAX_SEQUENCE tokens
            ranges.append((start, start + MAX_SEQUENCE))
            start += MAX_SEQUENCE
        if bound > start:
            ranges.append((start, bound))
            start = bound
    return ranges


def _openers(flags: list[bool]) -> list[int]:
    """The indices of the tokens after the first that open a sentence, found by `list.index` (a scan in C: no
    Python step, nor an int made, per token)."""
    found: list[int] = []
    index, at = flags.index, 0
    try:
        while True:
            at = index(True, at + 1)
            found.append(at)
    except ValueError:
        return found


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
