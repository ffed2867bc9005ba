"""Keyphrase scoring rules: which counted candidates can be keyphrases, and a first score for those that can.

A candidate scores by its frequency (occurrences in the lead count extra), boosted when it is in the title
and when it is a name (capitalised mid-sentence). Bare verbs and adjectives ("agrees", "historic", "busiest")
and words only ever seen inside a longer name ("Associated" of "Associated Press") score 0, as do multi-word
phrases that do not recur (unless a name; a headline phrase is no exception) and pieces of longer names. A word
that mostly occurs inside a longer phrase then gives its score to the phrase ("Falcon" -> "Falcon 9").
"""

from __future__ import annotations

from .keyphrase_candidates import LABELS, TITLES, Candidate
from .language_model import common_words
from .tokens import stopwords

# Verb and adjective endings (English, French); only checked for words with no sign of being a noun. Those of
# the regex (?:[^su]s|ed|ing|ive|ous|ful|able|ible|ic|ical|less)$ (English) |
# (?:ent|ons|ez|ait|aient|oit|oient|èrent|eront|era|ée?s?|if|ive|eux|euse|ique|aire|ale?s?|aux)$ (French), spelled
# out for str.endswith ("[^su]s" in _verb_or_adjective_shape): a regex search anchored at the end still tries
# every start, many times the cost of one endswith (tests/unit/analyze/test_keyphrase_endings.py: same answers).
_ENDINGS = (
    *("ed", "ing", "ive", "ous", "ful", "able", "ible", "ic", "ical", "less"),  # English
    *("ent", "ons", "ez", "ait", "aient", "oit", "oient", "èrent", "eront", "era", "é", "ée", "és", "ées", "if"),
    *("eux", "euse", "ique", "aire", "al", "ale", "als", "ales", "aux"),  # French
)
_BARE_MAX_COUNT = 2
_TITLE_BOOST = 3.0
_NAME_BOOST = 1.5
_ABSORB_SHARE = 0.75
_STOP_EN = stopwords("en")
_NAME_SHARE = 0.5


def score_candidates(
    candidates: dict[tuple[str, ...], Candidate], connectors: frozenset[str], french: bool = False
) -> dict[tuple[str, ...], float]:
    """The counting score of each candidate, 0 for one the rules rule out. One loop with the rules written in:
    a Python call costs about what a candidate's rules do, and this runs for every candidate of every article."""
    scored: dict[tuple[str, ...], float] = {}
    for key, candidate in candidates.items():
        count, in_title, forms = candidate.count, candidate.in_title, candidate.forms
        form = next(iter(forms)) if len(forms) == 1 else candidate.form()
        words = len(key)
        if words == 1:
            if key[0] in LABELS or _not_a_keyword_alone(key[0], candidate, form, french):
                scored[key] = 0.0
                continue
        else:
            name = True  # is_name: capitals (or digits) on every word of the form written most often
            for word in form:
                if word[0].islower():
                    name = False
                    break
            # A phrase the text uses once is usually a chance juxtaposition, and a headline is no exception: there
            # it is mostly a verb phrase ("Moody dégrade 28", "augmentera de 2", "attaque meurtrière visant").
            # Unless in the title: a piece of a longer name; "Governor Kristi Noem" (the name without its title
            # is a candidate too).
            if (count < 2 and not name) or (
                not in_title and (candidate.flanked * 2 >= count or (name and key[0] in TITLES))
            ):
                scored[key] = 0.0
                continue
        weight = candidate.weight
        score = 1.0 if weight < 1.0 else weight  # max(weight, 1.0): a headline word the body never uses counts once
        if words > 2 and not in_title and any(word in connectors for word in key[1:-1]):
            score *= 0.7  # "X de Y" is often a fragment of a longer phrase
        if (len(key[0]) if words == 1 else sum(map(len, key))) <= 2:  # "mm", "XL": units and fragments
            score *= 0.3
        if in_title:
            score *= _TITLE_BOOST
        if candidate.capitalised * 2 >= count:
            score *= _NAME_BOOST
        scored[key] = score * (1.0 + 1.0 / (2.0 + candidate.first))
    return scored


