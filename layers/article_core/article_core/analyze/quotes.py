"""Direct quotations and who said them.

Quotes are « … » (French spacing allowed), “ … ” and paired straight "…". The speaker comes from the
words around the quote, in the same sentence: after it ("…», a affirmé Tammy Bruce"), before it
("X a déclaré : «…»"), "selon X" / "according to X", or a pronoun ("a-t-il ajouté", "he added") that
continues the previous speaker. Speakers are the canonical form of a known PER (else ORG) entity.
Short quoted words («de bonne foi», «mémorandum») are terms, not statements.
"""

from __future__ import annotations

import re

from ..models import Entity, Quote

_QUOTE = re.compile(r"«\s*(?P<fr>[^«»]+?)\s*»|“(?P<en>[^“”]+?)”|\"(?P<straight>[^\"\n]+?)\"")
_TERM_MAX_WORDS = 4
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[«“\"A-ZÀ-Ý])|\n")
_SPEECH = re.compile(
    r"\b(?:a|ont|avait|aurait|est|sont)?\s*(?:-t-)?(?:affirm|déclar|annonc|ajout|expliqu|indiqu|précis|soulign|"
    r"estim|répond|réag|dit|dis|assur|lanc|insist|prévenu|rappel|poursuiv|poursui|martel|confi|écri|tweet|"
    r"dénonc|jug|regrett|promi|not|concéd|admi|avertis|said|says|say|told|added|adds|stated|wrote|"
    r"explained|noted|warned|insisted|argued|continued|according)",
    re.IGNORECASE,
)
_PRONOUN = re.compile(
    r"^\W{0,3}(?:[\w-]+-t-|[\w-]+-)(?:il|elle)\b|^\W{0,3}(?:he|she)\s+(?:said|added|says|continued|told)"
    r"|^\W{0,3}(?:said|added|says)\s+(?:he|she)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\b(?:selon|d'après|d’après|according to)\s+", re.IGNORECASE)


def extract_quotes(text: str, language: str, entities: list[Entity]) -> list[Quote]:
    """Quotes in order, each with a speaker (canonical entity name) when the text says who."""
    speakers = _speaker_forms(entities)
    quotes: list[Quote] = []
    previous: str | None = None
    for match in _QUOTE.finditer(text):
        inner = match.group("fr") or match.group("en") or match.group("straight") or ""
        inner = inner.strip()
        if not inner:
            continue
        words = len(inner.split())
        unfinished = not inner.endswith((".", "!", "?", "…"))
        # A short quoted phrase, or a lowercase fragment inside a sentence, is a term, not a statement.
        is_term = unfinished and (words <= _TERM_MAX_WORDS or (words <= 8 and inner[0].islower()))
        start = match.start() + match.group(0).index(inner[0])
        if is_term:
            quotes.append(Quote(text=inner, speaker=None, start=start, kind="term"))
            continue
        speaker = _speaker(text, match.start(), match.end(), speakers, previous)
        if speaker is not None:
            previous = speaker
        quotes.append(Quote(text=inner, speaker=speaker, start=start, kind="statement"))
    return quotes


def _speaker_forms(entities: list[Entity]) -> list[tuple[str, str]]:
    """(form as written, canonical) for people, or for organisations when no person is known."""
    people = [e for e in entities if e.type == "PER"] or [e for e in entities if e.type == "ORG"]
    return [(variant, e.text) for e in people for variant in sorted({e.text, *e.variants}, key=len, reverse=True)]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, start)), default=0)
    after = _SENTENCE_BREAK.search(text, end)
    return left, after.start() if after else len(text)


def _find(window: str, speakers: list[tuple[str, str]], *, last: bool = False) -> str | None:
    """The speaker named in `window`: its first (or last) named person, else organisation."""
    best: tuple[int, str] | None = None
    for form, canonical in speakers:
        for hit in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", window):
            position = -hit.end() if last else hit.start()
            if best is None or position < best[0]:
                best = (position, canonical)
    return best[1] if best else None


def _speaker(text: str, start: int, end: int, speakers: list[tuple[str, str]], previous: str | None) -> str | None:
    sentence_start, sentence_end = _sentence_bounds(text, start, end)
    after = text[end:sentence_end]
    before = text[sentence_start:start]
    # After the quote: "», a affirmé X", "», a réagi le ministre …, X", "”, said X", "», a-t-il ajouté".
    if after.lstrip()[:1] in {",", ""} or _SPEECH.match(after.lstrip(" ,")):
        if _PRONOUN.match(after.lstrip(" ,")):
            return previous
        according = _ACCORDING.search(after)
        if according:
            return _find(after[according.end() :], speakers)
        if _SPEECH.search(after[:60]):
            found = _find(after, speakers)
            if found:
                return found
    # Before it: "X a déclaré : «…»", "X said: “…”", "Selon X, «…»".
    if before.rstrip().endswith((":", ",")) or _SPEECH.search(before[-40:]):
        according = _ACCORDING.search(before)
        if according:
            found = _find(before[according.end() :], speakers)
            if found:
                return found
        if _SPEECH.search(before):
            return _find(before, speakers, last=True)
    return None
