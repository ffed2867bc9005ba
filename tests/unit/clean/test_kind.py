"""classify and rejection: article, listing, consent wall, paywall, error page."""

from __future__ import annotations

from article_core.clean.kind import classify, rejection

LONG = (
    "The minister said on Tuesday that the negotiations would continue next week in Geneva, where delegations "
    "from both countries are expected to discuss the ceasefire, prisoner exchanges and humanitarian corridors."
)


def test_prose_is_an_article() -> None:
    # Given several long paragraphs
    # When classified
    # Then it is an article
    assert classify([LONG] * 5, "Talks to continue") == "article"


def test_many_short_headlines_are_a_listing() -> None:
    # Given a page of twenty short headlines
    headlines = [f"Headline number {i} about the news" for i in range(20)]
    # When classified, with and without a high link density
    # Then it is a listing
    assert classify(headlines, "Home") == "listing"
    assert classify(headlines[:5], "Home", link_density=0.8) == "listing"


def test_declared_article_with_low_link_density_is_not_a_listing() -> None:
    # Given a standings table of short lines on a page that declares itself an article
    rows = [f"{i}. Driver {i} 120 points" for i in range(20)]
    # When classified
    # Then the declaration and the low link density keep it an article
    assert classify(rows, "Standings", link_density=0.1) == "article"
    assert classify(rows, "Standings", declared_article=True) == "article"


def test_cookie_banner_is_a_consent_wall_in_french_and_english() -> None:
    # Given the text of a consent wall
    french = [
        "Nous utilisons des cookies",
        "Avec nos partenaires, nous traitons vos données personnelles.",
        "Tout accepter",
    ]
    english = ["We use cookies to improve your experience.", "Manage preferences", "Accept all"]
    # When classified
    # Then it is a consent wall
    assert classify(french, "Le Monde") == "consent_wall"
    assert classify(english, None) == "consent_wall"


def test_teaser_then_subscription_pitch_is_a_paywall() -> None:
    # Given a lead paragraph and a subscription prompt
    paragraphs = [LONG, "Cet article est réservé aux abonnés. Déjà abonné ? Connectez-vous."]
    # When classified
    # Then it is a paywall
    assert classify(paragraphs, "Exclusif") == "paywall"


def test_not_found_page_is_an_error() -> None:
    # Given a 404 page
    # When classified
    # Then it is an error page, by title or by text
    assert classify(["Sorry, we can't find that page.", "Go back home"], "404 - Page not found") == "error"
    assert classify(["Page introuvable", "Retour à l'accueil"], None) == "error"


def test_long_article_mentioning_cookies_and_subscriptions_stays_an_article() -> None:
    # Given a real article that talks about cookies and subscriptions
    paragraphs = [
        LONG,
        "Regulators said the site uses cookies without consent, and subscribers complained.",
        LONG,
        LONG,
    ]
    # When classified
    # Then it is still an article
    assert classify(paragraphs * 2, "Regulator fines publisher") == "article"


def test_rejection_rules() -> None:
    # Given documents of each kind
    # Then walls, error pages and empty results are rejected, articles, listings and real teasers are not
    consent = rejection("consent_wall", ["We use cookies"])
    assert consent is not None and consent.code == "not_an_article"
    error = rejection("error", ["Page not found"])
    assert error is not None and error.code == "not_an_article"
    empty = rejection("article", [])
    assert empty is not None and empty.code == "no_content"
    assert rejection("article", [LONG]) is None
    assert rejection("listing", ["Headline one", "Headline two"]) is None
    assert rejection("paywall", [LONG]) is None
    bare = rejection("paywall", ["Subscribe to continue reading"])
    assert bare is not None and bare.code == "not_an_article"


def test_rejection_counts_words_only_where_a_count_decides() -> None:
    # Given paragraphs with no word character, and paywall teasers just under and at the prose threshold
    # When judged
    # Then punctuation alone is no content, and a paywall needs 30 words (split across paragraphs too)
    blank = rejection("article", ["…", "— « » —", "   "])
    assert blank is not None and blank.code == "no_content"
    assert rejection("article", ["—", "a"]) is None
    short = rejection("paywall", ["word " * 20, "word " * 9])
    assert short is not None and short.code == "not_an_article"
    assert rejection("paywall", ["word " * 20, "word " * 10]) is None
