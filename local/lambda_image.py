"""The Lambda base image `sam local invoke` runs the function in: the real one, or a stand-in built here.

    python -m local.lambda_image [--no-pull] [--rebuild]

`make sam-local` calls `ensure_image()`: an image already tagged is used as it is (a stand-in only if
its recipe label matches this file, so editing the recipe rebuilds it); otherwise the real image is
pulled when the registry answers, and when it does not the stand-in is built. SAM CLI ships its own
Runtime Interface Emulator and only needs Lambda's layout from the base image:

- a Debian bookworm minimal root file system (`debootstrap --variant=minbase`, from the Debian archive),
- python3.13 at /var/lang/bin: a copy of this machine's pyenv 3.13 build, itself built against
  bookworm's libraries (the packages in INCLUDE below),
- `awslambdaric` (pinned) under /var/runtime and a /var/runtime/bootstrap that runs it on $_HANDLER,
  with sys.path in Lambda's order: /var/task, the layer (/opt/python...), /var/runtime,

imported with `docker import` and tagged as the real image, with a label saying it is a stand-in.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from local.docker_engine import apt_install, running_engine
from local.python313 import ROOT, find_python313

TAG = "public.ecr.aws/lambda/python:3.13-x86_64"
STAND_IN_LABEL = "article-processing.lambda-stand-in"  # its value: the recipe hash
AWSLAMBDARIC = "awslambdaric==4.2.2"
SUITE = "bookworm"
MIRROR = os.environ.get("DEBIAN_MIRROR", "http://deb.debian.org/debian")
# Shared libraries the python3.13 build links against (ssl, ffi, sqlite, expat, readline, ncurses).
INCLUDE = "libssl3,libffi8,libsqlite3-0,libexpat1,libreadline8,libncursesw6,zlib1g,libbz2-1.0,liblzma5,libuuid1"
# Parts of the Python install no function needs: the test suite alone is 137 MB, the static library 65 MB.
SKIPPED = ("test", "tests", "idlelib", "tkinter", "turtledemo", "ensurepip", "*.a")

BOOTSTRAP = """#!/bin/sh
# Lambda's python runtime, as far as a handler can tell: sys.path order, libraries, working directory.
export LD_LIBRARY_PATH="/var/lang/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PYTHONPATH="${LAMBDA_TASK_ROOT:-/var/task}:/opt/python/lib/python3.13/site-packages:/opt/python:/var/runtime"
cd "${LAMBDA_TASK_ROOT:-/var/task}" || exit 1
exec /var/lang/bin/python3.13 -m awslambdaric "$_HANDLER"
"""
IMAGE_CONFIG = [
    "ENV PATH=/var/lang/bin:/usr/local/bin:/usr/bin:/bin:/opt/bin",
    "ENV LD_LIBRARY_PATH=/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib"
    ":/opt/lib",
    "ENV LANG=C.UTF-8",
    "ENV TZ=:/etc/localtime",
    "ENV LAMBDA_TASK_ROOT=/var/task",
    "ENV LAMBDA_RUNTIME_DIR=/var/runtime",
    "WORKDIR /var/task",
    'ENTRYPOINT ["/var/runtime/bootstrap"]',
]


def recipe_hash() -> str:
    """Changes whenever the recipe does (what goes into the image, the Python build copied in)."""
    recipe = [SUITE, INCLUDE, SKIPPED, AWSLAMBDARIC, BOOTSTRAP, IMAGE_CONFIG, str(find_python313())]
    return hashlib.sha256(json.dumps(recipe).encode()).hexdigest()[:16]


def image_labels(tag: str = TAG) -> dict[str, str] | None:
    """The image's labels, or None when no image has that tag."""
    labels = _inspect(tag, "{{json .Config.Labels}}")
    return None if labels is None else json.loads(labels) or {}