def _not_a_keyword_alone(word: str, candidate: Candidate, form: tuple[str, ...], french: bool) -> bool:
    """A single word that is a bare verb or adjective, or never seen outside a longer name.

    Bare: never used as a noun here (no determiner before it, nor in English a preposition or a number; not a
    name) and shaped like a verb or an adjective ("agrees", "Reveals", "affirment", "historic") or only ever seen
    after "to" or a modal ("approve" of "voted to approve"). (Shouted labels are stop words.) Frequent words are
    left alone: plural nouns often go without a determiner, and what an article repeats is its topic. A French
    word that, every time, follows the noun it describes ("homologue russe", "État américain") and never a
    determiner is an adjective however often the article uses it; an English superlative is no topic either."""
    count = candidate.count
    if count and candidate.flanked == count:
        return True  # "Associated" of "Associated Press", "Transportation" of "Department of Transportation"
    nominal = candidate.nominal
    if (
        not nominal
        and count <= _BARE_MAX_COUNT
        and not (candidate.capitalised and not candidate.in_title)
        and (candidate.verbal == count or _verb_or_adjective_shape(form[0].lower()))
    ):
        return True  # bare
    if french:
        return not nominal and count > 0 and candidate.postposed == count  # a postposed adjective
    return word.endswith("est") and _superlative(word)


def _superlative(word: str) -> bool:
    """An English superlative ("busiest", "biggest", "largest"): a word ending in "est" whose stem is a common
    English word ("busy", "big", "large"); "interest", "protest" and "forest" are not."""
    if word.endswith("iest") and len(word) > 6:
        return True
    if not word.endswith("est") or not word.isalpha():
        return False
    stem = word[:-3]
    common = common_words("en")
    forms = (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "")
    return any(len(form) >= 3 and form in common and form not in _STOP_EN for form in forms)


def _verb_or_adjective_shape(word: str) -> bool:
    """True when `word` has one of the endings above."""
    return word.endswith(_ENDINGS) or (word[-1:] == "s" and len(word) > 1 and word[-2] not in "su")


def is_name(candidate: Candidate) -> bool:
    """Written with capitals (or digits) on every word most of the time: "Thierry Roland", "Falcon 9"."""
    for word in candidate.form():  # noqa: SIM110 - a loop costs less than all(...), run for most candidates
        if word[0].islower():
            return False
    return True


def absorb_parts(
    scored: dict[tuple[str, ...], float], candidates: dict[tuple[str, ...], Candidate]
) -> dict[tuple[str, ...], set[tuple[str, ...]]]:
    """A word mostly seen inside one phrase gives its score to the phrase ("Dragon" -> "capsule Dragon",
    "Falcon" -> "Falcon 9"); a name part does so to a full name in the title ("Roland" -> "Thierry Roland").
    Likewise a two-word phrase mostly seen inside a three-word one ("supermassive black" -> "supermassive
    black holes"). Returns the parts each phrase absorbed."""
    absorbed: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for key, candidate in candidates.items():
        if len(key) < 2 or scored[key] <= 0:
            continue
        name = is_name(candidate)
        parts: list[tuple[str, ...]] = [(part,) for part in key]
        if len(key) == 3:
            parts += [key[:2], key[1:]]
        for part_key in parts:
            part_candidate = candidates.get(part_key)
            if part_candidate is None or scored.get(part_key, 0.0) <= 0:
                continue
            # A name takes a part written as a name ("Falcon"), not a common noun it shares ("the harbor").
            share = _NAME_SHARE if name and not _lowercase_use(part_candidate) else _ABSORB_SHARE
            if (name and candidate.in_title) or candidate.count >= share * part_candidate.count:
                scored[key] = max(scored[key], scored[part_key])
                scored[part_key] = 0.0
                absorbed.setdefault(key, set()).add(part_key)
    return absorbed


def _lowercase_use(candidate: Candidate) -> bool:
    return any(form[0][:1].islower() for form in candidate.forms)
