"""The one byline parser: person names apart from roles, desks, organisations, agencies, dates and handles.

Used for visible bylines ("By Matthew Digby, Minh Do", "Par Le Figaro avec AFP"), author fields in
page data ("David Shepardson and Christina Rogers", "By TOM KRISHER, AP Auto Writer") and front
matter. Organisations go to `publisher`, agencies to `agencies`; job titles, "Staff", dates, counts
and share widgets are dropped, never turned into names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .agencies import find_agencies

_PREFIX = re.compile(
    r"^\s*(?:by|par|de|von|por|di|door|written by|écrit par|texte de|texte|text|texto|testo|posted by|publié par|"
    r"auteur|author|reporting by|текст|автор)\s*:?\s+",
    re.I,
)
# A page's label glued to the byline's last word ("Marcus De GuzmanView More Articles", "IGN StaffUpdated: …").
_GLUED_LABEL = r"(?<=[a-z])(?:Updated|Posted|Published|View|Share|Follow)"
# Where the names end: a date, an "Updated"/"Posted" label (glued or not), a handle, a separator, a count.
_NAME_END = re.compile(
    r"\s+[-–—|•·/]\s+|\s*@\w|\s*(?:updated|posted|published|publié|mis à jour|modifié|le \d|on \d|il y a)\b"
    rf"|{_GLUED_LABEL}|\s+\d|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec)[a-z]*\.?\s+\d|\s+(?:mon|tues?|wed|thu|thurs|fri|sat|sun)[a-z]*,?\s",
    re.I,
)
_GLUED_LABEL_AT = re.compile(_GLUED_LABEL)
_SPLIT = re.compile(r"\s*(?:,|;|&|\||\band\b|\bet\b|\bund\b|\bwith\b|\bavec\b|\bmit\b|\bcon\b)\s*", re.I)
_ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|contributor|contributing|editor|columnist|journalist|producer|"
    r"analyst|photographer|intern|special to|for|bureau|desk|service|team|chief|senior|associate|news|"
    r"rédaction|redaction|correspondant|envoyé|envoyée|spécial|journaliste|rédacteur|rédactrice|"
    r"redakteur|redakteurin|redacción|redazione|redação|agency|agence|agencies|wires?)\b",
    re.I,
)
_NAME_WORD = re.compile(r"^(?:\w[\w'’.-]*|de|du|des|la|le|van|von|der|da|di|del|dos|bin|ben|al|el|st\.?)$")
_PARTICLE = frozenset(
    [
        "de",
        "du",
        "des",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "da",
        "di",
        "del",
        "dos",
        "bin",
        "ben",
        "al",
        "el",
        "st",
        "st.",
        "y",
        "e",
    ]
)
_JUNK = re.compile(
    r"\b(?:email|e-mail|author|auteur|ago|il y a|staff|admin|administrator|editor|team|équipe|news|contact|follow|"
    r"twitter|facebook|instagram|linkedin|read|more|posts?|articles?|view|profile|updated|published|publié|"
    r"mis à jour|copyright|photo|image|video|vidéo|newsroom|desk|service|online|web|media|médias|agency|agence|"
    r"share|shares|comments?|min|print|subscribe|guest|anonymous|unknown|bureau|inc|ltd|llc|press|magazine)\b",
    re.I,
)
# "Le Figaro", "The Guardian", "L'Équipe": an article in front of a name means an organisation.
_ORG_START = re.compile(r"^(?:le|la|les|l['’]|the|der|die|das|el|il|lo)(?:\s|(?<=['’]))", re.I)
# A nickname in quotes between the given and the family name: 'Amanda "Tania Mae" Tan', 'Dwayne “The Rock” Johnson'.
_NICKNAME = re.compile(r"(?<=\w)\s+[\"“][A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2}[\"”]\s+(?=\w)")
_GLUED_CASE = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý][a-zà-ÿ]+\s+(?:Writer|Reporter|Editor|Staff|Contributor))")


@dataclass
class Byline:
    """A parsed byline: people, the publishing organisation and wire agencies it names."""

    text: str
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    agencies: list[str] = field(default_factory=list)


def looks_like_person(name: str, *, single_word: bool = False) -> bool:
    """Two to five capitalised words (one when the source says it is a person) and nothing that marks a
    site, a role or a UI label. A quoted nickname between the names is not counted."""
    words = _NICKNAME.sub(" ", name).split()
    if not (1 if single_word else 2) <= len(words) <= 5 or _ORG_START.match(name):
        return False
    if _JUNK.search(name) or _ROLE.search(name) or any(ch.isdigit() for ch in name) or "@" in name:
        return False
    if find_agencies(name) or "." in words[-1][:-1] or (name.isupper() and len(name) > 40):
        return False  # a dot inside the last word: "Cleveland.com"
    capitals = [w for w in words if w[:1].isupper()]
    return len(capitals) >= min(2, len(words)) and all(
        _NAME_WORD.match(w) and (w[:1].isupper() or w.lower() in _PARTICLE) for w in words
    )


def _display(name: str) -> str:
    """ "TOM KRISHER" -> "Tom Krisher": an all-capitals byline is typography, not the name."""
    return name.title() if name.isupper() and len(name) > 3 else name


def parse_byline(text: str, *, prefixed: bool = True) -> Byline | None:
    """Parse "Par Le Figaro avec AFP", "By Jane Doe, Reuters", "By Jane Doe and John Roe - Nov 19, 2019".

    With `prefixed`, the text must start with "By"/"Par"/… (a visible line); without, it is an author
    field. Returns None when nothing in it is a person, an organisation or an agency.
    """
    line = " ".join(text.split())
    if len(line) > 300:
        return None
    line = _GLUED_LABEL_AT.split(line, maxsplit=1)[0]  # the byline as read: the page's label is not part of it
    m = _PREFIX.match(line)
    if prefixed and not m:
        return None
    rest = line[m.end() :] if m else line
    rest = _GLUED_CASE.sub(", ", rest)
    end = _NAME_END.search(rest)
    rest = (rest[: end.start()] if end else rest).strip(" .,:;")
    # "Jane Doe. Site Name": what follows a full stop after a word is not part of the name.
    rest = re.split(r"(?<=\w{3})\.\s", rest, maxsplit=1)[0]
    if not rest or not rest[:1].isupper():
        return None
    byline = Byline(text=line, agencies=find_agencies(line))
    for part in _SPLIT.split(rest):
        part = _display(re.sub(r"\s*\([^)]*\)", "", part).strip(" .,:"))
        if not part or find_agencies(part) or (_ROLE.search(part) and not looks_like_person(part)):
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
    if not 1 <= len(words) <= 5 or not part[:1].isupper() or _JUNK.search(part):
        return False
    return bool(_ORG_START.match(part)) or "." in part or (len(words) >= 2 and all(w[:1].isupper() for w in words))


def authors_from_field(value: str, *, person: bool = False) -> Byline:
    """People, an organisation and agencies in an author field of page data. `person`: the field is
    typed as a Person (schema.org), so a single name ("Regan") is believed."""
    text = " ".join(value.split())
    if not text or len(text) > 300 or "http" in text.lower():
        return Byline(text=text)
    if person and looks_like_person(_display(text), single_word=True):
        return Byline(text=text, authors=[_display(text)])
    return parse_byline(text, prefixed=False) or Byline(text=text, agencies=find_agencies(text))
