"""The one Logger, Tracer and Metrics of the service. Logs carry keys and codes, never article text.

Tracing costs import time, so it is loaded only when asked for. The function runs with Lambda's active
tracing (template: `Tracing: Active`), which records each invocation's segment (Init, Invocation, Overhead)
with no code of ours. Powertools' Tracer adds subsegments (the handler, each object, each AWS call) but its
constructor imports the X-Ray SDK, and the SDK imports botocore: about 110 ms of every cold start, before the
first event (`make bench` measures both ways). So `tracer` below creates the Powertools Tracer only when
Powertools would trace, inside Lambda and with POWERTOOLS_TRACE_DISABLED false (template parameter
`PowertoolsTraceDisabled`); otherwise its decorators return the function unchanged and the SDK is never imported.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from aws_lambda_powertools import Logger, Metrics

if TYPE_CHECKING:
    from aws_lambda_powertools import Tracer

F = TypeVar("F", bound=Callable[..., Any])
_FALSE = {"0", "false", "no", "off", "n", "f"}


def sdk_tracing_enabled(env: Mapping[str, str] | None = None) -> bool:
    """Powertools' own rule: inside Lambda (not SAM local) unless POWERTOOLS_TRACE_DISABLED is true."""
    env = os.environ if env is None else env
    in_lambda = bool(env.get("LAMBDA_TASK_ROOT")) and not env.get("AWS_SAM_LOCAL")
    disabled = env.get("POWERTOOLS_TRACE_DISABLED", "false").strip().lower() not in _FALSE
    return in_lambda and not disabled


class LazyTracer:
    """Powertools' Tracer decorators, with the X-Ray SDK imported only when tracing is on."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._tracer: Tracer | None = None

    @property
    def sdk(self) -> Tracer:
        """The Powertools Tracer (imports aws_xray_sdk and botocore on first use)."""
        if self._tracer is None:
            from aws_lambda_powertools import Tracer

            self._tracer = Tracer()
        return self._tracer

    def capture_lambda_handler(self, *, capture_response: bool = False) -> Callable[[F], F]:
        if not self.enabled:
            return _unchanged
        decorator: Callable[[F], F] = self.sdk.capture_lambda_handler(capture_response=capture_response)
        return decorator

    def capture_method(self, *, capture_response: bool = False) -> Callable[[F], F]:
        if not self.enabled:
            return _unchanged
        decorator: Callable[[F], F] = self.sdk.capture_method(capture_response=capture_response)
        return decorator


def _unchanged(fn: F) -> F:
    return fn


logger = Logger()
tracer = LazyTracer(sdk_tracing_enabled())
metrics = Metrics()
