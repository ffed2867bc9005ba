"""Errors that turn into data.

`Rejected` is raised by the pure core when an input cannot yield an article; the pipeline
catches it and produces a `rejected` record. Anything else that escapes is a bug or a
transient fault and is allowed to propagate (Lambda retries, then the failure queue).
"""

from __future__ import annotations

from .models import ErrorCode


class Rejected(Exception):
    """Bad input: becomes a `rejected` record with `code` and a human `message`."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = ErrorCode(code)
        self.message = message
