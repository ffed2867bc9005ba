"""The entity models driven through CRFsuite's C API (the library inside pycrfsuite), by ctypes.

Why: `pycrfsuite.Tagger.tag` turns every feature of every token into a C++ string, copies the sequence, then
looks each string up in the model's attribute dictionary: about two thirds of its time on an article. Here each
distinct feature is looked up once per process (`encode`, cached) as CRFsuite's packed (attribute id, 1.0)
pair, a sentence is those pairs concatenated, and the tagger's own `set` and `viterbi` run on them: the same C
code computes the same scores over the same attributes in the same order, so the labels are the same (a unit
test compares with `pycrfsuite` on sample articles; `load` returns None, and the caller uses pycrfsuite, if
the library does not expose the C API this binding expects).

Structures as in crfsuite.h (crfsuite 0.12, python-crfsuite 0.9.12): an attribute is {int aid; double value},
an item {int num, cap; attribute *contents}, an instance {int num, cap; item *items; int *labels; double
weight; int group}; the model, tagger and dictionary are tables of function pointers after {void *internal;
int nref}.
"""

from __future__ import annotations

import ctypes
import struct
import sys
from array import array
from itertools import accumulate, chain, repeat
from operator import floordiv
from typing import Any

_P = ctypes.c_void_p
_INT = ctypes.c_int
CRFSUITE_VERSION = "0.12.2"  # the crfsuite.h these structures copy (python-crfsuite 0.9.12 bundles it)
_ONE = struct.pack("<d", 1.0)
_INSTANCE = struct.Struct("<iiQQdi4x")
_ATTRIBUTE_SIZE = 16  # {int aid; (padding); double value}
_REPEAT_SIZE = repeat(_ATTRIBUTE_SIZE)
# Features whose packing is kept (the model knows 14-18k attributes; the rest are new words' features).
_MAX_ENCODED = 200_000


def _table(*slots: tuple[str, Any]) -> type[ctypes.Structure]:
    fields = [
        ("internal", _P),
        ("nref", _INT),
        ("addref", ctypes.CFUNCTYPE(_INT, _P)),
        ("release", ctypes.CFUNCTYPE(_INT, _P)),
    ]
    return type("Table", (ctypes.Structure,), {"_fields_": [*fields, *slots]})


_Model = _table(
    ("get_tagger", ctypes.CFUNCTYPE(_INT, _P, ctypes.POINTER(_P))),
    ("get_labels", ctypes.CFUNCTYPE(_INT, _P, ctypes.POINTER(_P))),
    ("get_attrs", ctypes.CFUNCTYPE(_INT, _P, ctypes.POINTER(_P))),
)
_Tagger = _table(
    ("set", ctypes.CFUNCTYPE(_INT, _P, ctypes.c_char_p)),
    ("length", ctypes.CFUNCTYPE(_INT, _P)),
    ("viterbi", ctypes.CFUNCTYPE(_INT, _P, _P, _P)),
)
_Dictionary = _table(
    ("get", ctypes.CFUNCTYPE(_INT, _P, ctypes.c_char_p)),
    ("to_id", ctypes.CFUNCTYPE(_INT, _P, ctypes.c_char_p)),
    ("to_string", ctypes.CFUNCTYPE(_INT, _P, _INT, ctypes.POINTER(ctypes.c_char_p))),
    ("num", ctypes.CFUNCTYPE(_INT, _P)),
)


def _address(pointer: ctypes.c_void_p) -> int:
    if not pointer.value:
        raise OSError("CRFsuite returned a null interface")
    return pointer.value


