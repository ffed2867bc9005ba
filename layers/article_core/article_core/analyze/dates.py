"""Dates mentioned in the text: absolute, weekdays and relative, resolved against a reference time.

The reference is the publication time when known (else the event time). Rules a reader would apply:
a day without a year ("16 mai") is the occurrence nearest to the reference; a bare weekday ("lundi",
"Vendredi") is the latest one on or before it (news reports the past); "prochain"/"next" looks forward.
Without a reference, only mentions that carry their own year get a value.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from functools import partial

from .. import clock
from ..models import DateMention
from .tokens import trie

_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan.": 1, "feb.": 2, "aug.": 8, "sept.": 9, "sep.": 9, "oct.": 10, "nov.": 11, "dec.": 12,
}  # fmt: skip
_WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_SEASONS = {"printemps": 3, "été": 6, "automne": 9, "hiver": 12, "spring": 3, "summer": 6, "autumn": 9, "fall": 9,
            "winter": 12}  # fmt: skip
_RELATIVE_DAYS = {
    "avant-hier": -2, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0, "demain": 1, "après-demain": 2,
    "yesterday": -1, "today": 0, "tomorrow": 1,
}  # fmt: skip

_MONTH = "(?P<month>" + "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True)) + ")"
_WEEKDAY = "(?P<weekday>" + "|".join(_WEEKDAYS) + ")"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d|21\d\d)"
_FLAGS = re.IGNORECASE
_TAIL = r"\s+(?P<tail>dernier|dernière|passé|prochain|prochaine)"  # "11 janvier dernier"

# Ordered: the first pattern to claim characters keeps them.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    ("day_month", re.compile(
        rf"\b(?:{_WEEKDAY}\s+)?(?P<day>[0-3]?\d)(?:er)?\s+{_MONTH}(?:\s+{_YEAR}|{_TAIL})?(?!\w)", _FLAGS)),
    ("month_day", re.compile(
        rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?\b", _FLAGS)),
    ("month_year", re.compile(rf"\b{_MONTH}\s+(?:de\s+l'année\s+|of\s+)?{_YEAR}\b", _FLAGS)),
    ("season", re.compile(
        rf"\b(?P<season>printemps|été|automne|hiver|spring|summer|autumn|fall|winter)\s+(?:de\s+|of\s+)?{_YEAR}\b",
        _FLAGS)),
    ("relative_unit", re.compile(
        r"\b(?P<phrase>(?:le\s+|la\s+|l['’])?(?P<unit>week-end|weekend|semaine|mois|an|année)\s+"
        r"(?P<dir>dernier|dernière|prochain|prochaine|passé|passée))\b"
        r"|\b(?P<phrase_en>(?P<dir_en>last|next|this)\s+(?P<unit_en>week-end|weekend|week|month|year))\b", _FLAGS)),
    ("weekday", re.compile(
        rf"\b(?:(?P<before>last|next|this)\s+)?{_WEEKDAY}(?:\s+(?P<after>prochain|dernier|passé))?\b", _FLAGS)),
    ("relative_day", re.compile(
        r"(?<![\w-])(?:avant-hier|après-demain|hier|aujourd['’]hui|demain|yesterday|today|tomorrow)(?![\w-])", _FLAGS)),
]  # fmt: skip


def extract_dates(
    text: str, language: str, reference_time: datetime | None, lowered: str | None = None
) -> list[DateMention]:
    """Date mentions in order of appearance; `value` is ISO (full or partial) when resolvable.
    `lowered` is `text.lower()` when the caller has it."""
    reference = clock.clamp_date(reference_time.date()) if reference_time else None  # shifts stay in range
    starts: list[int] = []  # spans already taken, sorted and disjoint: an overlap check is one bisect
    ends: list[int] = []
    found: list[DateMention] = []
    candidates = _candidate_starts(text, lowered)
    for kind, pattern in _PATTERNS:
        for match in _matches(pattern, text, candidates(kind)):
            start, end = match.span()
            before = bisect_left(starts, end) - 1
            if before >= 0 and ends[before] > start:
                continue
            if kind == "day_month" and match.group("month").lower() == "may" and language == "fr":
                continue
            if not _spelled_as_listed(kind, match):
                continue
            value = _resolve(kind, match, reference, partial(_past_context, text, start, end))
            if kind == "weekday" and match.group(0)[0].islower() and language == "en":
                continue
            at = bisect_left(starts, start)
            starts.insert(at, start)
            ends.insert(at, end)
            found.append(DateMention(text=match.group(0), value=value, start=start))
    return sorted(found, key=lambda d: d.start)


# Speed: every pattern can only start where a word starts, and only at a few words (a month, a weekday,
# "last", a digit, ...). Trying each pattern at those words alone finds exactly what `finditer` finds,
# without the regex engine trying every alternative at every word boundary of the text.
_MONTH_WORDS = frozenset(m.rstrip(".") for m in _MONTHS)
_FIRST_WORDS: dict[str, frozenset[str]] = {
    "day_month": frozenset(_WEEKDAYS),  # or a number
    "month_day": frozenset(_WEEKDAYS) | _MONTH_WORDS,
    "month_year": _MONTH_WORDS,
    "season": frozenset(_SEASONS),
    "relative_unit": frozenset(
        ["le", "la", "l", "week", "weekend", "semaine", "mois", "an", "année", "last", "next", "this"]
    ),
    "weekday": frozenset(_WEEKDAYS) | {"last", "next", "this"},
    "relative_day": frozenset(["avant", "après", "hier", "aujourd", "demain", "yesterday", "today", "tomorrow"]),
}
_STARTS_WITH_NUMBER = frozenset({"iso", "day_month"})
_ANY_FIRST_WORD = frozenset().union(*_FIRST_WORDS.values())


# Found by regex scans in C rather than a Python loop over every word. Lowercasing keeps every character's
# \w-ness and \d-ness (checked over all of Unicode), so on a text whose lowercase has the same length the words
# of the lowercase are the words of the text, at the same offsets, and each is its word lowercased.
# The scan runs on " " + the lowercase and reads the non-word character before each word, rather than testing
# `(?<!\w)` at every offset: a pattern that opens with a character class lets the engine skip ahead in C.
_NUMBER_OR_FIRST_WORD = re.compile(r"\W(?:(?P<number>\d)|(?P<word>" + trie(set(_ANY_FIRST_WORD)) + r")(?!\w))")
# A character outside Latin-1 that may be a word character: General Punctuation (U+2000-U+206F: ’ “ ” – — …, most
# of what a Latin text holds beyond Latin-1) holds none (tests/unit/analyze/test_dates.py checks). A class of ranges
# alone is tested in a few instructions a character; `[^\W\x00-\xff]` asks every character whether it is a word
# character (half the cost of the dates step's scans on a French article).
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff\u2000-\u206f]")
_UNUSUAL_WORD = re.compile(r"(?<!\w)(?=\w*?[^\W\x00-\xff])")  # the start of a word holding one


def _candidate_starts(text: str, text_lowered: str | None = None) -> Callable[[str], list[int] | None]:
    """Sorted offsets where each pattern could match: words it can open with, numbers, and any word
    outside Latin-1 (case-insensitive matching relates a few of those to ASCII letters: "ſ", "K", "İ")."""
    # Offset k of the text is k + 1 here: a match's start is its word's offset.
    lowered = " " + (text.lower() if text_lowered is None else text_lowered)
    if len(lowered) != len(text) + 1:  # "İ" lowercases to two characters: try every pattern everywhere (rare)
        return lambda kind: None
    by_word: dict[str, list[int]] = {}
    numbers: list[int] = []
    for match in _NUMBER_OR_FIRST_WORD.finditer(lowered):
        word = match.group("word")
        if word is None:
            numbers.append(match.start())
        else:
            by_word.setdefault(word, []).append(match.start())
    unusual: list[int] = []
    if any(char.group().isalnum() for char in _BEYOND_LATIN1.finditer(text)):  # "_" is in Latin-1
        taken = set(numbers).union(*by_word.values())  # a word is in one list only
        unusual = [m.start() for m in _UNUSUAL_WORD.finditer(text) if m.start() not in taken]

    def starts(kind: str) -> list[int] | None:
        if kind not in _FIRST_WORDS and kind not in _STARTS_WITH_NUMBER:
            return None  # a pattern with no list of first words is tried everywhere
        found = [start for word in _FIRST_WORDS.get(kind, ()) for start in by_word.get(word, ())]
        found += unusual
        if kind in _STARTS_WITH_NUMBER:
            found += numbers
        return sorted(found)

    return starts


def _matches(pattern: re.Pattern[str], text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` yields, trying only the given start offsets (no pattern matches empty)."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match:
            end = match.end()
            yield match


def _spelled_as_listed(kind: str, match: re.Match[str]) -> bool:
    """Whether the month, weekday or relative day lowercases to a listed word: case-insensitive matching also
    takes "ſunday", "hİer" or "Kelvin-sign" letters for ASCII ones, which no table holds (it must not crash)."""
    if kind == "iso":
        return True  # its month is a number
    groups = match.groupdict()
    for name, table in (("month", _MONTHS), ("weekday", _WEEKDAYS)):
        if groups.get(name) and groups[name].lower() not in table:
            return False
    return kind != "relative_day" or groups_text(match) in _RELATIVE_DAYS


def _resolve(
    kind: str, match: re.Match[str], reference: date | None, is_past: Callable[[], bool] = lambda: False
) -> str | None:
    groups = {k: (v.lower() if isinstance(v, str) else v) for k, v in match.groupdict().items()}
    if kind == "iso":
        return _iso(int(groups["year"]), int(groups["month"]), int(groups["day"]))
    if kind in {"day_month", "month_day"}:
        month, day = _MONTHS[groups["month"]], int(groups["day"])
        if groups.get("year"):
            return _iso(int(groups["year"]), month, day)
        tail = groups.get("tail") or ""
        direction = "next" if tail.startswith("prochain") else "last" if tail else None
        return _nearest_year(month, day, reference, direction, is_past)
    if kind == "month_year":
        return f"{int(groups['year']):04d}-{_MONTHS[groups['month']]:02d}"
    if kind == "season":
        return groups["year"]
    if reference is None:
        return None
    if kind == "relative_day":
        return (reference + timedelta(days=_RELATIVE_DAYS[groups_text(match)])).isoformat()
    if kind == "weekday":
        return _weekday(_WEEKDAYS[groups["weekday"]], groups.get("before") or groups.get("after"), reference)
    return _relative_unit(groups, reference)


def groups_text(match: re.Match[str]) -> str:
    return match.group(0).lower().replace("’", "'")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _nearest_year(
    month: int, day: int, reference: date | None, direction: str | None, is_past: Callable[[], bool]
) -> str | None:
    """'16 mai' is the occurrence closest to the reference (last year's, this year's or next year's);
    '11 janvier dernier', or a day told in the past tense, is the latest on or before it; 'prochain' the next."""
    if reference is None:
        return None
    options = [d for d in (_safe_date(reference.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    if not options:
        return None
    if direction == "next":
        return min((d for d in options if d > reference), default=options[-1]).isoformat()
    nearest = min(options, key=lambda d: (abs((d - reference).days), d > reference))
    if direction == "last" or ((nearest - reference).days > NEAR_FUTURE_DAYS and is_past()):
        return max((d for d in options if d <= reference), default=options[0]).isoformat()
    return nearest.isoformat()


# A day a few weeks ahead in a past-tense clause is usually a plan reported in the past ("a promis de remettre
# le pouvoir avant le 30 juin"); a past event that far back would have been the nearest occurrence already.
NEAR_FUTURE_DAYS = 60
# The clause around a mention ("Il a été arrêté le 23 septembre"), cut at punctuation so that a reporting
# verb ("..., le 2 juin», a annoncé X") does not make a future date past.
_CLAUSE_EDGE = re.compile(r"[.!?;:,«»\"“”()\n]")
_PAST = re.compile(
    r"\b(?:a|ont|avait|avaient|eut|eurent|est|sont|était|étaient|fut|furent)\s+(?:\w+\s+)?"
    r"\w+(?:é|ée|és|ées|i|ie|is|u|ue|us|it|ert|erte)\b|\b\w{3,}(?:ait|aient)\b"
    r"|\b(?:was|were|had|did|said|\w{3,}ed)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b\w+(?:era|eront|ira|iront|rait|raient)\b|\b(?:va|vont|doit|doivent|prévue?s?|aura|auront)\b"
    r"|\b(?:will|would|shall|next|upcoming|scheduled|expected|plans?)\b"
    r"|\b(?:de|d'|à|pour)\s*\w+(?:er|ir|re)\b|\bto\s+(?!be\b)[a-z]+\b",  # an infinitive: what is to come
    re.IGNORECASE,
)


def _past_context(text: str, start: int, end: int) -> bool:
    """Whether the clause holding a mention is told in the past tense (and not also in the future)."""
    left = max((m.end() for m in _CLAUSE_EDGE.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
    right_edge = _CLAUSE_EDGE.search(text, end, end + 200)
    clause = text[left:start] + " " + text[end : right_edge.start() if right_edge else end + 200]
    return bool(_PAST.search(clause)) and not _FUTURE.search(clause)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(weekday: int, direction: str | None, reference: date) -> str:
    back = (reference.weekday() - weekday) % 7
    if direction in {"prochain", "next"}:
        return (reference + timedelta(days=(weekday - reference.weekday()) % 7 or 7)).isoformat()
    if direction in {"dernier", "passé", "last"}:
        return (reference - timedelta(days=back or 7)).isoformat()
    if direction == "this":
        return (reference + timedelta(days=weekday - reference.weekday())).isoformat()
    return (reference - timedelta(days=back)).isoformat()


def _relative_unit(groups: dict[str, str | None], reference: date) -> str | None:
    unit = groups.get("unit") or groups.get("unit_en") or ""
    direction = groups.get("dir") or groups.get("dir_en") or ""
    step = 0 if direction == "this" else (1 if direction.startswith(("prochain", "next")) else -1)
    if unit in {"week-end", "weekend"}:
        saturday = reference + timedelta(days=(5 - reference.weekday()) % 7)
        if step < 0 or (step == 0 and saturday > reference):
            saturday -= timedelta(days=7)
        if step > 0 and saturday == reference:
            saturday += timedelta(days=7)
        return saturday.isoformat()
    if unit in {"semaine", "week"}:
        monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=step)
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}"
    if unit in {"mois", "month"}:
        month_index = reference.year * 12 + reference.month - 1 + step
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    if unit in {"an", "année", "year"}:
        return f"{reference.year + step:04d}"
    return None
