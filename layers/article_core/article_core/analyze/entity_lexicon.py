"""Word lists the entity tagger reads: gazetteers (places, organisations, given names, common words) and cue
words (titles, roles, organisation and place words, speech verbs), all from data/ner_*.txt.

Each list's source and licence are in its file; `benchmarks/build_ner_words.py` keeps ner_cue_words.txt
normalised. Read once per process, only when an article needs entities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

# The sections of data/ner_cue_words.txt, each a set of lowercase words.
CUE_SETS = (
    "person_cues",
    "titles",
    "roles",
    "speech_verbs",
    "org_heads",
    "org_words",
    "place_heads",
    "place_first_words",
    "place_last_words",
    "place_of_nouns",
    "particles",
)
# Longest gazetteer name looked up, in tokens.
MAX_GAZETTEER_TOKENS = 4


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Hashed by identity: one per process, a key of the feature cache."""

    places: frozenset[str]
    organisations: frozenset[str]
    first_names: frozenset[str]
    common: frozenset[str]
    cues: dict[str, frozenset[str]]
    # The first word of every place and organisation name: a capitalised word outside it opens no gazetteer name.
    name_starts: frozenset[str]

    def cue(self, name: str, word: str) -> bool:
        return word in self.cues[name]

    def is_place(self, name: str) -> bool:
        return name.replace("’", "'") in self.places


def read_data(name: str) -> str:
    return resources.files("article_core").joinpath("data", name).read_text(encoding="utf-8")


def _lines(name: str) -> Iterable[str]:
    return (line.strip() for line in read_data(name).splitlines() if line.strip() and not line.startswith("#"))


def parse_sections(text: str) -> dict[str, list[str]]:
    """'[name]' headers, then whitespace-separated words; '#' lines are comments (source, licence)."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.extend(line.split())
    return sections


@cache
def load_lexicon() -> Lexicon:
    """Gazetteers and cue words, read once per process (about 25k short lines)."""
    common = frozenset(word for line in _lines("ner_common_words.txt") for word in line.split())
    first_names = frozenset(name for name in _lines("ner_first_names.txt") if name.lower() not in common)
    sections = parse_sections(read_data("ner_cue_words.txt"))
    places, organisations = frozenset(_lines("ner_places.txt")), frozenset(_lines("ner_organisations.txt"))
    return Lexicon(
        places=places,
        organisations=organisations,
        first_names=first_names,
        common=common,
        cues={name: frozenset(sections.get(name, ())) for name in CUE_SETS},
        name_starts=frozenset(name.partition(" ")[0] for name in places | organisations),
    )
