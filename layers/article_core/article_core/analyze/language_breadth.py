"""Breadth language identification: py3langid's model (97 languages), scored in pure Python.

py3langid is a maintained, trained byte n-gram naive-Bayes identifier, but it imports numpy (tens of MB, slow
to import). benchmarks/build_breadth_language_model.py copies its arrays into data/langid_breadth.bin.z and
this module repeats its arithmetic with `array`/`struct`: walk the byte DFA to count features, score each
class as pc + sum(log1p(count) * ptc[feature]) (rows summed as exact integers), take the best. Loaded on first
use only, for text the own fr/en model is not sure about. Labels come out as ISO 639-1: dialect and historic
classes fold into their macro-language, classes without an ISO 639-1 code are left out, `zxx` (no language) is
`und`.
"""

from __future__ import annotations

import json
import math
import struct
import sys
import unicodedata
import zlib
from array import array
from collections import Counter, defaultdict
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
    ptc: memoryview  # rows of uint16, one per feature: -ptc_scale * log P(feature | class), exact integers
    pc: tuple[float, ...]
    nextmove: memoryview  # typed views (uint16/uint32, int32) into the decompressed file
    rowbase: tuple[int, ...]  # state -> offset of its 256-entry transition row
    output: memoryview
    ptc_scale: int
    column_sums: struct.Struct  # one uint32 per class, little-endian

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
        return _swapped(classes, codes, parts, header["ptc_scale"])
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
        ptc_scale=header["ptc_scale"],
        column_sums=struct.Struct(f"<{len(classes)}I"),
    )


def _swapped(
    classes: tuple[str, ...], codes: dict[str, str], parts: dict[str, memoryview], ptc_scale: int
) -> BreadthModel:
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
        ptc_scale=ptc_scale,
        column_sums=struct.Struct(f"<{len(classes)}I"),
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


def raw_scores(text: str, model: BreadthModel | None = None) -> list[float] | None:
    """Naive-Bayes log score per class, as py3langid computes it (to float rounding); None when no feature fires.

    score[c] = pc[c] + sum over features of log1p(count) * ptc[feature][c]. Features that occur equally often
    share their weight, so each such group's rows are summed first, as exact integers (`_column_sums`): a
    page's thousand distinct features cost a few big-integer additions each instead of 142 float operations.
    """
    model = model or load_model()
    nextmove, rowbase = model.nextmove, model.rowbase
    state = 0
    states: list[int] = []
    append = states.append
    for byte in encode(text):
        state = nextmove[rowbase[state] + byte]
        append(state)
    output = model.output
    counts: Counter[int] = Counter()
    for state, n in Counter(states).items():
        feature = output[state]
        if feature >= 0:
            counts[feature] += n
    if not counts:
        return None
    by_count: dict[int, list[int]] = defaultdict(list)
    for feature, count in counts.items():
        by_count[count].append(feature)
    scores = list(model.pc)
    for count, features in by_count.items():
        weight = math.log1p(count) / model.ptc_scale  # the rows hold -ptc_scale * log P
        scores = [score - weight * q for score, q in zip(scores, _column_sums(model, features), strict=True)]
    return scores


_ROWS_PER_FIELD = 8  # ptc integers are below 2**13 (the build checks it): eight rows add up within 16 bits


def _column_sums(model: BreadthModel, features: list[int]) -> tuple[int, ...]:
    """Per class, the sum of the features' ptc integers. A row read as one little-endian integer holds a 16-bit
    field per class; eight such integers add without a carry between fields, and each partial sum is then
    spread to 32-bit fields (bytes slices) before joining the total: at most MAX_BYTES features of < 2**13 each."""
    ptc, width = model.ptc, 2 * len(model.classes)
    from_bytes = int.from_bytes
    total = 0
    for i in range(0, len(features), _ROWS_PER_FIELD):
        partial = sum(
            [from_bytes(ptc[f * width : f * width + width], "little") for f in features[i : i + _ROWS_PER_FIELD]]
        )
        narrow = partial.to_bytes(width, "little")
        wide = bytearray(2 * width)
        wide[0::4] = narrow[0::2]
        wide[1::4] = narrow[1::2]
        total += from_bytes(wide, "little")
    return model.column_sums.unpack(total.to_bytes(2 * width, "little"))


def rank(text: str) -> list[tuple[str, float]]:
    """ISO 639-1 labels by score, best first (py3langid's raw labels folded); empty when no feature fires."""
    model = load_model()
    scores = raw_scores(text, model)
    if scores is None:
        return []
    best: dict[str, float] = {}
    for i in model.scored:
        label = _FOLD.get(model.classes[i], model.classes[i])
        if scores[i] > best.get(label, -math.inf):
            best[label] = scores[i]
    return sorted(best.items(), key=lambda item: -item[1])


def top_raw_label(text: str) -> str | None:
    """py3langid's own top label (no folding, every class): what the equivalence test compares."""
    model = load_model()
    scores = raw_scores(text, model)
    if scores is None:
        return None
    return model.classes[max(range(len(scores)), key=scores.__getitem__)]
