"""What kind of document the cleaner got: an article, or a page that only looks like one.

Cheap signals shared by the HTML and plain-text cleaners: how much prose there is, how long the
paragraphs are, how much of an HTML page is link text, and the phrases (French and English) that
consent walls, paywalls and error pages are made of. Not every file is an article, and saying so
beats passing a cookie banner off as a body.
"""

from __future__ import annotations

import re
import statistics
from functools import cache
from typing import Literal

from ..models import ErrorCode, ErrorInfo

Kind = Literal["article", "listing", "consent_wall", "paywall", "error"]

_WORD = re.compile(r"\w+")

# Below this many words of prose a page is a wall or an error page rather than an article that
# happens to mention cookies or subscriptions.
_SHORT_PAGE_WORDS = 250
# A paragraph of at least this many words reads like article prose.
_PROSE_WORDS = 30

# The three phrase lists below are compiled on first use (about 2 ms together at a cold start): only a short
# page, or a plain-text body with little prose, is ever searched for them.


@cache
def _consent() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:we use cookies|nous utilisons des cookies|ce site utilise des cookies|this (?:web)?site uses cookies"
        r"|cookies? (?:policy|settings|preferences)|accept(?:er)? (?:all|tout|les cookies)|tout accepter|tout refuser"
        r"|reject all|continuer sans accepter|manage (?:cookies|preferences|consent)|g[ée]rer (?:les cookies|mes choix)"
        r"|param[ée]trer les cookies|vos choix|your (?:privacy )?choices|consent(?:ement)?|traceurs|our partners"
        r"|nos partenaires|personal data|donn[ée]es personnelles|privacy settings)\b",
        re.IGNORECASE,
    )


@cache
def _paywall() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:subscribe to (?:continue|read|unlock)|subscribers? only|for subscribers|this (?:article|content) is "
        r"(?:for|reserved for|available to) (?:subscribers|members)|already a (?:subscriber|member)|log in to continue"
        r"|sign in to (?:continue|read)|to continue reading|start your (?:free )?trial|r[ée]serv[ée] aux abonn[ée]s"
        r"|article r[ée]serv[ée]|d[ée]j[àa] abonn[ée]|pour lire la suite|abonnez-vous(?: pour)?|il vous reste \d+ ?%"
        r"|offre d[ée]couverte|the rest of this article|unlock (?:this|full) (?:article|access))\b",
        re.IGNORECASE,
    )


@cache
def error_page() -> re.Pattern[str]:
    """A bare "404" or "not found" is not enough: an article may say either."""
    return re.compile(
        r"\b(?:(?:error|erreur|page|http) ?404|404 (?:error|erreur|page|not found)|(?:page|file|article|content|"
        r"document) (?:was )?not found|page (?:introuvable|non trouv[ée]e)|cette page n['’]existe (?:pas|plus)"
        r"|la page (?:que vous|demand[ée]e)|this page (?:doesn['’]t|does not|no longer) exist|page (?:has been|was) "
        r"(?:removed|moved)|(?:403 )?forbidden|access denied|acc[èe]s refus[ée]|internal server error"
        r"|service unavailable"
        r"|page (?:you|you're) (?:are )?looking for|we can['’]t find|nous ne trouvons pas|error (?:500|503))\b",
        re.IGNORECASE,
    )


def classify(
    paragraphs: list[str],
    title: str | None = None,
    *,
    link_density: float | None = None,
    declared_article: bool = False,
) -> Kind:
    """Kind of a cleaned document.

    `link_density` (share of the page's text inside links, HTML only) and `declared_article` (the
    page's own metadata says it is an article: JSON-LD NewsArticle, og:type article) are optional
    hints; plain text goes without them.
    """
    counts = [len(_WORD.findall(p)) for p in paragraphs]
    words = sum(counts)
    prose = sum(n for n in counts if n >= _PROSE_WORDS)
    head = " ".join([title or "", *paragraphs[:6]])[:2000]
    everything = " ".join(paragraphs)[:20000]

    if words < _SHORT_PAGE_WORDS and prose < 2 * _PROSE_WORDS:
        if error_page().search(title or "") or (words < 80 and error_page().search(head)):
            return "error"
        if len(_consent().findall(everything)) >= 2:
            return "consent_wall"
        if _paywall().search(everything):
            return "paywall"
    elif words < 2 * _SHORT_PAGE_WORDS and _paywall().search(" ".join(paragraphs[-3:])) and prose < 150:
        # A teaser of a paragraph or two, then the subscription pitch.
        return "paywall"
    if _looks_like_listing(counts, link_density) and not declared_article:
        return "listing"
    return "article"


def _looks_like_listing(counts: list[int], link_density: float | None) -> bool:
    """Many short items (headlines, teasers) and little continuous prose."""
    if not counts:
        return False
    long_paragraphs = sum(1 for n in counts if n >= _PROSE_WORDS)
    if link_density is not None:
        if link_density > 0.5 and long_paragraphs < 3:
            return True
        if link_density < 0.3:  # an HTML page whose text is mostly not links is not a list of links
            return False
    return len(counts) >= 12 and statistics.median(counts) < 12 and long_paragraphs < max(3, len(counts) // 8)


def rejection(kind: str, paragraphs: list[str]) -> ErrorInfo | None:
    """Why a document with nothing usable is rejected (a value: the pipeline decides what to do with
    it), or None when it should be processed.

    Consent walls and error pages carry no article; a paywall teaser is kept when it holds some prose
    (a reader still gets the lead); a listing is kept with its kind so users can filter it out.
    """
    # Only "any word at all?" and, for a paywall, "fewer than _PROSE_WORDS?" are asked: a paragraph's first word
    # answers the first (counting every word of an article cost a pass of the pattern over the whole text).
    if not any(map(_WORD.search, paragraphs)):
        return ErrorInfo(code=ErrorCode.NO_CONTENT, message="No article text remains after cleaning.")
    if kind in ("consent_wall", "error"):
        return ErrorInfo(
            code=ErrorCode.NOT_AN_ARTICLE, message=f"The page is a {kind.replace('_', ' ')} page, not an article."
        )
    if kind == "paywall" and sum(len(_WORD.findall(p)) for p in paragraphs) < _PROSE_WORDS:
        return ErrorInfo(code=ErrorCode.NOT_AN_ARTICLE, message="The page is a paywall with no readable article text.")
    return None
