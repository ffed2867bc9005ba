"""Build data/langid_breadth.bin.z: py3langid's naive-Bayes model in a form the layer reads without numpy.

    pip install py3langid==0.4.0        (build time only: it brings numpy; requirements-dev.txt pins it)
    python -m benchmarks.build_breadth_language_model

Source: py3langid 0.4.0 (BSD-3-Clause; Adrien Barbaresi's fork of langid.py by Marco Lui and Timothy
Baldwin), its bundled `data/model.npz.xz`. The arrays are copied bit for bit, only the container changes:
its uncompressed size (8 bytes) then one zlib stream (zlib rather than LZMA: it opens three
times faster) holding a JSON header line (class labels, array names, typecodes and lengths) followed by
the raw little-endian arrays, so analyze/language_breadth.py opens it with `zlib` and `array` alone.

- `ptc`: float16, features x classes, log P(feature | class)
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

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "layers" / "article_core" / "article_core" / "data" / "langid_breadth.bin.z"


def build(target: Path = TARGET) -> None:
    from array import array

    import numpy as np  # build time only
    import py3langid  # build time only
    from py3langid.modelio import load_model

    model_file = Path(py3langid.__file__).parent / "data" / "model.npz.xz"
    ptc, pc, classes, nextmove, row, output = load_model(model_file)
    arrays = {
        "ptc": ("e", np.ascontiguousarray(ptc, dtype="<f2").tobytes()),
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
        "arrays": [[name, code, len(data)] for name, (code, data) in arrays.items()],
    }
    payload = json.dumps(header).encode() + b"\n" + b"".join(data for _, data in arrays.values())
    # The uncompressed size first (8 bytes, little-endian): the reader decompresses into a buffer of that size.
    target.write_bytes(len(payload).to_bytes(8, "little") + zlib.compress(payload, 9))
    print(f"wrote {target} ({target.stat().st_size:,} bytes; {len(payload):,} uncompressed)")


if __name__ == "__main__":
    build()
