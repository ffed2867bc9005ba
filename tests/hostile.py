"""A generated corpus of hostile and broken uploads, and a runner that pushes each through the handler under moto.

Every body is built by code (no stored blobs), so the corpus documents itself: each case says what it
probes, the key it is uploaded under, how the object and its event are set up, and the one outcome it
must end in (`processed`, or the error code of a `rejected` record).

Each case also names a time budget in *Lambda seconds*: the handler's CPU time divided by the CPU share
Lambda gives the template's memory size (512 MB: 512/1769 of a core). The handler is told it has the
function's timeout scaled by that share, so its own time budget (article_core/budget.py) sees the same
clock it would see in Lambda. Memory is the peak RSS (VmHWM) of the process during the handler call,
reset before each case, so lxml's and zlib's C allocations count too.

`make hostile-report` (`python -m tests.hostile`) runs the corpus in one fresh process and prints, per
case, the code seen, the Lambda seconds, the wall seconds and the peak RSS, then the worst of each (also
written to out/hostile-report.txt); `--isolated` runs each case in its own process instead (slower: an
interpreter, moto and the handler per case). `python -m tests.hostile --json` prints the outcomes as JSON:
tests/integration/test_hostile_inputs.py runs that in a subprocess and asserts on it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gzip
import hashlib
import io
import json
import os
import random
import re
import sys
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote_plus

from tests.stack import Stack, handler_environment, moto_stack

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "out" / "hostile-report.txt"
MiB = 1024 * 1024
# Defaults of article_core.settings.Limits (the template does not override them).
MAX_OBJECT_BYTES = 16 * MiB

Setup = Literal["put", "never_put", "version_deleted", "delete_marker", "overwritten"]

# --------------------------------------------------------------------------------------------------
# Benign text: plausible short news sentences, French and English, to wrap around hostile keys/events.
# --------------------------------------------------------------------------------------------------

_FR = (
    ("Le conseil municipal", "La ministre de la Santé", "Le syndicat des enseignants", "La préfecture du Rhône"),
    ("a annoncé mardi", "a confirmé jeudi", "a présenté lundi", "a rejeté vendredi"),
    ("un plan de rénovation des écoles", "la fermeture du pont pour travaux", "un budget en hausse de 4 %"),
    ("après des mois de négociations.", "malgré l’opposition des riverains.", "selon un communiqué publié le soir."),
)
_EN = (
    ("The city council", "The health minister", "The teachers' union", "The regional authority"),
    ("announced on Tuesday", "confirmed on Thursday", "presented on Monday", "rejected on Friday"),
    ("a plan to renovate schools", "the closure of the bridge for repairs", "a budget rise of 4 percent"),
    ("after months of talks.", "despite objections from residents.", "according to a statement released late."),
)


def sentence(rng: random.Random, language: str) -> str:
    parts = _FR if language == "fr" else _EN
    return " ".join(rng.choice(options) for options in parts)


def article_text(seed: int, language: str = "fr", paragraphs: int = 3) -> str:
    """A short, varied article: `paragraphs` paragraphs of three generated sentences each."""
    rng = random.Random(seed)
    return "\n\n".join(" ".join(sentence(rng, language) for _ in range(3)) for _ in range(paragraphs))


ARTICLE_FR = article_text(1, "fr")
ARTICLE_EN = article_text(2, "en")


# --------------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    why: str
    key: str
    body: bytes
    expect: str  # "processed" or the error code of the rejected record: exactly one outcome
    setup: Setup = "put"
    announced_size: int | Literal["actual"] | None = "actual"  # the size the S3 event claims
    replacement: bytes = b""  # for "overwritten": what the key holds by the time the handler reads it
    contains: tuple[str, ...] = ()  # must be in the cleaned text (processed records)
    absent: tuple[str, ...] = ()  # must not be in the cleaned text (processed records)
    # Budget in Lambda seconds: the handler's CPU time divided by Lambda's CPU share at the template's memory.
    seconds: float = 3.0
    event_time: str = "2025-05-29T10:05:00.000Z"  # the eventTime of the S3 record


def _gzip(data: bytes, level: int = 6) -> bytes:
    return gzip.compress(data, compresslevel=level, mtime=0)


@functools.cache
def gzip_bomb(gib: int = 1) -> bytes:
    """`gib` GiB of zeros as one gzip member of about 1 MB per GiB, built in a streaming way (never in memory)."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MiB)
    parts = [deflate.compress(zeros) for _ in range(gib * 1024)]
    parts.append(deflate.flush())
    return b"".join(parts)


def _zip(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.txt", text)
    return buffer.getvalue()


def _random_bytes(seed: int, n: int, alphabet: range = range(256)) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.choice(alphabet) for _ in range(n))


def _png() -> bytes:
    ihdr = b"IHDR" + (64).to_bytes(4, "big") * 2 + b"\x08\x06\x00\x00\x00"
    chunk = len(ihdr[4:]).to_bytes(4, "big") + ihdr + zlib.crc32(ihdr).to_bytes(4, "big")
    return b"\x89PNG\r\n\x1a\n" + chunk + _random_bytes(3, 4000)


