"""Direct quotations and who said them.

Quotes are « … » (French spacing allowed), “ … ” and paired straight "…". The speaker comes from the
words around the quote, in the same sentence:
- after it: "…», a affirmé Tammy Bruce", "…,” said Mick Whelan, the union's general secretary", "…,” Smith said";
- before it: "X a déclaré : «…»", "X told the BBC that the strikes would “…”", "A spokesperson for the Y said “…”";
- "selon X" / "according to X", on either side;
- a pronoun ("a-t-il ajouté", "he added", "she said") continues the previous speaker, and so does an
  unattributed statement that follows an attributed one in the same paragraph (the wire convention).
Speakers are the canonical form of a PER entity, else of an ORG one ("Network Rail said …").
Short quoted words («de bonne foi», "ready to meet") are terms, not statements, and carry no speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..models import Entity, Quote
from .tokens import trie

# A quotation running over paragraphs repeats its opening mark at each paragraph and closes only at the end:
# a line break followed by the opening mark continues the quote.
# Possessive: a quote ends at the first closing mark it can reach (none can sit inside one), so the lazy form
# `(?:[^«»\n]|\n\s*«)+?` finds the same quotes; this one reads each run of plain characters in one C loop
# instead of trying the end at every character (tests/unit/analyze/test_quotes.py compares). "fr" may keep the
# white space before "»" (the quote's text is stripped).
_QUOTE = re.compile(
    r"«\s*(?P<fr>(?:[^«»\n]++|\n\s*«)++)\s*»|“(?P<en>(?:[^“”\n]++|\n\s*“)++)”"
    r"|\"(?P<straight>(?:[^\"\n]++|\n\s*\")++)\""
)
_REOPENED = re.compile(r"\s*\n\s*[«“\"]\s*")
# Narrative wrapped in straight quotes (exports that quote every paragraph) is not speech: when more than
# this share of a text sits inside straight quotes, or several, and most, straight-quoted statements are whole
# paragraphs with nothing said around them, straight quotes are not trusted at all.
_STRAIGHT_SHARE = 0.6
_SHARE_MIN_CHARS = 1_000  # a short text of one or two quotes is legitimately mostly quotes
_WHOLE_PARAGRAPHS = 3
# Places people speak from are not speakers: an organisation named like a venue is skipped.
_VENUE = re.compile(
    r"\b(?:Center|Centre|Arena|Stadium|Stade|Hall|Park|Field|Garden|Gardens|Theatre|Theater|Square|Airport|"
    r"Aéroport|Hotel|Hôtel|Palace|Palais|Church|Cathedral|Bridge|Street|Avenue|Boulevard|Dome|Coliseum|Bowl)$"
)
# Titles that stand before a name ("NASA Administrator Jim Bridenstine said"): the speaker is the name.
_TITLED_NAME = re.compile(
    r"\b(?:Administrator|President|Minister|Secretary|Chancellor|Governor|Mayor|Senator|Sen\.|Rep\.|"
    r"Representative|Director|Chairman|Chairwoman|Chair|CEO|Chief|Commissioner|Spokesman|Spokeswoman|"
    r"Spokesperson|Coach|Captain|General|Gen\.|Judge|Prosecutor|Ambassador|Prime|Premier|King|Queen|Pope|"
    r"ministre|président|présidente|secrétaire|maire|porte-parole|directeur|directrice|général)\s+"
    r"(?P<name>[A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){0,3})\s*$"
)
# "Morrison, Vindman's superior, said": an apposition between commas right before the verb is not the subject.
_APPOSITION = re.compile(r",\s+[^,]{1,80},\s*$")
_SUBJECT_PRONOUN = re.compile(r"^\W{0,3}(?:il|elle|ils|elles|he|she|they)\b", re.IGNORECASE)
_TERM_MAX_WORDS = 4
# A sentence break: white space after sentence-final punctuation, before an opening quote or a capital (group
# "gap"), or a line break. The punctuation is matched rather than looked behind, and the pattern opens with one
# character class (not a choice of two): that lets the engine skip to the next candidate character in C, where a
# look-behind or a choice first is tried at every position. The break starts at the gap, where the look-behind form
# `(?<=[.!?…])\s+(?=…)|\n` matches.
_SENTENCE_BREAK = re.compile(r"[.!?…\n](?:(?<=\n)|(?P<gap>\s+)(?=[«“\"A-ZÀ-Ý]))")
# Verbs of saying: French stems (any ending) and English forms.
_VERB_STEMS = (  # noqa: SIM905 - a word list reads better as text
    "affirm déclar annonc ajout expliqu indiqu précis soulign estim répond répliqu réag assur insist prév rappel "
    "poursui martel confi écri tweet dénonc regrett promi concéd admis admit averti racont comment ironis fustig "
    "lâch plaid reconn jug"
).split()
_VERB_FORMS = (  # noqa: SIM905 - a word list reads better as text
    "dit dits dite noté said says say saying told tells tell telling added adds adding stated wrote writes explained "
    "noted warned insisted insisting argued continued declared announced claimed stressed urged asked replied "
    "responded acknowledged admitted tweeted posted commented remarked recalled conceded cautioned predicted according"
).split()
# Each list as one letter tree: with re.I no choice can be skipped on its first letter, so the engine would try
# every verb at every word; a tree tries a couple of dozen letters. Every verb ends where its word ends (the
# pattern's `(?!\w)`), so which one matches does not change the match (tests/unit/analyze/test_quotes.py compares
# with the list of choices).
_VERB = f"(?:(?:{trie(set(_VERB_STEMS))})\\w*|{trie(set(_VERB_FORMS))})"
_AUXILIARY = trie({"a", "ont", "avait", "aurait", "est", "sont", "has", "had", "have"})  # one is followed by a space
_SPEECH = re.compile(rf"(?<!\w)(?:{_AUXILIARY}\s+)?(?:-t-)?{_VERB}(?!\w)", re.I)
_PRONOUN = re.compile(
    r"^\W{0,3}(?:[\w-]+-t-|[\w-]+-)(?:il|elle|ils|elles)\b"
    r"|^\W{0,3}(?:he|she|they|it)\s+(?:said|added|says|continued|told|explained|wrote|warned|insisted)\b"
    r"|^\W{0,3}(?:said|added|says|continued)\s+(?:he|she|they)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\b(?:selon|d'après|d’après|according to)\s+", re.IGNORECASE)
# "…,” Smith said" / "…,” the minister told reporters": a subject then the verb, right after the quote.
_SUBJECT_THEN_VERB = 60


def extract_quotes(text: str, language: str, entities: list[Entity]) -> list[Quote]:
    """Quotes in order, each with a speaker (canonical entity name) when the text says who."""
    speakers = _speaker_forms(entities)
    quotes: list[Quote] = []
    previous: str | None = None
    previous_end = -1
    trust_straight = _straight_quotes_trusted(text)
    for match in _QUOTE.finditer(text):
        if match.group("straight") and not trust_straight:
            continue
        inner = _REOPENED.sub(" ", match.group("fr") or match.group("en") or match.group("straight") or "").strip()
        if not inner:
            continue
        words = len(inner.split())
        unfinished = not inner.endswith((".", "!", "?", "…"))
        # A short quoted phrase, or a lowercase fragment inside a sentence, is a term, not a statement.
        is_term = unfinished and (words <= _TERM_MAX_WORDS or (words <= 8 and inner[0].islower()))
        start = match.start() + match.group(0).index(inner[0])  # the first character is never a re-opened mark
        if is_term:
            quotes.append(Quote(text=inner, speaker=None, start=start, kind="term"))
            continue
        speaker = _speaker(text, match.start(), match.end(), speakers, previous)
        if speaker is None and previous is not None and "\n" not in text[previous_end : match.start()]:
            speaker = previous  # an unattributed statement right after an attributed one, same paragraph
        previous, previous_end = (speaker, match.end()) if speaker is not None else (None, -1)
        quotes.append(Quote(text=inner, speaker=speaker, start=start, kind="statement"))
    return quotes


def _straight_quotes_trusted(text: str) -> bool:
    """False for files that put narrative in straight quotes: most of the text, or whole paragraphs, quoted."""
    if '"' not in text:
        return True  # no straight quote at all (most French and typeset text): no need to scan for one
    spans = [m for m in _QUOTE.finditer(text) if m.group("straight")]
    if not spans:
        return True
    quoted = sum(m.end() - m.start() for m in spans)
    if len(text) >= _SHARE_MIN_CHARS and quoted > _STRAIGHT_SHARE * len(text.strip()):
        return False
    whole = long = 0
    for m in spans:
        long += len(m.group(0).split()) > 8
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        tail = text[m.end() : line_end if line_end >= 0 else len(text)]
        if not text[line_start : m.start()].strip() and not tail.strip(" .,;:") and len(m.group(0).split()) > 8:
            whole += 1
    return whole < _WHOLE_PARAGRAPHS or whole * 2 < long


def _speaker_forms(entities: list[Entity]) -> list[tuple[str, str, str]]:
    """(form as written, canonical, type) for people and organisations, longest forms first; no venues."""
    return [
        (variant, e.text, e.type)
        for e in entities
        if e.type in {"PER", "ORG"} and not (e.type == "ORG" and _VENUE.search(e.text))
        for variant in sorted({e.text, *e.variants}, key=len, reverse=True)
    ]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from the last break found in text[:start], to the next break."""
    # A break of the whole text that ends before `start` was read entirely from text[:start], so a scan of
    # text[:start] finds it too: only the stretch after the last such break is scanned again (with `start` as
    # its end: a break right before the quote needs to see the quote mark, which text[:start] does not show).
    ends = _break_ends(text)
    left = ends[k - 1] if (k := bisect_left(ends, start)) else 0
    for match in _SENTENCE_BREAK.finditer(text, left, start):
        left = match.end()
    # A break's punctuation is never before `end` here: text[end - 1] closes a quote (so the search from `end` finds
    # the break a look-behind pattern finds), and `left` ends a break or is 0 (nothing before it to look at).
    after = _SENTENCE_BREAK.search(text, end)
    return left, after.start(after.lastgroup or 0) if after else len(text)


