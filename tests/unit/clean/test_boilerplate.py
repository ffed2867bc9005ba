"""Ad markers glued to a paragraph's end: found whatever letter the marker ends with, and only after a sentence.
Known phrases: the substring shortcut gives the reason searching every pattern gives."""

from __future__ import annotations

import re

import pytest

from article_core.clean.boilerplate import MAX_PHRASE_LINE_WORDS, phrase_patterns, phrase_reason, split_markers


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("The storm hit the coast.Advertisement", "Advertisement"),
        ("La mesure est prise.Publicité", "Publicité"),
        ("La mesure est prise.PUBLICITÉ", "PUBLICITÉ"),
        ("La mesure est prise.Publicite", "Publicite"),
        ("Voters went to the polls.Skip Ad", "Skip Ad"),
        ("Voters went to the polls. Story continues below", "Story continues below"),
        ("Voters went to the polls. Continue reading the main story", "Continue reading the main story"),
        ("Voters went to the polls. Article continues after this", "Article continues after this"),
        ("Le texte a été voté.Annonce", "Annonce"),
        ("The storm hit the coast.Advertisement\n", "Advertisement"),
    ],
)
def test_a_marker_glued_after_the_last_sentence_is_cut(line: str, marker: str) -> None:
    # Given a paragraph that ends with an ad marker, When markers are split off
    text, markers = split_markers(line)
    # Then the marker is removed and named
    assert markers == [marker]
    assert marker not in text


_PROSE = ["He bought the advertisement", "The storm hit the coast.", "Il a publié une annonce.", "Voté. Annonce"]


@pytest.mark.parametrize("line", _PROSE)
def test_prose_keeps_its_last_words(line: str) -> None:
    # Given a line that ends with prose (or mentions a marker word inside a sentence), Then nothing is cut
    assert split_markers(line) == (line, [])


def _every_pattern_reason(line: str) -> str | None:
    """phrase_reason without its shortcuts: every pattern searched in file order."""
    words = len(re.findall(r"\w+", line))
    if words > 90:
        return None
    stripped = line.strip(" \t|:>›»-–—•·")
    for reason, pattern in phrase_patterns():
        if (words <= MAX_PHRASE_LINE_WORDS or reason == "cookie_notice") and pattern.search(stripped):
            return reason
    return None


LONG = " ".join(["the minister said that the talks would resume"] * 5)


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to improve your experience. Accept",
        "Nous utilisons des COOKIES pour mesurer l'audience, en poursuivant vous acceptez",
        "Ce site utilise des coo\u212aies (Kelvin sign) : accept",  # "K" matches "k" case-insensitively
        f"{LONG} and cookies we use to accept",
        f"{LONG} and the Cookie Policy applies",
        f"{LONG} without the word",
        "Lire aussi : la réforme",
        "Cook the books, by continuing",
    ],
)
def test_phrase_shortcuts_give_the_reason_every_pattern_gives(line: str) -> None:
    # Given a line, short or paragraph-long, with or without a phrase a pattern's needle stands for
    # When its boilerplate reason is asked for
    # Then it is the one searching every pattern gives
    assert phrase_reason(line) == _every_pattern_reason(line)


# Lines each of which a pattern searched unanchored matches (one per alternative of those patterns), then the same
# lines spelled with characters case-insensitive matching takes for ASCII letters ("ſ", "ı", "İ", the Kelvin sign).
GATED_LINES = [
    "Share this story with your friends",
    "Like this article? Tell us",
    "Follow us on Twitter",
    "Follow the Daily Mail politics team on Facebook",
    "Follow Jane Doe on Twitter @janedoe",
    "This slideshow requires JavaScript.",
    "Your browser does not support the video tag.",
    "Partagez cet article",
    "Suivez-nous sur Instagram",
    "She may be reached at jane@example.com",
    "He can be reached at the office",
    "Have a news tip? Write to us",
    "Send us a tip",
    "Contact the author",
    "Delivered straight to your letterbox every week",
    "12 issues for £10",
    "Click here to subscribe",
    "Click here to turn on notifications",
    "Sponsored by Acme Corp",
    "Publicité par Google",
    "Ads by Example",
    "Promoted by Example",
    "Sponsorisée par la région",
    "Sign up for our newsletter today",
    "Inscrivez-vous à notre lettre d'information",
    "Get it delivered to your inbox",
    "Recevez-la dans votre boîte mail",
    "This site uses cookies: by continuing you accept them",
    "You must be logged in to post a comment.",
    "Vous devez être connecté pour commenter",
    "© 2025 Le Monde",
    "(c) 2024 Example",
    "Copyright Reuters",
    "All rights reserved",
    "Tous droits réservés",
    "Subscribe to continue reading",
    "For subscribers only",
    "Réservé aux abonnés",
    "Article réservé",
    "Il vous reste 80 % de cet article à lire",
    "Already a subscriber? Log in",
    "The minister said the talks would resume next week",
]
_LOOKALIKES = {"s": "ſ", "i": "ı", "I": "İ", "k": "\u212a", "K": "\u212a"}


