"""Publisher as readers name it; titles without the site's name."""

from __future__ import annotations

import pytest

from article_core.clean.metadata.site import choose_publisher, strip_site, usable_publisher


@pytest.mark.parametrize(
    ("title", "names", "url", "expected"),
    [
        ("South Dakota governor doubles down | TheHill", ["The Hill"], None, "South Dakota governor doubles down"),
        ("Daily Deals: More Black Friday Deals - IGN", ["IGN"], None, "Daily Deals: More Black Friday Deals"),
        ("5 Tips for Game Day | The Beachbody Blog", ["The Beachbody Blog"], None, "5 Tips for Game Day"),
        ("Nadal keeps Spain alive - Sportsnet.ca", ["Sportsnet"], None, "Nadal keeps Spain alive"),
        ("Alibaba to raise $12.9bn : CityAM", [], "https://www.cityam.com/a", "Alibaba to raise $12.9bn"),
        ("Fact Check: Is An Oxygen Bar Real?", ["News Nation"], None, "Fact Check: Is An Oxygen Bar Real?"),
        (
            "États-Unis : Lancement réussi pour Space X",
            ["Wikinews"],
            None,
            "États-Unis : Lancement réussi pour Space X",
        ),
        ("Ukraine - Russia talks resume", ["Reuters"], None, "Ukraine - Russia talks resume"),
        ("米朝首脳直通電話 戦術の成否 ：日本経済新聞", ["日本経済新聞 電子版"], None, "米朝首脳直通電話 戦術の成否"),
        ("動画：ナイジェリアで自爆攻撃", ["afpbb.com"], None, "動画：ナイジェリアで自爆攻撃"),
        ("Anticorrupción recurre » Ultima Hora Mallorca", ["Ultima Hora Mallorca"], None, "Anticorrupción recurre"),
        ("Mumbai rains disrupt trains - The Times", ["The Times of India"], None, "Mumbai rains disrupt trains"),
    ],
)
def test_site_names_go_and_headline_punctuation_stays(
    title: str, names: list[str], url: str | None, expected: str
) -> None:
    # Given a title with (or without) the site's name at one end
    # When the site name is stripped
    # Then only a part equal to the site name (or the domain) goes; a colon or dash of the headline stays
    assert strip_site(title, list(names), url) == expected


@pytest.mark.parametrize("name", ["@politifact", "Blogger", "WordPress.com", "DH News Service", "https://www.x.com"])
def test_handles_platforms_desks_and_urls_are_not_publishers(name: str) -> None:
    # Given a handle, a hosting platform, a desk or a URL / When checked / Then it is not a publisher
    assert usable_publisher(name) is None


def test_publisher_order_of_trust_and_domain_fallback() -> None:
    # Given a platform in the JSON-LD and a site name in the meta tags
    # When the publisher is chosen / Then the site name wins
    assert choose_publisher([("Blogger", "json-ld"), ("LinkNaija | Nigeria's news", "meta")], None) == (
        "LinkNaija",
        "meta",
    )
    # And with no usable candidate the domain names the publisher
    assert choose_publisher([("@SputnikInt", "meta")], "https://www.wday.ru/articles/x") == ("wday.ru", "domain")
