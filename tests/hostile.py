"""A generated corpus of hostile and broken uploads, and a runner that pushes each through the handler under moto.

Every body is built by code (no stored blobs), so the corpus documents itself: each case says what it
probes, the key it is uploaded under, how the object and its event are set up, and the one outcome it
must end in (`processed`, or the error code of a `rejected` record).

Run `python -m tests.hostile` for the report the benchmark quotes: per case the code seen, the time and the
traced peak memory of the handler call, then the worst of each (also written to out/hostile-report.txt).
The integration test tests/integration/test_hostile_inputs.py runs the same corpus and asserts on it.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import io
import os
import random
import sys
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
    expect: str  # "processed" or the error code of the rejected record
    also: tuple[str, ...] = ()  # other outcomes a correct pipeline may defensibly give
    setup: Setup = "put"
    announced_size: int | Literal["actual"] | None = "actual"  # the size the S3 event claims
    replacement: bytes = b""  # for "overwritten": what the key holds by the time the handler reads it
    contains: tuple[str, ...] = ()  # must be in the cleaned text (processed records)
    absent: tuple[str, ...] = ()  # must not be in the cleaned text (processed records)

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.expect, *self.also)


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
            also=("no_content",),
        ),
        Case("one_word", "a single word", "incoming/one-word.txt", b"Bonjour", "processed", also=("no_content",)),
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
            "binary",
            also=("undecodable",),
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
            also=("binary",),
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
        ),
        # --- HTML ------------------------------------------------------------------------------------------
        Case(
            "html_nested_100k",
            "a paragraph inside 100,000 nested <div>s",
            "incoming/deep.html",
            ("<html><body>" + "<div>" * 100_000 + f"<p>{en}</p>" + "</div>" * 100_000 + "</body></html>").encode(),
            "processed",
            also=("too_complex",),
        ),
        Case(
            "html_unclosed_nesting",
            "100,000 opening <b> tags that never close",
            "incoming/unclosed.html",
            ("<html><body><p>" + "<b>" * 100_000 + en + "</p></body></html>").encode(),
            "processed",
            also=("too_complex",),
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
            also=("no_content",),
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
            also=("binary",),
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
        Case("nul_flood", "1 MB of NUL bytes", "incoming/nul-flood.txt", bytes(one_mb), "binary", also=("empty",)),
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
            also=("no_content",),
        ),
        Case(
            "ansi_escapes",
            "an article full of terminal escape sequences",
            "incoming/ansi.txt",
            _interleave(en, "\x1b[31m", 20).encode(),
            "processed",
            also=("binary",),
            absent=("\x1b",),
        ),
        # --- regular-expression backtracking bait ----------------------------------------------------
        Case(
            "megabyte_one_char",
            "1 MB of the letter a",
            "incoming/aaaa.txt",
            b"a" * one_mb,
            "processed",
            also=("no_content", "undecodable"),
        ),
        Case("megabyte_spaces", "1 MB of spaces", "incoming/spaces.txt", b" " * one_mb, "empty"),
        Case(
            "megabyte_guillemets",
            "1 MB of «",
            "incoming/guillemets.txt",
            ("«" * (one_mb // 2)).encode(),
            "no_content",
            also=("processed",),
        ),
        Case(
            "megabyte_dots", "1 MB of full stops", "incoming/dots.txt", b"." * one_mb, "no_content", also=("processed",)
        ),
        Case(
            "megabyte_capitals",
            "1 MB of capital letters, no spaces",
            "incoming/caps.txt",
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZ" * (one_mb // 26),
            "processed",
            also=("no_content",),
        ),
        Case(
            "megabyte_capitalised_words",
            "1 MB of capitalised words (named-entity bait)",
            "incoming/names.txt",
            b"Jean Pierre Marie Dupont " * (one_mb // 25),
            "processed",
        ),
        Case(
            "megabyte_open_quotes",
            "1 MB of opening quotes and words, never closed (quote bait)",
            "incoming/quotes.txt",
            ("« il a dit " * (one_mb // 12)).encode(),
            "processed",
            also=("no_content",),
        ),
        Case(
            "megabyte_brackets",
            "1 MB of [ and ( (Markdown link bait)",
            "incoming/brackets.md",
            b"[(" * (one_mb // 2),
            "no_content",
            also=("processed",),
        ),
        Case(
            "many_short_lines",
            "200,000 one-word lines",
            "incoming/lines.txt",
            b"mot\n" * 200_000,
            "processed",
            also=("no_content",),
        ),
        Case(
            "twenty_thousand_names",
            "20,000 distinct capitalised first and last names (each one an entity)",
            "incoming/names-distinct.txt",
            _distinct_names(20_000),
            "processed",
            also=("too_complex",),
        ),
        Case(
            "giant_accented_sentence",
            "400,000 characters of accented French words and no full stop (one sentence, two bytes a letter)",
            "incoming/one-sentence.txt",
            ("Élève équipé à côté " * 20_000).encode(),
            "processed",
            also=("too_complex",),
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
            "no_content",
            also=("malformed_json", "unsupported_json"),
        ),
        Case(
            "json_nested_10k",
            "JSON objects nested 10,000 deep",
            "incoming/deep.json",
            _nested_json(10_000),
            "too_complex",
            also=("malformed_json", "no_content"),
        ),
        Case(
            "json_array_nested_10k",
            "JSON arrays nested 10,000 deep",
            "incoming/deep-array.json",
            b"[" * 10_000 + b"]" * 10_000,
            "too_complex",
            also=("malformed_json", "no_content"),
        ),
        Case(
            "json_lone_surrogate",
            "JSON whose body holds a lone UTF-16 surrogate escape (cannot be encoded as UTF-8)",
            "incoming/surrogate.json",
            ('{"title": "Budget", "body": "' + en.replace("\n", " ") + ' \\ud800 fin."}').encode(),
            "processed",
            also=("malformed_json",),
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
    ]


# --------------------------------------------------------------------------------------------------
# Running a case through the handler
# --------------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    case: Case
    result: dict[str, int] | None = None  # the handler's return value
    raised: str | None = None  # repr of anything that escaped the handler
    record: Any = None  # the ArticleRecord stored for the key, if any
    cleaned: str | None = None  # the cleaned text, fetched from S3 when it was moved there
    seconds: float = 0.0
    peak_bytes: int = 0

    @property
    def seen(self) -> str:
        if self.raised:
            return "raised"
        if self.record is None:
            return "no record"
        return "processed" if self.record.status == "processed" else self.record.error.code

    @property
    def ok(self) -> bool:
        return self.seen in self.case.accepted


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
    record = event_record(bucket, case.key, size=size, etag=etag, version_id=version_id, sequencer=sequencer)
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


def run_case(stack: Stack, case: Case, index: int, *, trace_memory: bool = True) -> Outcome:
    """Stage the case, invoke the handler once (at most for the function's timeout), read back the record."""
    from article_core.models import ObjectRef
    from article_core.storage import record_from_item

    event = _stage(stack, case, sequencer=f"0067F1A2B3C4{index:06X}")
    outcome = Outcome(case)
    if trace_memory:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        with hang_guard(function_timeout_seconds()):
            outcome.result = stack.handler(event, stack.context)
    except (Exception, Hung) as exc:  # recorded; the test fails on it
        outcome.raised = f"{type(exc).__name__}: {exc}"[:300]
    finally:
        outcome.seconds = time.perf_counter() - start
        if trace_memory:
            outcome.peak_bytes = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    article_id = ObjectRef(bucket=stack.names.input_bucket, key=case.key).article_id
    item = stack.table.get_item(Key={"article_id": article_id}, ConsistentRead=True).get("Item")
    if item:
        outcome.record = record_from_item(item)
        outcome.cleaned = _cleaned_text(stack, outcome.record)
    return outcome


def _cleaned_text(stack: Stack, record: Any) -> str | None:
    if record.text.cleaned is not None or not record.text.cleaned_uri:
        return str(record.text.cleaned) if record.text.cleaned is not None else None
    bucket, _, key = record.text.cleaned_uri.removeprefix("s3://").partition("/")
    return str(stack.s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode())


def run_corpus(*, trace_memory: bool = True, only: Callable[[Case], bool] | None = None) -> list[Outcome]:
    """Every case through the handler in one moto stack (distinct keys, so cases cannot see each other)."""
    outcomes = []
    with moto_stack() as stack:
        for index, case in enumerate(cases()):
            if only is None or only(case):
                print(f"{case.name} ...", end=" ", file=sys.stderr, flush=True)
                outcomes.append(run_case(stack, case, index, trace_memory=trace_memory))
                print(f"{outcomes[-1].seen} in {outcomes[-1].seconds:.2f} s", file=sys.stderr, flush=True)
    return outcomes


def report(outcomes: list[Outcome]) -> str:
    """A plain-text table: case, expected, seen, seconds, peak MiB; then the codes seen and the worst figures."""
    lines = [f"{'case':32} {'expected':22} {'seen':20} {'seconds':>8} {'peak MiB':>9}  size"]
    for o in outcomes:
        flag = "" if o.ok else "  <-- UNEXPECTED"
        expected = "|".join(o.case.accepted)
        lines.append(
            f"{o.case.name:32} {expected[:22]:22} {o.seen[:20]:20} {o.seconds:8.3f} {o.peak_bytes / MiB:9.1f}"
            f"  {len(o.case.body):,}{flag}"
        )
        if o.raised:
            lines.append(f"    raised: {o.raised}")
    codes: dict[str, int] = {}
    for o in outcomes:
        codes[o.seen] = codes.get(o.seen, 0) + 1
    slowest = max(outcomes, key=lambda o: o.seconds)
    hungriest = max(outcomes, key=lambda o: o.peak_bytes)
    failing = [o.case.name for o in outcomes if not o.ok]
    lines += [
        "",
        f"cases: {len(outcomes)}; as expected: {len(outcomes) - len(failing)}; unexpected: {failing or 'none'}",
        "outcomes seen: " + ", ".join(f"{code} {n}" for code, n in sorted(codes.items())),
        f"worst time: {slowest.seconds:.3f} s ({slowest.case.name})",
        f"worst traced peak memory: {hungriest.peak_bytes / MiB:.1f} MiB ({hungriest.case.name})",
        f"total handler time: {sum(o.seconds for o in outcomes):.2f} s",
    ]
    return "\n".join(lines) + "\n"


def write_report(outcomes: list[Outcome], path: Path = REPORT) -> str:
    text = report(outcomes)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return text


def main(argv: list[str] | None = None) -> int:
    """`python -m tests.hostile [name-substring ...]`: run the corpus, print and write the report."""
    for path in ("layers/article_core", "functions/process_article", "."):
        sys.path.insert(0, str(ROOT / path))
    os.environ.update(handler_environment())
    os.environ.pop("AWS_ENDPOINT_URL", None)
    os.environ["POWERTOOLS_LOG_LEVEL"] = "WARNING"  # keep the table readable
    wanted = argv if argv is not None else sys.argv[1:]
    with contextlib.redirect_stdout(io.StringIO()):  # the metrics lines the handler prints
        outcomes = run_corpus(only=(lambda c: any(w in c.name for w in wanted)) if wanted else None)
    print(write_report(outcomes), end="")
    print(f"(written to {REPORT.relative_to(ROOT)})")
    return 0 if all(o.ok and not o.raised for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
