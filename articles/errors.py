"""The one error the command reports: a line that says what to do, and a non-zero exit."""

from __future__ import annotations


class OperatorError(Exception):
    """A problem the operator can fix (wrong name, no credentials, unknown id); printed as one line."""
