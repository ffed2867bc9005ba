"""Instructions per warm article: a count that the machine's drift and load do not move.

    python -m benchmarks.instructions LAYER_PYTHON [FILE] [--runs 20]
    (make bench-instructions LAYER=.aws-sam/build/ArticleCoreLayer/python [FILE=samples/x.txt])

Runs python3.13 under `valgrind --tool=cachegrind` (PYTHONHASHSEED=0, `-B`, no bytecode written) twice: each child
puts LAYER_PYTHON first on sys.path (and imports the handler, `app`, from the `sam build` folder beside it),
handles FILE (default: the reference article) twice with `process` + `to_item` (everything loaded and warm), then
`n` more times, n = 2 and n = 2 + runs. The difference of the two totals over `runs` is one warm article's
instructions, start-up and first calls cancelled out.

    python -m benchmarks.instructions LAYER_PYTHON --cold   (make bench-instructions LAYER=... ARGS=--cold)

counts the cold start instead: `make bench`'s cold child (benchmarks/speed_cold.COLD_CHILD: interpreter start,
`import app`, the reference event against a moto server in this process, exit) on the `sam build` folder LAYER_PYTHON
belongs to, as built (run it on a read-only copy to be sure nothing is written), and the same child stopped after
`import app`; their difference is the first event's instructions.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.speed_build import ROOT, find_python313

REFERENCE = ROOT / "samples" / "figaro-afp-rubio-lavrov.txt"
CHILD = r"""
import os, sys
sys.path.insert(0, sys.argv[1])
function = os.path.join(os.path.dirname(os.path.dirname(sys.argv[1])), "ProcessArticleFunction")
if os.path.isdir(function):  # the handler's module set-up too (regex cache, frozen GC), as a warm Lambda has it
    sys.path.insert(0, function)
    import app
from article_core.models import ObjectRef
from article_core.pipeline import process
from article_core.storage import to_item
raw = open(sys.argv[2], "rb").read()
for _ in range(2 + int(sys.argv[3])):
    to_item(process(raw, ObjectRef(bucket="bench", key="incoming/reference.txt", size=len(raw))))
"""


def instructions(python: str, layer: Path, article: Path, n: int) -> int:
    """Total instructions cachegrind counts for a child that handles `article` 2 + n times."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    done = subprocess.run(
        [*command, python, "-B", "-c", CHILD, str(layer), str(article), str(n)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return instruction_total(done.stderr)


def import_only_child(cold_child: str) -> str:
    """The cold child up to and including `import app`, then its RESULT line (empty)."""
    before, marker, _ = cold_child.partition("\nt1, c1 = ")
    if not marker or not before.endswith("import app"):
        raise RuntimeError("the cold child no longer reads: ... import app / t1, c1 = ...")
    return before + "\nprint('RESULT {}')\n"


def cold_instructions(python: str, layer: Path) -> tuple[int, int]:
    """(import app, import + first event): cachegrind totals of `make bench`'s cold child and of the same child
    stopped after `import app`, fresh processes on the build `layer` (its python/ folder) belongs to."""
    from benchmarks import speed_cold as cold
    from benchmarks.speed_build import WORK, runtime_python
    from local.local_stack import running_moto

    python = runtime_python(python)  # as `make bench`: a python3.13 with the runtime's boto3, the layer first
    WORK.mkdir(parents=True, exist_ok=True)

    build = layer.parent.parent
    paths = [str(build / "ProcessArticleFunction"), str(layer)]
    import_only = import_only_child(cold.COLD_CHILD)
    totals = []
    with running_moto() as endpoint:
        s3, names = cold.provision(endpoint)
        event = cold.put_event(s3, names)
        env = {**cold.child_env(endpoint, names), "PYTHONHASHSEED": "0", "PYTHONPATH": os.pathsep.join(paths)}
        for script in (import_only, cold.COLD_CHILD):
            command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
            done = subprocess.run(
                [*command, python, "-P", "-s", "-B", "-c", script, str(event)],
                capture_output=True,
                text=True,
                env=env,
                check=False,
                cwd=WORK,
            )
            cold.result_of(done)  # raises when the child failed
            totals.append(instruction_total(done.stderr))
    return totals[0], totals[1]


def instruction_total(report: str) -> int:
    """The "I refs" total of cachegrind's summary (written to the child's stderr)."""
    found = re.search(r"I\s+refs:\s+([\d,]+)", report)
    if found is None:
        raise RuntimeError(f"no instruction count from valgrind: {report[-500:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "layer", type=Path, help="the layer's python/ folder (e.g. .aws-sam/build/ArticleCoreLayer/python)"
    )
    parser.add_argument("file", type=Path, nargs="?", default=REFERENCE)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold", action="store_true", help="count the cold start (import + first event) instead")
    args = parser.parse_args(argv)
    python = find_python313()
    if python is None or shutil.which("valgrind") is None:
        print("needs python3.13 (PYENV_VERSION=3.11.7:3.13.0) and valgrind", file=sys.stderr)
        return 2
    if args.cold:
        imported, first_event = cold_instructions(python, args.layer.resolve())
        print(f"cold start, instructions (interpreter start and exit included): to the end of `import app` "
              f"{imported / 1e6:.1f} M; with the reference event {first_event / 1e6:.1f} M "
              f"(first event {(first_event - imported) / 1e6:.1f} M)")  # fmt: skip
        return 0
    few = instructions(python, args.layer.resolve(), args.file.resolve(), 2)
    many = instructions(python, args.layer.resolve(), args.file.resolve(), 2 + args.runs)
    print(f"{args.file.name}: {(many - few) / args.runs / 1e6:.2f} M instructions per warm article (process + to_item)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
