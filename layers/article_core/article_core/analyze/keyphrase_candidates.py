"""Keyphrase candidates: every phrase of one to three content words an article uses, counted with what it shows.

Candidates are runs of content words inside a clause (French "X de Y" allowed). Counting folds plurals
("jet"/"jets" are one candidate, shown as written most often), so frequency, the strongest single signal in
news, is not split between forms. Each candidate also records where it occurs (first and last sentence, the
lead), how it is written (capitalised mid-sentence: a name cue; next to another capitalised word: a piece of a
longer name), whether a determiner precedes it (used as a noun; for an English plural, a preposition or a
number too) and whether the headline has it. The rules that score these facts are in keyphrase_rules.py;
keywords.py picks the ten best.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TypeVar

from .sentences import split_sentences
from .tokens import ELISION, normalise_apostrophes, stopwords

MAX_WORDS = 3
_CLAUSE = re.compile(r"[,;:()\[\]«»“”\"!?…|/–—]|\s-\s|\.(?=\s|$)")
_TOKEN = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*'?|\d+(?:[ ,.]\d+)*\s?%?")
# Web addresses, e-mail addresses and @handles are markup of the page, not words of the article.
_NOISE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w.-]+\.(?:com|org|net|co|ly)/\S*|@\w+")
_NOISE_HINTS = ("://", "www.", "@", ".com/", ".org/", ".net/", ".co/", ".ly/")
CONNECTORS = {"fr": frozenset({"de", "du", "des", "d'"}), "en": frozenset({"of"})}
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
TITLES = frozenset(
    """
    mr mrs ms dr sir lady lord president vice governor gov senator sen rep representative minister secretary
    chancellor mayor judge justice chief ceo chairman chairwoman director general gen col sgt officer rev coach
    m mme mlle président présidente ministre secrétaire maire juge général directeur directrice patron chef
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Words a noun follows: a word seen after one is used as a noun at least once. Per language: French "a" is
# a verb ("a interrogé"), never the English article.
_DETERMINERS_BY_LANGUAGE = {
    "en": frozenset(
        "the a an this that these those his her its their our my your every each no some any another".split()  # noqa: SIM905
    ),
    "fr": frozenset(
        """
        le la les l' un une des du au aux ce cet cette ces son sa ses leur leurs notre nos votre vos mon ma mes
        """.split()  # noqa: SIM905 - a word list reads better as text
    ),
}
_DETERMINERS = _DETERMINERS_BY_LANGUAGE["en"] | _DETERMINERS_BY_LANGUAGE["fr"]
# Words a noun follows, each with whether any word after it is used as a noun (True: a determiner) or only a
# plural-shaped one (False: an English preposition, number or quantifier, "for two reasons", "at events", "several
# sequels"). A plural noun often goes without a determiner, and its "-s" reads as a verb's; a verb rarely follows
# one of these, but an adjective may ("into residential neighborhoods"), which never ends in "-s".
_NOUN_CUES: dict[str, dict[str, bool]] = {
    "en": dict.fromkeys(_DETERMINERS_BY_LANGUAGE["en"], True)
    | dict.fromkeys(
        """
        of for in on at with from by about into over after before against between among during without under
        two three four five six seven eight nine ten many several few other
        """.split(),  # noqa: SIM905 - a word list reads better as text
        False,
    ),
    "fr": dict.fromkeys(_DETERMINERS_BY_LANGUAGE["fr"], True),
}
_ANY_DETERMINER = dict.fromkeys(_DETERMINERS, True)
# Words a verb follows ("to approve", "will strike"); a word only ever seen after one is used as a verb.
# In French, an auxiliary ("a détruit", "ont annoncé", "est détruit"): a participle, or an adjective, follows.
_VERB_MARKERS_BY_LANGUAGE = {
    "en": frozenset("to will would can could should must might may shall".split()),  # noqa: SIM905
    "fr": frozenset("a ont avait avaient aura auront est sont été".split()),  # noqa: SIM905
}
# Words after which a French word is not describing a noun (a determiner, a preposition, a conjunction, a verb).
_BEFORE_NOUN = _DETERMINERS | frozenset(
    "de d' à en par pour sur sous dans avec sans entre vers chez contre et ou ni mais que qui est sont a ont".split()  # noqa: SIM905
)
# Shouted labels of web news pages, never a topic alone; written as a name mid-sentence they are part of one
# ("Human Rights Watch", "Live Nation").
LABELS = frozenset(
    """
    breaking update updated updates exclusive exclusif urgent live direct watch video vidéo photo photos alerte
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Stop words that start place names when written with a capital mid-sentence ("New York", "New Delhi").
_NAME_STARTS = frozenset({"new"})
_LEAD_SENTENCES = 3  # occurrences in the first sentences count extra: news states its topic first
_LEAD_WEIGHT = 0.5
_LEXICON_SIZE = 20_000  # words kept per language: about 9 MB at most (460 bytes a word)


class _Token:
    """One token of a sentence, with what the counting asks of it worked out once per distinct word
    (_Lexicon._token). A class with slots: its attributes read as fast as a tuple's items by index."""

    __slots__ = (
        "before_adjective", "capital_cue", "capitalised", "connector", "content", "continues_name", "folded", "form",
        "key", "lowered", "name_word", "noun_cue", "plural_shaped", "starts_phrase", "upper", "verb_marker", "written",
    )  # fmt: skip

    def __init__(
        self, written: str, lowered: str, folded: str, content: bool, capitalised: bool, lexicon: _Lexicon
    ) -> None:
        self.written = written  # as written
        self.lowered = lowered
        self.folded = folded  # the counting key (plural folded)
        self.key: tuple[str, ...] = (folded,)  # the key and form of the one-word phrase it makes, made once
        self.form: tuple[str, ...] = (written,)
        self.content = content  # a content word
        self.capitalised = capitalised  # capitalised mid-sentence
        self.starts_phrase = content and not written[0].isdigit()  # a content word, not a number
        self.upper = not written[0].islower()  # not lowercase (a capital, a digit)
        self.name_word = content and self.upper and lowered not in TITLES  # "Associated" of "Associated Press"
        self.continues_name = content and (written[0].isupper() or written.isdigit())  # or a bare number: "Falcon 9"
        self.capital_cue = capitalised or not written[0].isalpha()  # capitalised mid-sentence, or not a letter first
        self.plural_shaped = written[-1] == "s"
        self.connector = lowered in lexicon.connectors  # "of", "de"
        # What it says of the next word: True, a determiner (a noun follows); False, a noun follows if plural-shaped
        # (an English preposition or number); None, nothing.
        self.noun_cue = lexicon.noun_cues.get(lowered)
        self.verb_marker = lowered in lexicon.verb_markers  # "to", "will"; French auxiliaries
        # A French lowercase word after it may be a postposed adjective (it is a word, not a determiner, preposition,
        # conjunction or auxiliary)
        self.before_adjective = written.isalpha() and lowered not in _BEFORE_NOUN


# A white-space-delimited chunk of a sentence: the tokens of each clause piece (one piece unless a clause ends in it).
_Pieces = tuple[tuple[_Token, ...], ...]
_T = TypeVar("_T")


class Candidate:
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
        "verbal",
        "weight",
    )

    def __init__(self, sentence: int, weight: float, form: tuple[str, ...]) -> None:
        """A candidate at its first occurrence: in sentence `sentence`, counting `weight`, written `form`
        (its other counters go up as _count finds them)."""
        self.count = 1  # occurrences in the body
        self.weight = weight  # occurrences, those in the lead counting extra
        self.first = sentence  # index of the first sentence it occurs in
        self.last = sentence  # index of the last sentence it occurs in
        self.capitalised = 0  # occurrences starting with a capital not explained by the sentence start
        self.flanked = 0  # occurrences with a capitalised word right before or after: part of a longer name
        self.in_title = False
        self.nominal = 0  # occurrences right after a determiner ("the deal", "la réforme") or, plural-shaped, an
        # English preposition or number ("for two reasons"): used as a noun
        self.verbal = 0  # lowercase occurrences right after "to" or a modal ("to approve", "will strike"): a verb
        self.postposed = 0  # lowercase occurrences right after a content word ("homologue russe"): a French modifier
        self.forms: dict[tuple[str, ...], int] = {form: 1}

    def form(self) -> tuple[str, ...]:
        """The form written most often (most candidates have one)."""
        forms = self.forms
        if len(forms) == 1:
            return next(iter(forms))
        return max(forms, key=forms.__getitem__)


