"""Wire agencies: named in a byline, page data, a dateline ("PARIS (AFP) -") or a credit line at either end.

Canonical names are the agencies' own short forms; patterns also match the long names in English and
French and the agencies' own spellings ("Agence France-Presse", "Associated Press", "Press Trust of India").
"""

from __future__ import annotations

import re
from itertools import islice

# Canonical name -> pattern (case-sensitive where the short form is also a common word).
_AGENCY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("AFP", r"\bAFP\b|\bAgence France[- ]Presse\b|\bl['’]Agence France-Presse\b"),
    ("Reuters", r"\bReuters\b|\bREUTERS\b|\bThomson Reuters\b"),
    ("AP", r"\bAP\b(?! Photo)|\bAssociated Press\b|\(AP\)"),
    ("Bloomberg", r"\bBloomberg(?: News)?\b(?! (?:Philanthropies|School|Terminal|Businessweek))"),
    ("dpa", r"\b[Dd][Pp][Aa]\b(?=\W|$)|\bDeutsche Presse-Agentur\b"),
    ("ANSA", r"\bANSA\b"),
    ("EFE", r"\bEFE\b|\bAgencia EFE\b"),
    ("Belga", r"\bBelga\b|\bBELGA\b"),
    ("ATS", r"\bATS\b|\bAgence télégraphique suisse\b"),
    ("PA Media", r"\bPA Media\b|\bPress Association\b"),
    ("Xinhua", r"\bXinhua\b|\bChine nouvelle\b"),
    ("Kyodo", r"\bKyodo(?: News)?\b"),
    ("UPI", r"\bUPI\b|\bUnited Press International\b"),
    ("PTI", r"\bPTI\b|\bPress Trust of India\b"),
    ("ANI", r"\bANI\b|\bAsian News International\b"),
    ("IANS", r"\bIANS\b|\bIndo-Asian News Service\b"),
    ("Yonhap", r"\bYonhap\b"),
    ("TASS", r"\bTASS\b|\bItar-Tass\b"),
    ("Anadolu", r"\bAnadolu(?: Agency| Ajansı)?\b"),
    ("CP", r"\bThe Canadian Press\b|\bLa Presse canadienne\b"),
    ("AAP", r"\bAAP\b|\bAustralian Associated Press\b"),
    ("APA", r"\bAPA\b|\bAustria Presse Agentur\b"),
    ("Europa Press", r"\bEuropa Press\b"),
    ("CNN Wire", r"\bCNN Wire\b|\bCNN Newsource\b"),
    ("Jiji", r"\bJiji(?: Press)?\b"),
    ("Interfax", r"\bInterfax\b"),
    ("RIA Novosti", r"\bRIA Novosti\b"),
    ("Bernama", r"\bBernama\b|\bBERNAMA\b"),
    ("Antara", r"\bANTARA\b|\bAntara News\b"),
    ("Lusa", r"\bLusa\b(?! [A-Z][a-z])|\bLUSA\b"),  # "Lusa" alone, not a given name before a surname
    ("ANP", r"\bANP\b"),
    ("NTB", r"\bNTB\b"),
    ("IRNA", r"\bIRNA\b"),
    ("KCNA", r"\bKCNA\b"),
    ("Notimex", r"\bNotimex\b"),
    ("Télam", r"\bT[ée]lam\b"),
    ("Adnkronos", r"\bAdnkronos\b"),
    ("Prensa Latina", r"\bPrensa Latina\b"),
)
# All of them in one pattern, group "a<i>" for the i-th: one scan of the text instead of one per agency, and at a
# place where two names start ("Australian Associated Press") the first listed alone (AAP, not AP as well). Every
# spelling starts with a capital, "(", "d" (dpa) or "l" (l'Agence): the look-ahead lets the scan pass over other
# positions without trying 38 alternatives at each (the alternation alone scans 2.5x slower than 38 searches).
_ANY_AGENCY = re.compile(
    "(?=[A-Z(dl])(?:" + "|".join(f"(?P<a{i}>{pattern})" for i, (_, pattern) in enumerate(_AGENCY_PATTERNS)) + ")"
)
_NAMES = {f"a{i}": name for i, (name, _) in enumerate(_AGENCY_PATTERNS)}


def find_agencies(text: str) -> list[str]:
    """Wire agencies named in a short text (a byline, a credit, a dateline), in canonical form, in order."""
    return list(dict.fromkeys(_NAMES[m.lastgroup or ""] for m in _ANY_AGENCY.finditer(text)))


# "PARIS (AFP) -", "LONDON, Nov 18 (Reuters) -", "(Reuters) — The …", "WASHINGTON (AP) —".
_WIRE_DATELINE = re.compile(r"^(?:[A-ZÀ-Ý][\w .,'’/-]{1,60}?\s*)?\((?P<agency>[^()]{2,40})\)\s*[-–—:]")
_CREDIT_MARK = re.compile(r"\(|©|\bavec\b|\bwith\b|—|^-|\bsource\b|\binputs?\b|\bcontributed\b|\bwires?\b", re.I)
_WORDS = re.compile(r"\w+")
# Indian wire copy ends "… the official said. PTI ABC DEF" (the agency, then the editors' initials).
_TRAILING_SIGNATURE = re.compile(r"(?:^|[.!?”\"]\s+)\(?(?P<agency>PTI|IANS|ANI|UNI)\)?(?:\s+[A-Z]{2,4}){0,4}\s*$")


def agencies_in_body(paragraphs: list[str]) -> list[str]:
    """Agencies from a wire dateline opening the body or a credit line closing (or opening) it."""
    found: list[str] = []
    for paragraph in paragraphs[:2]:
        if m := _WIRE_DATELINE.match(paragraph):
            found += find_agencies(m["agency"])
        elif _is_credit_line(paragraph):
            found += find_agencies(paragraph)
    for paragraph in paragraphs[-3:]:
        if _is_credit_line(paragraph):
            found += find_agencies(paragraph)
        elif m := _TRAILING_SIGNATURE.search(paragraph[-80:]):
            found += find_agencies(m["agency"])
    return list(dict.fromkeys(found))


def _is_credit_line(paragraph: str) -> bool:
    """ "(AFP)", "— The Associated Press", "With inputs from PTI", "PTI": short, and an agency is its point."""
    if len(paragraph) > 400:  # twenty words never take more; a huge paragraph is not read at all
        return False
    words = len(list(islice(_WORDS.finditer(paragraph), 21)))  # counted up to 21 only: most paragraphs have more
    if not words or words > 20:
        return False
    if _CREDIT_MARK.search(paragraph):
        return True
    # The whole line is an agency name ("PTI", "The Associated Press", "Reuters").
    rest = _ANY_AGENCY.sub(" ", paragraph)
    return rest != paragraph and not re.sub(r"\b(?:the|la|le|l)\b|[\W_]", "", rest, flags=re.I)
