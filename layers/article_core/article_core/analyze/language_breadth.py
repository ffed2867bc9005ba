"""Breadth language identification: py3langid's model (97 languages), scored in pure Python.

py3langid is a maintained, trained byte n-gram naive-Bayes identifier, but it imports numpy (tens of MB,
slow to import). benchmarks/build_breadth_language_model.py copies its arrays into data/langid_breadth.bin.z
and this module repeats its arithmetic with `array`/`struct`: walk the byte DFA to count features, score
each class as pc + sum(log1p(count) * ptc[feature]), take the best. Loaded on first use only, for text the
own fr/en model is not sure about. Labels come out as ISO 639-1: dialect and historic classes fold into
their macro-language, classes without an ISO 639-1 code are left out, `zxx` (no language) is `und`.
"""

from __future__ import annotations

import json
import math
import struct
import sys
import unicodedata
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

CHUNK = 1 << 22  # inflate 4 MB at a time
MAX_BYTES = 4_000  # a few sentences decide; the walk and the sums are linear in what is read
NO_LANGUAGE = "zxx"
# py3langid classes that belong to an ISO 639-1 macro-language; "no" is trained on no.wikipedia (Bokmal).
_FOLD = {"arz": "ar", "ary": "ar", "uzs": "uz", "yue": "zh", "wuu": "zh", "hbo": "he", "sdh": "ku", "no": "nb"}


@dataclass(frozen=True)
class BreadthModel:
    classes: tuple[str, ...]
    ptc: memoryview  # float16 rows, one per feature
    pc: tuple[float, ...]
    nextmove: memoryview  # typed views (uint16/uint32, int32) into the decompressed file
    rowbase: tuple[int, ...]  # state -> offset of its 256-entry transition row
    output: memoryview
    row_format: struct.Struct

    @property
    def scored(self) -> tuple[int, ...]:
        return _scored_columns(self.classes)


def _decompress(packed: bytes) -> bytearray:
    """Inflate into one buffer of the size the file announces: `zlib.decompress` would briefly hold twice
    the 68 MB while joining its output blocks."""
    size = int.from_bytes(packed[:8], "little")
    out = bytearray(size)
    inflater = zlib.decompressobj()
    offset, pending = 0, memoryview(packed)[8:]
    while pending:
        chunk = inflater.decompress(pending, CHUNK)
        out[offset : offset + len(chunk)] = chunk
        offset += len(chunk)
        pending = memoryview(inflater.unconsumed_tail)
    rest = inflater.flush()
    out[offset : offset + len(rest)] = rest
    offset += len(rest)
    if offset != size:
        raise ValueError(f"langid_breadth.bin.z: {offset} bytes inflated, {size} announced")
    return out


@cache
def load_model() -> BreadthModel:
    """Read the packed model (7.7 MB compressed, 68 MB in memory)."""
    payload = _decompress(resources.files("article_core.data").joinpath("langid_breadth.bin.z").read_bytes())
    split = payload.index(b"\n")
    header = json.loads(payload[:split])
    body = memoryview(payload)[split + 1 :]  # views, not copies: the arrays are 68 MB
    parts: dict[str, memoryview] = {}
    offset = 0
    for name, _code, size in header["arrays"]:
        parts[name] = body[offset : offset + size]
        offset += size
    classes = tuple(header["classes"])
    codes = {name: code for name, code, _ in header["arrays"]}
    if sys.byteorder != "little":  # the file holds little-endian arrays; copy and swap on other machines
        return _swapped(classes, codes, parts)
    # Typed views into the one decompressed buffer: no array is copied (the file's arrays are little-endian).
    nextmove, row, output = parts["nextmove"].cast(codes["nextmove"]), parts["row"].cast("H"), parts["output"].cast("i")
    pc = parts["pc"].cast("f")
    return BreadthModel(
        classes=classes,
        ptc=parts["ptc"],
        pc=tuple(pc),
        nextmove=nextmove,
        rowbase=tuple(r << 8 for r in row),
        output=output,
        row_format=struct.Struct(f"<{len(classes)}e"),
    )


def _swapped(classes: tuple[str, ...], codes: dict[str, str], parts: dict[str, memoryview]) -> BreadthModel:
    """The same model on a big-endian machine: arrays copied and byte-swapped."""
    arrays = {}
    for name, code in (("nextmove", codes["nextmove"]), ("row", "H"), ("output", "i"), ("pc", "f")):
        arrays[name] = array(code, bytes(parts[name]))
        arrays[name].byteswap()
    return BreadthModel(
        classes=classes,
        ptc=parts["ptc"],
        pc=tuple(arrays["pc"]),
        nextmove=memoryview(arrays["nextmove"]),
        rowbase=tuple(r << 8 for r in arrays["row"]),
        output=memoryview(arrays["output"]),
        row_format=struct.Struct(f"<{len(classes)}e"),
    )


@cache
def _scored_columns(classes: tuple[str, ...]) -> tuple[int, ...]:
    """Columns whose label is (or folds into) an ISO 639-1 code, plus `zxx`."""
    return tuple(i for i, c in enumerate(classes) if len(c) == 2 or c in _FOLD or c == NO_LANGUAGE)


def encode(text: str) -> bytes:
    """As py3langid: all-caps text lowered, NFC, UTF-8."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")[:MAX_BYTES]


def raw_scores(text: str, model: BreadthModel | None = None, *, scored_only: bool = False) -> list[float] | None:
    """Naive-Bayes log score per class, as py3langid computes it; None when no feature fires.
    `scored_only`: the `model.scored` columns alone, in that order (what `rank` reads; a fifth less work)."""
    model = model or load_model()
    nextmove, rowbase, output = model.nextmove, model.rowbase, model.output
    state = 0
    features = []
    for byte in encode(text):
        state = nextmove[rowbase[state] + byte]
        feature = output[state]
        if feature >= 0:
            features.append(feature)
    if not features:
        return None
    pc = model.pc
    scores = [pc[i] for i in model.scored] if scored_only else list(pc)
    row_format = _scored_row_format(model.classes) if scored_only else model.row_format
    width = model.row_format.size
    unpack = row_format.unpack_from
    for feature, count in Counter(features).items():
        # scores[c] += log1p(count) * ptc[feature][c]: the same float operations, column by column, as a
        # comprehension (about twice as fast as map(add, scores, map(mul, ...)) on Python 3.13).
        weight = math.log1p(count)
        scores = [score + weight * p for score, p in zip(scores, unpack(model.ptc, feature * width), strict=True)]
    return scores


@cache
def _scored_row_format(classes: tuple[str, ...]) -> struct.Struct:
    """A ptc row's struct format that unpacks the scored columns only (the others are pad bytes)."""
    scored = set(_scored_columns(classes))
    return struct.Struct("<" + "".join("e" if i in scored else "2x" for i in range(len(classes))))


def rank(text: str) -> list[tuple[str, float]]:
    """ISO 639-1 labels by score, best first (py3langid's raw labels folded); empty when no feature fires."""
    model = load_model()
    scores = raw_scores(text, model, scored_only=True)
    if scores is None:
        return []
    best: dict[str, float] = {}
    for i, score in zip(model.scored, scores, strict=True):
        label = _FOLD.get(model.classes[i], model.classes[i])
        if score > best.get(label, -math.inf):
            best[label] = score
    return sorted(best.items(), key=lambda item: -item[1])


def top_raw_label(text: str) -> str | None:
    """py3langid's own top label (no folding, every class): what the equivalence test compares."""
    model = load_model()
    scores = raw_scores(text, model)
    if scores is None:
        return None
    return model.classes[max(range(len(scores)), key=scores.__getitem__)]
