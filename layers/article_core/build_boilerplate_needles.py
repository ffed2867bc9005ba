"""Layer build step: the needles of the boilerplate phrase patterns, into article_core/data/boilerplate_needles.marshal.

    python3.13 -B build_boilerplate_needles.py LAYER/python

Run by the layer's Makefile with the build's python3.13 (the runtime's minor version) and the layer first on
sys.path: computes `boilerplate.needles` for every phrase pattern and every gated pattern the HTML cleaner makes;
why and how they are used: article_core/clean/boilerplate_needles.py.
"""

from __future__ import annotations

import os
import re
import sys


def collect() -> dict[tuple[str, int], tuple[str, ...]]:
    """(pattern, flags) -> needles for the phrase patterns and the HTML cleaner's gated patterns."""
    from article_core.clean import boilerplate, html

    patterns = [pattern for _, pattern in boilerplate.phrase_patterns()]
    patterns += [rule.pattern for rule, _reason in html._LINE_RULES]  # the HTML cleaner's gated line rules
    return {(p.pattern, p.flags): boilerplate.needles(p) for p in patterns if p.flags & re.IGNORECASE}


def main(argv: list[str]) -> int:
    layer_python = argv[0]
    sys.path.insert(0, layer_python)
    from article_core.clean import boilerplate_needles

    stored = collect()
    target = os.path.join(layer_python, "article_core", "data", "boilerplate_needles.marshal")
    with open(target, "wb") as file:
        file.write(boilerplate_needles.dumps(stored))
    print(f"build_boilerplate_needles: needles of {len(stored)} patterns")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
