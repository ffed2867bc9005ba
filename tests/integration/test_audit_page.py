"""The audit page: what the cleaner removed and why, rendered in a real headless Chromium."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from article_core.models import ObjectRef, Removed
from article_core.pipeline import process
from articles.audit import render
from local.samples import HTML, REFERENCE

EVENT_TIME = datetime(2025, 5, 29, 10, 5, tzinfo=UTC)
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def page_for(path: Path, key: str, body: bytes | None = None) -> tuple[str, object]:
    raw = body if body is not None else path.read_bytes()
    record = process(raw, ObjectRef(bucket="b", key=key, size=len(raw), event_time=EVENT_TIME))
    return render(record, raw), record


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("chromium is required (.ci/run installs it: apt-get install -y chromium)")
        pytest.skip("chromium not installed (apt-get install -y chromium; CI installs it)")
    return found


def run_chromium(page: Path, tmp_path: Path, *mode: str) -> subprocess.CompletedProcess[bytes]:
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
    return subprocess.run([chromium(), *flags, *mode, page.as_uri()], capture_output=True, timeout=120, check=True)


def png_pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines of a PNG (enough to tell a blank page from a drawn one)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, width, height, data = 8, 0, 0, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        chunk = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            data += chunk
        pos += 12 + length
    return width, height, zlib.decompress(data)


def test_reference_page_strikes_the_ad_line_and_highlights_entities_in_a_real_browser(tmp_path: Path) -> None:
    # Given the audit page of the reference article
    html, _ = page_for(REFERENCE.file, REFERENCE.key)
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    # When Chromium loads it
    dom = run_chromium(page, tmp_path, "--dump-dom").stdout.decode()
    # Then the ad line is struck through and labelled, and the people and places are highlighted
    assert '<del class="removed" data-reason="advertisement">NE LAISSER PAS LE 5G' in dom
    assert '<span class="reason">advertisement</span>' in dom
    assert '<mark class="entity ent-PER" data-type="PER" title="PER: Sergueï Lavrov">Sergueï Lavrov</mark>' in dom
    assert 'data-type="LOC"' in dom and "<time " in dom and 'class="field-source"' in dom
    # and the ad line comes before the first kept paragraph, where it stood
    assert dom.index("Adpathway") < dom.index('<p class="kept">')
    # and the screenshot is not blank
    shot = tmp_path / "shot.png"
    run_chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1200,900")
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == (1200, 900)
    assert len(set(pixels[1 : 1 + width * 3 * 300])) > 20  # header colour, text, highlights: many values


def test_hostile_title_and_text_are_shown_as_text_never_run(tmp_path: Path) -> None:
    # Given an HTML article whose title, text and a removed part hold markup and script
    body = HTML.body.replace(b"City approves", HOSTILE.encode() + b" City approves").replace(
        b"The city council", HOSTILE.encode() + b" The city council"
    )
    html, record = page_for(HTML.file, HTML.key, body)
    # (model_construct: the schema refuses such a reason, the page must escape it all the same)
    record.text.removed.append(Removed.model_construct(text=HOSTILE, reason='"><script>alert(2)</script>'))  # type: ignore[attr-defined,arg-type]
    html = render(record, body)  # type: ignore[arg-type]
    # Then no tag of the article survives as markup
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    page = tmp_path / "hostile.html"
    page.write_text(html, encoding="utf-8")
    # and in the browser the text is there, as text
    dom = run_chromium(page, tmp_path, "--dump-dom").stdout.decode()
    assert "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;alert" in dom


def test_page_of_a_record_whose_object_is_gone_still_lists_what_was_removed() -> None:
    # Given the reference record but no original bytes
    _, record = page_for(REFERENCE.file, REFERENCE.key)
    # When the page is rendered without the original
    html = render(record, None)  # type: ignore[arg-type]
    # Then the removed parts are listed, not placed
    assert "Removed, not located in the original" in html
    assert html.count('<del class="removed" data-reason=') == len(record.text.removed)  # type: ignore[attr-defined]
