"""Keyphrases: the ten phrases (one to three words) that best say what an article is about.

Statistical and language-light, so it generalises to any news article. keyphrase_candidates.py counts every
phrase of one to three content words with what it shows (frequency, position, title, capitals, noun use);
keyphrase_rules.py rules out what cannot be a keyphrase (bare verbs and adjectives, pieces of names, chance
juxtapositions) and scores the rest. Here near-duplicates collapse: a longer phrase that is a rarer variant of
a kept one is skipped, and a person kept by surname is shown by full name ("Noem" -> "Kristi Noem").
In English the candidates the rules keep are then ordered by a learned ranker (keyphrase_ranker.py) that
weighs the same signals with weights fitted on annotated news; French keeps the counting score.
"""

from __future__ import annotations

from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from ..models import Keyword
from . import keyphrase_ranker as ranker
from .keyphrase_candidates import CONNECTORS, TITLES, Candidate, count_candidates
from .keyphrase_rules import absorb_parts, is_name, score_candidates

SUPPORTED = frozenset({"fr", "en"})


def extract_keywords(text: str, language: str, *, title: str | None = None, top: int = 10) -> list[Keyword]:
    """The `top` best keyphrases of `text` with scores in (0, 1], best first: ordered by the learned ranker
    where the language has one, by the counting scorer otherwise."""
    ranked = language in ranker.LANGUAGES
    table = candidate_table(text, language, title, vectors=ranked)
    if not ranked:
        return ranked_keywords(table, table.scores, top)
    return ranked_keywords(table, {key: ranker.probability(v, language) for key, v in table.vectors.items()}, top)


def ranked_keywords(table: CandidateTable, scored: dict[tuple[str, ...], float], top: int = 10) -> list[Keyword]:
    """The `top` best of `table`'s candidates by `scored` (positive = kept), near-duplicates skipped."""
    chosen = _deduplicate(dict(scored), table.candidates, table.absorbed, top)
    if not chosen:
        return []
    best = chosen[0][1]
    singular = table.singular_ties
    return [
        Keyword(text=_display(table.candidates[key], singular), score=round(score / best, 3)) for key, score in chosen
    ]


class CandidateTable(NamedTuple):
    """Every candidate of an article, the parts each phrase absorbed, and the feature vector of each candidate
    the counting rules keep (the learned ranker scores these; benchmarks/train_keyphrases.py trains on them)."""

    candidates: dict[tuple[str, ...], Candidate]
    absorbed: dict[tuple[str, ...], set[tuple[str, ...]]]
    scores: dict[tuple[str, ...], float]  # the counting scorer's, 0 for candidates its rules rule out
    vectors: dict[tuple[str, ...], list[float]]
    singular_ties: bool = False  # shown in the shorter form when two forms are written equally often (French)


def candidate_table(text: str, language: str, title: str | None = None, *, vectors: bool = True) -> CandidateTable:
    """Candidates counted, filtered and scored by the counting rules, with (when `vectors`) the ranker features
    of those the rules keep."""
    candidates, sentence_count = count_candidates(text, language, title)
    connectors = CONNECTORS.get(language, frozenset())
    french = language == "fr"
    scored = score_candidates(candidates, connectors, french)
    absorbed = absorb_parts(scored, candidates)
    best = max(scored.values(), default=0.0)
    # The ranker reorders the counting scorer's best few (what the rules rank low never makes the top ten).
    shortlist = _best_first(scored)[: ranker.SHORTLIST] if vectors else []
    table = {
        key: ranker.features(key, candidates[key], score, best, sentence_count, len(absorbed.get(key, ())))
        for key, score in shortlist
    }
    return CandidateTable(candidates, absorbed, scored, table, french)


def _deduplicate(
    scored: dict[tuple[str, ...], float],
    candidates: dict[tuple[str, ...], Candidate],
    absorbed: dict[tuple[str, ...], set[tuple[str, ...]]],
    top: int,
) -> list[tuple[tuple[str, ...], float]]:
    """Best first, skipping words only seen inside a kept phrase and rarer longer variants of kept ones."""
    chosen: list[tuple[tuple[str, ...], float]] = []
    for key, score in _best_first(scored):
        size = len(key)
        for other, _ in chosen:  # (only a phrase of another length can repeat it: most pairs are two words alone)
            if len(other) != size and _near_duplicate(key, other, candidates, absorbed):
                break
        else:
            chosen.append((key, score))
            if len(chosen) == top + 2:  # spares, for when a surname and its full name merge
                break
    return _complete_names(chosen, scored, candidates)[:top]


