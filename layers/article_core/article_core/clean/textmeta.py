"""Metadata from page text: bylines, wire agencies and publication times, French and English.

Usable by every cleaner. Conservative by design: a field a reader cannot trust is worse than an
empty one, so authors must look like person names and dates must be plausible (not after the
reference time, not before 1990).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .. import clock as _clock

MIN_YEAR = 1990

# Wire agencies: canonical name -> pattern (case-sensitive where the short form is a common word).
_AGENCIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("AFP", r"\bAFP\b|\bAgence France[- ]Presse\b"),
        ("Reuters", r"\bReuters\b|\bREUTERS\b"),
        ("AP", r"\bAP\b(?! Photo)|\bAssociated Press\b|\(AP\)"),
        ("Bloomberg", r"\bBloomberg(?: News)?\b(?! (?:Philanthropies|School|Terminal))"),
        ("dpa", r"\b[Dd][Pp][Aa]\b(?=\W|$)"),
        ("ANSA", r"\bANSA\b"),
        ("EFE", r"\bEFE\b"),
        ("Belga", r"\bBelga\b"),
        ("ATS", r"\bATS\b"),
        ("PA Media", r"\bPA Media\b|\bPress Association\b"),
        ("Xinhua", r"\bXinhua\b"),
        ("Kyodo", r"\bKyodo(?: News)?\b"),
        ("UPI", r"\bUPI\b|\bUnited Press International\b"),
        ("Anadolu", r"\bAnadolu(?: Agency)?\b"),
        ("CP", r"\bThe Canadian Press\b"),
        ("AAP", r"\bAAP\b|\bAustralian Associated Press\b"),
    )
)

_BYLINE_PREFIX = re.compile(r"^\s*(?:par|by|de|written by|écrit par|texte de|posted by|publié par)\s*:?\s+", re.I)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|du|des|la|le|van|von|der|da|di|del|bin|ben|al|el|st\.?)$")
_JUNK_AUTHOR = re.compile(
    r"\b(email|e-mail|author|auteur|ago|il y a|staff|rédaction|redaction|editor|team|équipe|news|contact|"
    r"follow|twitter|facebook|read|more|posts?|articles?|view|profile|updated|published|publié|mis à jour|"
    r"copyright|photo|image|video|vidéo|newsroom|desk|service|online|web|media|médias|agency|agence)\b",
    re.I,
)
# "Le Figaro", "The Guardian", "L'Équipe": an article in front of a name means an organisation.
_ORG_START = re.compile(r"^(?:le|la|les|l['’]|the|der|die|das|el|il)(?:\s|(?<=['’]))", re.I)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|\band\b|\bet\b|\bwith\b|\bavec\b|\|)\s*", re.I)


@dataclass
class Byline:
    """A parsed byline: people, the publishing organisation and wire agencies it names."""

    text: str
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    agencies: list[str] = field(default_factory=list)


def find_agencies(text: str) -> list[str]:
    """Wire agencies named in a short text (a byline, a credit, a dateline), in canonical form."""
    found = [(m.start(), name) for name, pattern in _AGENCIES if (m := pattern.search(text))]
    return [name for _, name in sorted(found)]


_WIRE_DATELINE = re.compile(r"^[A-ZÀ-Ý][\w .,'’-]{1,40}\s*\((?P<agency>[^)]{2,40})\)\s*[-–—:]")
_CREDIT_LINE = re.compile(r"\(|©|\bavec\b|\bwith\b|—|^-|source", re.I)
_CREDIT_WORDS = re.compile(r"\w+")


def agencies_in_body(paragraphs: list[str]) -> list[str]:
    """Agencies from a wire dateline opening the body ("PARIS (AFP) -") or a short closing credit line."""
    found: list[str] = []
    for paragraph in paragraphs[:2]:
        if m := _WIRE_DATELINE.match(paragraph):
            found += find_agencies(m["agency"])
    for paragraph in paragraphs[-2:]:
        if len(_CREDIT_WORDS.findall(paragraph)) <= 20 and _CREDIT_LINE.search(paragraph):
            found += find_agencies(paragraph)
    return found


def looks_like_person(name: str) -> bool:
    """Two to five capitalised words and nothing that marks a site, a role or a UI label."""
    words = name.split()
    if _ORG_START.match(name):
        return False
    if not 2 <= len(words) <= 5 or _JUNK_AUTHOR.search(name) or any(ch.isdigit() for ch in name):
        return False
    if find_agencies(name) or (name.isupper() and len(name) > 40):
        return False
    capitals = [w for w in words if w[:1].isupper()]
    return len(capitals) >= 2 and all(_NAME_WORD.match(w) for w in words)


def parse_byline(text: str) -> Byline | None:
    """Parse "Par Le Figaro avec AFP", "By Jane Doe, Reuters", "By Jane Doe and John Roe".

    Returns None when the text is not a byline. Names that do not look like people become the
    publisher (the first one) or agencies; junk never becomes an author.
    """
    line = text.strip()
    m = _BYLINE_PREFIX.match(line)
    if not m or len(line) > 160:
        return None
    rest = line[m.end() :].strip().rstrip(".")
    # "By Jane Doe - Nov 19, 2019" / "By Jane Doe | Updated 2 hours ago": keep the name part.
    rest = re.split(r"\s+(?:[-–—|•·]|le|on|publié|updated|mis à jour)\s+", rest, maxsplit=1, flags=re.I)[0]
    if not rest or not rest[:1].isupper():
        return None
    byline = Byline(text=line, agencies=find_agencies(rest))
    for part in _SPLIT_NAMES.split(rest):
        part = re.sub(r"\s*\([^)]*\)", "", part).strip(" .")
        if not part or find_agencies(part):
            continue
        if looks_like_person(part):
            if part not in byline.authors:
                byline.authors.append(part)
        elif byline.publisher is None and not byline.authors and _looks_like_org(part):
            byline.publisher = part
    if not (byline.authors or byline.publisher or byline.agencies):
        return None
    return byline


def _looks_like_org(part: str) -> bool:
    """ "Le Figaro", "Cleveland.com", "Ouest-France Media": a single plain word ("By Topic") is not enough."""
    words = part.split()
    if not 1 <= len(words) <= 5 or not part[:1].isupper() or _JUNK_AUTHOR.search(part):
        return False
    return bool(_ORG_START.match(part)) or "." in part or (len(words) >= 2 and all(w[:1].isupper() for w in words))


# --- dates -----------------------------------------------------------------------------------

_MONTHS = {
    **dict.fromkeys(("janvier", "janv", "jan", "january"), 1),
    **dict.fromkeys(("février", "fevrier", "févr", "fevr", "fév", "fev", "feb", "february"), 2),
    **dict.fromkeys(("mars", "mar", "march"), 3),
    **dict.fromkeys(("avril", "avr", "apr", "april"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juin", "jun", "june"), 6),
    **dict.fromkeys(("juillet", "juil", "jul", "july"), 7),
    **dict.fromkeys(("août", "aout", "aug", "august"), 8),
    **dict.fromkeys(("septembre", "sept", "sep", "september"), 9),
    **dict.fromkeys(("octobre", "oct", "october"), 10),
    **dict.fromkeys(("novembre", "nov", "november"), 11),
    **dict.fromkeys(("décembre", "decembre", "déc", "dec", "december"), 12),
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_TZ_OFFSETS = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EST": -5, "EDT": -4, "CST": -6,
    "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "IST": 5.5, "JST": 9, "AEST": 10, "AEDT": 11,
}  # fmt: skip
_TIME = (
    r"(?:\s*(?:,|à|a|at|-|–|@)?\s*(?P<h>\d{1,2})\s*(?:h|:)\s*(?P<mi>\d{2})?(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*(?P<tz>UTC|GMT|BST|CEST|CET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|AEDT)(?P<off>[+-]\d{1,2})?)?)?"
)
_ISO = re.compile(
    r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?P<tzs>Z|[+-]\d{2}:?\d{2})?)?"
)
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})\b" + _TIME, re.I)
_DAY_MONTH = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b" + _TIME, re.I
)
_MONTH_DAY = re.compile(
    rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b" + _TIME, re.I
)
_RELATIVE = re.compile(
    r"\b(?:il y a|depuis|voici)\s+(?P<n>\d+|une?|quelques)\s+(?P<unit>secondes?|min(?:ute)?s?|heures?|h|jours?|"
    r"semaines?|mois|ans?|années?)\b"
    r"|\b(?P<n2>\d+|an?|one|a few)\s+(?P<unit2>seconds?|secs?|min(?:ute)?s?|hours?|hrs?|h|days?|weeks?|months?|"
    r"years?)\s+ago\b",
    re.I,
)
_DAY_WORD = re.compile(r"\b(?P<w>aujourd['’]hui|today|avant-hier|hier|yesterday)\b", re.I)
_CLOCK = re.compile(r"\b(?P<h>\d{1,2})\s*(?:h|:)\s*(?P<mi>\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?", re.I)
_UNITS = (
    (("sec",), 1),
    (("min",), 60),
    (("h",), 3600),
    (("j", "d"), 86400),
    (("sem", "w"), 7 * 86400),
    (("mo",), 30 * 86400),
    (("an", "y"), 365 * 86400),
)


def _unit_seconds(unit: str) -> int:
    return next(seconds for prefixes, seconds in _UNITS if unit.startswith(prefixes))


_MODIFIED = re.compile(r"\b(mis à jour|modifié|actualisé|updated|last modified|modified|edited)\b", re.I)


@dataclass
class ParsedTime:
    """A time found in text, with how it was obtained ("text" or "relative")."""

    value: datetime
    basis: str
    modified: bool = False  # labelled "Updated" / "Mis à jour"


def parse_datetime_text(text: str, reference_time: datetime | None, lang: str | None = None) -> ParsedTime | None:
    """First plausible time in a short text: absolute ("Publié le 29/05/2025 à 10h05", "May 29, 2025",
    "2025-05-29T10:05Z") or relative to `reference_time` ("Il y a 2 heures", "2 hours ago", "hier").

    `lang` ("fr"/"en") decides 05/06/2025 (day first in French); times without a zone stay naive.
    Dates after the reference time or before 1990 are not believed.
    """
    found = _absolute(text, lang) or _relative(text, reference_time)
    if found is None or not _plausible(found.value, reference_time):
        return None
    found.modified = bool(_MODIFIED.search(text[:40]))
    return found


def _absolute(text: str, lang: str | None) -> ParsedTime | None:
    candidates: list[tuple[int, datetime]] = []
    for m in _ISO.finditer(text):
        dt = _safe_datetime(int(m["y"]), int(m["mo"]), int(m["d"]), m["h"], m["mi"], None)
        if dt is not None and m["tzs"]:
            tzs = m["tzs"].replace(":", "")
            offset = 0 if tzs == "Z" else int(tzs[:3]) * 60 + int(tzs[0] + tzs[3:5])
            tz = _clock.zone(offset)  # "+99:99" is no zone: the time stays naive
            dt = dt.replace(tzinfo=tz) if tz else dt
        if dt is not None:
            candidates.append((m.start(), dt))
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        y = y + 2000 if y < 100 else y
        day, month = (a, b) if (lang != "en" or a > 12) and b <= 12 else (b, a)
        _add(candidates, m, y, month, day)
    for rx in (_DAY_MONTH, _MONTH_DAY):
        for m in rx.finditer(text):
            _add(candidates, m, int(m["y"]), _MONTHS[m["mon"].lower()], int(m["d"]))
    if not candidates:
        return None
    return ParsedTime(min(candidates, key=lambda c: c[0])[1], "text")


def _add(candidates: list[tuple[int, datetime]], m: re.Match[str], y: int, month: int, day: int) -> None:
    dt = _safe_datetime(y, month, day, m["h"], m["mi"], m["ampm"])
    if dt is None:
        return
    if m["tz"]:
        hours = _TZ_OFFSETS[m["tz"].upper()] + (int(m["off"]) if m["off"] else 0)
        tz = _clock.zone(round(hours * 60))  # "CEST+23" is no zone: the time stays naive
        dt = dt.replace(tzinfo=tz) if tz else dt
    candidates.append((m.start(), dt))


def _safe_datetime(y: int, mo: int, d: int, h: str | None, mi: str | None, ampm: str | None) -> datetime | None:
    hour = int(h) if h else 0
    if ampm and ampm[0].lower() == "p" and hour < 12:
        hour += 12
    elif ampm and ampm[0].lower() == "a" and hour == 12:
        hour = 0
    try:
        return datetime(y, mo, d, hour, int(mi) if mi else 0)
    except ValueError:
        return None


def _relative(text: str, reference_time: datetime | None) -> ParsedTime | None:
    if reference_time is None:
        return None
    m = _RELATIVE.search(text)
    if m:
        n_text = (m["n"] or m["n2"]).lower()
        unit = (m["unit"] or m["unit2"]).lower()
        n = int(n_text) if n_text.isdigit() else (3 if n_text in ("quelques", "a few") else 1)
        key = _unit_seconds(unit)
        shifted = _clock.shift(reference_time, seconds=-n * key)  # "3000 years ago" may be before year 1
        return ParsedTime(shifted, "relative") if shifted else None
    m = _DAY_WORD.search(text)
    if m:
        word = m["w"].lower()
        days = 2 if word == "avant-hier" else (1 if word in ("hier", "yesterday") else 0)
        shifted = _clock.shift(reference_time, days=-days)
        if shifted is None:
            return None
        day = shifted.replace(hour=0, minute=0, second=0, microsecond=0)
        clock = _CLOCK.search(text[m.end() :])
        if clock:
            hour = int(clock["h"]) + (
                12 if clock["ampm"] and clock["ampm"][0].lower() == "p" and int(clock["h"]) < 12 else 0
            )
            day = _clock.replace(day, hour=hour, minute=int(clock["mi"] or 0)) or day
        return ParsedTime(day, "relative")
    return None


def _plausible(value: datetime, reference_time: datetime | None) -> bool:
    if value.year < MIN_YEAR:
        return False
    if reference_time is None:
        return True
    # A naive time has an unknown zone: allow the widest zone spread before calling it "future".
    slack = timedelta(hours=14) if (value.tzinfo is None) != (reference_time.tzinfo is None) else timedelta(0)
    return _clock.not_after(value, reference_time, slack)