def count_candidates(
    text: str, language: str, title: str | None = None
) -> tuple[dict[tuple[str, ...], Candidate], int]:
    """Every candidate of `text` keyed by its folded words, and the number of sentences."""
    connectors = CONNECTORS.get(language, frozenset())
    lexicon = _lexicon(language)
    candidates: dict[tuple[str, ...], Candidate] = {}
    normalised = _without_noise(normalise_apostrophes(text))
    # The analysis has just split `text` (split_sentences keeps that answer): its spans serve when they are those
    # of the normalised copy, as they are unless a space comes right before a ’ or the text has a ʼ.
    sentences = split_sentences(text if _splits_alike(text, normalised) else normalised)
    text = normalised
    for index, (start, end) in enumerate(sentences):
        lead = 1.0 + (_LEAD_WEIGHT if index < _LEAD_SENTENCES else 0.0)
        for clause in _clauses(text[start:end], lexicon):
            _count(candidates, clause, _ngrams(clause, connectors), index, lead)
    if title:
        _mark_title(candidates, normalise_apostrophes(title), lexicon, connectors)
    return candidates, len(sentences)


def _splits_alike(text: str, normalised: str) -> bool:
    """True when `normalised` (`text` with its apostrophes straightened, no noise removed) has the sentences of
    `text` at the same offsets. The splitter reads ' and ’ alike (neither is a letter or a sentence mark; both
    close a sentence-final run) except right after a space, where ' may open a sentence and ’ cannot; ʼ is a
    letter to it. Noise removal shortens the text."""
    if len(normalised) != len(text) or "ʼ" in text:
        return False
    at = text.find("’")
    while at != -1:
        if at and text[at - 1].isspace():
            return False
        at = text.find("’", at + 1)
    return True


