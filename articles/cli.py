"""`articles`: look up, export, audit, replay and backfill the stack's records.

Talks to AWS by default (the usual credential chain); `--endpoint-url http://127.0.0.1:4566`
talks to `make up`. Table, buckets, queue and function come from `--stack-name` outputs or flags.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from .errors import OperatorError

_ID = re.compile(r"^[0-9a-f]{32}$")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        from .aws import Aws, explain

        aws = Aws(target(args))
        if args.stack_name:
            aws.with_stack_outputs(args.stack_name)
        try:
            return int(args.run(aws, args))
        except OperatorError:
            raise
        except Exception as exc:
            if type(exc).__module__.startswith(("botocore", "boto3")):
                raise explain(exc, aws.target) from exc
            raise
    except OperatorError as exc:
        print(f"articles: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `articles export | head`: the reader left
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (silences the flush at exit)
        return 0


def target(args: argparse.Namespace) -> Any:
    from .aws import Target

    values = {
        name: getattr(args, name)
        for name in (
            "endpoint_url",
            "region",
            "table",
            "input_bucket",
            "artifacts_bucket",
            "queue_url",
            "function_name",
        )
    }
    if args.endpoint_url and not args.stack_name:  # a `make up` stack unless told otherwise
        from local.template_resources import ResourceNames

        local = ResourceNames()
        defaults = {
            "table": local.table,
            "input_bucket": local.input_bucket,
            "artifacts_bucket": local.artifacts_bucket,
        }
        values.update({k: v or defaults[k] for k, v in values.items() if k in defaults})
        values["queue_url"] = values["queue_url"] or f"{args.endpoint_url}/123456789012/{local.queue_name}"
        values["region"] = values["region"] or "us-east-1"
        for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):  # any credentials do for moto
            os.environ.setdefault(var, "local")
    return Target(**{k: v for k, v in values.items() if v is not None})


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="articles", description=(__doc__ or "").split("\n\n")[0])
    p.add_argument(
        "--endpoint-url",
        default=os.environ.get("ARTICLES_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL"),
        help="a local stack (make up)",
    )
    p.add_argument("--region", default=None)
    p.add_argument("--stack-name", default=os.environ.get("ARTICLES_STACK"), help="read names from its outputs")
    p.add_argument("--table")
    p.add_argument("--input-bucket")
    p.add_argument("--artifacts-bucket")
    p.add_argument("--queue-url", help="the failure queue")
    p.add_argument("--function-name")
    commands = p.add_subparsers(required=True, metavar="COMMAND")

    c = commands.add_parser("list", help="records, newest first (from the indexes, never a scan)")
    c.add_argument("--language", help="two-letter code, e.g. fr")
    c.add_argument("--since", help="processed on or after DATE (YYYY-MM-DD or ISO time)")
    c.add_argument("--status", choices=["processed", "rejected"])
    c.add_argument("--limit", type=int, default=50)
    c.set_defaults(run=_list)

    c = commands.add_parser("show", help="one record: ID or s3://bucket/key")
    c.add_argument("ref", metavar="ID|s3://bucket/key")
    c.add_argument("--json", action="store_true", help="the record exactly as stored, cleaned text included")
    c.set_defaults(run=_show)

    c = commands.add_parser("export", help="every record to stdout, progress on stderr")
    c.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    c.set_defaults(run=_export)

    c = commands.add_parser("duplicates", help="exact (SHA-256) and near (SimHash distance <= 3) groups")
    c.add_argument("--max-distance", type=int, default=3)
    c.set_defaults(run=_duplicates)

    c = commands.add_parser("stats", help="health of each source: processed, rejected, missing date/author, short")
    c.set_defaults(run=_stats)

    c = commands.add_parser("audit", help="an HTML page: what the cleaner removed and why, what analysis found")
    c.add_argument("ref", metavar="ID|s3://bucket/key")
    c.add_argument("--out", type=Path, required=True)
    c.set_defaults(run=_audit)

    c = commands.add_parser("redrive", help="replay the failure queue through the function")
    c.add_argument("--dry-run", action="store_true")
    c.set_defaults(run=_redrive)

    c = commands.add_parser("reprocess", help="process again: records of older code, or every object under a prefix")
    which = c.add_mutually_exclusive_group(required=True)
    which.add_argument("--stale", action="store_true", help="records whose pipeline_version is not this code's")
    which.add_argument("--prefix", help="every object under this prefix of the input bucket")
    c.add_argument("--dry-run", action="store_true")
    c.set_defaults(run=_reprocess)

    c = commands.add_parser("backfill", help="an S3 Batch Operations job invoking the function on every object")
    source = c.add_mutually_exclusive_group(required=True)
    source.add_argument("--prefix", help="list this prefix and write a CSV manifest")
    source.add_argument("--inventory-manifest", help="s3://bucket/.../manifest.json of an S3 Inventory report")
    c.add_argument("--role-arn", help="role S3 Batch Operations assumes (default: the stack's BatchOperationsRoleArn)")
    c.add_argument("--priority", type=int, default=10)
    c.add_argument("--dry-run", action="store_true", help="write nothing; print the job request")
    c.set_defaults(run=_backfill)
    return p


def article_id(ref: str) -> str:
    """An article id, or the id of s3://bucket/key (ids are of the object, not of its content)."""
    if ref.startswith("s3://"):
        from article_core.models import ObjectRef

        bucket, _, key = ref.removeprefix("s3://").partition("/")
        if not bucket or not key:
            raise OperatorError(f"{ref!r} is not s3://bucket/key")
        return str(ObjectRef(bucket=bucket, key=key).article_id)
    if not _ID.match(ref):
        raise OperatorError(f"{ref!r} is neither an article id (32 hex digits) nor s3://bucket/key")
    return ref


