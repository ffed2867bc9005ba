"""The rule entity tagger this project shipped before the learned one (analyze/entities.py at commit 0f229d3),
kept unchanged as the baseline that benchmarks/quality_ner.py runs beside the CRF tagger. Not shipped in the layer.


How it works, in order:
1. tokens, with the words that open a sentence marked (their capital says nothing);
2. candidate spans: runs of capitalised words, joined by name particles (de, du, von, van, bin, al-…),
   initials ("J. R.") and a parenthesised given name ("(Vladimir) Medinski");
3. a type from evidence: gazetteers of places and given names (data/ner_*.txt), title cues before the
   span (M., ministre, porte-parole, President…), organisation words inside it (Ligue, Union, University,
   Inc…), the preposition before it (à, en, in), place-like word endings;
4. name reuse within the article: "Lavrov" after "Sergueï Lavrov" is the same person.

`tag_mentions` returns every mention; the benchmark scores these (the old grouping into `Entity` records is
not kept: the shipped `analyze/entities.py` does it for both taggers' mentions alike).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

_WORD = re.compile(
    r"(?:[lLdDjJmMnNsStTcC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=\s?[^\W\d_])"  # elision: l', d', qu'
    r"|[^\W\d_][\w]*(?:[-'’][^\W_]\w*)*|\d+(?:[.,]\d+)*|\S"
)


def _words(text: str) -> frozenset[str]:
    """A word set written as a whitespace-separated block (readable, and easy to extend)."""
    return frozenset(text.split())


# Capitalised words that start events, works and competitions (MISC, not scored as PER/LOC/ORG).
_MISC_HEADS = _words(
    """
    accord accords award awards bataille battle championnat championship coupe cup exposition festival guerre
    jeux mondial mondiaux olympiques opération prix révolution tournament tournoi traité treaty war
    """
)
_DEMONYM_ENDINGS = tuple(
    _words(
        """
        ain aine ains aines ais aise aises ois oise oises ien ienne iens iennes and ande ands andes e es
        """
    )
)
_SENTENCE_END = frozenset({";", "…", "—", "«", ".", "!", ":", '"', "?", "“", "–"})
_ABBREVIATIONS = frozenset(
    {"Ms", "Sr", "Pr", "Jr", "St", "MM", "Mlle", "Sen", "Mme", "Mr", "Me", "M", "Gen", "Dr", "Mrs"}
)
# Words that join the parts of one name: "Charles de Gaulle", "Ludwig van Beethoven", "Mohammed bin Salman".
_PARTICLES = _words(
    """
    al ben bin d' da de del della den der des di do dos du d’ el ibn la of ter van von y
    """
)
_PLACE_CONNECTORS = frozenset({"du", "l'", "la", "de", "des", "of", "d’", "d'", "l’"})
# Titles and roles that announce a person a few words later ("le ministre ukrainien de la Défense, Roustem Oumerov").
_PERSON_CUES = _words(
    """
    abbé acteur actor actress actrice ambassadeur ambassador ambassadrice amiral archevêque attorney aunt auteur
    author autrice avocat avocate ayatollah baron batteur boxeur brother candidat candidate capitaine capt.
    cardinal ceo chairman chairwoman champion championne chancelier chancelière chancellor chanteur chanteuse
    chef cheffe cheikh coach col. colonel commissaire compositeur comte comtesse conseiller conseillère coureur
    cousin cycliste dame daughter directeur director directrice dirigeant dirigeante docteur dr dr. duc duchesse
    député députée empereur entraîneur envoy envoyé father fille fils fondateur fondatrice founder frère gen.
    gouverneur gov. governor guitariste général historien historienne homologue husband imam impératrice
    inspecteur joueur joueuse journaliste judge juge king lady lawyer leader lieutenant lord lt. m m. maire
    manager mari maréchal mayor me minister ministre mlle mm. mme mother mr mr. mrs mrs. ms ms. musicien
    musicienne mère neveu négociateur oncle opposant opposante pape patron patronne peintre philosophe pianiste
    pilote player pope porte-parole poète pr premier-ministre president prince princesse procureur procureure
    producteur prof. professeur professeure professor président président-directeur présidente père queen rabbin
    reine rep. roi romancier romancière réalisateur réalisatrice saint sainte sculpteur secretary secrétaire
    secretary-general sen. senator sergent sgt. singer sir sister son spokesman spokesperson spokeswoman sultan
    sélectionneur
    sénateur sénatrice sœur tante uncle veuve vice-président vice-présidente wife writer écrivain écrivaine émir
    émissaire épouse évêque
    """
)
# Words that make a capitalised span an organisation, first word (Ligue, Université…) or anywhere (Inc, FC…).
_ORG_HEADS = _words(
    """
    academy académie administration agence agency alliance army armée assembly assemblée association authority bank
    banque board brigade bureau campaign center centre chambers chambre church club coalition college collège comité
    commission committee compagnie company confederation confédération congress congrès conseil conservatoire
    corporation council cour court department directorate division département entreprise school federation
    fondation fonds forces foundation front fund inspectorate institution ministry ombudsman regulator society trust
    fédération gendarmerie gouvernement government group groupe hospital hôpital institut institute journal
    laboratoire league ligue lycée marine ministry ministère mouvement movement museum musée navy observatoire
    office orchestre organisation organization parlement parliament parti party police radio régiment senate
    service services société syndicat sénat team théâtre tribunal télévision union university université école
    église équipe
    """
)
_ORG_WORDS = _words(
    """
    ac ag airlines airways association bank banque bv capital cf club co. college corp corp. corporation energy rail
    entertainment fc foundation gmbh group groupe holding holdings inc inc. institut institute international
    journal llc ltd ltd. media motors networks news nv partners pictures plc post press records s.a. sa sas sc
    studios systems technologies times tribune university motor université ventures
    """
)
# English common nouns that organisation names are built from ("Transport Focus", "Capital Economics", "Water UK"):
# a capitalised run without a given name whose last word is one of these is an organisation, not a person.
_ORG_VOCABULARY = _words(
    """
    action advice aid aviation banking brands business businesses care communications construction consulting
    delivery economics education electric energy engineering finance focus foods freight gas haulage health
    hospitality housing industries industry insurance insurers investment investments justice labs logistics
    markets media mining network networks oil pensions pharmaceuticals power property railway railways research
    resources retail rights safety savings security services shipping solutions statistics steel studies
    technology telecom telecoms trade trades transport travel utilities watch water
    """
)
# Words that open an organisation's name in English ("National Grid", "Royal Mail", "Federal Reserve").
_ORG_OPENERS = _words("federal international national royal")
# Words that join the parts of an organisation's name ("Department for Transport", "Food and Drug Administration").
_ORG_LINKERS = frozenset({"for", "and", "&"})
# Roles whose "of/at/for" names the employer: "chief executive of X", "an economist at X", "a spokesman for X".
_ROLES = _words(
    """
    adviser advisor analyst boss ceo chair chairman chairwoman chief director economist editor executive founder
    governor head leader manager member officer partner president professor researcher secretary spokesman
    spokesperson spokeswoman strategist trustee
    """
)
_ROLES_FR = _words(
    """
    directeur directrice député députée fondateur fondatrice maire ministre porte-parole président présidente
    secrétaire sénateur sénatrice
    """
)
# Lowercase words that start a place name whose rest is capitalised ("océan Pacifique", "mer Noire", "gare de Lyon").
_PLACE_HEADS = _words(
    """
    avenue aéroport baie boulevard canal cap col désert détroit fleuve forêt gare golfe lac massif mer mont
    monts océan place plateau pont presqu'île péninsule quartier rivière rue vallée île îles
    """
)
# Capitalised first words of place names ("Mont Blanc", "Côte d'Azur") and last words ("Pender Street").
_PLACE_FIRST_WORDS = _words(
    """
    baie cap col côte détroit golfe grand-place île îles lac lake mont monts mount océan pic place plateau pointe
    port presqu'île puy rue sierra val vallée
    """
)
_PLACE_LAST_WORDS = _words(
    """
    avenue bay beach boulevard bridge canyon coast county creek desert falls gulf heights highlands hill hills
    island islands lake mountain mountains ocean park peak peninsula river road sea springs square strait street
    valley
    """
)
# Words anywhere in a span that make it an event, prize or work (MISC): "Algarve Cup", "Copa América".
_MISC_WORDS = _words(
    """
    award awards championship championships copa cup games grand prix trophy trophée
    """
)
# Quote marks: a capitalised span filling a quotation is a title ("Tainted Love"), not a person.
_OPEN_QUOTES = frozenset({'"', "«", "“"})
_CLOSE_QUOTES = frozenset({'"', "»", "”"})
# Words before a lone unknown capitalised word that make it a place: "à Mayence", "l'Adour", "de Trèves".
_LOC_BEFORE_SINGLE = frozenset(
    {"à", "en", "au", "de", "du", "d'", "d’", "l'", "l’", "la", "vers", "près", "in", "at", "from", "near", ",", "et"}
)
# Lowercase words that start an organisation name whose rest is capitalised ("ministère des Affaires étrangères").
_ORG_LOWER_HEADS = frozenset({"département", "armée", "université", "parti", "ministère", "banque", "église"})
_LOC_PREPOSITIONS = frozenset({"en", "à", "in", "at", "near", "vers"})
_LOC_SUFFIXES = tuple(
    _words(
        """
        ville bourg burg stadt heim grad pol polis abad istan stan pur ham ford shire land sur-mer -les-bains
        """
    )
)
_ADJECTIVE_SUFFIXES = tuple(
    _words(
        """
        e es al aux ain ains ien iens ais ois ique iques é és ée ées if ifs ional nal ic an ian ish ese
        """
    )
)
_OPEN_PAREN = "("
# Longest entity considered, in tokens.
_MAX_SPAN_TOKENS = 16
_MAX_RUN_TOKENS = 40  # a capitalised run before it is split into names ("Britain and France", "X de Y")
_ROMAN = re.compile(r"(?=[IVXL])(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# What separates the items of an enumeration.
_LIST_GLUE = frozenset({",", "et", "ou", "and", "or"})
# Nouns whose "de X" names a place: "la ville de X", "maire de X", "au nord de X", "the city of X".
_PLACE_OF_NOUNS = _words(
    """
    agglomération arrondissement banlieue canton capitale city commune comté environs est habitants localité maire
    mairie municipalité nord ouest outskirts province périphérie région sud town village ville
    """
)
# Common nouns that say what kind of thing the following name is: a body ("le groupe X", "the band X") or a work,
# product or website ("l'album X", "le navigateur X", "the film X"). Not people: "le chanteur X" is a person cue.
_ORG_KIND_NOUNS = _words(
    """
    band company club constructeur entreprise firm firme formation franchise groupe label marque parti société studio
    """
)
_WORK_KIND_NOUNS = _words(
    """
    agrégateur album app application book browser chanson console film game jeu logiciel magazine movie navigateur
    novel opéra roman series show single site song série tube version website
    """
)
_KIND_NOUNS = _ORG_KIND_NOUNS | _WORK_KIND_NOUNS
# Quoted titles: at most this many tokens, and the short words that title case leaves in lowercase.
_TITLE_MAX_TOKENS = 12
_TITLE_SMALL_WORDS = _words(
    """
    a an and as at by for from in into of on or the to with à au aux d' d’ de des du en et l' l’ la le les ou sur un une
    """
)
# Articles: French and English put none before a person's name ("le Lightning", "l'Oscar", "the Moody Blues").
_ARTICLES = frozenset({"le", "la", "les", "l'", "l’", "du", "des", "au", "aux", "un", "une", "the"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity: `text` is as written, `name` the same without parentheses."""

    start: int
    end: int
    type: str
    text: str
    name: str


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    end: int
    sentence_start: bool = False

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True, slots=True)
class Lexicon:
    places: frozenset[str]
    organisations: frozenset[str]
    first_names: frozenset[str]
    common: frozenset[str]


