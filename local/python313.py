"""The Lambda runtime's Python, here: sam build, the packaging test and the benchmark need python3.13."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def find_python313() -> Path | None:
    """A working python3.13: $PYTHON313, python3.13 on PATH, or pyenv's install; the real binary, not a shim."""
    candidates = [os.environ.get("PYTHON313"), shutil.which("python3.13")]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += [str(p) for p in sorted(pyenv_root.glob("versions/3.13*/bin/python3.13"), reverse=True)]
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys; print(sys.version_info[:2] == (3, 13), sys.executable)"],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        ok, _, executable = probe.stdout.strip().partition(" ")
        if probe.returncode == 0 and ok == "True":
            return Path(executable)
    return None


def pinned(name: str) -> str:
    """`name==version` as requirements-dev.txt pins it, so side environments use the project's versions."""
    for line in (ROOT / "requirements-dev.txt").read_text().splitlines():
        match = re.match(rf"^{name}(\[[^\]]*\])?(==\S+)", line.strip())
        if match:
            return f"{name}{match.group(2)}"
    return name


if __name__ == "__main__":  # `python -m local.python313` prints the path, for the Makefile
    found = find_python313()
    if found is None:
        raise SystemExit("python3.13 not found")
    print(found)


def sam_build(
    python313: Path | str, build_dir: Path, cache_dir: Path, *, timeout: int = 900
) -> subprocess.CompletedProcess[str]:
    """`sam build` of template.yaml into `build_dir`, python3.13 first on PATH: one build for tests and benchmarks."""
    import sys

    beside = Path(sys.executable).parent / "sam"
    sam = str(beside) if beside.exists() else (shutil.which("sam") or "sam")
    env = {**os.environ, "SAM_CLI_TELEMETRY": "0", "PATH": f"{Path(python313).parent}{os.pathsep}{os.environ['PATH']}"}
    command = [sam, "build", "--template-file", str(ROOT / "template.yaml"), "--build-dir", str(build_dir),
               "--cache-dir", str(cache_dir)]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False)
