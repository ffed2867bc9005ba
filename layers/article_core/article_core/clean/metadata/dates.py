"""Publication times from every source, with one month table (en, fr, de, es, it, pt).

Values come back as an aware datetime when the source gave a zone (or a relative time against the
aware reference time), else as a `date`: a time without a zone is not turned into an invented UTC
instant (the record keeps the day). Dates before 1990 or after the reference time are not believed.
Order of trust, applied by the cleaners: page data, a visible dateline, a text dateline, the URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from ... import clock

MIN_YEAR = 1990

Moment = datetime | date

_MONTH_NAMES = {
    1: "janvier janv jan january januar enero ene gennaio gen janeiro",
    2: "février fevrier févr fevr fév fev feb february februar febrero febbraio fevereiro",
    3: "mars mar march märz maerz marzo março marco",
    4: "avril avr apr april abril aprile",
    5: "mai may mayo maggio maio",
    6: "juin jun june juni junio giugno junho",
    7: "juillet juil jul july juli julio luglio julho",
    8: "août aout aug august agosto",
    9: "septembre sept sep september septiembre setiembre settembre setembro set",
    10: "octobre oct october oktober okt octubre ottobre outubro out",
    11: "novembre nov november noviembre novembro",
    12: "décembre decembre déc dec december dezember dez diciembre dic dicembre dezembro",
}
MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_TZ_OFFSETS = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EST": -5, "EDT": -4, "CST": -6,
    "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "IST": 5.5, "JST": 9, "AEST": 10, "AEDT": 11,
}  # fmt: skip
_TIME = (
    r"(?:\s*(?:,|à|a|at|um|alle|às|-|–|@)?\s*(?P<h>\d{1,2})\s*(?:h|:)\s*(?P<mi>\d{2})?(?::\d{2})?\s*"
    r"(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*(?P<tz>UTC|GMT|BST|CEST|CET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|AEDT)(?P<off>[+-]\d{1,2})?)?)?"
)
_ISO = re.compile(
    r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"\s*(?P<tzs>Z|[+-]\d{2}:?\d{2})?)?"
)
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})\b" + _TIME, re.I)
# Four digits: every date with a month name below has them, so a text without them skips those patterns.
_YEAR = re.compile(r"\d{4}")


@cache
def _month_name_dates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Day first, then month first: compiled on first use (about 4 ms at a cold start, the month names twice),
    when a text has four digits in a row ("Il y a 2 heures" has not)."""
    # "22 mai 2012", "25. September 2018", "25 de septiembre de 2018", "1er juin 2012", "May 29th, 2025".
    day_month = re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:er|st|nd|rd|th|º|\.)?\s+(?:de\s+)?(?P<mon>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})\b"
        + _TIME,
        re.I,
    )
    month_day = re.compile(
        rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b" + _TIME, re.I
    )
    return day_month, month_day


_RELATIVE = re.compile(
    r"\b(?:il y a|depuis|voici)\s+(?P<n>\d+|une?|quelques)\s+(?P<unit>secondes?|min(?:ute)?s?|heures?|h|jours?|"
    r"semaines?|mois|ans?|années?)\b"
    r"|\b(?P<n2>\d+|an?|one|a few)\s+(?P<unit2>seconds?|secs?|min(?:ute)?s?|hours?|hrs?|h|days?|weeks?|months?|"
    r"years?)\s+ago\b",
    re.I,
)
_DAY_WORD = re.compile(r"\b(?P<w>aujourd['’]hui|today|avant-hier|hier|yesterday)\b", re.I)
_CLOCK = re.compile(r"\b(?P<h>\d{1,2})\s*(?:h|:)\s*(?P<mi>\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?", re.I)
_UNITS = ((("sec",), 1), (("min",), 60), (("h",), 3600), (("j", "d"), 86400), (("sem", "w"), 7 * 86400),
          (("mo",), 30 * 86400), (("an", "y"), 365 * 86400))  # fmt: skip
_MODIFIED = re.compile(
    r"\b(mis à jour|modifié|actualisé|updated|last modified|modified|edited|aktualisiert|actualizado|aggiornato|"
    r"atualizado)\b",
    re.I,
)


@dataclass
class ParsedTime:
    """A time found in text, with how it was obtained ("text" or "relative")."""

    value: Moment
    basis: str
    modified: bool = False  # labelled "Updated" / "Mis à jour"


def parse_datetime_text(
    text: str, reference_time: datetime | None, lang: str | Callable[[], str | None] | None = None
) -> ParsedTime | None:
    """First plausible time in a short text: absolute ("Publié le 29/05/2025 à 10h05", "May 29, 2025",
    "publiziert am 25. September 2018", "2025-05-29T10:05Z") or relative to `reference_time`
    ("Il y a 2 heures", "2 hours ago", "hier"). `lang` ("fr"/"en") decides 05/06/2025 (day first but
    in English); a callable is asked only then, since most datelines are not ambiguous and a language
    detection costs more than the rest of a text's cleaning."""
    found = _absolute(text, lang) or _relative(text, reference_time)
    if found is None or not plausible(found.value, reference_time):
        return None
    found.modified = bool(_MODIFIED.search(text[:40]))
    return found


