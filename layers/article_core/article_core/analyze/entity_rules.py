"""Rules applied after the learned tagger, for what one sentence cannot tell a model but an article can, and for
the cues the product promises whatever the model says:

- a wire dateline in capitals ("LONDON (AP) —") is a place;
- a title or role inside a span is cut out ("NASA Administrator Jim Bridenstine" -> NASA, Jim Bridenstine);
- a name right after a title ("Mayor Linda Park") or before a role (", the mayor,") is a person;
- a name that speaks ("X said", "a déclaré X") is a person or an organisation, not an unknown place;
- a lone word that is part of a person's full name elsewhere in the article ("Lavrov") is that person;
- "(Vladimir) Medinski" is one person, the given name in parentheses included.
"""

from __future__ import annotations

from bisect import bisect_right
from operator import itemgetter

from .entity_lexicon import Lexicon
from .entity_tagger import Span
from .entity_tokens import Tokens, line_starts

_COUNT = itemgetter(1)
# Above this many surnames to look for, one pass over the tokens beats a search for each in the text.
_FEW_WORDS = 8
# Longer spans are headings or hostile runs, not names.
_MAX_SPAN_TOKENS = 12
# A minister's portfolio is not an entity: "le ministre de la Défense", "the Secretary of State".
_PORTFOLIO_HOLDERS = frozenset({"ministre", "minister", "secrétaire", "secretary", "secretario"})
_PORTFOLIO_LINKS = frozenset({"de", "des", "du", "d'", "d’", "la", "l'", "l’", "of", "for", "the"})
_PLACE_PREPOSITIONS = frozenset({"in", "near", "à", "en"})
# Speech verbs before the speaker (French inversion: "a déclaré X", "selon X").
_SPEAKER_AFTER = frozenset({"selon", "declared", "déclaré", "affirmé", "annoncé", "expliqué", "ajouté", "indiqué"})