def _break_ends(text: str) -> list[int]:
    """Where each sentence break of `text` ends (kept for the last text: every quote of an article asks)."""
    if text is not _breaks.text:
        _breaks.text, _breaks.ends = text, [m.end() for m in _SENTENCE_BREAK.finditer(text)]
    return _breaks.ends


class _Breaks:
    text: str | None = None
    ends: list[int] = []  # noqa: RUF012 - replaced, never mutated


_breaks = _Breaks()


@lru_cache(maxsize=4096)
def _whole_word(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")


def _subject(window: str, speakers: list[tuple[str, str, str]]) -> str | None:
    """The speaker written right before a verb of saying: "Morrison, Vindman's superior," is Morrison;
    "NASA Administrator Jim Bridenstine" is Jim Bridenstine (an entity of that name, or the name as written)."""
    window = _APPOSITION.sub("", window.rstrip())
    titled = _TITLED_NAME.search(window)
    if titled:
        name = titled.group("name")
        return _find(name, speakers) or name
    return _find(window, speakers, last=True)


def _find(window: str, speakers: list[tuple[str, str, str]], *, last: bool = False) -> str | None:
    """The speaker named in `window`: its first (or last) person, else its first (or last) organisation."""
    best: dict[str, tuple[int, str]] = {}
    for form, canonical, kind in speakers:
        if form not in window:  # a hit is the form as written: most forms are absent, found so in C
            continue
        for hit in _whole_word(form).finditer(window):
            position = -hit.end() if last else hit.start()
            if kind not in best or position < best[kind][0]:
                best[kind] = (position, canonical)
    found = best.get("PER") or best.get("ORG")
    return found[1] if found else None


def _speaker(text: str, start: int, end: int, speakers: list[tuple[str, str, str]], previous: str | None) -> str | None:
    sentence_start, sentence_end = _sentence_bounds(text, start, end)
    after = text[end:sentence_end].lstrip(" ,")
    before = text[sentence_start:start]
    # After the quote: "», a affirmé X", "”, said X, the …", "», a-t-il ajouté", "”, Smith said", "», selon X".
    if _PRONOUN.match(after):
        return previous
    according = _ACCORDING.match(after)
    if according:
        return _find(after[according.end() :], speakers)
    verb = _SPEECH.search(after[:_SUBJECT_THEN_VERB])
    if verb:
        # "said X" names the speaker after the verb; "X said" before it.
        found = _subject(after[: verb.start()], speakers) or _find(after[verb.end() :], speakers)
        if found:
            return found
    # Before it: "Selon X, «…»", "X a déclaré : «…»", "X told the BBC that … “…”": the subject of the verb.
    according = _ACCORDING.search(before)
    if according:
        found = _find(before[according.end() :], speakers)
        if found:
            return found
    verbs = list(_SPEECH.finditer(before))
    if verbs:
        subject = before[: verbs[0].start()]
        if previous is not None and _SUBJECT_PRONOUN.match(subject) and not _find(subject, speakers):
            return previous  # 'He added: "…"' continues the last speaker, across paragraphs too
        return _subject(subject, speakers) or _find(before[verbs[-1].end() :], speakers)
    return None
