"""Keyphrases: the ten phrases (one to three words) that best say what an article is about.

Statistical and language-light, so it generalises to any news article: candidates are runs of
non-stop words inside a sentence clause (French "X de Y" allowed); a candidate scores by how often
it occurs, boosted when it is in the title, appears early, or is a name (capitalised mid-sentence).
Near-duplicates collapse: singular/plural forms, a word that only ever occurs inside a longer phrase
("Falcon" in "Falcon 9"), and a longer phrase that is a rarer variant of a shorter one
("fusée Falcon 9" beside "Falcon 9").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..models import Keyword
from .sentences import split_sentences
from .tokens import ELISION, normalise_apostrophes, stopwords

SUPPORTED = frozenset({"fr", "en"})
MAX_WORDS = 3
_CLAUSE = re.compile(r"[,;:()\[\]«»“”\"!?…|/–—]|\s-\s|\.(?=\s|$)")
_TOKEN = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*'?|\d+(?:[ ,.]\d+)*\s?%?")
_CONNECTORS = {"fr": frozenset({"de", "du", "des", "d'"}), "en": frozenset({"of"})}
_ARTICLES_AFTER_CONNECTOR = frozenset({"la", "l'"})
_ALL_CONNECTORS = frozenset().union(*_CONNECTORS.values())
_TITLE_BOOST = 3.0
_ABSORB_SHARE = 0.75
_NAME_SHARE = 0.5
_NAME_BOOST = 1.5


@dataclass
class _Candidate:
    count: int = 0
    first: int = 1_000_000  # index of the first sentence it occurs in
    capitalised: int = 0  # occurrences written with a capital not explained by the sentence start
    in_title: bool = False
    forms: Counter[str] = field(default_factory=Counter)


def extract_keywords(text: str, language: str, *, title: str | None = None, top: int = 10) -> list[Keyword]:
    """The `top` best keyphrases of `text` with scores in (0, 1], best first."""
    stop = stopwords(language)
    connectors = _CONNECTORS.get(language, frozenset())
    candidates: dict[str, _Candidate] = {}
    text = normalise_apostrophes(text)
    for index, (start, end) in enumerate(split_sentences(text)):
        for phrase in _phrases(text[start:end], stop, connectors):
            _count(candidates, phrase, index, in_title=False)
    if title:
        for phrase in _phrases(normalise_apostrophes(title), stop, connectors):
            key = _key(phrase)
            if key not in candidates and len(phrase) == 1:  # a headline word the body never uses still names the topic
                _count(candidates, phrase, 0, in_title=True)
                candidates[key].count = 0
            if key in candidates:
                candidates[key].in_title = True
    scored = {key: _score(key, candidate) for key, candidate in candidates.items()}
    _absorb_parts(scored, candidates)
    chosen = _deduplicate(scored, candidates, top)
    if not chosen:
        return []
    best = chosen[0][1]
    return [Keyword(text=_display(candidates[key]), score=round(score / best, 3)) for key, score in chosen]


def _phrases(sentence: str, stop: frozenset[str], connectors: frozenset[str]) -> list[list[tuple[str, bool]]]:
    """Candidate phrases as (token, capitalised-mid-sentence) lists."""
    phrases: list[list[tuple[str, bool]]] = []
    first_token = True
    for clause in _CLAUSE.split(sentence):
        tokens: list[tuple[str, bool]] = []
        for match in _TOKEN.finditer(clause):
            raw = match.group().strip()
            elided = ELISION.match(raw)
            if elided:
                tokens.append((elided.group().lower(), False))
                raw = raw[elided.end() :]
            if raw.endswith("'"):
                raw = raw[:-1]
            if raw.lower().endswith("'s"):
                raw = raw[:-2]
            if raw:
                tokens.append((raw, raw[0].isupper() and not first_token))
            first_token = False
        phrases.extend(_ngrams(tokens, stop, connectors))
    return phrases


def _ngrams(
    tokens: list[tuple[str, bool]], stop: frozenset[str], connectors: frozenset[str]
) -> list[list[tuple[str, bool]]]:
    content = [_is_content(token, stop) for token, _ in tokens]
    found: list[list[tuple[str, bool]]] = []
    for i in range(len(tokens)):
        if not content[i] or tokens[i][0][0].isdigit():
            continue
        for j in range(i + 1, min(len(tokens), i + MAX_WORDS + 1) + 1):
            span = tokens[i:j]
            if not content[j - 1] or not _well_formed(span, content[i:j], connectors):
                continue
            found.append(span)
    return found


def _well_formed(span: list[tuple[str, bool]], content: list[bool], connectors: frozenset[str]) -> bool:
    """Content words, or content + connector (+ article) + content ("boson de Higgs", "journées de l'archéologie")."""
    if all(content):
        return True
    inner = [token.lower() for token, _ in span[1:-1]]
    if not inner or inner[0] not in connectors:
        return False
    rest = inner[1:]
    return all(word in _ARTICLES_AFTER_CONNECTOR for word in rest) and len(rest) <= 1 and len(span) - len(rest) <= 3


def _is_content(token: str, stop: frozenset[str]) -> bool:
    lowered = token.lower()
    if lowered in stop or lowered.endswith("'") or lowered.split("'")[0] in stop:  # "we'd", "don't"
        return False
    if token[0].isdigit():
        return True
    return len(lowered) > 1 or token.isupper()


def _key(phrase: list[tuple[str, bool]]) -> str:
    return _join([token.lower() for token, _ in phrase])


def _join(tokens: list[str]) -> str:
    out = ""
    for token in tokens:
        out += token if not out or out.endswith("'") else " " + token
    return out


def _count(candidates: dict[str, _Candidate], phrase: list[tuple[str, bool]], index: int, *, in_title: bool) -> None:
    key = _key(phrase)
    candidate = candidates.setdefault(key, _Candidate())
    candidate.count += 1
    candidate.first = min(candidate.first, index)
    candidate.capitalised += all(cap or not token[0].isalpha() for token, cap in phrase[:1])
    candidate.in_title = candidate.in_title or in_title
    candidate.forms[_join([token for token, _ in phrase])] += 1


def _score(key: str, candidate: _Candidate) -> float:
    words = key.replace("'", "' ").split()
    score = float(max(candidate.count, 1))
    if len(words) > 1 and candidate.count < 2 and not candidate.in_title and not _is_name(candidate):
        return 0.0
    if any(word in _ALL_CONNECTORS for word in words[1:-1]) and not candidate.in_title:
        score *= 0.7  # "X de Y" is often a fragment of a longer phrase
    if len(key) <= 2:  # "mm", "XL": units and fragments rarely name a topic
        score *= 0.3
    if candidate.in_title:
        score *= _TITLE_BOOST
    if candidate.capitalised * 2 >= candidate.count:
        score *= _NAME_BOOST
    score *= 1.0 + 1.0 / (2.0 + candidate.first)
    if len(words) > 1:
        score *= 1.0 + 0.25 * math.log(len(words))
    return score


def _is_name(candidate: _Candidate) -> bool:
    """Written with capitals (or digits) on every word most of the time: "Thierry Roland", "Falcon 9"."""
    form = candidate.forms.most_common(1)[0][0]
    return all(not word[0].islower() for word in form.split())


def _absorb_parts(scored: dict[str, float], candidates: dict[str, _Candidate]) -> None:
    """A word mostly seen inside one phrase gives its score to the phrase ("Dragon" -> "capsule Dragon",
    "Falcon" -> "Falcon 9"); a name part does so to a full name in the title ("Roland" -> "Thierry Roland")."""
    for key, candidate in candidates.items():
        words = key.split()
        if len(words) < 2 or scored[key] <= 0:
            continue
        name = _is_name(candidate)
        for part in words:
            part_candidate = candidates.get(part)
            if part_candidate is None or scored.get(part, 0.0) <= 0:
                continue
            share = _NAME_SHARE if name else _ABSORB_SHARE
            if (name and candidate.in_title) or candidate.count >= share * part_candidate.count:
                scored[key] = max(scored[key], scored[part])
                scored[part] = 0.0


def _stem(key: str) -> str:
    return " ".join(word[:-1] if len(word) > 3 and word[-1] in "sx" else word for word in key.split())


def _deduplicate(scored: dict[str, float], candidates: dict[str, _Candidate], top: int) -> list[tuple[str, float]]:
    """Best first, dropping plural twins, words only seen inside a kept phrase, and rarer longer variants."""
    # Merge singular/plural twins into the more frequent form.
    by_stem: dict[str, str] = {}
    merged: dict[str, float] = {}
    for key, score in sorted(scored.items(), key=lambda item: -item[1]):
        if score <= 0:
            continue
        stem = _stem(key)
        if stem in by_stem:
            merged[by_stem[stem]] += score * 0.5
            continue
        by_stem[stem] = key
        merged[key] = score
    chosen: list[tuple[str, float]] = []
    for key, score in sorted(merged.items(), key=lambda item: (-item[1], item[0])):
        if any(_near_duplicate(key, other, candidates) for other, _ in chosen):
            continue
        chosen.append((key, score))
        if len(chosen) == top:
            break
    return chosen


def _near_duplicate(key: str, kept: str, candidates: dict[str, _Candidate]) -> bool:
    """True when `key` repeats `kept`: one contains the other and adds little on its own."""
    padded_key, padded_kept = f" {key} ", f" {kept} "
    if padded_kept in padded_key:  # key is longer: a variant of the kept phrase
        return True
    if padded_key in padded_kept:  # key is shorter: redundant when it mostly occurs inside the kept phrase
        return candidates[key].count <= candidates[kept].count * 1.5
    return False


def _display(candidate: _Candidate) -> str:
    """The form as most often written; a capital that only comes from sentence starts is dropped."""
    form = candidate.forms.most_common(1)[0][0]
    if _is_name(candidate) and candidate.count > 0 and candidate.capitalised * 2 < candidate.count:
        first, _, rest = form.partition(" ")
        if rest and any(word[0].isupper() for word in rest.split()):
            return form  # "Elon Musk" at a sentence start is still a name
    if candidate.capitalised * 2 >= candidate.count or candidate.count == 0:
        return form
    first, space, rest = form.partition(" ")
    if first[:1].isupper() and not first.isupper():
        first = first[0].lower() + first[1:]
    return first + space + rest
