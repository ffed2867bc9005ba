"""Language identification: a word model for short sentences, function words for the wider set of languages.

Non-Latin scripts decide by script alone. Latin text is scored by a naive-Bayes word model
(language_model.py: word frequencies and spelling of fr, en, de, es, it, pt, nl, with a prior toward
French and English), which decides even three-word sentences. Unless the text is plainly French or
English, function words (data/language_profiles.txt, 26 languages, weighted by rank and shared between
fewer languages = stronger, plus elided forms and distinctive letters) may name a language the word
model does not know (Swedish, Polish...). Too little or too ambiguous evidence gives `und`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from . import language_breadth, language_supplement
from .language_model import MODELLED, ModelScores, letter_run_counts, model_scores
from .tokens import normalise_apostrophes, read_data, stopwords

UNDETERMINED = "und"
MIN_EVIDENCE = 0.4  # about one distinctive function word: below that the text is too short to tell
MAX_CHARS = 20_000  # a long article is decided well before its end
# Function words decide between the 26 profiled languages when the word model (7 languages) may not know
# the text's language: unless the text is French or English made mostly (PLAIN_COVERAGE) of common words.
PLAIN_COVERAGE = 0.75
GATE_CHARS = 2_000
OTHER_LANGUAGE_CONFIDENCE = 0.5  # function words must clearly name a language the word model lacks
# Words weighed by the model (names count a quarter): "Marco Rubio" alone is undetermined; one plain word
# ("22 juin 2012") must be near-unambiguous; from two words on a clear lead is enough.
MIN_WORDS = 1.0
FEW_WORDS = 1.5
FEW_WORDS_POSTERIOR = 0.95
OWN_MODEL_POSTERIOR = 0.99  # the own word model overrides the breadth model's first choice only when this sure,
OWN_MODEL_MARGIN = 1.0  # for a language the breadth model scores within this of its first choice (a near tie),
OWN_MODEL_WORDS = 8.0  # on a sentence this short
# A line of a few words ("SPACE VIZZION CONCEPT", "1 tsp nutmeg") that the own model reads as French or English
# is taken as such: on so little text the breadth model guesses among 97 languages, the first-class ones likely.
FIRST_CLASS_POSTERIOR = 0.98
FIRST_CLASS_MARGIN = 2.5  # and a near tie is wider for French and English ("le SMIC augmentera de 2 %")
FIRST_CLASS_WORDS = 4
MIN_POSTERIOR = 0.6  # below this the word model is torn between two languages
_TOKEN = re.compile(r"[^\W\d_]++(?:'[^\W\d_]++)*+")  # possessive: same tokens, faster (see tokens.WORD)

# Elided forms, scored like words: the prefix ("l'") or suffix ("'s") of an apostrophe token.
_ELISIONS: dict[str, tuple[str, ...]] = {
    "fr": ("l'", "d'", "qu'", "n'", "s'", "c'", "j'", "m'", "jusqu'", "lorsqu'", "puisqu'"),
    "it": ("l'", "dell'", "all'", "nell'", "dall'", "sull'", "un'", "c'"),
    "ca": ("l'", "d'", "s'", "n'"),
    "en": ("'s", "'t", "'re", "'ve", "'ll", "'m", "'d"),
}
# Letters that favour a language (each occurrence counts a little, capped per letter).
_LETTERS: dict[str, str] = {
    "fr": "éèêëàâçîïôûùœ",
    "es": "ñáéíóú¿¡",
    "pt": "ãõçáâêôéíóú",
    "it": "àèéìòù",
    "ca": "àèéíòóúçï",
    "de": "äöüß",
    "nl": "ëï",
    "sv": "åäö",
    "da": "æøå",
    "no": "æøå",
    "fi": "äö",
    "et": "õäöü",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ",
    "tr": "çğıöşü",
    "hr": "čćđšž",
    "sl": "čšž",
    "lv": "āčēģīķļņšūž",
    "lt": "ąčęėįšųūž",
    "vi": "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
    "sq": "ëç",
}
# Word shapes typical of the first-class languages, for sentences short on function words.
_SHAPES: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"(?:ing|ed|ly|ness|ship|ght|ould|'s)$|^(?:th|wh)|[wk]|sh"),
    "fr": re.compile(
        r"(?:eaux?|aux|eux|euse|aient|ait|ée?s?|ès|ère|ienne?s?|oire?s?|quement)$|^(?:qu|[ldns]')|[éèêàçùœ]"
    ),
}
_SHAPE_WEIGHT = 0.12
# First-class languages win near-ties: a French or English sentence is the likely case.
_PRIOR = {"fr": 1.15, "en": 1.15}
_LETTER_WEIGHT = 0.15
_LETTER_CAP = 1.0

# Scripts that name their language (ranges of code points -> language).
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "el"),
    (0x0400, 0x04FF, "ru"),
    (0x0530, 0x058F, "hy"),
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"),
    (0x0900, 0x097F, "hi"),
    (0x0980, 0x09FF, "bn"),
    (0x0B80, 0x0BFF, "ta"),
    (0x0E00, 0x0E7F, "th"),
    (0x10A0, 0x10FF, "ka"),
    (0x3040, 0x30FF, "ja"),
    (0x4E00, 0x9FFF, "zh"),
    (0xAC00, 0xD7AF, "ko"),
)
_UKRAINIAN = set("іїєґ")
_PERSIAN = set("پچژگ")


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    confidence: float


@cache
def _word_weights() -> dict[str, dict[str, float]]:
    """word -> {language: weight}; frequent and language-specific words weigh most."""
    by_word: dict[str, dict[str, float]] = defaultdict(dict)
    for line in read_data("language_profiles.txt").splitlines():
        if not line or line.startswith("#"):
            continue
        language, _, words = line.partition("\t")
        for rank, word in enumerate(words.split()):
            by_word[normalise_apostrophes(word)][language] = 1.0 / math.sqrt(1 + rank / 10)
    for language in ("fr", "en"):  # the first-class languages also know their full stop-word lists
        for word in stopwords(language):
            by_word[word].setdefault(language, 0.35)
    for scores in by_word.values():
        shared = len(scores)
        for language in scores:
            scores[language] /= shared
    for language, forms in _ELISIONS.items():  # elisions are telling even when shared
        for form in forms:
            by_word[form][language] = 0.6 if language in _PRIOR else 0.4
    return dict(by_word)


def detect_language(
    text: str, text_words: list[str] | None = None, word_counts: dict[str, int] | None = None
) -> LanguageGuess:
    """ISO 639-1 code and a confidence in [0, 1]; `und` when there is no language in the text.

    Plain French or English (most words common ones) is decided by the own word model, which is better
    on short fr/en sentences and costs nothing to load. Anything else goes to the breadth model
    (py3langid's, 97 languages, loaded on first use); the older rules only answer when it has nothing.
    `text_words` is `tokens.words(text)` when the caller has it (the same answer, one pass less over the text), and
    `word_counts` its `Counter` (when the caller has counted them too).
    """
    sample = normalise_apostrophes(text[:MAX_CHARS])
    # The word model's letter runs from `text_words` (= `words(text)`) when the sample is the text itself, or differs
    # only by "’" -> "'" ("ʼ", a letter, becomes an apostrophe: then the text is read again).
    run_counts = None
    if text_words is not None and len(text) <= MAX_CHARS and "ʼ" not in text:
        run_counts = letter_run_counts(Counter(text_words) if word_counts is None else word_counts)
    scored = model_scores(sample, run_counts)
    if scored is not None and scored.language in ("fr", "en") and scored.coverage >= PLAIN_COVERAGE:
        return _model_guess(scored)  # plainly French or English: most of its words are common ones
    if _no_language(sample):
        return LanguageGuess(UNDETERMINED, 0.0)
    broad = breadth_guess(sample[:GATE_CHARS], scored)
    if broad is not None:
        return broad
    script = _script_language(sample)
    if script is not None:
        return script
    listed = _function_word_guess(sample[:GATE_CHARS])
    if listed.language not in MODELLED and listed.confidence >= OTHER_LANGUAGE_CONFIDENCE:
        return listed  # a language the word model does not know, recognised by its function words
    return _model_guess(scored)


def breadth_guess(sample: str, scored: ModelScores | None = None) -> LanguageGuess | None:
    """The breadth model's best ISO 639-1 label and its share of the probability; None when it sees nothing.

    On a short sentence the own word model (7 languages, word frequencies) is the better judge between
    close neighbours ("A escola continua fechada." is Portuguese, not Galician): when it is sure and the
    breadth model is torn between its language and another, the own model decides; so it does on a line of a
    few words it reads as French or English.
    """
    ranked = language_breadth.rank(sample)
    if not ranked or ranked[0][0] == language_breadth.NO_LANGUAGE:
        return None
    if scored is not None and (
        (
            scored.posterior >= OWN_MODEL_POSTERIOR
            and scored.evidence <= OWN_MODEL_WORDS
            and dict(ranked).get(scored.language, -math.inf)
            >= ranked[0][1] - OWN_MODEL_MARGIN * (FIRST_CLASS_MARGIN if scored.language in _PRIOR else 1.0)
        )
        or (
            scored.language in _PRIOR
            and scored.posterior >= FIRST_CLASS_POSTERIOR
            and len(_TOKEN.findall(sample)) <= FIRST_CLASS_WORDS
        )
    ):
        return _model_guess(scored)
    # py3langid's normalised probabilities: log scores scaled by 1/sqrt(length), then a softmax.
    scale = 1.0 / math.sqrt(max(1, len(language_breadth.encode(sample))))
    top = ranked[0][1]
    total = sum(math.exp((score - top) * scale) for _, score in ranked)
    return LanguageGuess(language_supplement.redecide(ranked[0][0], sample), round(1.0 / total, 3))


def _no_language(sample: str) -> bool:
    """Nothing to read: no letters, a word or two, or only a few capitalised names ("Marco Rubio")."""
    tokens = _TOKEN.findall(sample)
    letters = sum(len(t) for t in tokens)
    if letters < 3:
        return True
    if sample.isupper() or any(_script_letter(t) for t in tokens):
        return False
    return len(tokens) <= 3 and all(t[0].isupper() for t in tokens)


def _script_letter(token: str) -> bool:
    return any(ord(ch) >= 0x0250 for ch in token)


def _model_guess(scored: ModelScores | None) -> LanguageGuess:
    if scored is None or scored.evidence < MIN_WORDS or scored.posterior < MIN_POSTERIOR:
        return LanguageGuess(UNDETERMINED, 0.0)
    if scored.evidence < FEW_WORDS and scored.posterior < FEW_WORDS_POSTERIOR:
        return LanguageGuess(UNDETERMINED, 0.0)
    confidence = scored.posterior * (1.0 - math.exp(-scored.evidence / 2.0))
    return LanguageGuess(scored.language, round(confidence, 3))


def _function_word_guess(sample: str) -> LanguageGuess:
    """Best of the 26 profiled languages by function words and letters; `und` below the evidence floor."""
    scores = _latin_scores(sample)
    if not scores:
        return LanguageGuess(UNDETERMINED, 0.0)
    ranked = sorted(scores.items(), key=lambda item: -item[1])[:2]
    best_language, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if best < MIN_EVIDENCE:
        return LanguageGuess(UNDETERMINED, 0.0)
    margin = (best - second) / best
    evidence = 1.0 - math.exp(-best)
    confidence = round(min(1.0, (0.5 + 0.5 * margin) * evidence), 3)
    if confidence < 0.2:
        return LanguageGuess(UNDETERMINED, confidence)
    # Long texts pile up evidence: a wide absolute lead is near-certain even when the ratio is modest.
    confidence = max(confidence, 1.0 - math.exp(-(best - second) / 2.0))
    return LanguageGuess(best_language, round(confidence, 3))


def _latin_scores(text: str) -> dict[str, float]:
    scores: dict[str, float] = defaultdict(float)
    for written in _TOKEN.findall(text):
        for language, weight in _token_evidence(written):
            scores[language] += weight
    letters = Counter(text.lower())  # counted in C; only letters beyond ASCII are looked up below
    for language, alphabet in _LETTERS.items():
        bonus = sum(min(_LETTER_CAP, _LETTER_WEIGHT * letters[ch]) for ch in alphabet if ch in letters)
        if bonus:
            scores[language] += bonus
    for language, prior in _PRIOR.items():
        if language in scores:
            scores[language] *= prior
    return scores


@lru_cache(maxsize=1 << 15)
def _token_evidence(written: str) -> tuple[tuple[str, float], ...]:
    """(language, weight) pairs one token adds, in a fixed order; news repeats its words, so this is cached."""
    weights = _word_weights()
    token = written.lower()
    evidence = list(weights.get(token, {}).items())
    if not written[0].islower():
        return tuple(evidence)  # names and sentence starts: their shape says little about the language around them
    evidence += [(language, _SHAPE_WEIGHT) for language, shape in _SHAPES.items() if shape.search(token)]
    if "'" in token:
        head, _, tail = token.partition("'")
        for form in (head + "'", "'" + tail.rsplit("'", 1)[-1]):
            evidence += weights.get(form, {}).items()
    return tuple(evidence)


def _script_language(sample: str) -> LanguageGuess | None:
    """Language of a non-Latin script when most letters are in one; None for Latin text."""
    counts: Counter[str] = Counter()
    latin = 0
    for ch, n in Counter(sample).items():  # each distinct character once, in order of first appearance
        if not ch.isalpha():
            continue
        code = ord(ch)
        if code < 0x0250:
            latin += n
            continue
        for low, high, language in _SCRIPTS:
            if low <= code <= high:
                counts[language] += n
                break
    if not counts:
        return None
    language, count = counts.most_common(1)[0]
    if count <= latin:
        return None
    if counts["ja"] and language == "zh":
        language = "ja"  # Japanese mixes kanji with kana; kana never appear in Chinese
    elif language == "ru" and _UKRAINIAN & set(sample.lower()):
        language = "uk"
    elif language == "ar" and _PERSIAN & set(sample):
        language = "fa"
    if count < 10:
        return LanguageGuess(UNDETERMINED, 0.0)
    return LanguageGuess(language, round(count / (count + latin), 3))
