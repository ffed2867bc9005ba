"""Pure functions over records and items: the table `list` prints, CSV rows, source health, duplicate groups."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from article_core.models import ArticleRecord

SHORT_BODY_WORDS = 80  # below this many words a "processed" body is suspiciously short for news


def _get(item: dict[str, Any], *path: str) -> Any:
    value: Any = item
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def table(items: list[dict[str, Any]]) -> str:
    """Aligned columns: when, status, language or error code, title, key."""
    rows = [("PROCESSED_AT", "STATUS", "LANG/CODE", "TITLE", "KEY")]
    for item in items:
        detail = _get(item, "error", "code") if item.get("status") == "rejected" else item.get("language", "")
        title = (_get(item, "document", "title") or "").replace("\n", " ")
        rows.append(
            (
                str(item.get("processed_at", ""))[:19],
                str(item.get("status", "")),
                str(detail or ""),
                title[:48] + ("…" if len(title) > 48 else ""),
                str(_get(item, "source", "key") or ""),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1] for row in rows
    )


CSV_COLUMNS = [
    "article_id", "status", "error_code", "bucket", "key", "processed_at", "pipeline_version", "language",
    "title", "authors", "publisher", "agencies", "published_at", "words", "sha256", "simhash", "duplicate_of",
]  # fmt: skip


def csv_row(record: ArticleRecord) -> dict[str, Any]:
    doc, analysis = record.document, record.analysis
    return {
        "article_id": record.article_id,
        "status": record.status,
        "error_code": record.error.code if record.error else "",
        "bucket": record.source.bucket,
        "key": record.source.key,
        "processed_at": record.processed_at.isoformat(),
        "pipeline_version": record.pipeline_version,
        "language": analysis.language,
        "title": doc.title or "",
        "authors": "; ".join(doc.authors),
        "publisher": doc.publisher or "",
        "agencies": "; ".join(doc.agencies),
        "published_at": doc.published_at.isoformat() if doc.published_at else "",
        "words": analysis.stats.words,
        "sha256": analysis.fingerprint.sha256 if analysis.fingerprint else "",
        "simhash": analysis.fingerprint.simhash if analysis.fingerprint else "",
        "duplicate_of": record.duplicate_of or "",
    }


def csv_text(rows: Iterable[dict[str, Any]], *, header: bool) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# --- source health ---------------------------------------------------------------------------
STATS_PROJECTION = "#s, #src.#k, #doc.publisher, #doc.published_at, #doc.authors, #an.stats.words, #err.code"
STATS_NAMES = {"#s": "status", "#src": "source", "#k": "key", "#doc": "document", "#an": "analysis", "#err": "error"}


@dataclass
class SourceHealth:
    processed: int = 0
    rejected: int = 0
    no_date: int = 0
    no_author: int = 0
    short_body: int = 0
    codes: Counter[str] = field(default_factory=Counter)


def source_of(item: dict[str, Any], trigger_prefix: str) -> str:
    """The publisher when the cleaner found one, else the key's first folder under the prefix."""
    publisher = _get(item, "document", "publisher")
    if publisher:
        return str(publisher)
    key = str(_get(item, "source", "key") or "").removeprefix(trigger_prefix)
    return key.split("/", 1)[0] + "/" if "/" in key else "(no publisher)"


def source_health(items: Iterable[dict[str, Any]], trigger_prefix: str = "incoming/") -> dict[str, SourceHealth]:
    health: dict[str, SourceHealth] = defaultdict(SourceHealth)
    for item in items:
        entry = health[source_of(item, trigger_prefix)]
        if item.get("status") == "rejected":
            entry.rejected += 1
            entry.codes[str(_get(item, "error", "code"))] += 1
            continue
        entry.processed += 1
        entry.no_date += not _get(item, "document", "published_at")
        entry.no_author += not _get(item, "document", "authors")
        entry.short_body += int(_get(item, "analysis", "stats", "words") or 0) < SHORT_BODY_WORDS
    return dict(health)


def health_table(health: dict[str, SourceHealth]) -> str:
    def share(n: int, of: int) -> str:
        return f"{100 * n / of:.0f}%" if of else "-"

    rows = [("SOURCE", "PROCESSED", "REJECTED", "NO DATE", "NO AUTHOR", f"<{SHORT_BODY_WORDS} WORDS", "REJECT CODES")]
    for name, h in sorted(health.items(), key=lambda kv: -(kv[1].processed + kv[1].rejected)):
        codes = ", ".join(f"{c} {n}" for c, n in h.codes.most_common(3))
        rows.append(
            (
                name[:40],
                str(h.processed),
                str(h.rejected),
                share(h.no_date, h.processed),
                share(h.no_author, h.processed),
                share(h.short_body, h.processed),
                codes,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


# --- duplicates ------------------------------------------------------------------------------
DUPLICATES_PROJECTION = "article_id, #src.#k, #an.fingerprint"
DUPLICATES_NAMES = {"#src": "source", "#k": "key", "#an": "analysis"}


def duplicate_groups(items: Iterable[dict[str, Any]], max_distance: int = 3) -> tuple[list[list[str]], list[list[str]]]:
    """Exact groups (same SHA-256) and near groups (SimHash within `max_distance` bits), as lists of keys.

    Near pairs are found without comparing all pairs: split the 64 bits into max_distance + 1 bands;
    two hashes that differ in at most max_distance bits agree on at least one band (pigeonhole).
    """
    from article_core.analyze.fingerprint import hamming  # here: the other views need no analysis import

    by_sha: dict[str, list[str]] = defaultdict(list)
    hashes: dict[str, str] = {}  # one representative SimHash (hex) per exact group
    for item in items:
        fingerprint = _get(item, "analysis", "fingerprint")
        if not fingerprint:
            continue
        key = str(_get(item, "source", "key"))
        by_sha[fingerprint["sha256"]].append(key)
        hashes.setdefault(fingerprint["sha256"], fingerprint["simhash"])
    exact = sorted(sorted(keys) for keys in by_sha.values() if len(keys) > 1)

    bands = max_distance + 1
    width = 64 // bands
    buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
    for sha, simhash in hashes.items():
        value = int(simhash, 16)
        for band in range(bands):
            buckets[(band, (value >> (band * width)) & ((1 << width) - 1))].append(sha)
    parent = {sha: sha for sha in hashes}

    def root(sha: str) -> str:
        while parent[sha] != sha:
            parent[sha] = parent[parent[sha]]
            sha = parent[sha]
        return sha

    for members in buckets.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if hamming(hashes[a], hashes[b]) <= max_distance:
                    parent[root(a)] = root(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for sha in hashes:
        groups[root(sha)].append(sha)
    near = sorted(sorted(key for sha in shas for key in by_sha[sha]) for shas in groups.values() if len(shas) > 1)
    return exact, near
