"""Named entities (PER, LOC, ORG, MISC): a learned tagger, article-wide rules, then one record per entity.

The steps, each in its own module:
1. `entity_tokens`: words with offsets, sentence starts, the text cut into sentences;
2. `entity_tagger` over `entity_features`: a CRF model per language (English: CoNLL-2003; French: WikiNEuRal)
   labels each token from its shape, affixes, neighbours, gazetteer membership and title/speech cues;
3. `entity_rules`: datelines, titles, "X said", name reuse within the article;
4. here: mentions grouped into `Entity` records, a canonical name with the variants as written.

`tag_mentions` returns every mention (the benchmark scores these); `extract_entities` groups them.
"""

from __future__ import annotations

from typing import NamedTuple

from ..models import Entity
from .entity_lexicon_packed import load_packed_lexicon
from .entity_rules import PostRules
from .entity_tagger import tag_spans
from .entity_tokens import tokenize

# Longest name whose parts are indexed for merging variants, in words.
_MAX_NAME_WORDS = 6

__all__ = ["Mention", "extract_entities", "tag_mentions"]


class Mention(NamedTuple):
    """One mention of an entity: `text` is as written, `name` the same without parentheses.

    A named tuple, not a frozen dataclass: made three times as fast (a frozen dataclass sets each field through
    `object.__setattr__`), as immutable, with the same fields."""

    start: int
    end: int
    type: str
    text: str
    name: str


def tag_mentions(text: str, language: str = "fr") -> list[Mention]:
    """Every entity mention in `text`, in order (offsets into `text`)."""
    tokens = tokenize(text)
    if not tokens:
        return []
    lexicon = load_packed_lexicon()
    rules = PostRules(text, tokens, lexicon)
    spans = rules.apply(tag_spans(text, tokens, language, lexicon))
    mentions = []
    starts, name = tokens.start, rules.name
    for start, end, kind in spans:
        first, last = starts[start], tokens.end(end - 1)
        mentions.append(Mention(first, last, kind, text[first:last], name(start, end)))
    return mentions


def extract_entities(text: str, language: str) -> list[Entity]:
    """Entities, variants merged: 'Lavrov' joins 'Sergueï Lavrov'; '(Vladimir) Medinski' is 'Vladimir Medinski'."""
    mentions = tag_mentions(text, language)
    persons = _longer_names({m.name for m in mentions if m.type == "PER"})
    names = {m.name for m in mentions}
    groups: dict[tuple[str, str], list[Mention]] = {}
    canonical: dict[tuple[str, str], str] = {}
    for mention in mentions:
        seen = (mention.type, mention.name)
        if seen not in canonical:
            canonical[seen] = _canonical(mention, persons, names)
        groups.setdefault((mention.type, canonical[seen]), []).append(mention)
    entities = [
        Entity(
            text=name,
            type=kind,
            count=len(group),
            start=group[0].start,
            variants=list(dict.fromkeys(m.text for m in group)),
        )
        for (kind, name), group in groups.items()
    ]
    return sorted(entities, key=lambda e: e.start)


def _longer_names(persons: set[str]) -> dict[tuple[str, ...], list[str]]:
    """Each leading or trailing run of words of a person's name -> the longer names it is part of, longest first.

    Built once per article so that merging stays linear in the number of mentions.
    """
    index: dict[tuple[str, ...], list[str]] = {}
    for person in sorted(persons, key=lambda n: -len(n.split())):
        words = tuple(person.split())
        if len(words) > _MAX_NAME_WORDS:
            continue  # not a real name; indexing its parts would cost the square of its length
        for n in range(1, len(words)):
            for part in {words[-n:], words[:n]}:
                index.setdefault(part, []).append(person)
    return index


def _canonical(mention: Mention, persons: dict[tuple[str, ...], list[str]], names: set[str]) -> str:
    """A person's shorter mention takes the longest full name that ends (or starts) with it, when unique; a
    name in capitals (a dateline's "LONDON") takes its usual spelling when known."""
    if mention.type in {"LOC", "ORG"} and mention.name.isupper() and len(mention.name) > 3:
        titled = mention.name.title()
        return titled if titled in names or load_packed_lexicon().is_place(titled) else mention.name
    if mention.type != "PER":
        return mention.name
    candidates = persons.get(tuple(mention.name.split()), [])
    longest = [c for c in candidates if len(c.split()) == len(candidates[0].split())] if candidates else []
    return longest[0] if len(set(longest)) == 1 else mention.name
