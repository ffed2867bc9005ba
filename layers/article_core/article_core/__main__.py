"""Command line: the pipeline on local files, no AWS.

    python -m article_core process FILE... [--key KEY] [--event-time ISO8601] [--json]
    python -m article_core clean FILE... --out-dir DIR

`process` prints exactly the record that would be stored. Neither stops at a bad file.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from .models import ArticleRecord, ObjectRef
from .pipeline import process
from .settings import Settings


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:  # `... | head`: the reader left, which is not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (silences the flush at exit)
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m article_core", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    p = commands.add_parser("process", help="print the record each file would produce")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--key", help="S3 key to report (default: incoming/<file name>); with several files, a prefix")
    p.add_argument("--bucket", default="local", help="bucket name to report (default: local)")
    p.add_argument("--event-time", type=_iso_time, help="S3 event time, ISO 8601 (default: now)")
    p.add_argument("--json", action="store_true", help="one JSON object per line, in input order")
    p.set_defaults(run=_process)

    c = commands.add_parser("clean", help="write the cleaned body of each file to DIR/<name>.txt")
    c.add_argument("files", nargs="+", type=Path, metavar="FILE")
    c.add_argument("--out-dir", required=True, type=Path, metavar="DIR")
    c.add_argument("--event-time", type=_iso_time, help="S3 event time, ISO 8601 (default: now)")
    c.set_defaults(run=_clean)
    return parser


def _iso_time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _records(args: argparse.Namespace) -> list[tuple[Path, ArticleRecord | None, str | None]]:
    limits = Settings.from_env().limits
    event_time = args.event_time or datetime.now(UTC)
    results: list[tuple[Path, ArticleRecord | None, str | None]] = []
    for path in args.files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            results.append((path, None, f"cannot read {path}: {exc.strerror or exc}"))
            continue
        key = _key(args, path)
        ref = ObjectRef(bucket=getattr(args, "bucket", "local"), key=key, size=len(raw), event_time=event_time)
        results.append((path, process(raw, ref, limits=limits), None))
    return results


def _key(args: argparse.Namespace, path: Path) -> str:
    key: str | None = getattr(args, "key", None)
    if key and len(args.files) == 1:
        return key
    return f"{key or 'incoming/'}{path.name}"


def _process(args: argparse.Namespace) -> int:
    failures = 0
    for _path, record, problem in _records(args):
        if record is None:
            failures += 1
            print(f"error: {problem}", file=sys.stderr)
            continue
        print(record.model_dump_json() if args.json else describe(record), flush=True)
    return 1 if failures else 0


def _clean(args: argparse.Namespace) -> int:
    args.out_dir.mkdir(parents=True, exist_ok=True)
    failures = 0
    for path, record, problem in _records(args):
        if record is None or record.status != "processed":
            failures += 1
            reason = problem or (f"{record.error.code}: {record.error.message}" if record and record.error else "?")
            print(f"{path}: not cleaned ({reason})", file=sys.stderr)
            continue
        out = args.out_dir / f"{path.name.split('.')[0] or path.name}.txt"
        out.write_text((record.text.cleaned or "") + "\n", encoding="utf-8")
        print(f"{path} -> {out}", file=sys.stderr)
    return 1 if failures else 0


def describe(record: ArticleRecord) -> str:
    """A short readable summary of a record, for people."""
    doc, analysis = record.document, record.analysis
    lines = [f"{record.source.key}  [{record.status}]  article_id={record.article_id}"]
    if record.error:
        lines.append(f"  error:     {record.error.code}: {record.error.message}")
        return "\n".join(lines)
    lines += [
        f"  format:    {doc.format} ({doc.encoding}), kind {doc.kind}",
        f"  title:     {doc.title or '-'}",
        f"  byline:    {doc.byline or '-'}; publisher {doc.publisher or '-'}",
        f"  agencies:  {', '.join(doc.agencies) or '-'}; authors {', '.join(doc.authors) or '-'}",
        f"  published: {doc.published_at.isoformat() if doc.published_at else '-'} (basis {doc.published_at_basis})",
        f"  text:      {record.text.paragraphs} paragraphs, {analysis.stats.words} words, "
        f"{len(record.text.removed)} pieces removed",
        f"  language:  {analysis.language} ({analysis.language_confidence:.2f})",
        f"  keywords:  {', '.join(k.text for k in analysis.keywords[:10]) or '-'}",
        f"  entities:  {', '.join(f'{e.text} ({e.type})' for e in analysis.entities[:12]) or '-'}",
        f"  quotes:    {len(analysis.quotes)}; dates: {len(analysis.dates)}",
    ]
    lines += [f"  summary:   {s}" for s in analysis.summary]
    if record.duplicate_of:
        lines.append(f"  duplicate: same text as article {record.duplicate_of}")
    if analysis.skipped:
        lines.append(f"  skipped:   {analysis.skipped}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