def _record(aws: Any, ref: str) -> Any:
    record = aws.get_record(article_id(ref))
    if record is None:
        raise OperatorError(f"no record for {ref}: check the id or key (`articles list`), or upload the object first")
    return record


def _list(aws: Any, args: argparse.Namespace) -> int:
    from .aws import LIST_ATTRIBUTES, LIST_NAMES

    if args.language and args.status == "rejected":
        raise OperatorError("rejected records have no language: drop --language or --status rejected")
    if args.language:
        keys = list(aws.query_index("by-language", "language", args.language, since=args.since, limit=args.limit))
    else:
        keys = []
        for status in [args.status] if args.status else ["processed", "rejected"]:
            keys += aws.query_index("by-status", "status", status, since=args.since, limit=args.limit)
        keys = sorted(keys, key=lambda k: k.get("processed_at", ""), reverse=True)[: args.limit]
    items = aws.get_items([k["article_id"] for k in keys], LIST_ATTRIBUTES, LIST_NAMES)
    from .views import table

    print(table(items) if items else "no records match")
    return 0


def _show(aws: Any, args: argparse.Namespace) -> int:
    record = _record(aws, args.ref)
    if args.json:
        print(record.model_dump_json(indent=2, exclude_none=True))
    else:
        from article_core.__main__ import describe

        print(describe(record))
    return 0


def _export(aws: Any, args: argparse.Namespace) -> int:
    from article_core.storage import record_from_item

    from .views import csv_row, csv_text

    count = 0
    for item in aws.scan():
        record = record_from_item(item)
        if args.format == "jsonl":
            sys.stdout.write(record.model_dump_json(exclude_none=True) + "\n")
        else:
            sys.stdout.write(csv_text([csv_row(record)], header=count == 0))
        count += 1
        if count % 500 == 0:
            print(f"  exported {count}", file=sys.stderr, flush=True)
    print(f"exported {count} record(s)", file=sys.stderr)
    return 0


def _duplicates(aws: Any, args: argparse.Namespace) -> int:
    from .views import DUPLICATES_NAMES, DUPLICATES_PROJECTION, duplicate_groups

    exact, near = duplicate_groups(aws.scan(DUPLICATES_PROJECTION, DUPLICATES_NAMES), args.max_distance)
    for title, groups in (
        ("exact (same SHA-256 of the cleaned text)", exact),
        (f"near (SimHash ≤ {args.max_distance})", near),
    ):
        print(f"{title}: {len(groups)} group(s)")
        for n, keys in enumerate(groups, 1):
            print(f"  group {n}: " + "\n           ".join(keys))
    return 0


def _stats(aws: Any, args: argparse.Namespace) -> int:
    from .views import STATS_NAMES, STATS_PROJECTION, health_table, source_health

    health = source_health(aws.scan(STATS_PROJECTION, STATS_NAMES), aws.target.trigger_prefix)
    print(health_table(health) if health else "no records")
    return 0


def _audit(aws: Any, args: argparse.Namespace) -> int:
    from .audit import render

    record = _record(aws, args.ref)
    original = aws.read_object(record.source.bucket, record.source.key, record.source.version_id)
    args.out.write_text(render(record, original), encoding="utf-8")
    print(f"wrote {args.out}" + ("" if original else " (original object gone: removed parts listed, not placed)"))
    return 0


def _invoker(aws: Any, dry_run: bool) -> Any:
    from .replay import aws_invoker, local_invoker

    if dry_run:
        return None
    return local_invoker(aws) if aws.target.local else aws_invoker(aws)


def _redrive(aws: Any, args: argparse.Namespace) -> int:
    from .replay import redrive

    report = redrive(aws, _invoker(aws, args.dry_run), dry_run=args.dry_run)
    print(f"replayed {report.replayed}, still failing {report.still_failing}, unreadable {report.unreadable}")
    return 1 if report.still_failing or report.unreadable else 0


def _reprocess(aws: Any, args: argparse.Namespace) -> int:
    from article_core.models import PIPELINE_VERSION

    from .replay import prefix_sources, reprocess, stale_sources

    if args.stale:
        sources = stale_sources(aws, PIPELINE_VERSION)
    else:
        if not aws.target.input_bucket:
            raise OperatorError("which bucket? pass --stack-name NAME or --input-bucket NAME")
        sources = prefix_sources(aws, aws.target.input_bucket, args.prefix)
    totals = reprocess(sources, _invoker(aws, args.dry_run), dry_run=args.dry_run)
    print(", ".join(f"{k} {v}" for k, v in sorted(totals.items())) or "nothing to reprocess")
    return 1 if totals.get("failed") else 0


def _backfill(aws: Any, args: argparse.Namespace) -> int:
    from .backfill import backfill

    return backfill(aws, args)


if __name__ == "__main__":
    sys.exit(main())