def _absolute(text: str, lang: str | Callable[[], str | None] | None) -> ParsedTime | None:
    candidates: list[tuple[int, Moment]] = []
    for m in _ISO.finditer(text):
        zone = None
        if m["tzs"]:
            tzs = m["tzs"].replace(":", "")
            zone = 0.0 if tzs == "Z" else int(tzs[:3]) + int(tzs[0] + tzs[3:5]) / 60
        _add(candidates, m.start(), int(m["y"]), int(m["mo"]), int(m["d"]), m["h"], m["mi"], None, zone)
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if callable(lang) and a <= 12 and b <= 12:
            lang = lang()
        day, month = (a, b) if (lang != "en" or a > 12) and b <= 12 else (b, a)
        _add(candidates, m.start(), y + 2000 if y < 100 else y, month, day, m["h"], m["mi"], m["ampm"], _zone(m))
    for rx in _month_name_dates() if _YEAR.search(text) else ():
        for m in rx.finditer(text):
            month = MONTHS[m["mon"].lower()]
            _add(candidates, m.start(), int(m["y"]), month, int(m["d"]), m["h"], m["mi"], m["ampm"], _zone(m))
    if not candidates:
        return None
    return ParsedTime(min(candidates, key=lambda c: c[0])[1], "text")


def _zone(m: re.Match[str]) -> float | None:
    if not m["tz"]:
        return None
    return _TZ_OFFSETS[m["tz"].upper()] + (int(m["off"]) if m["off"] else 0)


def _add(
    candidates: list[tuple[int, Moment]],
    start: int,
    y: int,
    mo: int,
    d: int,
    h: str | None,
    mi: str | None,
    ampm: str | None,
    zone_hours: float | None,
) -> None:
    """A date, or an aware datetime when the text gave the zone; without a zone the clock is dropped."""
    try:
        day = date(y, mo, d)
    except ValueError:
        return
    if zone_hours is None or not h:
        candidates.append((start, day))
        return
    hour = int(h)
    if ampm and ampm[0].lower() == "p" and hour < 12:
        hour += 12
    elif ampm and ampm[0].lower() == "a" and hour == 12:
        hour = 0
    if hour > 23 or int(mi or 0) > 59:
        candidates.append((start, day))
        return
    zone = clock.zone(round(zone_hours * 60))  # "CEST+23" or "+99:99" is no zone: the day alone is kept
    if zone is None:
        candidates.append((start, day))
        return
    moment = clock.clamp(datetime(y, mo, d, hour, int(mi or 0), tzinfo=zone))
    candidates.append((start, moment.astimezone(UTC)))


def _relative(text: str, reference_time: datetime | None) -> ParsedTime | None:
    if reference_time is None:
        return None
    m = _RELATIVE.search(text)
    if m:
        n_text = (m["n"] or m["n2"]).lower()
        unit = (m["unit"] or m["unit2"]).lower()
        n = int(n_text) if n_text.isdigit() else (3 if n_text in ("quelques", "a few") else 1)
        seconds = next(s for prefixes, s in _UNITS if unit.startswith(prefixes))
        shifted = clock.shift(reference_time, seconds=-n * seconds)  # "Il y a 3000 ans" may be before year 1
        return ParsedTime(shifted, "relative") if shifted else None
    m = _DAY_WORD.search(text)
    if m:
        word = m["w"].lower()
        days = 2 if word == "avant-hier" else (1 if word in ("hier", "yesterday") else 0)
        shifted = clock.shift(reference_time, days=-days)
        if shifted is None:
            return None
        day = shifted.replace(hour=0, minute=0, second=0, microsecond=0)
        at = _CLOCK.search(text[m.end() :])
        if at:
            hour = int(at["h"]) + (12 if at["ampm"] and at["ampm"][0].lower() == "p" and int(at["h"]) < 12 else 0)
            day = clock.replace(day, hour=hour, minute=int(at["mi"] or 0)) or day
        return ParsedTime(day, "relative")
    return None


def plausible(value: Moment, reference_time: datetime | None) -> bool:
    """Not before 1990, not after the reference time (a bare date may be a day ahead of UTC)."""
    if value.year < MIN_YEAR:
        return False
    if reference_time is None:
        return True
    if isinstance(value, datetime):
        return clock.not_after(value, reference_time, timedelta(minutes=5))
    ref = clock.clamp(clock.aware(reference_time))  # a reference at the edge of time cannot overflow
    return value <= (ref + timedelta(hours=14)).date()


def metadata_time(value: Any, reference_time: datetime | None) -> Moment | None:
    """A time from page data: ISO 8601, RFC 2822, epoch seconds/milliseconds or a written date
    ("November 19, 2019, 07:47 PM EST", "19 Nov 2019 07:09 GMT"). UTC when the value has a zone,
    else its date. None when not plausible."""
    parsed = _metadata_value(value)
    if parsed is None:
        return None
    if isinstance(parsed, datetime):
        parsed = clock.clamp(parsed).astimezone(UTC) if parsed.tzinfo else parsed.date()
    return parsed if plausible(parsed, reference_time) else None


