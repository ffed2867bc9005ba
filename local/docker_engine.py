"""A Docker engine for `make sam-local`: the one already running, or one started here and stopped after.

On a Debian machine without one, root installs Debian's `docker.io` with apt (nothing is fetched
from anywhere but the Debian archive). Anything that cannot be done ends in `DockerUnavailable`
with a message that says what to do, never in a silent skip.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path


class DockerUnavailable(RuntimeError):
    """Docker cannot run here; the message says why and what to do."""


def engine_answers() -> bool:
    """True when `docker info` reaches an engine (the client may be any version: the API is negotiated)."""
    if shutil.which("docker") is None:
        return False
    done = subprocess.run(["docker", "info"], capture_output=True, timeout=30, check=False)
    return done.returncode == 0


def apt_install(*packages: str) -> None:
    """Install Debian packages as root (the CI machine and developers' machines are Debian, as root)."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise DockerUnavailable(
            f"{', '.join(packages)} missing and this is not a root Debian shell: "
            f"install them (e.g. `sudo apt-get install {' '.join(packages)}`) and run again."
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"installing {' '.join(packages)} from Debian (apt-get) ...", flush=True)
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            raise DockerUnavailable(f"`{' '.join(command)}` failed:\n{done.stderr[-2000:]}")


@contextlib.contextmanager
def running_engine(log_path: Path) -> Iterator[str]:
    """Yield "running" when an engine was already up, "started" when this started `dockerd` (stopped on exit)."""
    if engine_answers():
        yield "running"
        return
    if shutil.which("dockerd") is None:
        apt_install("docker.io")
        if engine_answers():  # the package's scripts may have started the service themselves
            yield "running"
            return
    if os.geteuid() != 0:
        raise DockerUnavailable("no Docker engine is running and only root can start dockerd here: start Docker.")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        daemon = subprocess.Popen(["dockerd"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for_engine(daemon, log_path)
        yield "started"
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=60)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()


def _wait_for_engine(daemon: subprocess.Popen[bytes], log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            tail = log_path.read_text(errors="replace")[-2000:]
            raise DockerUnavailable(f"dockerd exited ({daemon.returncode}); Docker cannot run here. Its log:\n{tail}")
        if engine_answers():
            return
        time.sleep(0.5)
    raise DockerUnavailable(f"dockerd did not answer within {timeout:.0f} s; see {log_path}")


def bridge_gateway(timeout: float = 15) -> str:
    """The host's address on Docker's default bridge: what `host-gateway` resolves to inside a container.

    A dockerd started for the first time on a machine can answer before the bridge's gateway is in its network
    record (seen on a fresh machine: the subnet listed, no gateway): ask again for a while, then take the subnet's
    first address, which is where Docker puts the default bridge's gateway."""
    from ipaddress import ip_network

    deadline = time.monotonic() + timeout
    subnet = None
    while True:
        for config in _bridge_ipam():
            if config.get("Gateway"):
                return str(config["Gateway"])
            subnet = subnet or config.get("Subnet")
        if time.monotonic() >= deadline:
            break
        time.sleep(0.5)
    if subnet:
        return str(next(ip_network(subnet, strict=False).hosts()))
    raise DockerUnavailable("Docker's default bridge network has no gateway address")


def _bridge_ipam() -> list[dict[str, str]]:
    done = subprocess.run(
        ["docker", "network", "inspect", "bridge", "--format", "{{json .IPAM.Config}}"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return json.loads(done.stdout) or []
