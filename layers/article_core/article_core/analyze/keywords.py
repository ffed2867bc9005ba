"""Keyphrases: the ten phrases (one to three words) that best say what an article is about.

Statistical and language-light, so it generalises to any news article. Candidates are runs of
content words inside a clause (French "X de Y" allowed). Counting folds plurals ("jet"/"jets" are one
candidate, shown as written most often), so frequency, the strongest single signal in news, is not
split between forms. A candidate then scores by that frequency, boosted when it is in the title, when
it appears in the lead (where news puts its topic), and when it is a name (capitalised mid-sentence).
Multi-word phrases must recur (or be a name or a title phrase); a capitalised run that is only ever a
piece of a longer name ("York State" in "New York State Attorney General") is dropped.
Near-duplicates collapse: a word that mostly occurs inside a longer phrase gives its score to the
phrase ("Falcon" -> "Falcon 9"), a longer phrase that is a rarer variant of a kept one is skipped, and
a person kept by surname is shown by full name ("Noem" -> "Kristi Noem").
In English the candidates the rules keep are then ordered by a learned ranker (keyphrase_ranker.py) that
weighs the same signals with weights fitted on annotated news; French keeps the counting score.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from ..models import Keyword
from . import keyphrase_ranker as ranker
from .sentences import split_sentences
from .tokens import ELISION, normalise_apostrophes, stopwords

SUPPORTED = frozenset({"fr", "en"})
MAX_WORDS = 3
_CLAUSE = re.compile(r"[,;:()\[\]«»“”\"!?…|/–—]|\s-\s|\.(?=\s|$)")
_TOKEN = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*'?|\d+(?:[ ,.]\d+)*\s?%?")
# Web addresses, e-mail addresses and @handles are markup of the page, not words of the article.
_NOISE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w.-]+\.(?:com|org|net|co|ly)/\S*|@\w+")
_NOISE_HINTS = ("://", "www.", "@", ".com/", ".org/", ".net/", ".co/", ".ly/")
_CONNECTORS = {"fr": frozenset({"de", "du", "des", "d'"}), "en": frozenset({"of"})}
_ARTICLES_AFTER_CONNECTOR = frozenset({"la", "l'"})
# English manner adverbs ("completely", "reportedly") are frequent in news and never a topic.
_EN_ADVERB = re.compile(r"(?:ally|ely|ously|ively|edly|ingly|fully|tly)$")
# Beyond the shared stop words: words that are frequent in any news story but never its topic (news
# agencies, amounts, attribution, common verbs and vague adjectives). General vocabulary, not corpus-derived.
_NEWS_STOP = {
    "en": frozenset(
        """
        reuters afp ap percent cent million millions billion billions trillion dozen dozens hundreds thousands
        statement spokesman spokeswoman spokesperson reported reportedly confirmed declined comment comments
        set find found feel felt think thought want wanted wants need needed needs add adds show shows showed shown
        come comes came went know known knew look looks looked keep kept began begin help helped try tried left
        seeing seen saw include includes included including believe believed continue continued expected became
        took bring brought around able sure recent latest certain possible available different important yes ok
        """.split()  # noqa: SIM905 - a word list reads better as text
    ),
    "fr": frozenset(
        """
        afp reuters million millions milliard milliards euros dollars pourcent personnes gens
        estime explique indique souligne précise ajoute affirme assure rappelle
        permet permettre concerne prendre mettre donner passer venir aller voir savoir vouloir devenir rester
        """.split()  # noqa: SIM905 - a word list reads better as text
    ),
}
# Titles written before a name ("Governor Kristi Noem", "ministre Bruno Le Maire"): a phrase starting with one
# is a title + name juxtaposition, not a name. Royal and papal styles are part of the name ("Prince Andrew").
_TITLES = frozenset(
    """
    mr mrs ms dr sir lady lord president vice governor gov senator sen rep representative minister secretary
    chancellor mayor judge justice chief ceo chairman chairwoman director general gen col sgt officer rev coach
    m mme mlle président présidente ministre secrétaire maire juge général directeur directrice patron chef
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Words a noun follows: a word seen after one is used as a noun at least once.
_DETERMINERS = frozenset(
    """
    the a an this that these those his her its their our my your every each no some any another
    le la les l' un une des du au aux ce cet cette ces son sa ses leur leurs notre nos votre vos mon ma mes
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Words after which a French word is not describing a noun (a determiner, a preposition, a conjunction, a verb).
_BEFORE_NOUN = _DETERMINERS | frozenset(
    "de d' à en par pour sur sous dans avec sans entre vers chez contre et ou ni mais que qui est sont a ont".split()  # noqa: SIM905
)
# Shouted labels of web news pages, never a topic.
_LABELS = frozenset(
    "breaking update updated updates exclusive exclusif urgent live direct watch video vidéo photos alerte".split()  # noqa: SIM905
)
# Verb and adjective endings (English, French); only checked for words with no sign of being a noun.
_VERB_OR_ADJECTIVE = re.compile(
    r"(?:[^su]s|ed|ing|ive|ous|ful|able|ible|ic|ical|less)$"  # English
    r"|(?:ent|ons|ez|ait|aient|oit|oient|èrent|eront|era|ée?s?|if|ive|eux|euse|ique|aire|ale?s?|aux)$"  # French
)
_BARE_MAX_COUNT = 2
_TITLE_BOOST = 3.0
_NAME_BOOST = 1.5
_LEAD_SENTENCES = 3  # occurrences in the first sentences count extra: news states its topic first
_LEAD_WEIGHT = 0.5
_ABSORB_SHARE = 0.75
_NAME_SHARE = 0.5

# One token of a sentence: (as written, lowercase, folded key, is a content word, capitalised mid-sentence).
_Token = tuple[str, str, str, bool, bool]


class _Candidate:
    """What is known about one candidate phrase (keyed by its folded words) across the article."""

    __slots__ = (
        "capitalised",
        "count",
        "first",
        "flanked",
        "forms",
        "in_title",
        "last",
        "nominal",
        "postposed",
        "weight",
    )

    def __init__(self) -> None:
        self.count = 0  # occurrences in the body
        self.weight = 0.0  # occurrences, those in the lead counting extra
        self.first = 1_000_000  # index of the first sentence it occurs in
        self.last = 0  # index of the last sentence it occurs in
        self.capitalised = 0  # occurrences starting with a capital not explained by the sentence start
        self.flanked = 0  # occurrences with a capitalised word right before or after: part of a longer name
        self.in_title = False
        self.nominal = 0  # occurrences right after a determiner ("the deal", "la réforme"): used as a noun
        self.postposed = 0  # lowercase occurrences right after a content word ("homologue russe"): a French modifier
        self.forms: dict[tuple[str, ...], int] = {}

    def form(self) -> tuple[str, ...]:
        return max(self.forms.items(), key=lambda item: item[1])[0]


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
    return [Keyword(text=_display(table.candidates[key]), score=round(score / best, 3)) for key, score in chosen]


class CandidateTable(NamedTuple):
    """Every candidate of an article, the parts each phrase absorbed, and the feature vector of each candidate
    the counting rules keep (the learned ranker scores these; benchmarks/train_keyphrases.py trains on them)."""

    candidates: dict[tuple[str, ...], _Candidate]
    absorbed: dict[tuple[str, ...], set[tuple[str, ...]]]
    scores: dict[tuple[str, ...], float]  # the counting scorer's, 0 for candidates its rules rule out
    vectors: dict[tuple[str, ...], list[float]]


def candidate_table(text: str, language: str, title: str | None = None, *, vectors: bool = True) -> CandidateTable:
    """Candidates counted, filtered and scored by the counting rules, with (when `vectors`) the ranker features
    of those the rules keep."""
    stop = _stop_words(language)
    connectors = _CONNECTORS.get(language, frozenset())
    fold = _fold_en if language == "en" else _fold_fr
    english = language == "en"
    lexicon = _Lexicon(stop, fold, english)
    candidates: dict[tuple[str, ...], _Candidate] = {}
    text = _without_noise(normalise_apostrophes(text))
    sentences = split_sentences(text)
    for index, (start, end) in enumerate(sentences):
        lead = 1.0 + (_LEAD_WEIGHT if index < _LEAD_SENTENCES else 0.0)
        for clause in _clauses(text[start:end], lexicon):
            for i, j, flanked in _ngrams(clause, connectors):
                _count(candidates, clause, i, j, index, lead, flanked)
    if title:
        _mark_title(candidates, normalise_apostrophes(title), lexicon, connectors)
    french = language == "fr"
    scored = {key: _score(key, candidate, connectors, french) for key, candidate in candidates.items()}
    absorbed = _absorb_parts(scored, candidates)
    best = max(scored.values(), default=0.0)
    # The ranker reorders the counting scorer's best few (what the rules rank low never makes the top ten).
    shortlist = sorted((key for key, score in scored.items() if score > 0), key=lambda key: (-scored[key], key))
    sentence_count = len(sentences)
    return CandidateTable(
        candidates,
        absorbed,
        scored,
        {
            key: ranker.features(key, candidates[key], scored[key], best, sentence_count, len(absorbed.get(key, ())))
            for key in (shortlist[: ranker.SHORTLIST] if vectors else ())
        },
    )


def _without_noise(text: str) -> str:
    # Every _NOISE match contains one of these; most articles have none, and the search is costly.
    if any(hint in text for hint in _NOISE_HINTS):
        return _NOISE.sub(" ", text)
    return text


@cache
def _stop_words(language: str) -> frozenset[str]:
    return stopwords(language) | _NEWS_STOP.get(language, frozenset()) | _LABELS


def _fold_fr(word: str) -> str:
    """Crude plural folding, for counting only: "banques" = "banque", "journaux" is left alone."""
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def _fold_en(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word[-1] == "s" and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class _Lexicon:
    """How each distinct written token reads, worked out once per article (news repeats its words): the
    tokens it stands for (an elided article split off, then the word), at a sentence start and elsewhere."""

    __slots__ = ("english", "fold", "known", "stop")

    def __init__(self, stop: frozenset[str], fold: Callable[[str], str], english: bool) -> None:
        self.stop, self.fold, self.english = stop, fold, english
        self.known: dict[str, tuple[tuple[_Token, ...], tuple[_Token, ...]]] = {}

    def read(self, written: str) -> tuple[tuple[_Token, ...], tuple[_Token, ...]]:
        """(the tokens when `written` starts its sentence, the tokens anywhere else)."""
        known = self.known.get(written)
        if known is None:
            known = self.known[written] = self._read(written)
        return known

    def _read(self, written: str) -> tuple[tuple[_Token, ...], tuple[_Token, ...]]:
        raw = written.strip()
        article: tuple[_Token, ...] = ()
        elided = ELISION.match(raw) if "'" in raw else None
        if elided:
            lowered_article = elided.group().lower()
            article = ((lowered_article, lowered_article, lowered_article, False, False),)
            raw = raw[elided.end() :]
        if raw.endswith("'"):
            raw = raw[:-1]
        if raw[-2:].lower() == "'s":
            raw = raw[:-2]
        if not raw:
            return article, article
        lowered = raw.lower()
        content = _is_content(raw, lowered, self.stop, self.english)
        folded = self.fold(lowered)
        # Capitalised mid-sentence is a name cue; at the sentence start a capital says nothing.
        at_start: _Token = (raw, lowered, folded, content, False)
        elsewhere: _Token = (raw, lowered, folded, content, raw[0].isupper())
        return (*article, at_start), (*article, elsewhere)


def _clauses(sentence: str, lexicon: _Lexicon) -> list[list[_Token]]:
    """The sentence's clauses as token lists (elided articles split off, English "'s" dropped)."""
    clauses: list[list[_Token]] = []
    sentence_start = True
    known, read = lexicon.known, lexicon.read
    for clause in _CLAUSE.split(sentence):
        found = _TOKEN.findall(clause)
        if not found:
            continue
        tokens: list[_Token] = []
        if sentence_start:
            tokens += read(found[0])[0]
            found = found[1:]
            sentence_start = False
        for written in found:
            tokens += (known.get(written) or read(written))[1]
        if tokens:
            clauses.append(tokens)
    return clauses


def _is_content(token: str, lowered: str, stop: frozenset[str], english: bool) -> bool:
    if lowered in stop or lowered.endswith("'") or lowered.split("'")[0] in stop:  # "we'd", "don't"
        return False
    if token[0].isdigit():
        return True
    if english and token[0].islower() and len(lowered) > 5 and _EN_ADVERB.search(lowered):
        return False
    return len(lowered) > 1 or token.isupper()


def _ngrams(tokens: list[_Token], connectors: frozenset[str]) -> list[tuple[int, int, bool]]:
    """Well-formed spans tokens[i:j] of one to three words, each with whether it continues a capitalised run
    on either side ("Kong dollars" in "Hong Kong dollars", "York State" in "New York State Attorney"): a
    fragment."""
    found: list[tuple[int, int, bool]] = []
    size = len(tokens)
    for i in range(size):
        token = tokens[i]
        if not token[3] or token[0][0].isdigit():
            continue
        found.append((i, i + 1, False))
        before = tokens[i - 1] if i else None
        left = before is not None and _capital(token) and before[0][0].isupper() and before[1] not in _TITLES
        content_only = True  # tokens[i:j] are all content words
        for j in range(i + 2, min(size, i + MAX_WORDS + 1) + 1):
            last = tokens[j - 1]
            content_only = content_only and last[3]
            if not last[3]:
                continue
            if content_only:
                if j - i > MAX_WORDS:
                    continue
            elif not _joined_by_connector(tokens[i:j], connectors):
                continue
            flanked = left or (j < size and _capital(last) and _continues_name(tokens[j]))
            found.append((i, j, flanked))
    return found


def _capital(token: _Token) -> bool:
    return token[3] and not token[0][0].islower()


def _continues_name(token: _Token) -> bool:
    """A capitalised word or a bare number ("Falcon 9", "Boeing 787") after a name extends it."""
    return token[3] and (token[0][0].isupper() or token[0].isdigit())


def _joined_by_connector(span: list[_Token], connectors: frozenset[str]) -> bool:
    """Content + connector (+ article) + content ("boson de Higgs"); the other well-formed spans are content
    words only, at most three."""
    inner = [token[1] for token in span[1:-1]]
    if not inner or inner[0] not in connectors:
        return False
    rest = inner[1:]
    return len(rest) <= 1 and all(word in _ARTICLES_AFTER_CONNECTOR for word in rest) and len(span) - len(rest) <= 3


def _count(
    candidates: dict[tuple[str, ...], _Candidate],
    tokens: list[_Token],
    i: int,
    j: int,
    index: int,
    lead: float,
    flanked: bool,
) -> None:
    """One occurrence of the phrase tokens[i:j] in sentence `index`."""
    if j - i == 1:
        first = tokens[i]
        key: tuple[str, ...] = (first[2],)
        form: tuple[str, ...] = (first[0],)
    else:
        span = tokens[i:j]
        first = span[0]
        key = tuple([token[2] for token in span])
        form = tuple([token[0] for token in span])
    candidate = candidates.get(key)
    if candidate is None:
        candidate = candidates[key] = _Candidate()
    candidate.count += 1
    candidate.weight += lead
    if index < candidate.first:
        candidate.first = index
    candidate.last = index
    candidate.capitalised += first[4] or not first[0][0].isalpha()
    candidate.flanked += flanked
    candidate.nominal += i > 0 and tokens[i - 1][1] in _DETERMINERS
    candidate.postposed += (
        i > 0
        and j - i == 1
        and first[0][0].islower()
        and tokens[i - 1][0].isalpha()
        and tokens[i - 1][1] not in _BEFORE_NOUN
    )
    forms = candidate.forms
    forms[form] = forms.get(form, 0) + 1


def _mark_title(
    candidates: dict[tuple[str, ...], _Candidate], title: str, lexicon: _Lexicon, connectors: frozenset[str]
) -> None:
    clauses = _clauses(title, lexicon)
    words = [token for clause in clauses for token in clause if token[3] and token[0][0].isalpha()]
    # In a Title-Case Or ALL-CAPS headline a capital says nothing about names.
    shouted = len(words) > 2 and sum(not token[0][0].islower() for token in words) * 4 >= len(words) * 3
    for clause in clauses:
        for i, j, _ in _ngrams(clause, connectors):
            span = clause[i:j]
            key = tuple(token[2] for token in span)
            candidate = candidates.get(key)
            if candidate is None and len(span) == 1:  # a headline word the body never uses still names the topic
                candidate = candidates[key] = _Candidate()
                candidate.first = 0
                candidate.forms[(span[0][0],)] = 1
                candidate.capitalised = int(span[0][4] and not shouted)
            if candidate is not None:
                candidate.in_title = True


def _score(key: tuple[str, ...], candidate: _Candidate, connectors: frozenset[str], french: bool = False) -> float:
    if len(key) == 1 and (_bare_verb_or_adjective(candidate) or (french and _french_adjective(candidate))):
        return 0.0
    if len(key) > 1 and not candidate.in_title:
        if candidate.flanked * 2 >= candidate.count:
            return 0.0  # a piece of a longer name
        if candidate.count < 2 and not _is_name(candidate):
            return 0.0  # a phrase seen once is usually a chance juxtaposition
        if key[0] in _TITLES and _is_name(candidate):
            return 0.0  # "Governor Kristi Noem": the name without its title is a candidate too
    score = max(candidate.weight, 1.0)  # a headline word the body never uses counts once
    if len(key) > 2 and any(word in connectors for word in key[1:-1]) and not candidate.in_title:
        score *= 0.7  # "X de Y" is often a fragment of a longer phrase
    if sum(map(len, key)) <= 2:  # "mm", "XL": units and fragments rarely name a topic
        score *= 0.3
    if candidate.in_title:
        score *= _TITLE_BOOST
    if candidate.capitalised * 2 >= candidate.count:
        score *= _NAME_BOOST
    score *= 1.0 + 1.0 / (2.0 + candidate.first)
    return score


def _bare_verb_or_adjective(candidate: _Candidate) -> bool:
    """A word never used as a noun here (no determiner before it, not a name) that is shaped like a verb or an
    adjective ("agrees", "Reveals", "affirment", "historic"). (Shouted labels are stop words.) Frequent words
    are left alone: plural nouns often go without a determiner, and what an article repeats is its topic."""
    if candidate.nominal or candidate.count > _BARE_MAX_COUNT or (candidate.capitalised and not candidate.in_title):
        return False
    return bool(_VERB_OR_ADJECTIVE.search(candidate.form()[0].lower()))


def _french_adjective(candidate: _Candidate) -> bool:
    """A French word that, every time, follows the noun it describes ("homologue russe", "État américain")
    and never a determiner: an adjective, however often the article uses it."""
    return not candidate.nominal and candidate.count > 0 and candidate.postposed == candidate.count


def _is_name(candidate: _Candidate) -> bool:
    """Written with capitals (or digits) on every word most of the time: "Thierry Roland", "Falcon 9"."""
    return all(not word[0].islower() for word in candidate.form())


def _absorb_parts(
    scored: dict[tuple[str, ...], float], candidates: dict[tuple[str, ...], _Candidate]
) -> dict[tuple[str, ...], set[tuple[str, ...]]]:
    """A word mostly seen inside one phrase gives its score to the phrase ("Dragon" -> "capsule Dragon",
    "Falcon" -> "Falcon 9"); a name part does so to a full name in the title ("Roland" -> "Thierry Roland").
    Likewise a two-word phrase mostly seen inside a three-word one ("supermassive black" -> "supermassive
    black holes"). Returns the parts each phrase absorbed."""
    absorbed: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for key, candidate in candidates.items():
        if len(key) < 2 or scored[key] <= 0:
            continue
        name = _is_name(candidate)
        share = _NAME_SHARE if name else _ABSORB_SHARE
        parts: list[tuple[str, ...]] = [(part,) for part in key]
        if len(key) == 3:
            parts += [key[:2], key[1:]]
        for part_key in parts:
            part_candidate = candidates.get(part_key)
            if part_candidate is None or scored.get(part_key, 0.0) <= 0:
                continue
            if (name and candidate.in_title) or candidate.count >= share * part_candidate.count:
                scored[key] = max(scored[key], scored[part_key])
                scored[part_key] = 0.0
                absorbed.setdefault(key, set()).add(part_key)
    return absorbed


def _deduplicate(
    scored: dict[tuple[str, ...], float],
    candidates: dict[tuple[str, ...], _Candidate],
    absorbed: dict[tuple[str, ...], set[tuple[str, ...]]],
    top: int,
) -> list[tuple[tuple[str, ...], float]]:
    """Best first, skipping words only seen inside a kept phrase and rarer longer variants of kept ones."""
    chosen: list[tuple[tuple[str, ...], float]] = []
    ranked = sorted([item for item in scored.items() if item[1] > 0], key=lambda item: (-item[1], item[0]))
    for key, score in ranked:
        if any(_near_duplicate(key, other, candidates, absorbed) for other, _ in chosen):
            continue
        chosen.append((key, score))
        if len(chosen) == top + 2:  # spares, for when a surname and its full name merge
            break
    return _complete_names(chosen, scored, candidates)[:top]


def _complete_names(
    chosen: list[tuple[tuple[str, ...], float]],
    scored: dict[tuple[str, ...], float],
    candidates: dict[tuple[str, ...], _Candidate],
) -> list[tuple[tuple[str, ...], float]]:
    """A person kept by surname ("Noem") is shown by full name ("Kristi Noem") when the article gives it."""
    kept = {key for key, _ in chosen}
    full_names: dict[str, tuple[str, ...]] = {}
    for key in candidates:
        if len(key) == 2 and (key[1],) in kept and scored.get(key, 0.0) > 0 and _full_name(key, candidates):
            full_names.setdefault(key[1], key)
    completed: list[tuple[tuple[str, ...], float]] = []
    for key, score in chosen:
        key = full_names.get(key[0], key) if len(key) == 1 else key
        if all(key != other for other, _ in completed):  # the full name may have been chosen on its own too
            completed.append((key, score))
    return completed


def _full_name(key: tuple[str, str], candidates: dict[tuple[str, ...], _Candidate]) -> bool:
    """True when two-word `key` is the full name of the person its last word names ("Kristi Noem", "Noem"):
    news gives the full name at first mention and the surname after; a first name is rarely used alone."""
    full, given, surname = candidates[key], candidates.get(key[:1]), candidates[key[1:]]
    if key[0] in _TITLES or not _is_name(full) or not _is_name(surname) or full.flanked * 2 >= full.count:
        return False
    return full.first <= surname.first and (given is None or given.count <= full.count)


def _near_duplicate(
    key: tuple[str, ...],
    kept: tuple[str, ...],
    candidates: dict[tuple[str, ...], _Candidate],
    absorbed: dict[tuple[str, ...], set[tuple[str, ...]]],
) -> bool:
    """True when `key` repeats `kept`: one contains the other and adds little on its own."""
    if _contains(key, kept):  # key is longer: a variant, unless it carries a word of its own ("air quality")
        return all(_contains(kept, part) for part in absorbed.get(key, ()))
    if _contains(kept, key):  # key is shorter: redundant when it mostly occurs inside the kept phrase
        return candidates[key].count <= candidates[kept].count * 1.5
    return False


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def _display(candidate: _Candidate) -> str:
    """The form as most often written; a capital that only comes from sentence starts is dropped."""
    words = list(candidate.form())
    text = _join(words)
    if candidate.capitalised * 2 >= candidate.count or candidate.count == 0:
        return text
    if _is_name(candidate) and len(words) > 1 and any(word[0].isupper() for word in words[1:]):
        return text  # "Elon Musk" at a sentence start is still a name
    first = words[0]
    if first[:1].isupper() and not first.isupper():
        words[0] = first[0].lower() + first[1:]
    return _join(words)


def _join(tokens: list[str]) -> str:
    out = ""
    for token in tokens:
        out += token if not out or out.endswith("'") else " " + token
    return out