def _read(name: str) -> Iterable[str]:
    text = resources.files("article_core").joinpath("data", name).read_text(encoding="utf-8")
    return (line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def load_lexicon() -> Lexicon:
    """Gazetteers, read once per process (about 20k short lines)."""
    common = frozenset(word for line in _read("ner_common_words.txt") for word in line.split())
    first_names = frozenset(name for name in _read("ner_first_names.txt") if name.lower() not in common)
    return Lexicon(
        places=frozenset(_read("ner_places.txt")),
        organisations=frozenset(_read("ner_organisations.txt")),
        first_names=first_names,
        common=common,
    )


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        if ("'" in word or "’" in word) and word[0].isalpha() and word[-1] not in "'’":
            head, _, rest = word.partition("'" if "'" in word else "’")
            if rest.lower() == "s":  # English possessive: Trump's
                tokens.append(_Token(head, start, start + len(head)))
                tokens.append(_Token(word[len(head) :], start + len(head), match.end()))
                continue
        tokens.append(_Token(word, start, match.end()))
    for i, token in enumerate(tokens):
        previous = tokens[i - 1] if i else None
        if previous is None or "\n" in text[previous.end : token.start]:
            token.sentence_start = True
        elif previous.text in _SENTENCE_END:
            token.sentence_start = not _is_abbreviation_dot(tokens, i - 1)
    return tokens


def _is_abbreviation_dot(tokens: list[_Token], index: int) -> bool:
    dot = tokens[index]
    if dot.text != ".":
        return False
    before = tokens[index - 1] if index else None
    return (
        before is not None
        and before.end == dot.start
        and (before.text in _ABBREVIATIONS or (len(before.text) == 1 and before.text.isupper()))
    )


def _is_initial(tokens: list[_Token], i: int) -> bool:
    """'J' followed by '.' and then a capitalised word: an initial inside a name."""
    token = tokens[i]
    return (
        len(token.text) == 1
        and token.text.isupper()
        and i + 2 < len(tokens)
        and tokens[i + 1].text == "."
        and tokens[i + 2].capitalised
    )


def _is_acronym(word: str) -> bool:
    """'OTAN', 'BBC', 'PSV': two or more capitals (a dot or digit allowed), no lowercase."""
    return len(word) > 1 and word[0].isupper() and word.isupper() and sum(c.isalpha() for c in word) >= 2


def _name_like(token: _Token) -> bool:
    return token.capitalised and token.text[0].isalpha() and token.text[-1] not in "'’"


def _is_org_linker(tokens: list[_Token], j: int) -> bool:
    """'for', 'and', '&' between capitalised words, and 'the' after 'of'/'for' ("Friends of the Earth"): kept for
    now; `_Tagger.split_linkers` cuts them again unless an organisation's name needs them."""
    if j + 1 >= len(tokens) or tokens[j].capitalised:
        return False
    if tokens[j].low in {"of", "for"} and tokens[j + 1].low == "the":
        return j + 2 < len(tokens) and _name_like(tokens[j + 2])
    if not _name_like(tokens[j + 1]):
        return False
    return tokens[j].low in _ORG_LINKERS or (tokens[j].low == "the" and tokens[j - 1].low in {"of", "for"})


def _dateline_spans(text: str, tokens: list[_Token]) -> list[tuple[int, int]]:
    """Wire datelines at a line start: 'LONDON (AP) —', 'NAIROBI, Kenya (Reuters) -': the capitals are a place."""
    spans = []
    for i, token in enumerate(tokens):
        if not (i == 0 or "\n" in text[tokens[i - 1].end : token.start]):
            continue
        j = i
        while j < len(tokens) and tokens[j].text.isalpha() and tokens[j].text.isupper() and len(tokens[j].text) > 1:
            j += 1
        if j == i:
            continue
        k = j
        if k < len(tokens) and tokens[k].text == ",":  # ", Kenya" or ", Calif." before the agency
            k += 1
            while k < len(tokens) and (tokens[k].capitalised or tokens[k].text == ".") and k - j < 5:
                k += 1
        if k < len(tokens) and (
            tokens[k].text in {"—", "–", "-"}
            or (tokens[k].text == "(" and k + 2 < len(tokens) and tokens[k + 2].text == ")")
        ):
            spans.append((i, j))
    return spans


def _quoted_titles(tokens: list[_Token]) -> list[tuple[int, int]]:
    """Title-case runs filling a pair of quotes: "Call of Duty : Black Ops", « Les Amants du Capricorne ».

    Every content word capitalised marks a work's title (MISC), not a person or an organisation; a quoted
    sentence has lowercase words. Quotes are paired left to right within a short window (linear time).
    """
    titles: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i].text not in _OPEN_QUOTES:
            i += 1
            continue
        close = next(
            (j for j in range(i + 1, min(i + _TITLE_MAX_TOKENS + 2, n)) if tokens[j].text in _CLOSE_QUOTES), None
        )
        if close is None:
            i += 1
            continue
        words = [t for t in tokens[i + 1 : close] if t.text[:1].isalpha()]
        content = [t for t in words if t.low not in _TITLE_SMALL_WORDS]
        inner = tokens[i + 1 : close]
        if (
            len(words) >= 2
            and words[0] is inner[0]
            and words[0].capitalised
            and all(t.capitalised for t in content)
            and not any(t.text in {".", "!", "?", ","} for t in inner)
        ):
            titles.append((i + 1, close))
        i = close + 1
    return titles