def _best_first(scored: dict[tuple[str, ...], float]) -> list[tuple[tuple[str, ...], float]]:
    """The positively scored candidates, best first, ties in key order. Two sorts in C (by key, then stably by
    score, reversed) rather than one by a (-score, key) tuple made per candidate: the order is the same. The
    candidates are picked in C too (compress keeps those with a true score: never negative, so the positive)."""
    ranked = sorted(compress(scored.items(), scored.values()), key=itemgetter(0))
    ranked.sort(key=itemgetter(1), reverse=True)
    return ranked


def _complete_names(
    chosen: list[tuple[tuple[str, ...], float]],
    scored: dict[tuple[str, ...], float],
    candidates: dict[tuple[str, ...], Candidate],
) -> list[tuple[tuple[str, ...], float]]:
    """A person kept by surname ("Noem") is shown by full name ("Kristi Noem") when the article gives it."""
    surnames = {key[0] for key, _ in chosen if len(key) == 1}
    full_names: dict[str, tuple[str, ...]] = {}
    for key in candidates:
        if len(key) == 2 and key[1] in surnames and scored.get(key, 0.0) > 0 and _full_name(key, candidates):
            full_names.setdefault(key[1], key)
    completed: list[tuple[tuple[str, ...], float]] = []
    for key, score in chosen:
        key = full_names.get(key[0], key) if len(key) == 1 else key
        if all(key != other for other, _ in completed):  # the full name may have been chosen on its own too
            completed.append((key, score))
    return completed


def _full_name(key: tuple[str, str], candidates: dict[tuple[str, ...], Candidate]) -> bool:
    """True when two-word `key` is the full name of the person its last word names ("Kristi Noem", "Noem"):
    news gives the full name at first mention and the surname after; a first name is rarely used alone."""
    full, given, surname = candidates[key], candidates.get(key[:1]), candidates[key[1:]]
    if key[0] in TITLES or not is_name(full) or not is_name(surname) or full.flanked * 2 >= full.count:
        return False
    return full.first <= surname.first and (given is None or given.count <= full.count)


def _near_duplicate(
    key: tuple[str, ...],
    kept: tuple[str, ...],
    candidates: dict[tuple[str, ...], Candidate],
    absorbed: dict[tuple[str, ...], set[tuple[str, ...]]],
) -> bool:
    """True when `key` repeats `kept`: one contains the other and adds little on its own."""
    # (the lengths first: most pairs are two single words, which _contains need not compare)
    if len(key) > len(kept) and _contains(key, kept):  # key is longer: a variant, unless it has a word of its own
        return all(_contains(kept, part) for part in absorbed.get(key, ()))
    if len(kept) > len(key) and _contains(kept, key):  # key is shorter: redundant when mostly inside the kept one
        return candidates[key].count <= candidates[kept].count * 1.5
    return False


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def _display(candidate: Candidate, singular_ties: bool = False) -> str:
    """The form as most often written; a capital that only comes from sentence starts is dropped. With
    `singular_ties`, of forms written equally often the shortest, the singular ("mausolée" beside "mausolées"):
    French annotators name a topic in the singular (keyphrase-fr-dev's dev part: F1@10 0.469 -> 0.478; in English
    the first-written form does better, 0.1968 against 0.1966 under the ranker's cross-validation)."""
    words = list(_singular(candidate) if singular_ties and len(candidate.forms) > 1 else candidate.form())
    text = _join(words)
    if candidate.capitalised * 2 >= candidate.count or candidate.count == 0:
        return text
    if is_name(candidate) and len(words) > 1 and any(word[0].isupper() for word in words[1:]):
        return text  # "Elon Musk" at a sentence start is still a name
    first = words[0]
    if first[:1].isupper() and not first.isupper():
        words[0] = first[0].lower() + first[1:]
    return _join(words)


def _singular(candidate: Candidate) -> tuple[str, ...]:
    """Of the forms written most often, the shortest (the first written when they are as long)."""
    forms = candidate.forms
    most = max(forms.values())
    return min((form for form, count in forms.items() if count == most), key=lambda form: sum(map(len, form)))


def _join(tokens: list[str]) -> str:
    out = ""
    for token in tokens:
        out += token if not out or out.endswith("'") else " " + token
    return out