def _spellings(line: str) -> list[str]:
    return [line, line.upper(), line.title(), *(line.replace(a, b) for a, b in _LOOKALIKES.items())]


@pytest.mark.parametrize("line", [spelling for line in GATED_LINES for spelling in _spellings(line)])
def test_a_gated_pattern_matches_where_its_search_matches(line: str) -> None:
    # Given a line that one of the unanchored patterns matches (or none), in any spelling
    from article_core.clean import html
    from article_core.clean.boilerplate import GatedPattern

    patterns = [pattern for _, pattern in phrase_patterns()] + [
        html._SHARE,
        html._CONTACT,
        html._SUBSCRIPTION,
        html._NEEDS_SCRIPT,
    ]
    for pattern in patterns:
        # When the pattern is searched behind its needles, Then it matches exactly where the plain search does
        assert GatedPattern(pattern).search(line, line.lower()) == bool(pattern.search(line)), pattern.pattern
    assert phrase_reason(line) == _every_pattern_reason(line)


def test_needles_follow_the_patterns_form() -> None:
    # Given patterns of the forms the needle reader follows, and some it does not
    from article_core.clean.boilerplate import needles

    def of(source: str) -> tuple[str, ...]:
        return needles(re.compile(source, re.IGNORECASE))

    # Then each alternative gives its longest run of letters every match holds, never an optional one, never i or s
    assert of(r"\b(?:share this|follow us on (?:x|facebook))") == ("hare th", "follow u")
    assert of(r"\bsponsored by [\w .-]{1,40}$") == ("ored by ",)
    assert of(r"\bcookies?\b.*\baccept") == ("accept",)
    assert of(r"\b(?:news)?letter") == ("letter",)
    assert of(r"©|\(c\) ?\d{4}") == ("©", "(c)")  # parentheses have no case: part of a run
    # and nothing when a needle cannot be told (anchored, case-sensitive, an alternative with no letters)
    assert of(r"^(?:share|follow)") == ()
    assert needles(re.compile(r"\bshare")) == ()
    assert of(r"\bshare|\d+%") == ()


# Every way a marker can end a line: each alternative of `_MARKER` in full, upper case and with look-alike letters.
_MARKER_ENDINGS = [
    "passer la publicité",
    "Passer la publicite",
    "skip ad",
    "skip the advertisement",
    "continue reading the main story",
    "continue reading below",
    "story continues below",
    "story continues below advertisement",
    "article continues after this",
    "article continues below this ad",
    "article continues after advertisement",
    "la suite après cette publicité",
    "la suite apres la publicite",
    "advertisement",
    "publicité",
    "annonce",
]


@pytest.mark.parametrize(
    "ending", [spelling for ending in _MARKER_ENDINGS for spelling in _spellings(ending)] + ["ANNONCE\n", "Skip ad"]
)
@pytest.mark.parametrize("before", ["", "The storm hit the coast.", "Le texte a été voté. ", "«Voilà»"])
def test_the_end_of_line_check_never_misses_a_trailing_marker(before: str, ending: str) -> None:
    # Given a line the trailing-marker pattern matches (a sentence, then a marker in any spelling)
    from article_core.clean.boilerplate import _TRAILING_MARKERS, _may_end_with_marker

    line = before + ending
    assert _TRAILING_MARKERS.search(line)
    # When the cheap end-of-line check is asked, Then it lets the line through to the search
    assert _may_end_with_marker(line)


@pytest.mark.parametrize("line", ["He bought the advertisement.", "Voilà «la réforme»", "publicités", "Il a dit»"])
def test_the_end_of_line_check_skips_lines_no_marker_ends(line: str) -> None:
    # Given a line that ends with no marker word, Then the check spares it the search
    from article_core.clean.boilerplate import _TRAILING_MARKERS, _may_end_with_marker

    assert not _TRAILING_MARKERS.search(line)
    assert not _may_end_with_marker(line)


