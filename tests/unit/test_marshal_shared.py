"""Values made ready for marshal (article_core.marshal_shared): equal when loaded, repeats stored once."""

from __future__ import annotations

import marshal

from article_core.marshal_shared import shared


def test_shared_keeps_values_order_and_float_signs() -> None:
    # Given a value holding equal strings and floats several times, and 0.0 beside -0.0
    value = ({"ab": 1.5, "cd": 0.0}, {"ab": 1.5, "cd": -0.0}, ("ab", ["ab", None, True, 3]))
    # When it is rebuilt for storing
    rebuilt = shared(value)
    # Then it is equal, order and signs included
    assert rebuilt == value and [list(t) for t in rebuilt[:2]] == [list(t) for t in value[:2]]
    assert str(rebuilt[0]["cd"]) == "0.0" and str(rebuilt[1]["cd"]) == "-0.0"
    # And each repeat is one object, as marshal then loads it
    for made in (rebuilt, marshal.loads(marshal.dumps(rebuilt, 4))):  # noqa: S302 (made here)
        first, second, rest = made
        assert next(iter(first)) is next(iter(second)) is rest[0] is rest[1][0]
        assert first["ab"] is second["ab"]


def test_shared_makes_loading_cheaper_by_making_fewer_objects() -> None:
    # Given seven tables keyed by the same words (each parsed from text: a string per occurrence)
    words = [f"word{i}" for i in range(200)]
    tables = tuple({"".join(list(w)): float(i) for i, w in enumerate(words)} for _ in range(7))
    # When stored shared and loaded
    loaded = marshal.loads(marshal.dumps(shared(tables), 4))  # noqa: S302 (made here)
    # Then the keys are made once, not once per table
    assert loaded == tables
    assert len({id(key) for table in loaded for key in table}) == len(words)
