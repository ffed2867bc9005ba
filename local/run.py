"""The main job, locally: moto for S3 and DynamoDB, the real handler, your articles.

    python -m local.run                 # samples/: the reference article, an HTML page, an English
                                        # wire story, a cp1252 copy (a duplicate) and a PNG (rejected)
    python -m local.run PATH...         # your own files or folders (recursively)

Starts a moto server on a free local port, creates the buckets, table and queue from
template.yaml, uploads each file under the trigger prefix, feeds the handler the S3 events
moto emits for those uploads (through an SQS queue, as S3 notifications really travel),
then reads the records back from DynamoDB, prints a summary per article and writes each
full record to out/records/.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from local.context import LocalContext
from local.lambda_emulator import lambda_environment
from local.local_stack import Clients, notify_queue, start_moto
from local.samples import ROOT, SAMPLES
from local.template_resources import ResourceNames, provision


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: samples/)")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "records", help="where full records go")
    parser.add_argument("--quiet", action="store_true", help="only the final table, no per-article summary")
    args = parser.parse_args(argv)

    files = collect(args.paths or [SAMPLES])
    if not files:
        print("No files found in the given paths.", file=sys.stderr)
        return 2
    server, endpoint = start_moto()
    try:
        return run(files, endpoint, args.out, quiet=args.quiet)
    finally:
        server.stop()


def collect(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            files.append(path)
        else:
            print(f"warning: {path} does not exist; skipped", file=sys.stderr)
    return files


def run(files: list[Path], endpoint: str, out_dir: Path, *, quiet: bool = False) -> int:
    names = ResourceNames()
    # The handler reads its settings once, at import: the environment must be in place first.
    os.environ.update(lambda_environment(names, endpoint))
    import boto3

    s3, sqs = boto3.client("s3"), boto3.client("sqs")
    dynamodb = boto3.resource("dynamodb")
    names = provision(s3, dynamodb.meta.client, sqs, names=names)
    events_url = notify_queue(Clients(s3, dynamodb, sqs), names)

    import app
    from article_core.__main__ import describe
    from article_core.models import ObjectRef
    from article_core.storage import record_from_item

    keys = _upload(s3, names, files)
    print(f"uploaded {len(keys)} file(s) to s3://{names.input_bucket}/{names.trigger_prefix}", file=sys.stderr)
    totals = _drain(sqs, events_url, app.lambda_handler, expected=len(keys))

    out_dir.mkdir(parents=True, exist_ok=True)
    table = dynamodb.Table(names.table)
    for key in keys:
        item = table.get_item(Key={"article_id": ObjectRef(bucket=names.input_bucket, key=key).article_id}).get("Item")
        if item is None:
            print(f"{key}: NO RECORD (see the logs above)")
            totals["missing"] = totals.get("missing", 0) + 1
            continue
        record = record_from_item(item)
        path = out_dir / f"{_safe(key)}.json"
        path.write_text(record.model_dump_json(indent=2) + "\n", encoding="utf-8")
        if not quiet:
            print(describe(record))
            print(f"  full JSON: {path}\n")
    print("totals: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    print(f"records read back from DynamoDB table {names.table}; full JSON in {out_dir}")
    return 1 if totals.get("missing") else 0


def _upload(s3: Any, names: ResourceNames, files: list[Path]) -> list[str]:
    keys = []
    common = Path(os.path.commonpath([f.resolve().parent for f in files]))
    for i, path in enumerate(files, 1):
        key = names.trigger_prefix + path.resolve().relative_to(common).as_posix()
        s3.put_object(Bucket=names.input_bucket, Key=key, Body=path.read_bytes())
        keys.append(key)
        _progress("uploading", i, len(files))
    return keys


def _drain(sqs: Any, url: str, handler: Any, *, expected: int) -> dict[str, int]:
    """Invoke the handler once per S3 event until every upload's event has been handled."""
    totals = {"processed": 0, "rejected": 0, "skipped": 0, "stale": 0}
    handled, idle_since = 0, time.monotonic()
    while handled < expected and time.monotonic() - idle_since < 10:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        for message in messages:
            event = json.loads(message["Body"])
            result = handler(event, LocalContext())
            for name, count in result.items():
                totals[name] += count
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            if records := len(event.get("Records", [])):
                handled += records
                _progress("processing", handled, expected)
        if messages:
            idle_since = time.monotonic()
    return totals


def _progress(what: str, done: int, total: int) -> None:
    if total >= 5 and (done == total or done % max(1, total // 20) == 0):
        print(f"  {what}: {done}/{total}", file=sys.stderr, flush=True)


def _safe(key: str) -> str:
    return re.sub(r"[^\w.-]+", "_", key)[-150:]


if __name__ == "__main__":
    sys.exit(main())