_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")


def _metadata_value(value: Any) -> Moment | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("z", "Z")) if len(text) > 10 else date.fromisoformat(text)
    except ValueError:
        pass
    if _RFC2822.match(text):
        from email.utils import parsedate_to_datetime  # page data only: plain text never imports it

        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
    found = _absolute(text, "en")
    return found.value if found else None


_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<mo>[01]?\d)[/-](?P<d>[0-3]?\d)(?:[/-]|$)")


def url_date(url: str | None, reference_time: datetime | None) -> date | None:
    """ "/2019/11/19/slug": the day a URL names, the least trusted source of a publication day."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    try:
        day = date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None
    return day if plausible(day, reference_time) else None


# Labels that open a visible dateline line; `loose` adds the ones that can also open a sentence ("On 5 May").
_PUBLISH_LABEL = (
    r"publi|posted|updated|mis à jour|modifi|actualis|last updated|published|publiziert|veröffentlicht|"
    r"aktualisiert|publicado|actualizado|pubblicato|aggiornato|atualizado"
)
_DATE_LABEL = re.compile(rf"^\W*(?:{_PUBLISH_LABEL})", re.IGNORECASE)
_LOOSE_DATE_LABEL = re.compile(
    rf"^\W*(?:{_PUBLISH_LABEL}|le \d|on \d|il y a|\d|depuis|aujourd|hier|today|yesterday)", re.IGNORECASE
)
_DATE_FILLER_WORDS = """
am pm h at on le à a et the of de du gmt utc cet cest est edt pst pdt bst ist ago il y heures hours minutes
monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche
mon tue wed thu fri sat sun am um
"""
_DATE_FILLER = frozenset(_DATE_FILLER_WORDS.split())
_TOKEN = re.compile(r"\w+")


def looks_like_dateline(text: str, *, loose: bool = False) -> bool:
    """A line that is a date ("May 29, 2025", "publiziert am 25. September 2018"), not a headline or a
    sentence that contains one ("Élections du 22 mai 2012 : les résultats définitifs")."""
    if len(text) > 160 or "@" in text or text.lstrip().startswith(("—", "–", "- ")):
        return False  # "— The Senate (@NGRSenate) October 9, 2018" closes an embedded post
    if (_LOOSE_DATE_LABEL if loose else _DATE_LABEL).match(text):
        return True
    tokens = _TOKEN.findall(text)
    words = [t for t in tokens if not t.isdigit() and t.lower() not in MONTHS and t.lower() not in _DATE_FILLER]
    if text.rstrip().endswith(".") and words and tokens[-1] == words[-1]:
        return False  # "On 12 March 2019 the court ruled.": a sentence
    return bool(tokens) and len(words) <= 3


# A dateline opening a paragraph: "22 mai 2012. - Prévu…", "PARIS, 3 juillet 2012 (AFP) -", "LONDON, Nov 18 -".
_DAY_FIRST = rf"\d{{1,2}}(?:er|\.)?\s+(?:de\s+)?(?:{_MONTH})\.?,?\s+(?:de\s+)?\d{{4}}"
_MONTH_FIRST = rf"(?:{_MONTH})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?"


@cache
def _leading_dateline() -> re.Pattern[str]:
    """Compiled on first use (about 2 ms, most of it the month names): only a body without a dated header needs it."""
    return re.compile(
        rf"^(?:[A-ZÀ-Ý][\w'’ .-]{{1,40}},\s*)?(?:(?:le|am|el|il|on)\s+)?(?P<date>{_DAY_FIRST}|{_MONTH_FIRST})"
        r"\s*\.?\s*(?:\([^()]{2,40}\)\s*)?[-–—:]\s",
        re.I,
    )


def leading_dateline(paragraph: str, reference_time: datetime | None) -> date | None:
    """The day of a text dateline that opens a paragraph (wire and WikiNews style), else None."""
    m = _leading_dateline().match(paragraph[:120])
    if not m:
        return None
    if not re.search(r"\d{4}", m["date"]):
        return _without_year(m["date"], reference_time)
    found = _absolute(m["date"], None)
    if found is None or not plausible(found.value, reference_time):
        return None
    value = found.value
    return value.date() if isinstance(value, datetime) else value


def _without_year(text: str, reference_time: datetime | None) -> date | None:
    """ "Nov 18" in "LONDON, Nov 18 (Reuters) -": the latest such day not after the reference time."""
    m = re.match(rf"(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})", text, re.I)
    if m is None or reference_time is None:
        return None
    for year in (reference_time.year, reference_time.year - 1):
        try:
            day = date(year, MONTHS[m["mon"].lower()], int(m["d"]))
        except ValueError:
            return None
        if plausible(day, reference_time):
            return day
    return None