def _without_noise(text: str) -> str:
    # Every _NOISE match contains one of these; most articles have none, and the search is costly.
    if any(hint in text for hint in _NOISE_HINTS):
        return _NOISE.sub(" ", text)
    return text


@cache
def _stop_words(language: str) -> frozenset[str]:
    return stopwords(language) | _NEWS_STOP.get(language, frozenset()) | LABELS


def _fold_fr(word: str) -> str:
    """Crude plural folding, for counting only: "banques" = "banque", "journaux" is left alone."""
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def _fold_en(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word[-1] == "s" and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def _lexicon(language: str) -> _Lexicon:
    """One lexicon per language, kept across articles (a warm function reads the same words again)."""
    return _Lexicon(language)


class _Lexicon:
    """How each distinct written token reads, worked out once (news repeats its words, and articles share
    most of theirs): the tokens it stands for (an elided article split off, then the word), at a sentence start
    and elsewhere. Likewise each distinct white-space-delimited chunk ("l'Ukraine,", "(Vladimir)"): its clause
    pieces as token tuples, so that a sentence is read with one str.split and a look-up per chunk instead of two
    regex scans and a look-up per word. Bounded: each table is emptied when it reaches _LEXICON_SIZE entries."""

    __slots__ = (
        *("connectors", "english", "fold", "known", "marked", "noun_cues", "openings", "stop", "verb_markers"),
        "whole",
    )

    def __init__(self, language: str) -> None:
        self.stop, self.english = _stop_words(language), language == "en"
        self.fold: Callable[[str], str] = _fold_en if self.english else _fold_fr
        self.connectors = CONNECTORS.get(language, frozenset())
        self.noun_cues = _NOUN_CUES.get(language, _ANY_DETERMINER)
        self.verb_markers = _VERB_MARKERS_BY_LANGUAGE.get(language, _VERB_MARKERS_BY_LANGUAGE["en"])
        self.known: dict[str, tuple[tuple[_Token, ...], tuple[_Token, ...]]] = {}
        # A chunk anywhere but at its sentence's first word: in `whole` its tokens when no clause mark splits it
        # (most chunks), in `marked` its pieces.
        self.whole: dict[str, tuple[_Token, ...]] = {}
        self.marked: dict[str, _Pieces] = {}
        self.openings: dict[str, _Pieces | None] = {}  # a chunk holding its sentence's first word (None: no word)

    def read(self, written: str) -> tuple[tuple[_Token, ...], tuple[_Token, ...]]:
        """(the tokens when `written` starts its sentence, the tokens anywhere else)."""
        known = self.known.get(written)
        if known is None:
            if len(self.known) >= _LEXICON_SIZE:
                self.known.clear()
            known = self.known[written] = self._read(written)
        return known

    def chunk(self, chunk: str) -> _Pieces:
        """The clause pieces of `chunk` (white space around it) when it does not start its sentence."""
        pieces = self.marked.get(chunk)
        if pieces is None:
            pieces = self._pieces(chunk, opening=False)
            if len(pieces) == 1:
                _bounded(self.whole)[chunk] = pieces[0]
            else:
                _bounded(self.marked)[chunk] = pieces
        return pieces

    def opening(self, chunk: str) -> _Pieces | None:
        """The clause pieces of `chunk` read as the start of its sentence (its first word as a sentence's first
        word), None when it has no word (a quote mark, a dash: the next chunk then starts the sentence)."""
        if chunk not in self.openings:
            _bounded(self.openings)[chunk] = self._pieces(chunk, opening=True) if _TOKEN.search(chunk) else None
        return self.openings[chunk]

    def _pieces(self, chunk: str, opening: bool) -> _Pieces:
        """As _CLAUSE and _TOKEN read `chunk` inside a sentence: split at clause marks (a final "." is followed by
        white space or the sentence end; a lone "-" has white space on both sides, or stands at a sentence edge
        where splitting changes nothing), then tokens."""
        if chunk.isalnum():  # one word (str.isalnum: the letters and digits of [^\W_]) and no clause mark: most chunks
            return (self.read(chunk)[0 if opening else 1],)
        pieces: list[tuple[_Token, ...]] = []
        for piece in ("", "") if chunk == "-" else _CLAUSE.split(chunk):
            tokens: list[_Token] = []
            for written in _TOKEN.findall(piece):
                tokens += self.read(written)[0 if opening else 1]
                opening = False
            pieces.append(tuple(tokens))
        return tuple(pieces)

    def _read(self, written: str) -> tuple[tuple[_Token, ...], tuple[_Token, ...]]:
        raw = written.strip()
        article: tuple[_Token, ...] = ()
        elided = ELISION.match(raw) if "'" in raw else None
        if elided:
            lowered_article = elided.group().lower()
            article = (_Token(lowered_article, lowered_article, lowered_article, False, False, self),)
            raw = raw[elided.end() :]
        if raw.endswith("'"):
            raw = raw[:-1]
        if self.english and raw[-2:].lower() == "'s":  # a possessive; in French "'s" ends a name ("Moody's")
            raw = raw[:-2]
        if not raw:
            return article, article
        lowered = raw.lower()
        content = _is_content(raw, lowered, self.stop, self.english)
        folded = self.fold(lowered)
        # Capitalised mid-sentence is a name cue; at the sentence start a capital says nothing.
        at_start = _Token(raw, lowered, folded, content, False, self)
        # "Watch" of "Human Rights Watch", "New" of "New York"
        named = (lowered in LABELS or lowered in _NAME_STARTS) and raw[0].isupper() and not raw.isupper()
        elsewhere = _Token(raw, lowered, folded, content or named, raw[0].isupper(), self)
        return (*article, at_start), (*article, elsewhere)


def _bounded(table: dict[str, _T]) -> dict[str, _T]:
    """`table`, emptied first when it holds _LEXICON_SIZE entries (a lexicon table grows with each new word)."""
    if len(table) >= _LEXICON_SIZE:
        table.clear()
    return table


def _clauses(sentence: str, lexicon: _Lexicon) -> list[list[_Token]]:
    """The sentence's clauses as token lists (elided articles split off, English "'s" dropped): those of
    _CLAUSE.split and _TOKEN.findall, read a white-space-delimited chunk at a time (_Lexicon.chunk)."""
    clauses: list[list[_Token]] = []
    tokens: list[_Token] = []
    whole = lexicon.whole
    opening = True  # until the sentence's first word, which reads differently (a capital there says nothing)
    for chunk in sentence.split():
        found = whole.get(chunk)
        if found is not None and not opening:  # most chunks: words of one clause
            tokens += found
            continue
        if opening:
            opened = lexicon.opening(chunk)
            if opened is None:
                continue  # no word: a clause mark here would only close an empty clause
            pieces, opening = opened, False
        else:
            pieces = lexicon.chunk(chunk)
        tokens += pieces[0]
        for piece in pieces[1:]:  # a clause ends inside the chunk
            if tokens:
                clauses.append(tokens)
            tokens = list(piece)
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
        if not token.starts_phrase:
            continue
        capital = token.upper
        found.append((i, i + 1, capital and _inside_name(tokens, i)))
        if i + 1 == size or not (tokens[i + 1].content or tokens[i + 1].connector):
            continue  # the clause ends, or a function word other than a connector follows: no longer phrase here
        left = capital and i > 0 and tokens[i - 1].name_word
        content_only = True  # tokens[i:j] are all content words
        connector = tokens[i + 1].connector  # the one place a connector may be
        stop = i + MAX_WORDS + 2 if i + MAX_WORDS < size else size + 1
        for j in range(i + 2, stop):
            last = tokens[j - 1]
            content_only = content_only and last.content
            if not last.content:
                if connector:
                    continue
                break  # past a function word only "X of Y" continues a phrase
            if content_only:
                if j - i > MAX_WORDS:
                    continue
            elif not (connector and _joined_by_connector(tokens[i:j], connectors)):
                continue
            flanked = left or (j < size and last.upper and tokens[j].continues_name)
            found.append((i, j, flanked))
    return found


def _inside_name(tokens: list[_Token], i: int) -> bool:
    """True when capitalised tokens[i] has a capitalised neighbour (a name word), directly or across a connector
    ("Associated Press", "Department of Transportation"): there it is a piece of a longer name."""
    size = len(tokens)
    for step in (-1, 1):
        k = i + step
        if 0 <= k < size and tokens[k].connector:
            k += step
        if 0 <= k < size and tokens[k].name_word:
            return True
    return False


def _joined_by_connector(span: list[_Token], connectors: frozenset[str]) -> bool:
    """Content + connector (+ article) + content ("boson de Higgs"); the other well-formed spans are content
    words only, at most three."""
    inner = [token.lowered for token in span[1:-1]]
    if not inner or inner[0] not in connectors:
        return False
    rest = inner[1:]
    return len(rest) <= 1 and all(word in _ARTICLES_AFTER_CONNECTOR for word in rest) and len(span) - len(rest) <= 3


def _count(
    candidates: dict[tuple[str, ...], Candidate],
    tokens: list[_Token],
    spans: list[tuple[int, int, bool]],
    index: int,
    lead: float,
) -> None:
    """One occurrence of each phrase tokens[i:j] of `spans` (from _ngrams) in sentence `index`.

    The counters go up only when they change (most occurrences change few of them): this loop runs once per
    phrase occurrence of every article."""
    get = candidates.get
    for i, j, flanked in spans:
        first = tokens[i]
        if j - i == 1:
            key, form = first.key, first.form
        elif j - i == 2:  # spelled out: most phrases are one or two words, and a slice costs more
            second = tokens[i + 1]
            key = (first.folded, second.folded)
            form = (first.written, second.written)
        else:
            span = tokens[i:j]
            key = tuple([token.folded for token in span])
            form = tuple([token.written for token in span])
        candidate = get(key)
        if candidate is None:  # sentences come in order (the headline's candidates are made after the body's)
            candidate = candidates[key] = Candidate(index, lead, form)
        else:
            candidate.count += 1
            candidate.weight += lead
            candidate.last = index
            forms = candidate.forms
            forms[form] = forms.get(form, 0) + 1
        if first.capital_cue:
            candidate.capitalised += 1
        if flanked:
            candidate.flanked += 1
        if i:  # what the word before says about this one's use: noun, verb, or French postposed adjective
            before = tokens[i - 1]
            cue = before.noun_cue
            if cue or (cue is not None and first.plural_shaped):
                candidate.nominal += 1
            if not first.upper:  # lowercase
                if before.verb_marker:
                    candidate.verbal += 1
                if j - i == 1 and before.before_adjective:
                    candidate.postposed += 1


def _mark_title(
    candidates: dict[tuple[str, ...], Candidate], title: str, lexicon: _Lexicon, connectors: frozenset[str]
) -> None:
    clauses = _clauses(title, lexicon)
    words = [token for clause in clauses for token in clause if token.content and token.written[0].isalpha()]
    # In a Title-Case Or ALL-CAPS headline a capital says nothing about names.
    shouted = len(words) > 2 and sum(not token.written[0].islower() for token in words) * 4 >= len(words) * 3
    for clause in clauses:
        for i, j, _ in _ngrams(clause, connectors):
            span = clause[i:j]
            key = tuple(token.folded for token in span)
            candidate = candidates.get(key)
            if candidate is None and len(span) == 1:  # a headline word the body never uses still names the topic
                candidate = candidates[key] = Candidate(0, 0.0, (span[0].written,))
                candidate.count = 0  # not in the body
                candidate.capitalised = int(span[0].capitalised and not shouted)
            if candidate is not None:
                candidate.in_title = True
