"""article_core/deferred_imports.py: standard-library modules a plain-text event never uses, run on first use.

Each case runs in a fresh interpreter: deferring changes sys.modules for the whole process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from article_core import deferred_imports

LAYER = Path(deferred_imports.__file__).resolve().parents[1]


def fresh(script: str) -> object:
    """What `script` prints (one JSON value), run by this Python with the layer's package importable."""
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(LAYER)!r})\n{script}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", sorted(deferred_imports.DEFERRED))
def test_a_deferred_module_is_bound_unrun_and_runs_on_first_use(name: str) -> None:
    # Given every listed module deferred in a fresh interpreter
    # When the module is imported, then an attribute it does not have yet (__all__) is asked for
    state = fresh(f"""
import json, sys, importlib
from article_core.deferred_imports import defer_all, is_deferred
deferred = defer_all()
module = importlib.import_module({name!r})
before = is_deferred(module)
names = [n for n in vars(module) if not n.startswith("__")]
module.__doc__, module.__name__  # already there: no run
still = is_deferred(module)
hasattr(module, "__all__")  # the first use: not there until the module's code has run (if at all)
loaded = sorted(n for n in dir(module) if not n.startswith("_"))
print(json.dumps({{"deferred": deferred, "before": before, "still": still, "after": is_deferred(module),
    "same": sys.modules[{name!r}] is module, "names": names, "loaded": loaded}}))
""")
    # Then importing bound it without running it, and the first use ran the module's own code into the same object
    assert isinstance(state, dict)
    assert name in state["deferred"]
    assert state["before"] and state["still"]
    assert state["names"] == sorted(deferred_imports.DEFERRED[name]), "nothing but the forwarders before the run"
    assert not state["after"]
    assert state["same"]
    real = fresh(f"import json, {name} as m; print(json.dumps(sorted(n for n in dir(m) if not n.startswith('_'))))")
    assert state["loaded"] == real


def test_the_forwarded_function_loads_the_module_and_answers_as_the_real_one() -> None:
    # Given importlib.metadata deferred, its `version` taken by name as urllib3's HTTP/2 module does
    # When that function is called
    got = fresh("""
import json
from article_core.deferred_imports import defer_all, is_deferred
import importlib
defer_all()
from importlib.metadata import version
module = importlib.import_module("importlib.metadata")
before = is_deferred(module)
answer = version("pydantic")
print(json.dumps([before, is_deferred(module), answer, module.version("pydantic")]))
""")
    real = fresh("import json; from importlib.metadata import version; print(json.dumps(version('pydantic')))")
    # Then it ran the module and gave the real function's answer
    assert got == [True, False, real, real]


def test_an_imported_or_missing_module_is_left_alone() -> None:
    # Given a module imported already, and a name no module has
    # When each is deferred
    got = fresh("""
import json, configparser
from article_core.deferred_imports import defer, is_deferred
print(json.dumps([defer("configparser") is None, is_deferred(configparser), defer("no_such_module_here") is None]))
""")
    # Then neither is touched
    assert got == [True, False, True]