def try_pull(tag: str = TAG, timeout: float = 90) -> bool:
    """Pull the real image; False (quickly, when the registry has no route) if it cannot be had."""
    try:
        done = subprocess.run(["docker", "pull", "--quiet", tag], capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def ensure_image(*, pull: bool = True, rebuild: bool = False) -> str:
    """Make sure TAG exists; return "real" or "stand-in" (what `sam local invoke` will run on)."""
    labels = image_labels()
    if labels is not None and not rebuild:
        if STAND_IN_LABEL not in labels:
            return "real"
        if labels[STAND_IN_LABEL] == recipe_hash():
            return "stand-in"
        print("the stand-in image's recipe changed: rebuilding it", flush=True)
    elif pull and not rebuild:
        print(f"pulling {TAG} ...", flush=True)
        if try_pull():
            return "real"
        print(f"cannot pull {TAG} (no route to its registry?): building a stand-in", flush=True)
    build_stand_in()
    return "stand-in"


def build_stand_in(tag: str = TAG) -> None:
    """debootstrap + python3.13 + awslambdaric -> `docker import`, tagged `tag`."""
    python = find_python313()
    if python is None:
        raise SystemExit("the stand-in Lambda image needs a python3.13 build here (e.g. `pyenv install 3.13`)")
    if shutil.which("debootstrap") is None:
        apt_install("debootstrap")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="lambda-stand-in-", dir="/var/tmp") as work:
        rootfs = Path(work) / "rootfs"
        _step(
            f"debootstrap {SUITE} (minbase)",
            ["debootstrap", "--variant=minbase", f"--include={INCLUDE}", SUITE, str(rootfs), MIRROR],
        )
        prefix = python.parent.parent  # .../versions/3.13.x
        print(f"  python3.13 from {prefix} -> /var/lang", flush=True)
        shutil.copytree(
            prefix, rootfs / "var" / "lang", symlinks=True, ignore=shutil.ignore_patterns(*SKIPPED), dirs_exist_ok=True
        )
        runtime = rootfs / "var" / "runtime"
        _step(
            f"{AWSLAMBDARIC} -> /var/runtime",
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-warn-script-location",
                "--only-binary=:all:",
                "--target",
                str(runtime),
                AWSLAMBDARIC,
            ],
        )
        (runtime / "bootstrap").write_text(BOOTSTRAP)
        (runtime / "bootstrap").chmod(0o755)
        for folder in ("var/task", "opt"):
            (rootfs / folder).mkdir(parents=True, exist_ok=True)
        _import(rootfs, tag)
    print(f"  stand-in image {tag} built in {time.monotonic() - started:.0f} s", flush=True)


def _step(what: str, command: list[str]) -> None:
    print(f"  {what} ...", flush=True)
    done = subprocess.run(command, capture_output=True, text=True, timeout=1200, check=False)
    if done.returncode != 0:
        raise SystemExit(f"building the stand-in image failed at: {what}\n{(done.stdout + done.stderr)[-3000:]}")


def _import(rootfs: Path, tag: str) -> None:
    print("  docker import ...", flush=True)
    replaced = _image_id(tag)
    changes = [*IMAGE_CONFIG, f"LABEL {STAND_IN_LABEL}={recipe_hash()}"]
    importer = subprocess.Popen(
        ["docker", "import", *(arg for change in changes for arg in ("--change", change)), "-", tag],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    assert importer.stdin is not None  # noqa: S101 (narrowing for the type checker)
    tar = subprocess.run(
        ["tar", "--numeric-owner", "-C", str(rootfs), "-cf", "-", "."],
        stdout=importer.stdin,
        check=False,
    )
    importer.stdin.close()
    if tar.returncode != 0 or importer.wait() != 0:
        raise SystemExit("docker import of the stand-in root file system failed")
    if replaced and replaced != _image_id(tag):  # the previous stand-in, now untagged: don't leave it behind
        subprocess.run(["docker", "image", "rm", replaced], capture_output=True, timeout=120, check=False)


def prune_replaced() -> None:
    """Remove untagged images left by a rebuilt stand-in (the old one and SAM's images built on it).

    They carry the stand-in's label (child images inherit labels); images still tagged are kept.
    """
    command = ["docker", "image", "prune", "--force", "--filter", f"label={STAND_IN_LABEL}"]
    subprocess.run(command, capture_output=True, timeout=300, check=False)


def _image_id(tag: str) -> str | None:
    return _inspect(tag, "{{.Id}}")


def _inspect(tag: str, template: str) -> str | None:
    """`docker image inspect` of one field (a Go template), or None when no image has that tag."""
    done = subprocess.run(
        ["docker", "image", "inspect", tag, "--format", template],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local.lambda_image", description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-pull", action="store_true", help="never try the registry; build the stand-in")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the stand-in even if one is tagged")
    args = parser.parse_args(argv)
    with running_engine(ROOT / "out" / "dockerd.log"):
        print(f"{TAG}: {ensure_image(pull=not args.no_pull, rebuild=args.rebuild)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