def _candidate_spans(tokens: list[_Token]) -> list[tuple[int, int]]:
    """Runs of capitalised tokens (end exclusive), with particles, initials and '(Given) Surname'."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        if not _name_like(tokens[i]):
            # "(Vladimir) Medinski": a parenthesised given name before a capitalised surname.
            if (
                tokens[i].text == _OPEN_PAREN
                and i + 3 < n
                and _name_like(tokens[i + 1])
                and tokens[i + 2].text == ")"
                and _name_like(tokens[i + 3])
            ):
                start, i = i, i + 3
            else:
                i += 1
                continue
        else:
            start = i
        j = i
        while j < n:
            if _is_initial(tokens, j):
                j += 2
            elif (
                (_name_like(tokens[j]) and (j == start or not tokens[j].sentence_start))
                or (
                    j > start
                    and tokens[j].low in _PARTICLES
                    and j + 1 < n
                    and _name_like(tokens[j + 1])
                    and not tokens[j].capitalised
                )
                or (j > start and tokens[j].text in {"d'", "d’"} and j + 1 < n and _name_like(tokens[j + 1]))
                or (j > start and _is_org_linker(tokens, j))
            ):
                j += 1
            else:
                break
        while j > start + 1 and (
            tokens[j - 1].low in _PARTICLES or tokens[j - 1].text == "." or tokens[j - 1].low in _ORG_LINKERS
        ):
            j -= 1
        spans.append((start, j))
        i = max(j, i + 1)
    return spans


class _Tagger:
    """Classifies candidate spans of one text; holds the text-wide evidence used for name reuse."""

    def __init__(self, text: str, language: str, lexicon: Lexicon) -> None:
        self.text = text
        self.language = language
        self.lex = lexicon
        self.tokens = _tokenize(text)
        # Words seen capitalised away from a sentence start: then a sentence-initial use is a name too.
        self.mid_capitalised = {t.text for t in self.tokens if t.capitalised and not t.sentence_start}
        self.lower_words = {t.text for t in self.tokens if t.text[:1].islower()}
        self.weak: set[int] = set()  # starts of spans typed on weak evidence, open to their list's type

    def words(self, start: int, end: int) -> list[str]:
        return [t.text for t in self.tokens[start:end] if t.text not in {"(", ")"}]

    def surface(self, start: int, end: int) -> str:
        return self.text[self.tokens[start].start : self.tokens[end - 1].end]

    def name(self, start: int, end: int) -> str:
        return re.sub(r"\s+", " ", self.surface(start, end).replace("(", "").replace(")", "")).strip()

    def is_place(self, name: str) -> bool:
        return name.replace("’", "'") in self.lex.places

    def trim(self, start: int, end: int) -> tuple[int, int] | None:
        """Drop sentence-initial and common words at the edges ('Le', 'Vendredi', 'Ces', 'État')."""
        tokens = self.tokens
        if self.is_place(self.name(start, end)):
            return start, end
        org_tail = self.has_org_word(start, end)
        while start < end and self._edge_word(tokens[start]):
            if org_tail and tokens[start].capitalised and not tokens[start].sentence_start and start + 1 < end:
                break  # "European Central Bank": an adjective that belongs to an organisation's name
            start += 1
        while (
            end > start + 1
            and self._edge_word(tokens[end - 1])
            and tokens[start].text not in self.lex.first_names
            and tokens[end - 2].low not in _ORG_LINKERS | {"of", "the"}  # "Institute for Government"
        ):
            end -= 1
        if (
            end - start >= 3
            and tokens[start].sentence_start
            and tokens[start].text not in self.lex.first_names
            and tokens[start + 1].text in self.lex.first_names
            and tokens[start].low.endswith(_DEMONYM_ENDINGS)
        ):
            start += 1  # "Autrichienne Claudia Heill": a capitalised demonym opening the sentence
        if start >= end:
            return None
        first = tokens[start]
        if end - start == 1 and first.sentence_start and first.text[0] != "(":
            known = (
                self.is_place(first.text)
                or first.text in self.lex.organisations
                or first.text in self.mid_capitalised
                or (first.text.isupper() and len(first.text) > 1)
                or self.role_after(end)  # "Whitfield, the union's general secretary, said"
            )
            if not known:
                return None
        if end - start == 1 and len(first.text) < 2:
            return None
        return start, end

    def has_org_word(self, start: int, end: int) -> bool:
        """A head ('Department', 'Society'), a company word ('Group', 'Rail') or an English name-building noun."""
        lows = [t.low for t in self.tokens[start:end]]
        return bool(lows) and (
            any(w in _ORG_HEADS or w in _ORG_WORDS for w in lows)
            or lows[-1] in _ORG_VOCABULARY
            or (lows[0] in _ORG_OPENERS and end - start > 1)
        )

    def split_linkers(self, start: int, end: int) -> list[tuple[int, int]]:
        """Keep 'for'/'and' inside an organisation's name ('Office for National Statistics', 'Food and Drug
        Administration'), cut them between two names ('Britain and France', 'Department for Transport and
        Network Rail')."""
        tokens = self.tokens
        for k in range(start + 1, end - 1):
            low = tokens[k].low
            if low not in _ORG_LINKERS and not (low == "the" and tokens[k - 1].low in {"of", "for"}):
                continue
            if low == "the":  # "Royal Society for the Protection of Birds", "Friends of the Earth Trust"
                keep = self.has_org_word(start, k - 1) or tokens[end - 1].low in _ORG_HEADS
            elif low == "for":
                keep = any(t.low in _ORG_HEADS for t in tokens[start:k])
            elif low == "and":
                # One side only names the body: "Food and Drug Administration", "Department of Health and Social Care".
                left = any(t.low in _ORG_HEADS or t.low in _ORG_WORDS for t in tokens[start:k])
                right = tokens[end - 1].low in _ORG_HEADS or tokens[end - 1].low in _ORG_WORDS
                keep = left != right and not (
                    self.is_place(self.name(start, k)) or tokens[start].text in self.lex.first_names
                )
            else:
                keep = True  # "Procter & Gamble"
            if not keep:
                cut = k - 1 if low == "the" else k
                left_part = [(start, cut)] if cut > start else []
                return left_part + self.split_linkers(k + 1, end)
        return [(start, end)]

    def _edge_word(self, token: _Token) -> bool:
        low = token.low
        return low in self.lex.common or low in _PARTICLES or low in _PERSON_CUES or token.text in {".", ")"}

    def split_titles(self, start: int, end: int) -> list[tuple[int, int]]:
        """'NATO Secretary General Mark Rutte': an organisation, a title, then the person, as two spans."""
        for k in range(start + 1, end - 1):
            if self.tokens[k].low in _PERSON_CUES and self.tokens[k].capitalised:
                right = k
                while right < end and self.tokens[right].low in _PERSON_CUES | {"general"}:
                    right += 1
                return [(start, k)] + ([(right, end)] if right < end else [])
        return [(start, end)]

    def split_particles(self, start: int, end: int) -> list[tuple[int, int]]:
        """'Russie de Vladimir Poutine' is two names; 'Charles de Gaulle' and 'Afrique du Sud' are one."""
        if self.is_place(self.name(start, end)):
            return [(start, end)]
        for k in range(start + 1, end - 1):
            if self.tokens[k].low not in {"de", "du", "des", "d'", "d’", "of", "and"}:
                continue
            left, right = (start, k), (k + 1, end)
            left_place = self.is_place(self.name(*left))
            right_person = self.tokens[k + 1].text in self.lex.first_names and end - (k + 1) >= 2
            left_person = self.tokens[start].text in self.lex.first_names
            # "Jeremy Hellickson des Rays de Tampa Bay": a full name, then the team or body they belong to.
            # "Henri Dupuy de Lôme", "Gaspar Aquino de Belen": a lone word after "de" is a noble particle's name.
            full_name_first = (
                left_person
                and k - start >= 2
                and self.tokens[k - 1].text not in self.lex.first_names
                and (
                    self.tokens[k].low not in {"de", "d'", "d’"}
                    or end - (k + 1) >= 2
                    or self.is_place(self.name(*right))
                )
            )
            if left_place or (right_person and not left_person) or full_name_first:
                return [left, *self.split_particles(*right)]
        return [(start, end)]

    def extend_left(self, start: int) -> tuple[int, str | None]:
        """Include a lowercase head: 'océan Pacifique' (LOC), 'ministère des Affaires étrangères' (ORG)."""
        k = start - 1
        if k >= 0 and self.tokens[k].low in {"de", "du", "des", "d'", "d’"}:
            k -= 1
        if k >= 0 and self.tokens[k].low in {"la", "l'", "l’"} and k > 0 and self.tokens[k - 1].low == "de":
            k -= 2
        if k < 0:
            return start, None
        head = self.tokens[k]
        if head.text in _PLACE_HEADS:
            return k, "LOC"
        if head.text in _ORG_LOWER_HEADS:
            return k, "ORG"
        return start, None

    def extend_right(self, end: int) -> int:
        """'Union européenne', 'Ligue nationale de hockey': lowercase adjectives after an organisation head."""
        n, j = len(self.tokens), end
        while j < n and self._adjective(self.tokens[j]):
            j += 1
        if (
            j > end
            and j + 1 < n
            and self.tokens[j].low in {"de", "d'", "d’"}
            and self.tokens[j + 1].text[:1].islower()
            and self.tokens[j + 1].low not in self.lex.common
        ):
            j += 2
        return j

    def _adjective(self, token: _Token) -> bool:
        word = token.text
        return (
            word[:1].islower()
            and word.isalpha()
            and len(word) > 3
            and (word not in self.lex.common or word.endswith(_DEMONYM_ENDINGS))
            and word
            not in {
                "cette",
                "entre",
                "contre",
                "comme",
                "elle",
                "elles",
                "notre",
                "votre",
                "même",
                "autre",
                "autres",
                "encore",
                "toute",
                "toutes",
                "quelle",
                "quelque",
                "quelques",
                "leurs",
                "avec",
            }
            and word.endswith(_ADJECTIVE_SUFFIXES)
        )

    def classify(self, start: int, end: int) -> str | None:  # noqa: C901  (the baseline, kept unchanged)
        """The type of one span from the strongest evidence first; None when nothing points anywhere."""
        tokens, lex = self.tokens, self.lex
        if end - start > _MAX_SPAN_TOKENS:
            return None  # a run of capitals this long is a heading or a list, not one name
        words = self.words(start, end)
        name = " ".join(words)
        first = words[0]
        if self.is_place(self.name(start, end)):
            return "LOC"
        if self.name(start, end).replace("’", "'") in self.lex.organisations:
            return "ORG"
        lows = [w.lower() for w in words]
        multi = len(words) >= 2
        prev = tokens[start - 1].low if start > 0 else ""
        if start >= 2 and prev in {"de", "d'", "d’"} and tokens[start - 2].low in _PLACE_OF_NOUNS:
            return "LOC"  # "la ville de Goz Beïda", "maire de Haarlemmermeer", "au sud d'Abéché"
        kind_noun = self.kind_noun_before(start)
        if kind_noun is not None:
            return kind_noun  # "le groupe Gerry and the Pacemakers", "le site Rotten Tomatoes", "the band Pink Floyd"
        if prev in _OPEN_QUOTES and end < len(tokens) and tokens[end].text in _CLOSE_QUOTES:
            return "MISC"  # a title in quotes: «Orange mécanique», "Tainted Love"
        if lows[0] in _MISC_HEADS or any(w in _MISC_WORDS for w in lows) or (multi and lows[-1] in {"guerre", "war"}):
            return "MISC"
        if multi and first in lex.first_names and lows[0] in _ORG_HEADS and words[1][:1].isupper():
            return "PER"  # "Marine Le Pen": a given name that is also an organisation word
        org_head_last = multi and lows[-1] in _ORG_HEADS  # English puts the head last: "Labour Party"
        # "Associated Society of Locomotive Engineers", "British Chambers of Commerce": a head, then of/for.
        head_of = any(w in _ORG_HEADS and nxt in {"of", "for"} for w, nxt in pairwise(lows))
        if (
            lows[0] in _ORG_HEADS
            or org_head_last
            or head_of
            or any(w in _ORG_WORDS for w in lows[1:])
            or (multi and lows[-1] in _ORG_WORDS)
        ):
            return "ORG"
        if not multi and _is_acronym(first):
            if self.is_place(first) or (len(first) > 3 and self.is_place(first.title())):
                return "LOC"
            return "ORG" if self.acronym_is_body(start, end) else None
        previous = [t.low for t in tokens[max(0, start - 6) : start]]
        cue_window = []
        for word in reversed(previous):
            if word in {".", "!", "?", ";", "«", "»", "(", ")", "“", "”"}:
                break
            cue_window.append(word)
        person_cue = any(w in _PERSON_CUES for w in cue_window[:5])
        after_article = prev in {"la", "le", "les", "des", "du", "l'", "l’", "un", "une"}
        article = prev in _ARTICLES
        if not multi and after_article and (prev in {"les", "des", "un", "une"} or person_cue):
            # "les Saxons", "des Affaires étrangères", "ministre de la Défense": a people or a portfolio, and
            # French articles do not precede a person's name.
            return None
        if multi and (lows[0] in _PLACE_FIRST_WORDS or (lows[-1] in _PLACE_LAST_WORDS and "de" not in lows)):
            return "LOC"
        if multi and first in lex.first_names and not (article and lows[0] in _ORG_WORDS):
            return "PER"
        if article and not self.person_evidence(start, end):
            # "le Sinn Féin", "l'Ajax Amsterdam", "les Rays de Tampa Bay", "the Moody Blues": an article does not
            # precede a person's name; a capitalised run after one is a team, party, company or work.
            if not multi:
                return (
                    "LOC" if prev in _LOC_BEFORE_SINGLE and not first.endswith(("ais", "ois", "iens", "ains")) else None
                )
            return "ORG"
        if multi and (lows[-1] in _ORG_VOCABULARY or lows[0] in _ORG_OPENERS):
            return "ORG"  # "Transport Focus", "Capital Economics", "National Grid"
        if self.employer(start) and not self.is_place(name):
            return "ORG"  # "chief executive of UKHospitality", "an analyst at Redwood Partners"
        if multi and any(_is_acronym(w) for w in words):
            return "ORG"  # "PSV Eindhoven", "BBC Canada"
        # "Blue Jays de Toronto", "Celta de Vigo": a name, then a known place after the last "de": a team or body.
        linkers = [i for i, w in enumerate(lows) if w in {"de", "du", "des", "d'", "d’"}]
        if multi and linkers and self.is_place(" ".join(words[linkers[-1] + 1 :]).replace("la ", "", 1)):
            return "ORG"
        # "Feyenoord Rotterdam", "Dinamo Zagreb": a name followed by a known city.
        if multi and not linkers and self.is_place(words[-1]) and not self.is_place(first):
            return "ORG"
        if not multi and prev in _LOC_PREPOSITIONS and first not in lex.first_names:
            return "LOC"
        if person_cue and (multi or not self.is_place(name)):
            return "PER"
        if self.role_after(end) and not self.is_place(name):
            return "PER"  # "Mick Whelan, the union's general secretary", "Kate Nicholls, chief executive of"
        if not multi and first in lex.first_names:
            self.weak.add(start)  # a given name alone: a list of places around it says otherwise ("Bali", "Cesar")
            return "PER"
        if prev in _LOC_PREPOSITIONS or name.lower().endswith(_LOC_SUFFIXES) or first.startswith(("Saint-", "Sainte-")):
            return "LOC"
        if "-sur-" in name or "-lès-" in name or "-en-" in name:
            return "LOC"
        if multi:
            return "PER"
        if prev in _LOC_BEFORE_SINGLE and not first.endswith(("ais", "ois", "iens", "ains")):
            if prev in _LIST_GLUE:
                self.weak.add(start)
            return "LOC"  # "l'Adour", "de Mayence": a lone unknown name after a place preposition or article
        return None

    def acronym_is_body(self, start: int, end: int) -> bool:
        """An unknown acronym names a body unless it is a roman numeral ("XIII"), a version or model ("HTML 5",
        "3 DS") or, in French, it stands bare: French puts an article before a body's acronym ("la LNH", "du PAN")
        or spells the name out before it ("Front national (FN)"); English often uses none ("NATO said")."""
        tokens, word = self.tokens, self.tokens[start].text
        if _ROMAN.fullmatch(word):
            return False
        if (end < len(tokens) and tokens[end].text[:1].isdigit()) or (start and tokens[start - 1].text[:1].isdigit()):
            return False
        if self.language != "fr":
            return True
        prev = tokens[start - 1] if start else None
        if prev is not None and prev.low in _ARTICLES:
            return True
        return prev is not None and prev.text == "(" and start >= 2 and tokens[start - 2].capitalised

    def kind_noun_before(self, start: int) -> str | None:
        """ORG or MISC when a common noun naming the kind of thing comes right before the name, possibly with one
        adjective between ("le groupe X", "l'agrégateur américain X", "the band X"); None otherwise."""
        k = start - 1
        if k >= 1 and self._adjective(self.tokens[k]) and self.tokens[k].low not in _KIND_NOUNS:
            k -= 1
        if k < 0:
            return None
        low = self.tokens[k].low
        return "ORG" if low in _ORG_KIND_NOUNS else "MISC" if low in _WORK_KIND_NOUNS else None

    def person_evidence(self, start: int, end: int) -> bool:
        """A role right after the span (", chanteuse de…") or a person cue inside the article's noun phrase."""
        return self.role_after(end)

    def _abbreviation_dot(self, end: int) -> bool:
        last, dot = self.tokens[end - 1], self.tokens[end]
        return dot.text == "." and dot.start == last.end and f"{last.low}." in _ORG_WORDS

    def employer(self, start: int) -> bool:
        """The span follows a role and 'of'/'at'/'for' (English): 'chief executive of X', 'a spokesman for the X'."""
        k = start - 1
        if k >= 0 and self.tokens[k].low == "the":
            k -= 1
        return k >= 1 and self.tokens[k].low in {"of", "at", "for"} and self.tokens[k - 1].low in _ROLES

    def role_after(self, end: int) -> bool:
        """', the union's general secretary' / ', chief executive of' right after a name: the name is a person."""
        tokens = self.tokens
        if end >= len(tokens) or tokens[end].text != ",":
            return False
        for k in range(end + 1, min(end + 6, len(tokens))):
            token = tokens[k]
            if token.low in _ROLES or token.low in _ROLES_FR:
                # ", the actor James Marsters": the role introduces the next name instead.
                following = tokens[k + 1] if k + 1 < len(tokens) else None
                return following is None or not (_name_like(following) or following.low in _ROLES)
            if not token.text[:1].isalpha() and token.text not in {"'s", "’s"}:
                return False
        return False

    def mentions(self) -> list[Mention]:
        datelines = _dateline_spans(self.text, self.tokens)
        titles = _quoted_titles(self.tokens)
        found: list[tuple[int, int, str | None]] = [(s, e, "LOC") for s, e in datelines]
        found += [(s, e, "MISC") for s, e in titles]
        covered = bytearray(len(self.tokens))  # tokens already taken by a dateline or a title
        for s, e in datelines + titles:
            covered[s:e] = b"\x01" * (e - s)
        for span in _candidate_spans(self.tokens):
            if covered[span[0]]:
                continue
            if span[1] - span[0] > _MAX_RUN_TOKENS:
                continue  # a heading or a hostile run; splitting it would cost the square of its length
            trimmed = self.trim(*span)
            if trimmed is None:
                continue
            parts = [
                p
                for linked in self.split_linkers(*trimmed)
                for piece in self.split_titles(*linked)
                for p in self.split_particles(*piece)
            ]
            for start, end in parts:
                kind = self.classify(start, end)
                new_start, head_kind = self.extend_left(start)
                if head_kind is not None:
                    start, kind = new_start, head_kind
                if kind == "ORG" and self.tokens[start].low in _ORG_HEADS:
                    end = self.extend_right(end)
                if kind == "ORG" and end < len(self.tokens) and self._abbreviation_dot(end):
                    end += 1  # "Microsoft Corp.", "Acme Inc."
                found.append((start, end, kind))
        found = self._follow_lists(self._reuse_names(sorted(found)))
        return [
            Mention(self.tokens[s].start, self.tokens[e - 1].end, kind, self.surface(s, e), self.name(s, e))
            for s, e, kind in found
            if kind is not None
        ]

    def _follow_lists(self, found: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
        """In an enumeration ("Cebu, Bohol, Panay et Samar", "de Caldas, de Cesar"), a name typed on weak evidence
        (a lone given name, a word after a comma) takes the type shared by the others, when they agree."""
        result = list(found)
        chain: list[int] = []
        for index in range(len(found) + 1):
            if index < len(found) and chain and self._listed_together(found[chain[-1]][1], found[index][0]):
                chain.append(index)
                continue
            if len(chain) >= 3:
                votes = Counter(found[c][2] for c in chain)
                kind, count = votes.most_common(1)[0]
                strong = {found[c][2] for c in chain if found[c][0] not in self.weak}
                if kind is not None and count >= 2 and 2 * count > len(chain) and strong <= {kind, None}:
                    for c in chain:
                        if found[c][0] in self.weak:
                            result[c] = (found[c][0], found[c][1], kind)
            chain = [index]
        return result

    def _listed_together(self, end: int, start: int) -> bool:
        """Only commas and 'et'/'ou'/'and'/'or', with an optional 'de'/'d'' ("de Caldas, de Cesar"), between."""
        between = self.tokens[end:start]
        return 1 <= len(between) <= 3 and all(t.low in _LIST_GLUE or t.low in {"de", "d'", "d’"} for t in between)

    def _reuse_names(self, found: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
        """A lone word that is part of a person's name found elsewhere ('Lavrov') is that person."""
        person_parts: set[str] = set()
        for s, e, kind in found:
            if kind == "PER" and e - s >= 2:
                person_parts.update(w for w in self.words(s, e)[1:] if w[0].isupper())
        typed: dict[str, str] = {}
        for s, e, kind in found:
            if kind is not None:
                typed.setdefault(self.name(s, e), kind)
        result = []
        for s, e, kind in found:
            name = self.name(s, e)
            if e - s == 1 and name in person_parts and not self.is_place(name):
                kind = "PER"
            elif kind is None:
                kind = typed.get(name)
            result.append((s, e, kind))
        return result


def tag_mentions(text: str, language: str = "fr") -> list[Mention]:
    """Every entity mention in `text`, in order (offsets into `text`)."""
    return _Tagger(text, language, load_lexicon()).mentions()
