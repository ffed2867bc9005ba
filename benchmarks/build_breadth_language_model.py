"""Build data/langid_breadth.bin.z: py3langid's naive-Bayes model in a form the layer reads without numpy.

    pip install py3langid==0.4.0        (build time only: it brings numpy; requirements-dev.txt pins it)
    python -m benchmarks.build_breadth_language_model

Source: py3langid 0.4.0 (BSD-3-Clause; Adrien Barbaresi's fork of langid.py by Marco Lui and Timothy
Baldwin), its bundled `data/model.npz.xz`. The arrays are copied bit for bit (ptc as exact integers, below),
only the container changes: its uncompressed size (8 bytes) then one zlib stream (zlib rather than LZMA: it opens three
times faster) holding a JSON header line (class labels, array names, typecodes and lengths) followed by
the raw little-endian arrays, so analyze/language_breadth.py opens it with `zlib` and `array` alone.

- `ptc`: uint16, features x classes, -512 * log P(feature | class): py3langid's float16 values all lie in
  [-16, -2], where float16 steps are multiples of 1/512, so the integers are exact (the build checks it), and
  the layer sums whole rows as big integers instead of adding 142 floats a feature
- `pc`: float32, classes, log P(class)
- `nextmove`: uint16/uint32, the byte-level DFA's distinct 256-entry transition rows
- `row`: uint16, state -> row of `nextmove`
- `output`: int32, state -> feature counted on entering that state (-1: none)
"""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "layers" / "article_core" / "article_core" / "data" / "langid_breadth.bin.z"


PTC_SCALE = 512  # ptc is stored as -PTC_SCALE * log P, exact integers


def ptc_as_integers(ptc: Any) -> Any:
    """-512 * ptc as little-endian uint16, refusing any value that would not be an exact integer below 2**13
    (13 bits: the layer adds up to eight rows in one 16-bit field)."""
    import numpy as np  # build time only

    scaled = -ptc.astype(np.float64) * PTC_SCALE
    integers = np.rint(scaled)
    if not (np.array_equal(scaled, integers) and integers.min() >= 0 and integers.max() < 1 << 13):
        raise SystemExit("ptc values are no longer exact multiples of 1/512 in (-16, 0]: change the packing")
    return np.ascontiguousarray(integers, dtype="<u2")


def build(target: Path = TARGET) -> None:
    from array import array

    import numpy as np  # build time only
    import py3langid  # build time only
    from py3langid.modelio import load_model

    model_file = Path(py3langid.__file__).parent / "data" / "model.npz.xz"
    ptc, pc, classes, nextmove, row, output = load_model(model_file)
    arrays = {
        "ptc": ("H", ptc_as_integers(np.asarray(ptc, dtype="<f2")).tobytes()),
        "pc": ("f", np.ascontiguousarray(pc, dtype="<f4").tobytes()),
        "nextmove": (nextmove.typecode, nextmove.tobytes()),
        "row": (row.typecode, row.tobytes()),
        "output": ("i", array("i", output).tobytes()),
    }
    if sys.byteorder != "little":
        raise SystemExit("build on a little-endian machine: the arrays are written as they sit in memory")
    header = {
        "source": f"py3langid {py3langid.__version__ if hasattr(py3langid, '__version__') else '0.4.0'}",
        "classes": list(classes),
        "ptc_scale": PTC_SCALE,
        "arrays": [[name, code, len(data)] for name, (code, data) in arrays.items()],
    }
    payload = json.dumps(header).encode() + b"\n" + b"".join(data for _, data in arrays.values())
    # The uncompressed size first (8 bytes, little-endian): the reader decompresses into a buffer of that size.
    target.write_bytes(len(payload).to_bytes(8, "little") + zlib.compress(payload, 9))
    print(f"wrote {target} ({target.stat().st_size:,} bytes; {len(payload):,} uncompressed)")


if __name__ == "__main__":
    build()