class CrfModel:
    """One opened model: `tag` labels a sentence given as lists of feature bytes, as pycrfsuite's would."""

    def __init__(self, library: ctypes.CDLL, path: str, known: frozenset[bytes]) -> None:
        model = _P()
        if library.crfsuite_create_instance_from_file(path.encode(), ctypes.byref(model)) != 0:
            raise OSError(f"CRFsuite could not open {path}")
        table = _Model.from_address(_address(model))
        tagger, attributes, labels = _P(), _P(), _P()
        if table.get_tagger(model, ctypes.byref(tagger)) or table.get_attrs(model, ctypes.byref(attributes)):
            raise OSError("CRFsuite model without a tagger or attributes")
        if table.get_labels(model, ctypes.byref(labels)):
            raise OSError("CRFsuite model without labels")
        # The model and its interfaces live as long as the process (one per language, as pycrfsuite's Tagger).
        self._model, self._tagger, self._attributes = model, tagger, attributes
        self._set = _Tagger.from_address(_address(tagger)).set
        self._viterbi = _Tagger.from_address(_address(tagger)).viterbi
        self._to_id = _Dictionary.from_address(_address(attributes)).to_id
        label_table = _Dictionary.from_address(_address(labels))
        name = ctypes.c_char_p()
        self.labels: list[str] = []
        for i in range(label_table.num(labels)):
            label_table.to_string(labels, i, ctypes.byref(name))
            self.labels.append((name.value or b"").decode())
        if len(self.labels) > 256:
            raise OSError("CRFsuite model with more labels than a byte can number")
        # feature -> its packed (id, 1.0) attribute; b"" for a feature the model does not know (CRFsuite skips it)
        self._encoded: dict[bytes, bytes] = {}
        self._known = known  # the model's attributes (its .attributes file): others need no look-up

    def encode(self, feature: bytes) -> bytes:
        """`feature` as CRFsuite's packed attribute, b"" if the model does not know it (cached, bounded)."""
        found = self._encoded.get(feature)
        if found is None:
            if len(self._encoded) >= _MAX_ENCODED:
                self._encoded.clear()  # a warm process meets new words for ever: memory stays bounded
            aid = self._to_id(self._attributes, feature) if feature in self._known else -1
            found = self._encoded[feature] = struct.pack("<i4x", aid) + _ONE if aid >= 0 else b""
        return found

    def encode_all(self, features: tuple[bytes, ...]) -> bytes:
        """The packed attributes of `features`, in order, those the model does not know left out."""
        parts = [self._encoded.get(feature) for feature in features]
        if None in parts:  # a feature seen for the first time in this process
            parts = [self.encode(feature) for feature in features]
        return b"".join(parts)  # type: ignore[arg-type]  # no None left

    def tag(self, sequence: list[list[bytes]]) -> list[str]:
        """The Viterbi labels of one sentence given as each token's features, in order (as pycrfsuite's)."""
        return self.tag_packed([b"".join(map(self.encode, features)) for features in sequence])

    def tag_packed(self, items: list[bytes]) -> list[str]:
        """The Viterbi labels of one sentence given as each token's packed attributes (`encode`, joined)."""
        return list(map(self.labels.__getitem__, self.label_ids(items)))

    def label_ids(self, items: list[bytes]) -> bytes:
        """The Viterbi labels of one sentence given as each token's packed attributes, one byte per token: the
        label's index in `labels` (no Python int per token)."""
        return self.label_ids_each([items])[0]

    def label_ids_each(self, sentences: list[list[bytes]]) -> list[bytes]:
        """`label_ids` of each sentence, tagged one at a time as ever (each its own Viterbi path), with the C
        structures of all of them built at once: one buffer of attributes, one item table, one path, so an
        article's dozen or more sentences cost two C calls each and no more Python work than one."""
        items = list(chain.from_iterable(sentences))
        n = len(items)
        if not n:
            return [b"" for _ in sentences]
        contents = b"".join(items)
        # Where CRFsuite reads the attributes: the bytes object's own data (`_BYTES_DATA`), or a copy's elsewhere.
        # Not copied into an array: the copy of some 150 KB costs about as many instructions as it has bytes.
        copy = array("B", contents) if _BYTES_DATA < 0 else None
        address = copy.buffer_info()[0] if copy is not None else id(contents) + _BYTES_DATA
        table = _item_table(list(map(len, items)), address)
        path = array("i", bytes(4 * n))
        tagged, at = table.buffer_info()[0], path.buffer_info()[0]
        # `contents` (or `copy`), `table` and the instance stay referenced until both calls return: CRFsuite reads
        # them there.
        for length in map(len, sentences):
            if length:
                instance = _INSTANCE.pack(length, length, tagged, 0, 1.0, 0)
                if self._set(self._tagger, instance) or self._viterbi(self._tagger, at, None):
                    raise RuntimeError("CRFsuite failed to tag a sentence")
                tagged, at = tagged + 16 * length, at + 4 * length
        labels = path.tobytes()[0::4]  # little-endian ints below 256: their first bytes
        ends = list(accumulate(map(len, sentences)))
        return [labels[end - length : end] for end, length in zip(ends, map(len, sentences), strict=True)]


def _bytes_data_offset() -> int:
    """The offset of a bytes object's data from its `id` (CPython: the object header), checked once against the
    pointer ctypes passes for it; -1 when `id` is not that address (another Python)."""
    probe = bytes(range(8))
    offset = bytes.__basicsize__ - 1  # the header before the data (which ends with a terminating byte)
    return offset if ctypes.cast(ctypes.c_char_p(probe), _P).value == id(probe) + offset else -1


_BYTES_DATA = _bytes_data_offset()


def _item_table(sizes: list[int], address: int) -> array[int]:
    """CRFsuite's items for tokens whose packed attributes (`sizes` bytes each) lie one after another from
    `address`: each {int num, cap; attribute *contents}, the columns filled by strided slices from lists made by
    map and accumulate (no Python step per token; an array built from an iterator costs several times more)."""
    table = array("B", bytes(16 * len(sizes)))
    try:  # a token's count in the low byte of num and cap (small ints, no conversion to C int per token)
        counts = array("B", bytes(map(floordiv, sizes, _REPEAT_SIZE)))
        table[0::16] = counts
        table[4::16] = counts
    except ValueError:  # a token with 256 attributes or more
        wide = array("i", list(map(floordiv, sizes, _REPEAT_SIZE)))
        view = memoryview(table).cast("i")
        view[0::4] = wide
        view[1::4] = wide
    memoryview(table).cast("q")[1::2] = array("q", list(accumulate(sizes[:-1], initial=address)))
    return table


def load(path: str, known: frozenset[bytes]) -> CrfModel | None:
    """The model at `path` (`known`: its attributes) through the C API, or None when pycrfsuite's library does
    not offer it."""
    from pycrfsuite import _pycrfsuite

    # The structures above are crfsuite 0.12's on a 64-bit little-endian build (Lambda's x86_64 and arm64):
    # anything else gets pycrfsuite's own Tagger rather than a guessed memory layout.
    if (
        getattr(_pycrfsuite, "CRFSUITE_VERSION", None) != CRFSUITE_VERSION
        or struct.calcsize("P") != 8
        or sys.byteorder != "little"
    ):
        return None
    try:
        library = ctypes.CDLL(_pycrfsuite.__file__)
        library.crfsuite_create_instance_from_file.argtypes = [ctypes.c_char_p, ctypes.POINTER(_P)]
        return CrfModel(library, path, known)
    except (OSError, AttributeError):
        return None
