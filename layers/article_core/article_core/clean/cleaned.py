"""What every format cleaner returns; its own module so the cleaners need not import the
package `__init__` that dispatches to them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Document, Removed


@dataclass
class Cleaned:
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    document: Document = field(default_factory=Document)
