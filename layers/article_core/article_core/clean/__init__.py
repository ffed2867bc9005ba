"""Cleaning: decoded text in, article paragraphs and metadata out, every removal explained.

`clean()` dispatches on the decoded format. Each format module returns a `Cleaned`.
"""

from __future__ import annotations

from datetime import datetime

from ..decode import Decoded
from .cleaned import Cleaned

__all__ = ["Cleaned", "clean"]


def clean(decoded: Decoded, *, reference_time: datetime | None = None, extractor: bool = True) -> Cleaned:
    """Reference time (the S3 event time) resolves relative dates such as "Il y a 2 heures".

    `extractor=False` (the time budget's first step) reads HTML with the linear text fallback.
    """
    if decoded.format == "html":
        from ..regex_cache import seed_html

        seed_html()  # the HTML path's precompiled patterns, before its modules compile them: regex_cache.py
        from .html import clean_html

        cleaned = clean_html(decoded.text, reference_time=reference_time, extractor=extractor)
    elif decoded.format == "json":
        from .jsondoc import clean_json

        cleaned = clean_json(decoded.text, reference_time=reference_time)
    elif decoded.format == "markdown":
        from .markdown import clean_markdown

        cleaned = clean_markdown(decoded.text, reference_time=reference_time)
    else:
        from .plain import clean_plain, plain_text

        cleaned = clean_plain(plain_text(decoded.text), reference_time=reference_time)
    if cleaned.document.format != decoded.format:  # each assignment is validated: none when nothing changes
        cleaned.document.format = decoded.format
    cleaned.document.encoding = decoded.encoding
    return cleaned
