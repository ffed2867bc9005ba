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


def score_candidate(
    key: tuple[str, ...], candidate: Candidate, connectors: frozenset[str], french: bool = False
) -> float:
    words = len(key)
    if words == 1:
        if key[0] in LABELS or _not_a_keyword_alone(key[0], candidate, french):
            return 0.0
    elif candidate.count < 2 and not is_name(candidate):
        # A phrase the text uses once is usually a chance juxtaposition, and a headline is no exception: there it
        # is mostly a verb phrase ("Moody dégrade 28", "augmentera de 2", "attaque meurtrière visant").
        return 0.0
    if words > 1 and not candidate.in_title:
        if candidate.flanked * 2 >= candidate.count:
            return 0.0  # a piece of a longer name
        if key[0] in TITLES and is_name(candidate):
            return 0.0  # "Governor Kristi Noem": the name without its title is a candidate too
    score = max(candidate.weight, 1.0)  # a headline word the body never uses counts once
    if words > 2 and any(word in connectors for word in key[1:-1]) and not candidate.in_title:
        score *= 0.7  # "X de Y" is often a fragment of a longer phrase
    if sum(map(len, key)) <= 2:  # "mm", "XL": units and fragments rarely name a topic
        score *= 0.3
    if candidate.in_title:
        score *= _TITLE_BOOST
    if candidate.capitalised * 2 >= candidate.count:
        score *= _NAME_BOOST
    score *= 1.0 + 1.0 / (2.0 + candidate.first)
    return score


def _not_a_keyword_alone(word: str, candidate: Candidate, french: bool) -> bool:
    """A single word that is a bare verb or adjective, or never seen outside a longer name."""
    if candidate.count and candidate.flanked == candidate.count:
        return True  # "Associated" of "Associated Press", "Transportation" of "Department of Transportation"
    if french:
        return _bare_verb_or_adjective(candidate) or _french_adjective(candidate)
    return _bare_verb_or_adjective(candidate) or _superlative(word)


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


def _bare_verb_or_adjective(candidate: Candidate) -> bool:
    """A word never used as a noun here (no determiner before it, nor in English a preposition or a number; not a
    name) that is shaped like a verb or an
    adjective ("agrees", "Reveals", "affirment", "historic") or only ever seen after "to" or a modal ("approve" of
    "voted to approve"). (Shouted labels are stop words.) Frequent words
    are left alone: plural nouns often go without a determiner, and what an article repeats is its topic."""
    if candidate.nominal or candidate.count > _BARE_MAX_COUNT or (candidate.capitalised and not candidate.in_title):
        return False
    return candidate.verbal == candidate.count or _verb_or_adjective_shape(candidate.form()[0].lower())


def _verb_or_adjective_shape(word: str) -> bool:
    """True when `word` has one of the endings above."""
    return word.endswith(_ENDINGS) or (word[-1:] == "s" and len(word) > 1 and word[-2] not in "su")


def _french_adjective(candidate: Candidate) -> bool:
    """A French word that, every time, follows the noun it describes ("homologue russe", "État américain")
    and never a determiner: an adjective, however often the article uses it."""
    return not candidate.nominal and candidate.count > 0 and candidate.postposed == candidate.count


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
