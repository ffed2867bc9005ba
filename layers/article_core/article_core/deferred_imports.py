"""Modules our dependencies import at a cold start but a plain-text event never uses, loaded on first use instead.

Why: every module a cold start imports costs its bytecode's unmarshalling and its body's run (classes are the dear
part). Some are imported at the top of a dependency for a path the handler never takes: `importlib.metadata` (and
with it zipfile, the importlib.resources package, email and csv helpers) by pydantic's plugin loader, which reads it
only when plugins are enabled (the function runs with PYDANTIC_DISABLE_PLUGINS), and by urllib3's HTTP/2 module,
which calls `version("h2")` only when HTTP/2 is injected (botocore never does); `configparser` and `shlex` by
botocore, for a shared config file Lambda does not have; `mimetypes` by urllib3, for multipart uploads; `zipfile`,
`shutil` and `locale` by the standard library's importlib.resources, tempfile and calendar, for zip archives on the
path, removing temporary folders and locale-aware calendars; a few more, and botocore's modules for waiters, client-
side monitoring and the legacy and adaptive retry modes (DEFERRED says why each). bz2 and lzma are not listed:
modules import them under try/except ImportError, and deferring would move that error. `defer(name)` puts a module
object for `name` in `sys.modules` whose code runs on the first access to any attribute it does not have yet (a
module `__getattr__`, PEP 562), so `import name` and `import name as x` bind it without running it, and the first
real use runs the module's own code into that same object, as the import would have. `functions` are names a
dependency takes with `from name import f` at its top: each is bound first to a forwarder that loads the module and
calls the real function (the forwarder stays where it was taken, calling the real function once loaded).

Safety: a module already imported is left alone, so is one not found; what a deferred module does once loaded is the
module's own code, in the module object everyone holds. `app.py` defers before anything imports these modules; the
CLI and the tests import normally. A unit test loads each deferred module through its first use and checks it is the
real one; the packaging test checks none of them has run when the built handler module is imported.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

# name -> functions a dependency imports from it by name at import time (see the module docstring)
DEFERRED: dict[str, tuple[str, ...]] = {
    "importlib.metadata": ("version",),  # urllib3/http2/__init__.py: from importlib.metadata import version
    "configparser": (),
    "shlex": (),
    "mimetypes": (),
    "zipfile": (),  # importlib.resources' readers (zip archives on sys.path: none), and importlib.metadata's
    "shutil": (),  # tempfile's clean-up of temporary folders (botocore imports tempfile; nothing makes one here)
    "locale": (),  # calendar's locale-aware calendars (botocore and dateutil use calendar.timegm / monthrange)
    "signal": (),  # subprocess's Popen.send_signal (botocore makes a Popen-based credential provider, never runs it)
    "stringprep": (),  # encodings.idna: host names outside ASCII
    "statistics": (),  # clean/kind.py's HTML page measures
    "xml.etree.ElementPath": (),  # ElementTree's find/findall (botocore parses XML only for S3 errors and listings)
    # botocore's, each imported as a module by the client or session module and read only on another path:
    "botocore.vendored.six": (),  # Python 2 compatibility names
    "botocore.monitoring": (),  # client-side monitoring (CSM), off unless AWS_CSM_ENABLED
    "botocore.waiter": (),  # client.get_waiter
    "botocore.retryhandler": (),  # legacy retry mode (the clients use standard: storage._client_config)
    "botocore.translate": (),  # legacy retry mode's configuration
    "botocore.retries.adaptive": (),  # adaptive retry mode
    "botocore.retries.bucket": (),  # adaptive mode's token bucket
    "botocore.retries.throttling": (),  # adaptive mode's rate measure
}


def is_deferred(module: ModuleType) -> bool:
    """True while `module` is a deferred module whose code has not run yet."""
    return "__getattr__" in vars(module) and getattr(vars(module)["__getattr__"], "deferred", False)


def defer(name: str, functions: tuple[str, ...] = ()) -> ModuleType | None:
    """Put a not-yet-run module for `name` in sys.modules (None: already imported, or not found)."""
    if name in sys.modules:
        return None
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return None
    loader = spec.loader
    module = importlib.util.module_from_spec(spec)
    namespace = vars(module)

    def load() -> None:
        if not is_deferred(module):  # loaded already (or loading: a circular import sees the partial module)
            return
        del namespace["__getattr__"]
        for function in functions:
            namespace.pop(function, None)
        loader.exec_module(module)

    def __getattr__(attribute: str) -> Any:
        load()
        return getattr(module, attribute)

    __getattr__.deferred = True  # type: ignore[attr-defined]
    namespace["__getattr__"] = __getattr__
    for function in functions:
        namespace[function] = _forwarder(module, function, load)
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return module


def _forwarder(module: ModuleType, function: str, load: Callable[[], None]) -> Callable[..., Any]:
    def forward(*args: Any, **kwargs: Any) -> Any:
        load()
        return getattr(module, function)(*args, **kwargs)

    forward.__name__ = forward.__qualname__ = function
    return forward


def defer_all() -> list[str]:
    """Defer every module in DEFERRED that is not imported yet; returns the names deferred."""
    return [name for name, functions in DEFERRED.items() if defer(name, functions) is not None]