class PostRules:
    """The article-wide corrections, over token spans from the tagger."""

    def __init__(self, text: str, tokens: Tokens, lexicon: Lexicon) -> None:
        self.text, self.tokens, self.lex = text, tokens, lexicon
        self.words = tokens.text  # each token's text, read by index
        self._names: dict[tuple[int, int], str] = {}  # each rule asks for the same spans' names again

    def apply(self, spans: list[Span]) -> list[Span]:
        spans = [span for span in self.datelines(spans) if span[1] - span[0] <= _MAX_SPAN_TOKENS]
        spans = [part for span in spans for part in self.split_titles(span) if not self.portfolio(part)]
        spans = [self.retype(span) for span in spans]
        return self.parenthesised_given_names(self.reuse_names(spans))

    def name(self, start: int, end: int) -> str:
        found = self._names.get((start, end))
        if found is None:
            surface = self.text[self.tokens.start[start] : self.tokens.end(end - 1)]
            found = self._names[start, end] = " ".join(surface.replace("(", "").replace(")", "").split())
        return found

    def datelines(self, spans: list[Span]) -> list[Span]:
        tagged = {i for s, e, _ in spans for i in range(s, e)}
        # "LONDON (AP) —", "NAIROBI, Kenya -" are datelines; "SOCCER -" opening a sports line is one only if the
        # tagger saw a name there.
        places = [
            (s, e) for s, e in dateline_spans(self.text, self.tokens) if self.words[e] in {"(", ","} or s in tagged
        ]
        covered = {i for s, e in places for i in range(s, e)}
        agencies = [(e + 1, e + 2, "ORG") for s, e in places if self._agency_after(e)]
        covered |= {s for s, _, _ in agencies}
        kept = [span for span in spans if covered.isdisjoint(range(span[0], span[1]))] if covered else spans
        return sorted(kept + [(s, e, "LOC") for s, e in places] + agencies)

    def _agency_after(self, end: int) -> bool:
        """'(AP)', '(Reuters)' right after a dateline's place: the agency."""
        words = self.words
        return end + 2 < len(words) and words[end] == "(" and words[end + 2] == ")" and words[end + 1][:1].isupper()

    def portfolio(self, span: Span) -> bool:
        """'ministre (ukrainien) de la Défense', 'ministre russe des Affaires étrangères': a title's portfolio."""
        words = self.words
        k = span[0] - 1
        while k >= 0 and words[k].lower() in _PORTFOLIO_LINKS:
            k -= 1
        if k == span[0] - 1 or self.lex.is_place(self.name(span[0], span[1])):
            return False
        if k >= 0 and words[k][:1].islower() and not self.lex.cue("titles", words[k].lower()):
            k -= 1  # one adjective: "ministre ukrainien de la Défense"
        return k >= 0 and words[k].lower() in _PORTFOLIO_HOLDERS

    def split_titles(self, span: Span) -> list[Span]:
        """A capitalised title inside a span separates an organisation from the person it introduces; a title
        opening the span is not part of the name."""
        start, end, kind = span
        titles, words = self.lex.cues["titles"], self.words
        # Most spans hold no title: one set test of their capitalised words' lowercase forms, before the names.
        if titles.isdisjoint([word.lower() for word in words[start:end] if word[:1].isupper()]):
            return [span]
        name = self.name(start, end)
        if self.lex.is_place(name) or name in self.lex.organisations:
            return [span]
        for k in range(start, end):
            low = words[k].lower()
            if low not in titles or not words[k][:1].isupper():
                continue
            right = k
            while right < end and words[right].lower() in titles | {"general", "."}:
                right += 1
            parts = [(start, k, "ORG" if kind == "PER" else kind)] if k > start else []
            if right < end:
                parts.append((right, end, "PER"))
            return parts
        return [span]

    def retype(self, span: Span) -> Span:
        start, end, kind = span
        if kind == "PER" and self.place_like_person(start, end):
            return (start, end, "LOC")
        if kind == "PER" or kind == "MISC":
            return span
        name = self.name(start, end)
        known_place = self.lex.is_place(name)
        if self.title_before(start) and not known_place and name not in self.lex.organisations:
            return (start, end, "PER")
        if kind == "LOC" and not known_place and (self.role_after(end) or self.speaks(start, end)):
            given = self.words[start] in self.lex.first_names and end - start >= 2
            return (start, end, "PER" if given or self.role_after(end) else "ORG")
        return span

    def place_like_person(self, start: int, end: int) -> bool:
        """'la ville de Kolo Dabra', 'the town of X': a name after a place noun and 'de'/'of'; 'in Palo Alto',
        'né à Kolo Dabra': two or more words without a given name after a place preposition."""
        words = self.words
        after_place_noun = (
            start >= 2
            and words[start - 1].lower() in {"de", "d'", "d’", "of"}
            and self.lex.cue("place_of_nouns", words[start - 2].lower())
        )
        return after_place_noun or (
            end - start >= 2
            and start > 0
            and words[start - 1].lower() in _PLACE_PREPOSITIONS
            and words[start] not in self.lex.first_names
            and not self.title_before(start)
        )

    def title_before(self, start: int) -> bool:
        """'Mayor Linda Park', 'le maire Jean Dupont', 'Dr. Ada Shaw': a title right before the name."""
        k = start - 1
        if k >= 0 and self.words[k] == ".":
            k -= 1
        return k >= 0 and self.lex.cue("titles", self.words[k].lower())

    def role_after(self, end: int) -> bool:
        """'Linda Park, the mayor,' / 'Kate Nicholls, chief executive of': a role after a comma."""
        words = self.words
        if end >= len(words) or words[end] != ",":
            return False
        for k in range(end + 1, min(end + 5, len(words))):
            low = words[k].lower()
            if self.lex.cue("roles", low) or self.lex.cue("titles", low):
                return True
            if not low[:1].isalpha() and low not in {"'s", "’s"}:
                return False
        return False

    def speaks(self, start: int, end: int) -> bool:
        """'X said', 'X, 54, said', 'a déclaré X', 'selon X'."""
        words = self.words
        after = [word.lower() for word in words[end : end + 4] if word not in {",", "a"} and not word.isdigit()]
        before = words[start - 1].lower() if start else ""
        return bool(after and self.lex.cue("speech_verbs", after[0])) or before in _SPEAKER_AFTER

    def parenthesised_given_names(self, spans: list[Span]) -> list[Span]:
        """'(Vladimir) Medinski': the parenthesised given name joins the surname's span."""
        words, result = self.words, list[Span]()
        for start, end, kind in spans:
            if start >= 3 and words[start - 1] == ")" and words[start - 3] == "(" and words[start - 2][:1].isupper():
                while result and result[-1][1] > start - 3:
                    result.pop()  # the given name tagged on its own
                start, kind = start - 3, "PER"
            result.append((start, end, kind))
        return result

    def reuse_names(self, spans: list[Span]) -> list[Span]:
        """A surname alone ('Lavrov' after 'Sergueï Lavrov') is that person, typed otherwise or left out by the
        tagger, even at a sentence start (common words and places excepted). A name typed two ways in the
        article takes its most frequent type."""
        parts: set[str] = set()
        for s, e, kind in spans:
            if kind == "PER" and e - s >= 2:
                parts.update(word for word in self.words[s + 1 : e] if word[:1].isupper())
        parts -= {p for p in parts if p.lower() in self.lex.common or self.lex.is_place(p)}
        covered = {k for s, e, _ in spans for k in range(s, e)}
        added = [(k, k + 1, "PER") for k in self._occurrences(parts) if k not in covered]
        spans = sorted(spans + added)
        names = [self.name(s, e) for s, e, _ in spans]
        votes: dict[str, dict[str, int]] = {}  # name -> type -> mentions, types in order of first mention
        for name, (_, _, kind) in zip(names, spans, strict=True):
            counts = votes.setdefault(name, {})
            counts[kind] = counts.get(kind, 0) + 1
        result = []
        for name, (s, e, kind) in zip(names, spans, strict=True):
            if e - s == 1 and name in parts:
                kind = "PER"
            elif len(votes[name]) > 1:
                kind = max(votes[name].items(), key=_COUNT)[0]  # the first of the most frequent, as most_common
            result.append((s, e, kind))
        return result

    def _occurrences(self, words: set[str]) -> list[int]:
        """The indices of the tokens that are one of `words`, in any order. A few words (a surname or two) are
        found in the text and placed among the tokens by bisection, not by a pass over every token; each search
        resumes after the token it landed in, so it takes at most one step a token."""
        tokens, text, starts = self.tokens, self.text, self.tokens.start
        if len(words) > _FEW_WORDS:
            return [k for k, word in enumerate(tokens.text) if word in words]
        found = []
        for word in words:
            at = text.find(word)
            while at >= 0:
                k = bisect_right(starts, at) - 1  # the token starting at or before `at`
                if k >= 0 and starts[k] == at and tokens.text[k] == word:
                    found.append(k)
                at = text.find(word, max(at + 1, tokens.end(k) if k >= 0 else 0))
        return found


def dateline_spans(text: str, tokens: Tokens) -> list[tuple[int, int]]:
    """Wire datelines at a line start: 'LONDON (AP) —', 'NAIROBI, Kenya (Reuters) -': the capitals are a place."""
    spans = []
    words = tokens.text
    n = len(words)
    for i in line_starts(text, tokens):
        j = i
        while j < n and words[j].isalpha() and words[j].isupper() and len(words[j]) > 1:
            j += 1
        if j == i:
            continue
        k = j
        if k < n and words[k] == ",":  # ", Kenya" or ", Calif." before the agency
            k += 1
            while k < n and (words[k][:1].isupper() or words[k] == ".") and k - j < 5:
                k += 1
        if k < n and (words[k] in {"—", "–", "-"} or (words[k] == "(" and k + 2 < n and words[k + 2] == ")")):
            spans.append((i, j))
    return spans
