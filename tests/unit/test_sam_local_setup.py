"""`make sam-local`'s set-up, without Docker: engine decisions, the stand-in image's recipe and bootstrap."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from local import docker_engine, lambda_image


def test_an_engine_already_running_is_used_and_left_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Given an engine that answers
    monkeypatch.setattr(docker_engine, "engine_answers", lambda: True)
    started: list[object] = []
    monkeypatch.setattr("local.docker_engine.subprocess.Popen", lambda *a, **k: started.append(a))
    # When the target asks for one, Then it is "running" and no dockerd is started
    with docker_engine.running_engine(tmp_path / "dockerd.log") as engine:
        assert engine == "running"
    assert started == []


def test_no_engine_and_no_way_to_install_one_is_a_clear_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Given no engine, no dockerd and a user who is not root
    monkeypatch.setattr(docker_engine, "engine_answers", lambda: False)
    monkeypatch.setattr("local.docker_engine.shutil.which", lambda name: None)
    monkeypatch.setattr("local.docker_engine.os.geteuid", lambda: 1000)
    # When the target asks for an engine, Then it fails (never skips) and says what to install
    engine = docker_engine.running_engine(tmp_path / "dockerd.log")
    with pytest.raises(docker_engine.DockerUnavailable, match=r"apt-get install docker\.io"), engine:
        pass


def test_the_bridge_gateway_is_awaited_then_taken_from_the_subnet(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a fresh engine whose bridge record gains its gateway only on the third look
    answers = iter([[], [{"Subnet": "172.17.0.0/16"}], [{"Subnet": "172.17.0.0/16", "Gateway": "172.17.0.1"}]])
    monkeypatch.setattr(docker_engine, "_bridge_ipam", lambda: next(answers))
    monkeypatch.setattr("local.docker_engine.time.sleep", lambda seconds: None)
    # When the gateway is asked for / Then it is the one the record ends up with
    assert docker_engine.bridge_gateway() == "172.17.0.1"
    # And given a record that never names it / Then the subnet's first address, where Docker puts it
    monkeypatch.setattr(docker_engine, "_bridge_ipam", lambda: [{"Subnet": "10.200.0.0/24"}])
    assert docker_engine.bridge_gateway(timeout=0) == "10.200.0.1"
    # And given no record at all / Then a clear failure
    monkeypatch.setattr(docker_engine, "_bridge_ipam", lambda: [])
    with pytest.raises(docker_engine.DockerUnavailable, match="no gateway"):
        docker_engine.bridge_gateway(timeout=0)


def test_the_stand_in_bootstrap_puts_sys_path_in_lambdas_order() -> None:
    # Given the bootstrap the stand-in image runs
    match = re.search(r'PYTHONPATH="([^"]+)"', lambda_image.BOOTSTRAP)
    assert match
    # Then the function's code comes first, then the layer, then the runtime client (as on Lambda)
    assert re.split(r":(?=[/$])", match.group(1)) == [
        "${LAMBDA_TASK_ROOT:-/var/task}",
        "/opt/python/lib/python3.13/site-packages",
        "/opt/python",
        "/var/runtime",
    ]
    assert lambda_image.BOOTSTRAP.rstrip().endswith('python3.13 -m awslambdaric "$_HANDLER"')


def test_a_cached_stand_in_is_rebuilt_only_when_its_recipe_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a stand-in tagged with the current recipe
    current = lambda_image.recipe_hash()
    assert current == lambda_image.recipe_hash()
    monkeypatch.setattr(
        lambda_image, "image_labels", lambda tag=lambda_image.TAG: {lambda_image.STAND_IN_LABEL: current}
    )
    built: list[str] = []
    monkeypatch.setattr(lambda_image, "build_stand_in", lambda tag=lambda_image.TAG: built.append(tag))
    # When the image is ensured, Then it is used as it is
    assert lambda_image.ensure_image(pull=False) == "stand-in"
    assert built == []
    # When the recipe changes (another awslambdaric), Then the stand-in is rebuilt
    monkeypatch.setattr(lambda_image, "AWSLAMBDARIC", "awslambdaric==0.0.1")
    assert lambda_image.recipe_hash() != current
    assert lambda_image.ensure_image(pull=False) == "stand-in"
    assert built == [lambda_image.TAG]


def test_a_real_image_is_never_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given an image under the tag without the stand-in label (the real one, pulled)
    monkeypatch.setattr(lambda_image, "image_labels", lambda tag=lambda_image.TAG: {})
    monkeypatch.setattr(lambda_image, "build_stand_in", lambda tag=lambda_image.TAG: pytest.fail("rebuilt"))
    # Then it is used
    assert lambda_image.ensure_image(pull=True) == "real"