@pytest.mark.parametrize(
    "tokens", [["Le", "DE", "İl", "ΟΔΟΣ", "Σ", "ǅ", "ſ", "A"], [], ["x"], ["The", "of", "THE", "qu’", "Été", "été"]]
)
def test_stop_ratio_is_the_share_of_tokens_that_lowercase_to_a_function_word(tokens: list[str]) -> None:
    # Given words in any case (letters whose lower case is longer, or depends on the next letter)
    from article_core.clean.boilerplate import STOP_WORDS, stop_ratio

    # When their function-word share is taken, Then it is each word's lower case looked up one by one
    expected = sum(t.lower() in STOP_WORDS for t in tokens) / len(tokens) if tokens else 0.0
    assert stop_ratio(tokens) == expected


# Lines the patterns anchored at the start match, alone or with an unanchored pattern earlier or later in the file.
ANCHORED_LINES = [
    "Advertisement",
    "Sponsored content",
    "Skip the advertisement",
    "Ad choices",
    "Share",
    "Share this article",
    "Click to share",
    "Follow us",
    "Sign up",
    "We use cookies",
    "Lire aussi",
    "More stories",
    "About the author",
    "12 comments",
    "Top rated comments",
    "Leave a reply",
    "Privacy policy",
    "Terms | Contact",
    "Home",
    "Tags: election",
    "Home › News",
    "Don't miss",
    "Get the app",
    "Share our newsletter",  # anchored share prompt, before the unanchored newsletter pattern
    "Sign up for our newsletter",  # unanchored newsletter pattern first
    "Home © 2024 Example",  # unanchored footer before the anchored navigation pattern
    "Related articles © 2024",  # anchored related links before the footer
    "Publicité par Google",
    "Nothing to see here",
]


@pytest.mark.parametrize("line", [spelling for line in ANCHORED_LINES for spelling in _spellings(line)])
def test_the_anchored_alternation_gives_the_reason_every_pattern_gives(line: str) -> None:
    # Given a line that anchored patterns (and perhaps unanchored ones) match, When its reason is asked for
    # Then it is the first pattern's in file order, as when every pattern is searched in turn
    assert phrase_reason(line) == _every_pattern_reason(line)
    assert phrase_reason(f"{line} {LONG}") == _every_pattern_reason(f"{line} {LONG}")


def test_only_patterns_whose_every_alternative_starts_at_the_line_start_join_the_alternation() -> None:
    # Given the data file's patterns and some of the forms the reader must not be fooled by
    from re import _parser  # type: ignore[attr-defined]

    from article_core.clean.boilerplate import _anchored

    data = [pattern.pattern for _, pattern in phrase_patterns()]
    sources = [*data, r"^a|b", r"^(a|b)", r"^[|]x", r"^[]|]|x", r"^\|x", r"^[^]|]x|y", r"^a\\|b", r"^[\]|]x", r"a|^b"]
    for source in sources:
        items = list(_parser.parse(source, re.IGNORECASE))
        branches = [list(b) for b in items[0][1][1]] if len(items) == 1 and items[0][0] is _parser.BRANCH else [items]
        starts = all(branch[:1] == [(_parser.AT, _parser.AT_BEGINNING)] for branch in branches)
        # When the cheap reader says anchored, Then re's own parse agrees
        assert not _anchored(source) or starts, source
    assert sum(map(_anchored, data)) >= 20  # and most of the file's patterns join the alternation


def test_the_anchored_alternation_is_in_the_layers_regex_cache() -> None:
    # Given the alternation of the anchored phrase patterns, as long to compile as all of them together (~50 ms)
    import json
    from pathlib import Path

    from article_core.clean.boilerplate import _phrase_plan

    listed = Path(__file__).parents[3] / "layers" / "article_core" / "regex_patterns.json"
    entries = {(entry["pattern"], entry["flags"]) for entry in json.loads(listed.read_text(encoding="utf-8"))}
    # Then the layer build compiles it (a changed data file must be relisted: `make regex-patterns`)
    assert (_phrase_plan().anchored.pattern, int(re.IGNORECASE)) in entries


def test_the_stop_words_in_any_case_are_exactly_the_strings_that_lowercase_to_one() -> None:
    # Given the stop words' letters, When every code point is lowercased
    import sys

    from article_core.clean.boilerplate import STOP_WORDS, _stop_words_any_case

    letters = set("".join(STOP_WORDS))
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lowered = char.lower()
        if lowered != char and set(lowered) & letters:
            # Then only a letter's own capital lowercases to it (the listed variants' only source), "İ" aside: its
            # lower case carries a combining dot that no stop word holds
            assert (len(lowered) == 1 and lowered.upper() == char) or not set(lowered) <= letters, hex(code)
    # And every listed variant lowercases to a stop word
    variants = _stop_words_any_case()
    assert all(variant.lower() in STOP_WORDS for variant in variants)
    assert {"THE", "The", "tHe", "ÉTÉ", "Été", "QU’"} <= variants
