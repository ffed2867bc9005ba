"""The keyphrase code's verb/adjective endings and digit test, spelled out for str methods, give the answers of the
regexes they replace (kept here as the reference)."""

import re

import pytest

from article_core.analyze import keyphrase_ranker, keyphrase_rules
from article_core.analyze.tokens import stopwords

RULES_REGEX = re.compile(
    r"(?:[^su]s|ed|ing|ive|ous|ful|able|ible|ic|ical|less)$"
    r"|(?:ent|ons|ez|ait|aient|oit|oient|èrent|eront|era|ée?s?|if|ive|eux|euse|ique|aire|ale?s?|aux)$"
)
RANKER_REGEX = re.compile(r"(?:ed|ing|ive|ous|ful|able|ible|ic|ical|less|ent|ez|ait|ée?s?|if|eux|ique)$")
STEMS = ("", "s", "u", "e", "é", "a", "x", "1", "-", "'", "work", "pays", "bus", "grand", "rap")


def _words() -> list[str]:
    """Every ending (and every one- and two-letter tail) after assorted stems, and the stop words of both languages."""
    endings = {*keyphrase_rules._ENDINGS, *keyphrase_ranker._ENDINGS}
    tails = {a + b for a in "aeiouséxnlrt1-'" for b in ("", *"aeiouséxnlrt1-'")}
    words = [stem + ending for stem in STEMS for ending in endings | tails]
    return [*words, *STEMS, *sorted(stopwords("en")), *sorted(stopwords("fr"))]


def test_the_rules_endings_answer_as_their_regex() -> None:
    # Given words ending in every listed ending and in assorted other tails
    words = _words()
    # When each is checked by the spelled-out endings and by the regex
    # Then the answers agree
    assert [keyphrase_rules._verb_or_adjective_shape(w) for w in words] == [bool(RULES_REGEX.search(w)) for w in words]


def test_the_rankers_endings_answer_as_their_regex() -> None:
    # Given the same words
    words = _words()
    # When each is checked by str.endswith with the ranker's endings and by its regex
    # Then the answers agree
    assert [w.endswith(keyphrase_ranker._ENDINGS) for w in words] == [bool(RANKER_REGEX.search(w)) for w in words]


@pytest.mark.parametrize("joined", ["falcon9", "covid", "٣ans", "x²", "un1", "", "½", "jean-pierre"])
def test_the_rankers_digit_feature_is_the_regexs(joined: str) -> None:
    # Given a phrase's joined words, with and without decimal digits (Arabic-Indic, superscript, fraction)
    vector = keyphrase_ranker.features((joined or "x",), _Facts((joined or "x",)), 1.0, 1.0, 1, 0)
    # When its features are computed
    # Then has_digit says what \d finds
    has_digit = vector[keyphrase_ranker.FEATURES.index("has_digit")]
    assert has_digit == float(re.search(r"\d", joined or "x") is not None)


class _Facts:
    """A candidate seen once, written as `form`."""

    def __init__(self, form: tuple[str, ...]) -> None:
        self.count, self.weight, self.first, self.last = 1, 1.0, 0, 0
        self.capitalised = self.flanked = self.nominal = self.postposed = 0
        self.in_title = False
        self.forms = {form: 1}
