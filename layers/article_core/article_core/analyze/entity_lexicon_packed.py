"""The entity tagger's word lists as the runtime loads them: data/ner_lexicon.marshal, the sets
`entity_lexicon.load_lexicon` makes of the ner_*.txt files, pre-parsed by benchmarks/build_data_tables.py.

A cold start loads this in about half the time of parsing the text (about 25k short lines, then the derived
first-name and name-start sets). The text files stay the sources, and training reads them (entity_lexicon);
a unit test checks this file holds exactly what they make.
"""

from __future__ import annotations

import marshal
from functools import cache
from importlib import resources

from .entity_lexicon import Lexicon

LEXICON_FILE = "ner_lexicon.marshal"
# The sets of a Lexicon, stored as sorted tuples (the same bytes whatever the hash seed).
_SETS = ("places", "organisations", "first_names", "common", "name_starts")


@cache
def load_packed_lexicon() -> Lexicon:
    """Gazetteers and cue words, read once per process, only when an article needs entities."""
    # Our own file, shipped read-only beside this code: as trusted as the code itself.
    stored = marshal.loads(resources.files("article_core").joinpath("data", LEXICON_FILE).read_bytes())  # noqa: S302
    cues = {name: frozenset(words) for name, words in stored["cues"].items()}
    return Lexicon(**{name: frozenset(stored[name]) for name in _SETS}, cues=cues)


def lexicon_tables(lexicon: Lexicon) -> dict[str, object]:
    """What data/ner_lexicon.marshal stores for `lexicon`."""
    tables: dict[str, object] = {name: tuple(sorted(getattr(lexicon, name))) for name in _SETS}
    tables["cues"] = {name: tuple(sorted(words)) for name, words in lexicon.cues.items()}
    return tables
