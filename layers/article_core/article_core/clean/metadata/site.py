"""The publisher as readers name it, and headlines without the site's name.

Publisher, in order: `og:site_name`, the JSON-LD publisher, the site part of the `<title>`, then the
domain. Never a social handle (@politifact), a hosting platform (Blogger), a URL or a desk
("DH News Service"): such a candidate is skipped for the next.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_PLATFORMS = frozenset(
    [
        "blogger",
        "blogspot",
        "wordpress",
        "wordpresscom",
        "medium",
        "tumblr",
        "wix",
        "squarespace",
        "substack",
        "ghost",
        "weebly",
        "typepad",
        "livejournal",
        "hubspot",
    ]
)
_DESK = re.compile(r"\b(?:news service|bureau|desk|newsroom|staff|web team|digital team)\b", re.I)
# Spaced bars, dashes, dots and guillemets ("Headline » Local » Site"); the full-width colon and bar of CJK titles
# ("…成否：日本経済新聞") need no spaces.
_SEPARATORS = re.compile(r"\s+[|–—:·•»-]\s+|\s+[|–—·•»]|[|–—·•»]\s+|\s*[：｜]\s*")
_WORD = re.compile(r"\w+")


def key(text: str | None) -> str:
    """Letters and digits only, case folded: "TheHill" = "The Hill", "Sportsnet.ca" = "sportsnetca"."""
    return "".join(_WORD.findall((text or "").casefold())).replace("_", "")


def domain(url: str | None) -> str | None:
    """ "https://www.wday.ru/a/b" -> "wday.ru"."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    host = re.sub(r"^(?:www\d?|m|amp|edition)\.", "", host)
    return host or None


def usable_publisher(name: str | None) -> str | None:
    """The name, cleaned, or None when it is a handle, a URL, a platform or a desk."""
    if not name:
        return None
    name = " ".join(name.split())
    # "Site | Section | Topic", "LinkNaija | Nigeria's popular news platform": the site is the first part.
    name = re.split(r"\s+[|•·]\s+", name)[0].strip()
    name = re.sub(r"^www\.", "", name, flags=re.I)
    if not name or len(name) > 80 or name.startswith(("@", "http://", "https://")):
        return None
    if key(name) in _PLATFORMS or _DESK.search(name):
        return None
    return name


def title_site_part(title: str | None) -> str | None:
    """The part after the last separator of a `<title>` ("Headline | Deccan Herald" -> "Deccan Herald")."""
    parts = _SEPARATORS.split(title or "")
    if len(parts) < 2:
        return None
    last = parts[-1].strip()
    return last if 1 <= len(last.split()) <= 5 and len(last) < len(parts[0]) else None


def choose_publisher(candidates: list[tuple[str | None, str]], url: str | None) -> tuple[str, str] | None:
    """The first usable (name, source) of the candidates in order of trust, else the domain."""
    for name, source in candidates:
        usable = usable_publisher(name)
        if usable:
            return usable, source
    host = domain(url)
    return (host, "domain") if host else None


def strip_site(title: str, names: list[str | None], url: str | None = None) -> str:
    """ "Headline | TheHill" -> "Headline"; also a site prefix ("LinkNaija: Headline"). A colon or dash
    that belongs to the headline stays: only a part equal to the site's name (or domain) goes."""
    keys = {key(n) for n in names if n and len(key(n)) >= 2}
    host = domain(url)
    if host:
        keys |= {key(host), key(host.rsplit(".", 1)[0]), key("www." + host)}
    keys.discard("")
    if not keys:
        return title
    parts = _SEPARATORS.split(title)
    seps = _SEPARATORS.findall(title)
    if len(parts) < 2:
        return title
    while len(parts) > 1 and _is_site(parts[-1], keys):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and _is_site(parts[0], keys):
        parts.pop(0)
        seps.pop(0)
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        out += sep + part
    return out.strip() or title


def headline_part(title: str) -> str:
    """What comes before the title's first separator ("Headline - Site - Section" -> "Headline")."""
    return _SEPARATORS.split(title, maxsplit=1)[0]


def _is_site(part: str, keys: set[str]) -> bool:
    """The part names the site: its name, the name and a few more letters ("TheHill.com"), or the name's first
    words ("日本経済新聞" of "日本経済新聞 電子版", "The Times" of "The Times of India")."""
    k = key(part)
    return bool(k) and (
        k in keys
        or any(k.startswith(s) and len(s) >= 4 and len(k) - len(s) <= 4 for s in keys)
        or any(s.startswith(k) and len(k) >= 4 and 2 * len(k) >= len(s) for s in keys)
    )
