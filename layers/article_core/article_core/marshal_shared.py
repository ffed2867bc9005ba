"""Values made ready for `marshal.dumps` so that loading them makes fewer objects (layer build and data tables).

marshal stores an object that several places hold once, and later places refer back to it; loading then makes
that string (and hashes it) once. Data parsed from text has a separate string for each occurrence of a word, so
`shared` first makes equal strings and floats one object. The loaded value is equal, order included. Used by the
build steps that write pre-parsed data (benchmarks/build_data_tables.py, layers/article_core/slim_layer.py); the
runtime only loads what they wrote.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

_Key = tuple[type, str]


def shared(value: Any) -> Any:
    """`value` (dicts, lists, tuples of strings, floats and other scalars) rebuilt so that equal strings and floats
    found more than once are one object: marshal then stores each once and refers back to it. Equal to `value`,
    order included; floats are told apart by their bits (0.0 and -0.0 stay two)."""
    counts: Counter[_Key] = Counter()
    _count(value, counts)
    return _rebuilt(value, counts, {})


def _exactly(item: str | float) -> _Key:
    return (str, item) if isinstance(item, str) else (float, item.hex())


def _count(item: Any, counts: Counter[_Key]) -> None:
    if isinstance(item, dict):
        for key, inner in item.items():
            _count(key, counts)
            _count(inner, counts)
    elif isinstance(item, (list, tuple)):
        for inner in item:
            _count(inner, counts)
    elif isinstance(item, (str, float)):
        counts[_exactly(item)] += 1


def _rebuilt(item: Any, counts: Counter[_Key], pool: dict[_Key, Any]) -> Any:
    if isinstance(item, dict):
        return {_rebuilt(key, counts, pool): _rebuilt(inner, counts, pool) for key, inner in item.items()}
    if isinstance(item, (list, tuple)):
        made = [_rebuilt(inner, counts, pool) for inner in item]
        return made if isinstance(item, list) else tuple(made)
    if isinstance(item, (str, float)) and counts[_exactly(item)] > 1:
        return pool.setdefault(_exactly(item), item)
    return item
