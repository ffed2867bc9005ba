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
from operator import attrgetter, itemgetter

from .entity_lexicon import Lexicon
from .entity_tagger import Span
from .entity_tokens import Token, line_starts

_START = attrgetter("start")
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

    def __init__(self, text: str, tokens: list[Token], lexicon: Lexicon) -> None:
        self.text, self.tokens, self.lex = text, tokens, lexicon
        self._names: dict[tuple[int, int], str] = {}  # each rule asks for the same spans' names again

    def apply(self, spans: list[Span]) -> list[Span]:
        spans = [span for span in self.datelines(spans) if span[1] - span[0] <= _MAX_SPAN_TOKENS]
        spans = [part for span in spans for part in self.split_titles(span) if not self.portfolio(part)]
        spans = [self.retype(span) for span in spans]
        return self.parenthesised_given_names(self.reuse_names(spans))

    def name(self, start: int, end: int) -> str:
        found = self._names.get((start, end))
        if found is None:
            surface = self.text[self.tokens[start].start : self.tokens[end - 1].end]
            found = self._names[start, end] = " ".join(surface.replace("(", "").replace(")", "").split())
        return found

    def datelines(self, spans: list[Span]) -> list[Span]:
        tagged = {i for s, e, _ in spans for i in range(s, e)}
        # "LONDON (AP) —", "NAIROBI, Kenya -" are datelines; "SOCCER -" opening a sports line is one only if the
        # tagger saw a name there.
        places = [
            (s, e)
            for s, e in dateline_spans(self.text, self.tokens)
            if self.tokens[e].text in {"(", ","} or s in tagged
        ]
        covered = {i for s, e in places for i in range(s, e)}
        agencies = [(e + 1, e + 2, "ORG") for s, e in places if self._agency_after(e)]
        covered |= {s for s, _, _ in agencies}
        kept = [span for span in spans if covered.isdisjoint(range(span[0], span[1]))] if covered else spans
        return sorted(kept + [(s, e, "LOC") for s, e in places] + agencies)

    def _agency_after(self, end: int) -> bool:
        """'(AP)', '(Reuters)' right after a dateline's place: the agency."""
        tokens = self.tokens
        return (
            end + 2 < len(tokens)
            and tokens[end].text == "("
            and tokens[end + 2].text == ")"
            and tokens[end + 1].capitalised
        )

    def portfolio(self, span: Span) -> bool:
        """'ministre (ukrainien) de la Défense', 'ministre russe des Affaires étrangères': a title's portfolio."""
        k = span[0] - 1
        while k >= 0 and self.tokens[k].low in _PORTFOLIO_LINKS:
            k -= 1
        if k == span[0] - 1 or self.lex.is_place(self.name(span[0], span[1])):
            return False
        if k >= 0 and self.tokens[k].text[:1].islower() and not self.lex.cue("titles", self.tokens[k].low):
            k -= 1  # one adjective: "ministre ukrainien de la Défense"
        return k >= 0 and self.tokens[k].low in _PORTFOLIO_HOLDERS

    def split_titles(self, span: Span) -> list[Span]:
        """A capitalised title inside a span separates an organisation from the person it introduces; a title
        opening the span is not part of the name."""
        start, end, kind = span
        titles, tokens = self.lex.cues["titles"], self.tokens
        # Most spans hold no title: one set test of their capitalised words' lowercase forms, before the names.
        if titles.isdisjoint([t.text.lower() for t in tokens[start:end] if t.text[:1].isupper()]):
            return [span]
        name = self.name(start, end)
        if self.lex.is_place(name) or name in self.lex.organisations:
            return [span]
        for k in range(start, end):
            low = tokens[k].low
            if low not in titles or not tokens[k].capitalised:
                continue
            right = k
            while right < end and tokens[right].low in titles | {"general", "."}:
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
            given = self.tokens[start].text in self.lex.first_names and end - start >= 2
            return (start, end, "PER" if given or self.role_after(end) else "ORG")
        return span

    def place_like_person(self, start: int, end: int) -> bool:
        """'la ville de Kolo Dabra', 'the town of X': a name after a place noun and 'de'/'of'; 'in Palo Alto',
        'né à Kolo Dabra': two or more words without a given name after a place preposition."""
        tokens = self.tokens
        after_place_noun = (
            start >= 2
            and tokens[start - 1].low in {"de", "d'", "d’", "of"}
            and self.lex.cue("place_of_nouns", tokens[start - 2].low)
        )
        return after_place_noun or (
            end - start >= 2
            and start > 0
            and tokens[start - 1].low in _PLACE_PREPOSITIONS
            and tokens[start].text not in self.lex.first_names
            and not self.title_before(start)
        )

    def title_before(self, start: int) -> bool:
        """'Mayor Linda Park', 'le maire Jean Dupont', 'Dr. Ada Shaw': a title right before the name."""
        k = start - 1
        if k >= 0 and self.tokens[k].text == ".":
            k -= 1
        return k >= 0 and self.lex.cue("titles", self.tokens[k].low)

    def role_after(self, end: int) -> bool:
        """'Linda Park, the mayor,' / 'Kate Nicholls, chief executive of': a role after a comma."""
        tokens = self.tokens
        if end >= len(tokens) or tokens[end].text != ",":
            return False
        for k in range(end + 1, min(end + 5, len(tokens))):
            low = tokens[k].low
            if self.lex.cue("roles", low) or self.lex.cue("titles", low):
                return True
            if not low[:1].isalpha() and low not in {"'s", "’s"}:
                return False
        return False

    def speaks(self, start: int, end: int) -> bool:
        """'X said', 'X, 54, said', 'a déclaré X', 'selon X'."""
        tokens = self.tokens
        after = [t.low for t in tokens[end : end + 4] if t.text not in {",", "a"} and not t.text.isdigit()]
        before = tokens[start - 1].low if start else ""
        return bool(after and self.lex.cue("speech_verbs", after[0])) or before in _SPEAKER_AFTER

    def parenthesised_given_names(self, spans: list[Span]) -> list[Span]:
        """'(Vladimir) Medinski': the parenthesised given name joins the surname's span."""
        tokens, result = self.tokens, list[Span]()
        for start, end, kind in spans:
            if (
                start >= 3
                and tokens[start - 1].text == ")"
                and tokens[start - 3].text == "("
                and tokens[start - 2].capitalised
            ):
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
                parts.update(self.tokens[k].text for k in range(s + 1, e) if self.tokens[k].capitalised)
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
        tokens, text = self.tokens, self.text
        if len(words) > _FEW_WORDS:
            return [k for k, t in enumerate(tokens) if t.text in words]
        found = []
        for word in words:
            at = text.find(word)
            while at >= 0:
                k = bisect_right(tokens, at, key=_START) - 1  # the token starting at or before `at`
                if k >= 0 and tokens[k].start == at and tokens[k].text == word:
                    found.append(k)
                at = text.find(word, max(at + 1, tokens[k].end if k >= 0 else 0))
        return found


def dateline_spans(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Wire datelines at a line start: 'LONDON (AP) —', 'NAIROBI, Kenya (Reuters) -': the capitals are a place."""
    spans = []
    for i in line_starts(text, tokens):
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