def _pdf() -> bytes:
    return (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"4 0 obj\n<< /Length 60 /Filter /FlateDecode >>\nstream\n"
        + zlib.compress(b"BT /F1 12 Tf 72 712 Td (" + ARTICLE_EN.encode()[:200] + b") Tj ET")
        + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + _random_bytes(4, 3000)


def _with_stray_bytes(text: str, every: int, junk: bytes) -> bytes:
    data = text.encode()
    return b"".join(data[i : i + every] + junk for i in range(0, len(data), every))


def _interleave(text: str, mark: str, every: int) -> str:
    return mark.join(text[i : i + every] for i in range(0, len(text), every))


def _nested_json(depth: int) -> bytes:
    return ('{"a": ' * depth + '"x"' + "}" * depth).encode()


def _distinct_names(n: int) -> bytes:
    syllables = ("ba", "ré", "mi", "lo", "su", "té", "ka", "no", "vi", "de", "ro", "za")

    def word(i: int) -> str:
        letters = "".join(syllables[(i // 12**k) % 12] for k in range(4))
        return letters.capitalize()

    return " ".join(f"{word(i)} {word(i * 7 + 3)} a parlé." for i in range(n)).encode()


def _long_key(total_bytes: int) -> str:
    head, tail = "incoming/long-", ".txt"
    room = total_bytes - len(head.encode()) - len(tail)
    return head + "é" * (room // 2) + "x" * (room % 2) + tail


@functools.cache
def _ten_mb_line() -> bytes:
    rng = random.Random(7)
    parts, size = [], 0
    while size < 10 * MiB:
        parts.append(sentence(rng, "en") + " ")
        size += len(parts[-1].encode())
    return "".join(parts).encode()[: 10 * MiB]


@functools.cache
def _over_cap(line: bytes) -> bytes:
    return (line + b"\n") * (MAX_OBJECT_BYTES // (len(line) + 1) + 2)


@functools.cache
def _distinct_paragraphs_page(n: int) -> bytes:
    """An HTML page of `n` distinct paragraphs (n=72,000: about 13 MB, under every cap)."""
    rng = random.Random(11)
    paragraphs = (f"<p>{i}. {sentence(rng, 'fr')} {sentence(rng, 'en')}</p>" for i in range(n))
    return (
        "<html><head><title>Archives</title></head><body><article>" + "".join(paragraphs) + "</article></body></html>"
    ).encode()


def _page(body: str, head: str = "<title>Le plan</title>", *, close_head: bool = True) -> bytes:
    return f"<html><head>{head}{'</head>' if close_head else ''}<body><article>{body}</article></body></html>".encode()


def _paragraphs_html(text: str) -> str:
    return "".join(f"<p>{p}</p>" for p in text.split("\n\n"))


_OVER_TAG_CAP = "<i></i>" * 80_000  # 160,000 tags: over the HTML cleaner's cap, so the text fallback reads the page


def cases() -> list[Case]:
    """The corpus (the costly bodies are built once per process and cached)."""
    fr, en = ARTICLE_FR, ARTICLE_EN
    one_mb = MiB
    return [
        # --- empty and nearly empty --------------------------------------------------------------
        Case("empty_file", "a zero-byte object whose event says size 0", "incoming/empty.txt", b"", "empty"),
        Case(
            "empty_file_size_unknown",
            "a zero-byte object whose event carries no size: the guard cannot see it, the read must",
            "incoming/empty-nosize.txt",
            b"",
            "empty",
            announced_size=None,
        ),
        Case("whitespace_only", "spaces, tabs and newlines only", "incoming/blank.txt", b" \t\r\n" * 2000, "empty"),
        Case(
            "unicode_whitespace_only",
            "no-break, em and ideographic spaces only",
            "incoming/blank-unicode.txt",
            ("\u00a0\u2003\u3000\u202f\n" * 2000).encode(),
            "empty",
        ),
        Case("one_word", "a single word", "incoming/one-word.txt", b"Bonjour", "processed"),
        # --- binary files ------------------------------------------------------------------------------
        Case("png", "a PNG image under a .txt name", "incoming/photo.txt", _png(), "binary"),
        Case("pdf", "a PDF document", "incoming/report.pdf", _pdf(), "binary"),
        Case("zip", "a ZIP archive holding an article", "incoming/archive.zip", _zip(fr), "binary"),
        Case("elf", "an ELF executable", "incoming/program", _elf(), "binary"),
        Case(
            "random_bytes",
            "64 KB of random bytes, no magic number",
            "incoming/noise.bin",
            _random_bytes(5, 65536),
            "undecodable",
        ),
        Case("gzipped_png", "a PNG inside gzip", "incoming/photo.png.gz", _gzip(_png()), "binary"),
        # --- compression -------------------------------------------------------------------------------
        Case(
            "gzip_article",
            "a well-formed gzipped article (control case)",
            "incoming/article.txt.gz",
            _gzip(fr.encode()),
            "processed",
            contains=(fr[:40],),
        ),
        Case(
            "truncated_gzip",
            "a gzipped article cut in half",
            "incoming/cut.txt.gz",
            _gzip(fr.encode() * 20)[:300],
            "corrupt_gzip",
        ),
        Case(
            "gzip_garbage",
            "a gzip magic number followed by noise",
            "incoming/garbage.gz",
            b"\x1f\x8b\x08\x00" + _random_bytes(6, 5000),
            "corrupt_gzip",
        ),
        Case(
            "gzip_bomb",
            "1 GiB of zeros in a ~1 MB gzip file",
            "incoming/bomb.txt.gz",
            gzip_bomb(),
            "decompression_bomb",
        ),
        Case(
            "nested_gzip_bomb",
            "gzip of the 1 GiB gzip bomb: a ~2 KB file",
            "incoming/bomb2.gz",
            _gzip(gzip_bomb(), 9),
            "decompression_bomb",
        ),
        Case(
            "gzip_members",
            "two concatenated gzip members (legal gzip): both halves must be read",
            "incoming/members.txt.gz",
            _gzip(fr.encode()) + _gzip(("\n\n" + en).encode()),
            "processed",
            contains=(fr[:40], en[:40]),
        ),
        # --- size ----------------------------------------------------------------------------------------
        Case(
            "over_size_cap",
            "an event announcing an object over the 16 MiB cap: rejected before any read",
            "incoming/huge.txt",
            b"x",
            "too_large",
            announced_size=MAX_OBJECT_BYTES + 1,
        ),
        Case(
            "over_size_cap_event_lies",
            "an object over the cap whose event claims 100 bytes: the ranged read must catch it",
            "incoming/huge-liar.txt",
            _over_cap(fr.encode()),
            "too_large",
            announced_size=100,
        ),
        Case(
            "ten_mb_single_line",
            "10 MB of sentences with no newline",
            "incoming/one-line.txt",
            _ten_mb_line(),
            "processed",
            seconds=20.0,
        ),
        # --- HTML ------------------------------------------------------------------------------------------
        Case(
            "html_nested_100k",
            "a paragraph inside 100,000 nested <div>s",
            "incoming/deep.html",
            ("<html><body>" + "<div>" * 100_000 + f"<p>{en}</p>" + "</div>" * 100_000 + "</body></html>").encode(),
            "processed",
            seconds=6.0,
        ),
        Case(
            "html_unclosed_nesting",
            "100,000 opening <b> tags that never close",
            "incoming/unclosed.html",
            ("<html><body><p>" + "<b>" * 100_000 + en + "</p></body></html>").encode(),
            "processed",
            seconds=10.0,
        ),
        Case(
            "html_scripts_and_styles_only",
            "a page made only of <script> and <style> blocks",
            "incoming/scripts.html",
            (
                "<html><head>"
                + "<style>body{color:red}</style><script>var a = 'Le conseil municipal';</script>" * 200
                + "</head><body><script>track()</script></body></html>"
            ).encode(),
            "no_content",
            absent=("var a", "color:red"),
        ),
        Case(
            "html_unterminated_comment",
            "an HTML comment opened and never closed, 1 MB long",
            "incoming/comment.html",
            ("<html><body><p>Intro.</p><!--" + "x-" * (one_mb // 2)).encode(),
            "processed",
        ),
        # --- encodings -------------------------------------------------------------------------------------
        Case(
            "invalid_utf8_stray_bytes",
            "a UTF-8 French article with a stray 0xFF byte every 50 bytes",
            "incoming/stray.txt",
            _with_stray_bytes(fr, 50, b"\xff"),
            "processed",
        ),
        Case(
            "invalid_utf8_high_bytes",
            "16 KB of random bytes 0x80-0xFF (not UTF-8, not meaningful in any 8-bit code page)",
            "incoming/high.txt",
            _random_bytes(8, 16384, range(0x80, 0x100)),
            "undecodable",
        ),
        Case(
            "utf16le_no_bom",
            "a French article in UTF-16LE without a BOM",
            "incoming/utf16le.txt",
            fr.encode("utf-16-le"),
            "processed",
            contains=(fr[:40],),
        ),
        Case(
            "utf16be_no_bom",
            "an English article in UTF-16BE without a BOM",
            "incoming/utf16be.txt",
            en.encode("utf-16-be"),
            "processed",
            contains=(en[:40],),
        ),
        Case(
            "nul_bytes_sprinkled",
            "an article with a NUL byte every 400 bytes (a few, as broken exports leave them)",
            "incoming/nul.txt",
            _with_stray_bytes(en * 2, 400, b"\x00"),
            "processed",
            absent=("\x00",),
        ),
        Case("nul_flood", "1 MB of NUL bytes", "incoming/nul-flood.txt", bytes(one_mb), "binary"),
        Case(
            "bidi_override_flood",
            "an article with U+202E (right-to-left override) every 5 characters",
            "incoming/bidi.txt",
            _interleave(fr, "\u202e", 5).encode(),
            "processed",
            absent=("\u202e",),
        ),
        Case(
            "zero_width_flood",
            "an article drowned in 500,000 zero-width spaces and joiners",
            "incoming/zwsp.txt",
            ("\u200b\u200c\u200d\ufeff" * 125_000 + en).encode(),
            "processed",
            absent=("\u200b", "\u200c", "\ufeff"),
        ),
        Case(
            "zero_width_only",
            "nothing but zero-width characters",
            "incoming/zw-only.txt",
            ("\u200b\u2060" * 100_000).encode(),
            "empty",
        ),
        Case(
            "ansi_escapes",
            "an article full of terminal escape sequences",
            "incoming/ansi.txt",
            _interleave(en, "\x1b[31m", 20).encode(),
            "processed",
            absent=("\x1b",),
        ),
        # --- regular-expression backtracking bait ----------------------------------------------------
        Case(
            "megabyte_one_char",
            "1 MB of the letter a",
            "incoming/aaaa.txt",
            b"a" * one_mb,
            "processed",
            seconds=8.0,
        ),
        Case("megabyte_spaces", "1 MB of spaces", "incoming/spaces.txt", b" " * one_mb, "empty"),
        Case(
            "megabyte_guillemets",
            "1 MB of «",
            "incoming/guillemets.txt",
            ("«" * (one_mb // 2)).encode(),
            "no_content",
            seconds=8.0,
        ),
        Case("megabyte_dots", "1 MB of full stops", "incoming/dots.txt", b"." * one_mb, "no_content", seconds=12.0),
        Case(
            "megabyte_capitals",
            "1 MB of capital letters, no spaces",
            "incoming/caps.txt",
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZ" * (one_mb // 26),
            "processed",
            seconds=8.0,
        ),
        Case(
            "megabyte_capitalised_words",
            "1 MB of capitalised words (named-entity bait)",
            "incoming/names.txt",
            b"Jean Pierre Marie Dupont " * (one_mb // 25),
            "processed",
            seconds=12.0,
        ),
        Case(
            "megabyte_open_quotes",
            "1 MB of opening quotes and words, never closed (quote bait)",
            "incoming/quotes.txt",
            ("« il a dit " * (one_mb // 12)).encode(),
            "processed",
            seconds=12.0,
        ),
        Case(
            "megabyte_brackets",
            "1 MB of [ and ( (Markdown link bait)",
            "incoming/brackets.md",
            b"[(" * (one_mb // 2),
            "no_content",
            seconds=6.0,
        ),
        Case(
            "many_short_lines",
            "200,000 one-word lines",
            "incoming/lines.txt",
            b"mot\n" * 200_000,
            "processed",
            seconds=25.0,
        ),
        Case(
            "twenty_thousand_names",
            "20,000 distinct capitalised first and last names (each one an entity)",
            "incoming/names-distinct.txt",
            _distinct_names(20_000),
            "processed",
            seconds=15.0,
        ),
        Case(
            "giant_accented_sentence",
            "400,000 characters of accented French words and no full stop (one sentence, two bytes a letter)",
            "incoming/one-sentence.txt",
            ("Élève équipé à côté " * 20_000).encode(),
            "processed",
            seconds=8.0,
        ),
        # --- JSON --------------------------------------------------------------------------------------------
        Case(
            "malformed_json",
            "JSON cut off inside a string",
            "incoming/cut.json",
            b'{"title": "Budget", "body": "Le conseil municipal a',
            "malformed_json",
        ),
        Case(
            "json_wrong_types",
            "JSON whose fields have the wrong types (numbers, lists, booleans)",
            "incoming/types.json",
            b'{"title": 12345, "body": [1, 2, {"x": null}], "author": false, "date": [], "url": {}}',
            "unsupported_json",
        ),
        Case(
            "json_nested_10k",
            "JSON objects nested 10,000 deep",
            "incoming/deep.json",
            _nested_json(10_000),
            "too_complex",
        ),
        Case(
            "json_array_nested_10k",
            "JSON arrays nested 10,000 deep",
            "incoming/deep-array.json",
            b"[" * 10_000 + b"]" * 10_000,
            "too_complex",
        ),
        Case(
            "json_lone_surrogate",
            "JSON whose body holds a lone UTF-16 surrogate escape (cannot be encoded as UTF-8)",
            "incoming/surrogate.json",
            ('{"title": "Budget", "body": "' + en.replace("\n", " ") + ' \\ud800 fin."}').encode(),
            "processed",
            absent=("\ud800",),
        ),
        # --- keys ---------------------------------------------------------------------------------------------
        Case(
            "key_spaces",
            "a key with spaces (encoded as + in the event)",
            "incoming/revue de presse/article du jour.txt",
            fr.encode(),
            "processed",
        ),
        Case(
            "key_plus",
            "a key with a literal + (encoded as %2B)",
            "incoming/c++ vs rust+go.txt",
            en.encode(),
            "processed",
        ),
        Case(
            "key_percent",
            "a key with a literal %20 (decoded once, not twice)",
            "incoming/100% sure%20really.txt",
            en.encode(),
            "processed",
        ),
        Case(
            "key_unicode",
            "a key in several scripts",
            "incoming/Été/élysée-日本語-Ελλάδα-😀.txt",
            fr.encode(),
            "processed",
        ),
        Case(
            "key_dot_dot",
            "a key with ../ segments (S3 keys are not paths)",
            "incoming/../../etc/passwd",
            en.encode(),
            "processed",
        ),
        Case(
            "key_1024_bytes",
            "a key of exactly 1,024 UTF-8 bytes (the S3 maximum)",
            _long_key(1024),
            fr.encode(),
            "processed",
        ),
        Case(
            "key_folder_marker",
            "a folder marker: a zero-byte object whose key ends in /",
            "incoming/new folder/",
            b"",
            "not_a_file",
        ),
        Case("key_folder_with_body", "a key ending in / that holds bytes", "incoming/odd/", fr.encode(), "not_a_file"),
        # --- the object's life between the event and the read -------------------------------------------
        Case(
            "object_never_existed",
            "an event for a key that was never there",
            "incoming/ghost.txt",
            fr.encode(),
            "object_gone",
            setup="never_put",
        ),
        Case(
            "version_deleted",
            "the version the event names was permanently deleted before the read",
            "incoming/deleted.txt",
            fr.encode(),
            "object_gone",
            setup="version_deleted",
        ),
        Case(
            "delete_marker",
            "the key was deleted (a delete marker) after the event; the named version still exists",
            "incoming/marker.txt",
            fr.encode(),
            "processed",
            setup="delete_marker",
            contains=(fr[:40],),
        ),
        Case(
            "overwritten_before_read",
            "the key was overwritten after the event: the version the event names is read, not the new one",
            "incoming/overwritten.txt",
            en.encode(),
            "processed",
            setup="overwritten",
            replacement=fr.encode(),
            contains=(en[:40],),
            absent=(fr[:40],),
        ),
        # --- issue 11: dates at the edges of time ---------------------------------------------------------
        Case(
            "relative_3000_years_fr",
            "a line 'Il y a 3000 ans' above the body (the relative date is before year 1)",
            "incoming/il-y-a-3000-ans.txt",
            ("Il y a 3000 ans, la ville fut fondée.\n\n" + fr).encode(),
            "processed",
            contains=(fr[:40],),
        ),
        Case(
            "relative_3000_years_en",
            "a line '3000 years ago' above the body",
            "incoming/3000-years-ago.txt",
            ("3000 years ago, the city was founded.\n\n" + en).encode(),
            "processed",
            contains=(en[:40],),
        ),
        Case(
            "dateline_zone_plus_23",
            "a dateline whose zone is 'CEST+23' (25 hours east of UTC)",
            "incoming/cest-plus-23.txt",
            ("PARIS, 3 mai 2024 14:00 CEST+23 (AFP) - " + fr).encode(),
            "processed",
            contains=(fr[:40],),
        ),
        Case(
            "iso_offset_99_99",
            "a publication time with the offset +99:99",
            "incoming/offset-99.txt",
            ("Publié le 2024-05-03T14:00:00+99:99\n\n" + fr).encode(),
            "processed",
            contains=(fr[:40],),
        ),
        Case(
            "event_time_year_1",
            "an S3 event whose eventTime is 0001-01-01",
            "incoming/event-year-1.txt",
            ("Il y a 2 heures\n\n" + fr).encode(),
            "processed",
            event_time="0001-01-01T00:00:00.000Z",
        ),
        Case(
            "event_time_year_9999",
            "an S3 event whose eventTime is 9999-12-31T23:59:59",
            "incoming/event-year-9999.txt",
            ("Il y a 2 heures\n\n" + fr).encode(),
            "processed",
            event_time="9999-12-31T23:59:59.999Z",
        ),
        # --- issue 11: the HTML text fallback and metadata blocks ------------------------------------------
        Case(
            "over_tag_cap_unclosed_head",
            "over the tag cap, with <head> never closed (its end tag is optional in HTML5)",
            "incoming/unclosed-head.html",
            _page(_OVER_TAG_CAP + _paragraphs_html(fr), close_head=False),
            "processed",
            contains=(fr[:40],),
        ),
        Case(
            "over_tag_cap_self_closing_svg",
            "over the tag cap, with a self-closing <svg/> before the article",
            "incoming/svg-self-closing.html",
            _page(_OVER_TAG_CAP + "<svg/>" + _paragraphs_html(fr)),
            "processed",
            contains=(fr[:40],),
        ),
        Case(
            "json_ld_nested_1000",
            "a valid article page with one JSON-LD block nested 1,000 levels deep",
            "incoming/deep-json-ld.html",
            _page(_paragraphs_html(fr), '<script type="application/ld+json">' + "[" * 1000 + "]" * 1000 + "</script>"),
            "processed",
            contains=(fr[:40],),
        ),
        # --- issue 11: markup and controls in any text field --------------------------------------------------
        Case(
            "json_markup_deep_in_body",
            "a JSON body with <svg onload>, <object> and <form> after 20,000 characters of prose",
            "incoming/markup.json",
            json.dumps(
                {
                    "title": "Le plan",
                    "body": (fr.replace("\n\n", " ") + " ") * 20
                    + '<svg onload="alert(1)">x</svg> <object data="x.swf">o</object> '
                    + '<form action="/x">champ</form> Fin.',
                }
            ).encode(),
            "processed",
            absent=("<svg", "onload", "<object", "<form", "x.swf"),
        ),
        Case(
            "markdown_script_and_style",
            "Markdown holding <script> and <style> blocks",
            "incoming/script.md",
            (
                "# Le plan\n\n" + fr + "\n\n<script>\nstealCookies('SECRET1');\n</script>\n\n"
                "<style>\nbody { color: SECRET2 }\n</style>\n\n**Fin** du texte."
            ).encode(),
            "processed",
            absent=("SECRET1", "SECRET2", "stealCookies"),
        ),
        Case(
            "html_template_text",
            "an HTML page with a <template> whose text must not become article text",
            "incoming/template.html",
            _page(_paragraphs_html(fr) + "<template><p>SECRET3 contenu du gabarit jamais affiché.</p></template>"),
            "processed",
            absent=("SECRET3",),
        ),
        Case(
            "megabyte_title",
            "a 1 MB <title>: the record must still fit one item, and say what it stored",
            "incoming/big-title.html",
            _page(_paragraphs_html(fr), "<title>" + "Titre " * 170_000 + "</title>"),
            "processed",
            contains=(fr[:40],),
        ),
        Case(
            "bidi_in_title",
            "bidi overrides and isolates in the <title>",
            "incoming/bidi-title.html",
            _page(_paragraphs_html(fr), "<title>Le \u202eplan\u202c \u2066secret\u2069</title>"),
            "processed",
        ),
        # --- issue 11: encodings and nothing to read -----------------------------------------------------------
        Case(
            "utf8_then_utf16le",
            "UTF-8 French followed by UTF-16LE English (no byte-order mark)",
            "incoming/mixed-utf16.txt",
            fr.encode() + ("\n\n" + en).encode("utf-16-le"),
            "processed",
            contains=(fr[:40], en[:40]),
        ),
        Case(
            "utf16_lone_surrogate",
            "a UTF-16LE file (with BOM) holding one unpaired surrogate",
            "incoming/utf16-surrogate.txt",
            b"\xff\xfe" + en.encode("utf-16-le") + b"\x00\xd8" + ("\n\n" + fr).encode("utf-16-le"),
            "processed",
            contains=(en[:40],),
        ),
        Case(
            "punctuation_only",
            "punctuation and symbols only",
            "incoming/punctuation.txt",
            (". , ; ! ? « » — … " * 500).encode(),
            "no_content",
        ),
        Case(
            "hangul_filler",
            "2,500 Hangul filler characters separated by spaces",
            "incoming/hangul-filler.txt",
            ("\u3164 " * 2500).encode(),
            "no_content",
        ),
        Case(
            "braille_blanks",
            "2,500 braille blank patterns separated by spaces",
            "incoming/braille.txt",
            ("\u2800 " * 2500).encode(),
            "no_content",
        ),
        # --- issue 11: cost on Lambda's clock -----------------------------------------------------------------
        Case(
            "distinct_paragraphs_72k",
            "72,000 distinct paragraphs of HTML (about 13 MB, under every cap)",
            "incoming/archive.html",
            _distinct_paragraphs_page(72_000),
            "processed",
            seconds=40.0,
        ),
        Case(
            "repeated_word_15mb",
            "15 MB of one repeated word",
            "incoming/one-word-15mb.txt",
            b"bonjour " * (15 * MiB // 8),
            "processed",
            seconds=30.0,
        ),
        Case(
            "short_lines_16mb",
            "4 million one-word lines, just under the size cap (the costliest line-by-line cleaning)",
            "incoming/lines-16mb.txt",
            b"mot\n" * (MAX_OBJECT_BYTES // 4 - 1),
            "processed",
            seconds=60.0,
        ),
    ]


# --------------------------------------------------------------------------------------------------
# Running a case through the handler
# --------------------------------------------------------------------------------------------------


# Lambda's CPU share at the template's memory size, the function's timeout, and the memory target.
LAMBDA_MB_PER_CORE = 1769
MAX_PEAK_RSS = 400 * MiB


def _template_default(name: str) -> int:
    from local.template_resources import load_template

    return int(load_template()["Parameters"][name]["Default"])


def cpu_share() -> float:
    return min(1.0, _template_default("FunctionMemorySize") / LAMBDA_MB_PER_CORE)


@dataclass
class Outcome:
    name: str
    expect: str
    budget: float  # Lambda seconds the case may take
    result: dict[str, int] | None = None  # the handler's return value
    raised: str | None = None  # repr of anything that escaped the handler
    seen: str = "no record"  # "processed", the error code, "raised" or "no record"
    problems: list[str] = field(default_factory=list)  # what the stored record got wrong, if anything
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    peak_rss: int = 0  # bytes: the process's peak RSS during the handler call; 0 when not measured
    base_rss: int = 0  # bytes: the process's RSS just before the call (imports, moto and the staged object)
    size: int = 0

    @property
    def lambda_seconds(self) -> float:
        return self.cpu_seconds / cpu_share()

    @property
    def lambda_rss(self) -> int:
        """The peak RSS a Lambda process would reach: the handler's own baseline (a fresh process with its
        imports, no moto) plus what this call added on top of the process it ran in."""
        if not self.peak_rss:
            return 0
        return handler_baseline_rss() + max(0, self.peak_rss - self.base_rss)

    @property
    def ok(self) -> bool:
        return (
            self.seen == self.expect
            and not self.raised
            and not self.problems
            and self.lambda_seconds <= self.budget
            and self.lambda_rss <= MAX_PEAK_RSS
        )


_BASELINE_SCRIPT = """
import sys
from pathlib import Path
import app
from article_core.models import ObjectRef
from article_core.pipeline import process
samples = {"a.html": b"<html><body><p>Le plan.</p></body></html>", "a.json": b'{"body": "x"}', "a.txt": b"Mot."}
for key, body in samples.items():
    process(body, ObjectRef(bucket="b", key=key))
status = Path("/proc/self/status").read_text()
print(next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmHWM:")))
"""


def _python_path() -> str:
    return os.pathsep.join(str(ROOT / p) for p in ("layers/article_core", "functions/process_article", "."))


@functools.cache
def handler_baseline_rss() -> int:
    """Peak RSS of a fresh process that imported the handler and ran each format once (what Lambda holds
    before the first byte of a hostile file); measured once per run."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", _BASELINE_SCRIPT],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **handler_environment(), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": _python_path()},
        check=True,
    )
    return int(done.stdout.split()[-1])


def event_record(
    bucket: str,
    key: str,
    *,
    size: int | None,
    etag: str | None,
    version_id: str | None,
    sequencer: str,
    event_time: str = "2025-05-29T10:05:00.000Z",
) -> dict[str, Any]:
    """One S3 ObjectCreated:Put record as S3 sends it (key URL-encoded with + for spaces)."""
    from local.make_events import s3_put_record

    stand_in = _Upload(key)
    record = s3_put_record(stand_in, bucket=bucket, sequencer=sequencer, event_time=event_time)  # type: ignore[arg-type]
    obj = record["s3"]["object"]
    obj.update(key=quote_plus(key, safe="/"), eTag=etag, versionId=version_id)
    if size is None:
        del obj["size"]
    else:
        obj["size"] = size
    return record


@dataclass(frozen=True)
class _Upload:
    """The attributes `s3_put_record` reads from a sample object."""

    key: str
    body: bytes = b""

    @property
    def etag(self) -> str:
        return hashlib.md5(self.body, usedforsecurity=False).hexdigest()


def _stage(stack: Stack, case: Case, sequencer: str) -> dict[str, Any]:
    """Put the object as the case says and return the event S3 would have sent for it."""
    bucket = stack.names.input_bucket
    version_id = etag = None
    if case.setup != "never_put":
        put = stack.s3.put_object(Bucket=bucket, Key=case.key, Body=case.body)
        version_id, etag = put.get("VersionId"), put["ETag"].strip('"')
    if case.setup == "version_deleted":
        stack.s3.delete_object(Bucket=bucket, Key=case.key, VersionId=version_id)
    elif case.setup == "delete_marker":
        stack.s3.delete_object(Bucket=bucket, Key=case.key)
    elif case.setup == "overwritten":
        stack.s3.put_object(Bucket=bucket, Key=case.key, Body=case.replacement)
    size = len(case.body) if case.announced_size == "actual" else case.announced_size
    record = event_record(
        bucket, case.key, size=size, etag=etag, version_id=version_id, sequencer=sequencer, event_time=case.event_time
    )
    return {"Records": [record]}


class Hung(BaseException):
    """Raised into a handler call that outlives the function's timeout.

    A BaseException, so that no `except Exception` in the pipeline turns it into a record.
    """


def function_timeout_seconds() -> int:
    from local.template_resources import load_template

    return int(load_template()["Parameters"]["FunctionTimeout"]["Default"])


@contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Interrupt a call still running after `seconds` (SIGALRM; the regex engine checks signals).

    Not a speed test: Lambda would kill such an invocation at its timeout and store no record at all,
    so a case that reaches the function's timeout has already failed; this only keeps the suite from hanging.
    """
    import signal

    if not hasattr(signal, "setitimer"):  # pragma: no cover - not on POSIX
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise Hung(f"still running after {seconds:.0f} s, the function's timeout")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class ScaledContext:
    """The Lambda context, with the remaining time scaled by Lambda's CPU share: this process runs at up to a
    full core, so it gets `timeout x share` seconds, which is the work Lambda does in `timeout` seconds."""

    function_name = "ProcessArticleFunction"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:ProcessArticleFunction"
    memory_limit_in_mb = 512
    aws_request_id = "00000000-0000-0000-0000-000000000000"
    log_group_name = "/aws/lambda/ProcessArticleFunction"
    log_stream_name = "local"

    def __init__(self, timeout_seconds: float, share: float) -> None:
        self._deadline = time.monotonic() + timeout_seconds * share

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def _reset_peak_rss() -> bool:
    """Linux: writing 5 to clear_refs resets the process's peak RSS (VmHWM), so each case is measured alone."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _rss(field_name: str) -> int:
    """VmRSS (now) or VmHWM (peak since the last reset) of this process, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name):
            return int(line.split()[1]) * 1024
    return 0


def run_case(stack: Stack, case: Case, index: int) -> Outcome:
    """Stage the case, invoke the handler once (at most for the function's timeout), check the stored record."""
    from article_core.models import ObjectRef
    from article_core.storage import record_from_item

    event = _stage(stack, case, sequencer=f"0067F1A2B3C4{index:06X}")
    outcome = Outcome(case.name, case.expect, case.seconds, size=len(case.body))
    timeout = function_timeout_seconds()
    measured = _reset_peak_rss()
    outcome.base_rss = _rss("VmRSS:") if measured else 0
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        with hang_guard(timeout):
            outcome.result = stack.handler(event, ScaledContext(timeout, cpu_share()))
    except (Exception, Hung) as exc:  # recorded; the test fails on it
        outcome.raised = f"{type(exc).__name__}: {exc}"[:300]
    finally:
        outcome.cpu_seconds = time.process_time() - cpu
        outcome.wall_seconds = time.perf_counter() - wall
        outcome.peak_rss = _rss("VmHWM:") if measured else 0
    article_id = ObjectRef(bucket=stack.names.input_bucket, key=case.key).article_id
    item = stack.table.get_item(Key={"article_id": article_id}, ConsistentRead=True).get("Item")
    if outcome.raised:
        outcome.seen = "raised"
    elif item:
        record = record_from_item(item)
        outcome.seen = record.error.code if record.status != "processed" and record.error else record.status
        outcome.problems = record_problems(case, record, _cleaned_text(stack, record), outcome.result)
    return outcome


# Markup, C0/C1 controls and bidi embeddings/overrides/isolates: none may be in any text field of a record.
_UNSAFE_TEXT = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|<(?:script|style|svg|object|form|iframe|template|p|div)\b",
    re.I,
)


def record_problems(case: Case, record: Any, cleaned: str | None, result: dict[str, int] | None) -> list[str]:
    """What is wrong with the stored record for this case (an empty list when nothing is)."""
    problems = []
    if record.source.key != case.key:
        problems.append(f"stored under {record.source.key!r}")
    if result is None or result.get("processed", 0) + result.get("rejected", 0) != 1:
        problems.append(f"the handler counted {result}")
    elif record.status not in result or result[record.status] != 1:
        problems.append(f"the handler counted {result} for a {record.status} record")
    if record.status == "rejected" and not _readable(record.error.message):
        problems.append(f"unreadable message {record.error.message!r}")
    for fragment in case.contains:
        if fragment not in (cleaned or ""):
            problems.append(f"missing {fragment[:40]!r}")
    for fragment in case.absent:
        if fragment in (cleaned or "") or fragment in record.model_dump_json():
            problems.append(f"kept {fragment[:40]!r}")
    fields = record.model_dump(mode="json", exclude={"source"})
    fields["text"]["cleaned"] = cleaned
    for text in _strings(fields):
        if found := _UNSAFE_TEXT.search(text):
            problems.append(f"unsafe {found.group()!r} in a text field")
            break
    return problems


def _readable(message: str) -> bool:
    """A sentence a person can act on: capitalised, ends with a full stop, one line, no debris of code."""
    return (
        15 <= len(message) <= 400
        and message[0].isupper()
        and message.rstrip(")").endswith(".")
        and "\n" not in message
        and not re.search(r"Traceback|object at 0x|\\x[0-9a-f]{2}|b'", message)
    )


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _cleaned_text(stack: Stack, record: Any) -> str | None:
    if record.text.cleaned is not None or not record.text.cleaned_uri:
        return str(record.text.cleaned) if record.text.cleaned is not None else None
    bucket, _, key = record.text.cleaned_uri.removeprefix("s3://").partition("/")
    return str(stack.s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode())


def run_corpus(only: Callable[[Case], bool] | None = None) -> tuple[list[Outcome], list[str]]:
    """Every case through the handler in one moto stack (distinct keys, so cases cannot see each other).

    Returns the outcomes and the article_id of every item in the table afterwards.
    """
    outcomes = []
    with moto_stack() as stack:
        for index, case in enumerate(cases()):
            if only is None or only(case):
                print(f"{case.name} ...", end=" ", file=sys.stderr, flush=True)
                outcomes.append(run_case(stack, case, index))
                o = outcomes[-1]
                print(f"{o.seen} in {o.lambda_seconds:.1f} Lambda s", file=sys.stderr, flush=True)
        ids = [item["article_id"] for item in stack.items()]
    return outcomes, ids


def run_isolated(names: list[str]) -> list[Outcome]:
    """Each case in a fresh process (`--json NAME`): its peak RSS is its own, not the corpus's."""
    import subprocess

    outcomes = []
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for name in names:
        print(f"{name} ...", end=" ", file=sys.stderr, flush=True)
        done = subprocess.run(
            [sys.executable, "-m", "tests.hostile", "--json", f"={name}"],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
        )
        found = outcomes_from_json(done.stdout)[0] if done.returncode in (0, 1) and done.stdout else None
        if found is None:
            case = next(c for c in cases() if c.name == name)
            found = Outcome(name, case.expect, case.seconds, raised=f"child exited {done.returncode}", seen="raised")
        outcomes.append(found)
        print(f"{found.seen} in {found.lambda_seconds:.1f} Lambda s, {found.lambda_rss / MiB:.0f} MiB", file=sys.stderr)
    return outcomes


def outcomes_to_json(outcomes: list[Outcome], ids: list[str]) -> str:
    return json.dumps({"outcomes": [dataclasses.asdict(o) for o in outcomes], "item_ids": ids})


def outcomes_from_json(text: str) -> list[Outcome]:
    return [Outcome(**o) for o in json.loads(text.strip().splitlines()[-1])["outcomes"]]


def report(outcomes: list[Outcome]) -> str:
    """A plain-text table: case, expected, seen, Lambda seconds (budget), wall seconds, peak RSS; then the worst."""
    share = cpu_share()
    lines = [
        f"{'case':32} {'expected':18} {'seen':18} {'Lambda s':>8} {'budget':>6} {'wall s':>7} {'RSS MiB':>8}"
        f" {'+call':>6}  size"
    ]
    for o in outcomes:
        flag = "" if o.ok else "  <-- UNEXPECTED"
        lines.append(
            f"{o.name:32} {o.expect[:18]:18} {o.seen[:18]:18} {o.lambda_seconds:8.2f} {o.budget:6.0f}"
            f" {o.wall_seconds:7.2f} {o.lambda_rss / MiB:8.1f} {(o.peak_rss - o.base_rss) / MiB:6.1f}"
            f"  {o.size:,}{flag}"
        )
        lines += [f"    raised: {o.raised}"] if o.raised else []
        lines += [f"    problem: {p}" for p in o.problems]
    codes: dict[str, int] = {}
    for o in outcomes:
        codes[o.seen] = codes.get(o.seen, 0) + 1
    slowest = max(outcomes, key=lambda o: o.lambda_seconds)
    hungriest = max(outcomes, key=lambda o: o.lambda_rss)
    failing = [o.name for o in outcomes if not o.ok]
    lines += [
        "",
        f"cases: {len(outcomes)}; as expected: {len(outcomes) - len(failing)}; unexpected: {failing or 'none'}",
        "outcomes seen: " + ", ".join(f"{code} {n}" for code, n in sorted(codes.items())),
        f"CPU share: {share:.3f} of a core ({_template_default('FunctionMemorySize')} MB / {LAMBDA_MB_PER_CORE} MB);"
        f" Lambda seconds = CPU seconds / share; timeout {function_timeout_seconds()} s",
        f"worst time: {slowest.lambda_seconds:.1f} Lambda s ({slowest.name}; {slowest.cpu_seconds:.2f} CPU s)",
        f"worst peak RSS: {hungriest.lambda_rss / MiB:.0f} MiB ({hungriest.name}); target {MAX_PEAK_RSS // MiB} MiB"
        f" (RSS = the handler's baseline, {handler_baseline_rss() / MiB:.0f} MiB in a fresh process,"
        " + what the call added to the peak RSS of the process it ran in; +call = that addition)",
        f"total CPU time in the handler: {sum(o.cpu_seconds for o in outcomes):.1f} s",
    ]
    return "\n".join(lines) + "\n"


def write_report(outcomes: list[Outcome], path: Path = REPORT) -> str:
    text = report(outcomes)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return text


def main(argv: list[str] | None = None) -> int:
    """`python -m tests.hostile [--isolated | --json] [name-substring | =exact-name ...]`."""
    os.environ.update(handler_environment())
    os.environ.pop("AWS_ENDPOINT_URL", None)
    os.environ["POWERTOOLS_LOG_LEVEL"] = "WARNING"  # keep the table readable
    args = list(argv if argv is not None else sys.argv[1:])
    as_json, isolated = "--json" in args, "--isolated" in args
    wanted = [a for a in args if not a.startswith("--")]

    def chosen(case: Case) -> bool:
        return not wanted or any(case.name == w[1:] if w.startswith("=") else w in case.name for w in wanted)

    if isolated:
        outcomes = run_isolated([c.name for c in cases() if chosen(c)])
    else:
        with contextlib.redirect_stdout(io.StringIO()):  # the metrics lines the handler prints
            outcomes, ids = run_corpus(only=chosen)
        if as_json:
            print(outcomes_to_json(outcomes, ids))
            return 0 if all(o.ok for o in outcomes) else 1
    print(write_report(outcomes), end="")
    print(f"(written to {REPORT.relative_to(ROOT)})")
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
