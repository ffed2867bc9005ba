"""The python3.13 side of the speed benchmark: the interpreter, a runtime-like venv and the built artifacts.

Lambda runs the layer from /opt and the function from /var/task, both read-only, so nothing can write
bytecode there: a module without a valid .pyc in the artifact is compiled again at every cold start. The cold
start is therefore timed on read-only copies of the `sam build` output, one as built and one with every
`__pycache__` removed (what a build without bytecode would ship), with bytecode writing off in the child.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from local.python313 import find_python313 as find_python313_path
from local.python313 import pinned, sam_build

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "out" / "bench"
BENCH_VENV = WORK / "py313"
PACKAGING_VENV = ROOT / ".venv" / "py313-test"  # made by tests/packaging; reused when present
MB = 1024 * 1024


@dataclass
class Build:
    function_dir: Path
    layer_root: Path  # the layer folder (holds python/)
    label: str

    @property
    def layer_python(self) -> Path:
        return self.layer_root / "python"


def find_python313() -> str | None:
    found = find_python313_path()
    return str(found) if found else None


def runtime_python(python313: str) -> str:
    """A python3.13 holding boto3 and nothing of ours, as the Lambda runtime does."""
    for venv in (PACKAGING_VENV, BENCH_VENV):
        python = venv / "bin" / "python"
        probe = [str(python), "-c", "import boto3"]
        if python.exists() and subprocess.run(probe, capture_output=True, check=False).returncode == 0:
            return str(python)
    print(f"creating {BENCH_VENV} (python3.13 + boto3) ...", file=sys.stderr)
    subprocess.run([python313, "-m", "venv", str(BENCH_VENV)], check=True, timeout=300)
    python = BENCH_VENV / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", pinned("boto3")], check=True, timeout=900)
    return str(python)


def _newest_source() -> float:
    sources = [*ROOT.glob("layers/article_core/**/*"), *ROOT.glob("functions/**/*"), ROOT / "template.yaml"]
    return max((p.stat().st_mtime for p in sources if p.is_file() and "__pycache__" not in p.parts), default=0.0)


def find_or_build(python313: str | None, *, rebuild: bool) -> Build | None:
    """.aws-sam/build when it is newer than the sources; else `sam build` into out/bench/build (ours alone)."""
    for base, label in ((ROOT / ".aws-sam" / "build", ".aws-sam/build"), (WORK / "build", "out/bench/build")):
        layer, function = base / "ArticleCoreLayer", base / "ProcessArticleFunction"
        fresh = (layer / "layer-manifest.json").is_file() and layer.stat().st_mtime >= _newest_source()
        if not rebuild and fresh and function.is_dir():
            return Build(function, layer, f"sam build ({label})")
    if python313 is None:
        return None
    print("running sam build into out/bench/build ...", file=sys.stderr)
    done = sam_build(python313, WORK / "build", WORK / "cache")
    if done.returncode != 0:
        print(f"sam build failed; falling back to the source tree:\n{done.stderr[-2000:]}", file=sys.stderr)
        return None
    return Build(WORK / "build" / "ProcessArticleFunction", WORK / "build" / "ArticleCoreLayer", "sam build (fresh)")


def _remove(path: Path) -> None:
    if path.exists():
        for p in [path, *path.rglob("*")]:
            if not p.is_symlink():
                p.chmod(p.stat().st_mode | 0o200)
        shutil.rmtree(path)


def read_only_copy(build: Build, name: str, *, bytecode: bool) -> Build:
    """out/bench/cold/NAME: the function and layer as built (or without any .pyc), every write bit cleared."""
    target = WORK / "cold" / name
    _remove(target)
    function, layer = target / "ProcessArticleFunction", target / "ArticleCoreLayer"
    ignore = None if bytecode else shutil.ignore_patterns("__pycache__")
    shutil.copytree(build.function_dir, function, ignore=ignore)
    shutil.copytree(build.layer_root, layer, ignore=ignore)
    for p in [target, *target.rglob("*")]:
        if not p.is_symlink():
            p.chmod(p.stat().st_mode & ~0o222)
    return Build(function, layer, f"{build.label}, read-only copy, {'as built' if bytecode else 'without bytecode'}")


def layer_size(build: Build | None) -> tuple[float | None, list[tuple[str, float]]]:
    """MB unzipped (1 MB = 2^20 bytes) and the five largest top-level entries of python/."""
    if build is None:
        return None, []
    total = sum(p.stat().st_size for p in build.layer_root.rglob("*") if p.is_file())
    parts: dict[str, int] = defaultdict(int)
    for p in build.layer_python.rglob("*"):
        if p.is_file():
            parts[p.relative_to(build.layer_python).parts[0].split("-")[0]] += p.stat().st_size
    top = sorted(((name, size / MB) for name, size in parts.items()), key=lambda kv: -kv[1])[:5]
    return total / MB, top
