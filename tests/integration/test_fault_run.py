"""2,000 uploads through the handler under injected AWS faults, duplicates and out-of-order versions: nothing lost.

Faults of every kind (service errors, connection errors, writes whose response is lost, broken body
streams) hit every call the handler makes, S3 PutObject of large texts included. Nothing is forced into
the failure queue: the run counts what reached it, then replays it. The counts the run saw are printed
and written to out/fault-run.txt. Injected faults bypass botocore's own retries (see tests/faults.py):
they model faults that outlast them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from article_core.models import ObjectRef
from article_core.storage import record_from_item, sequence_key
from tests.faults import AsyncLambda, FaultInjector
from tests.hostile import article_text, event_record

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "out" / "fault-run.txt"

UPLOADS = 2_000
MULTI_VERSION_KEYS = 200  # keys uploaded 3 times each; the rest once
VERSIONS = 3
DUPLICATE_SHARE = 0.05  # share of events S3 delivers twice
FAULT_RATE = 0.08  # of every AWS call the handler makes
LARGE_SHARE = 0.1  # versions whose cleaned text is too large for the item (it goes to the artifacts bucket)
LARGE_ITEM_BYTES = 10_001  # the handler's max_item_bytes for this run, so that large texts stay cheap
SEED = 20250529


@dataclass(frozen=True)
class Upload:
    key: str
    version: int
    marker: str  # a sentence unique to this version, to tell which version a record came from
    version_id: str
    sequencer: str
    event: dict[str, Any]


def _body(key_index: int, version: int, rng: random.Random) -> tuple[bytes, str]:
    language = rng.choice(("fr", "en"))
    marker = (
        f"Ce texte porte la référence R{key_index:04d}-V{version}."
        if language == "fr"
        else f"This text carries the reference R{key_index:04d}-V{version}."
    )
    text = article_text(rng.randrange(10**9), language, paragraphs=rng.choice((1, 2)))
    if rng.random() < LARGE_SHARE:  # about 20 KB that deflate poorly: the text moves to the artifacts bucket
        letters = "abcdefghijklmnopqrstuvwxyz"
        words = (" ".join("".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(12)) for _ in range(300))
        text += "\n\n" + "\n\n".join(f"{w.capitalize()}." for w in words)
    return f"{text} {marker}".encode(), marker


def _upload_all(aws: Any, rng: random.Random) -> list[Upload]:
    """Put every version in S3 (a versioned bucket), in an interleaved order, with increasing sequencers."""
    single = UPLOADS - MULTI_VERSION_KEYS * VERSIONS
    plan = [(k, 1) for k in range(single)]
    for k in range(single, single + MULTI_VERSION_KEYS):
        plan += [(k, v) for v in range(1, VERSIONS + 1)]
    rng.shuffle(plan)
    plan.sort(key=lambda kv: kv[1])  # versions of one key reach S3 in order; keys interleave
    uploads = []
    for n, (k, version) in enumerate(plan):
        key = f"{aws.names.trigger_prefix}run/{k // 100:02d}/article-{k:04d}.txt"
        body, marker = _body(k, version, rng)
        put = aws.s3.put_object(Bucket=aws.names.input_bucket, Key=key, Body=body)
        sequencer = f"0068A0{n:010X}"
        event = {
            "Records": [
                event_record(
                    aws.names.input_bucket,
                    key,
                    size=len(body),
                    etag=put["ETag"].strip('"'),
                    version_id=put["VersionId"],
                    sequencer=sequencer,
                )
            ]
        }
        uploads.append(Upload(key, version, marker, put["VersionId"], sequencer, event))
    return uploads


def _scan(table: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {}
    while True:
        page = table.scan(**kwargs)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def _artifact_keys(aws: Any) -> set[str]:
    keys: set[str] = set()
    for page in aws.s3.get_paginator("list_objects_v2").paginate(Bucket=aws.names.artifacts_bucket):
        keys |= {o["Key"] for o in page.get("Contents", [])}
    return keys


def _cleaned(aws: Any, record: Any) -> str:
    if record.text.cleaned_uri:
        bucket, _, key = record.text.cleaned_uri.removeprefix("s3://").partition("/")
        return str(aws.s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode())
    return str(record.text.cleaned or "")


@pytest.mark.slow
def test_two_thousand_uploads_under_faults_end_with_one_record_each_from_the_newest_version(
    aws: Any, handler: Any, context: Any, monkeypatch: Any
) -> None:
    import app
    from article_core.observability import logger

    monkeypatch.setattr(app.settings, "max_item_bytes", LARGE_ITEM_BYTES)

    rng = random.Random(SEED)
    # Given 2,000 uploads (200 keys written three times) in the versioned input bucket
    uploads = _upload_all(aws, rng)
    newest: dict[str, Any] = {}
    for upload in uploads:
        if upload.key not in newest or upload.sequencer > newest[upload.key].sequencer:
            newest[upload.key] = upload
    # and their events as S3 delivers them: at least once (some twice) and in no particular order
    deliveries = [u.event for u in uploads] + [u.event for u in rng.sample(uploads, int(UPLOADS * DUPLICATE_SHARE))]
    rng.shuffle(deliveries)
    faults = FaultInjector(rate=FAULT_RATE, seed=SEED)
    lam = AsyncLambda(handler, context, faults, aws.sqs, aws.names.queue_url, seed=SEED)
    level = logger.log_level
    logger.setLevel("WARNING")  # 4,000 INFO lines would only slow the run down
    try:
        with faults.installed():
            # When Lambda invokes the handler for each delivery with a few percent of AWS calls failing,
            # retrying failed invocations twice and sending what still fails to the failure queue
            lam.invoke_all(deliveries)
            in_queue_after_run = lam.queue_depth()
            # and an operator then replays the failure queue
            lam.replay_failure_queue()
    finally:
        logger.setLevel(level)
    items = _scan(aws.table)
    counts = {
        "uploads": len(uploads),
        "keys": len(newest),
        "deliveries (events incl. duplicates)": len(deliveries),
        "duplicate deliveries": len(deliveries) - len(uploads),
        "invocations (incl. retries and replays)": lam.counts["invocations"],
        "injected faults": sum(faults.injected.values()),
        **{f"  injected on {op}": n for op, n in sorted(faults.injected.items())},
        **{f"  of kind {kind}": n for kind, n in sorted(faults.kinds.items())},
        **{f"  calls of {op}": n for op, n in sorted(faults.calls.items())},
        "failed invocations": lam.counts["failed_invocations"],
        "retries (Lambda async)": lam.counts["retries"],
        "sent to failure queue": lam.counts["sent_to_failure_queue"],
        "in failure queue after the run": in_queue_after_run,
        "replayed from failure queue": lam.counts["replayed"],
        "left in failure queue": lam.queue_depth(),
        "handler outcomes: processed": lam.counts["outcome_processed"],
        "handler outcomes: rejected": lam.counts["outcome_rejected"],
        "handler outcomes: stale (older or duplicate event refused)": lam.counts["outcome_stale"],
        "handler outcomes: skipped": lam.counts["outcome_skipped"],
        "records in the table": len(items),
        "texts in the artifacts bucket": len(_artifact_keys(aws)),
        "records whose text is in the artifacts bucket": sum(1 for i in items if i["text"].get("cleaned_uri")),
    }
    _write_report(counts)

    # Then faults of every kind were really injected, on every operation that writes or reads,
    # and what exhausted its retries reached the failure queue (counted, not forced)
    assert {"GetObject", "PutItem", "Query", "PutObject"} <= set(faults.injected)
    assert set(faults.kinds) == {"service_error", "connection_error", "lost_response", "body_stream_error"}
    assert lam.counts["retries"] > 0
    assert lam.counts["sent_to_failure_queue"] > 0 and in_queue_after_run > 0
    # and replaying the failure queue recovered every one of them
    assert lam.queue_depth() == 0
    assert lam.counts["replayed"] == lam.counts["sent_to_failure_queue"]
    # and every object ends with exactly one record, processed from its newest version
    assert len(items) == len(newest)
    by_id = {item["article_id"]: record_from_item(item) for item in items}
    wrong = []
    for key, upload in newest.items():
        record = by_id.get(ObjectRef(bucket=aws.names.input_bucket, key=key).article_id)
        if (
            record is None
            or record.status != "processed"
            or record.source.key != key
            or record.source.version_id != upload.version_id
            or sequence_key(record.source.sequencer) != sequence_key(upload.sequencer)
            or upload.marker not in _cleaned(aws, record)
        ):
            wrong.append((key, upload.version, record.source.version_id if record else None))
    assert wrong == []
    # and every delivery ended in one outcome: a write, or a refusal because a same-or-newer record existed
    outcomes = sum(lam.counts[f"outcome_{o}"] for o in ("processed", "rejected", "stale", "skipped"))
    assert outcomes == len(deliveries)
    assert lam.counts["outcome_skipped"] == lam.counts["outcome_rejected"] == 0
    # and every text in the artifacts bucket is the one a record points to: none orphaned
    referenced = {i["text"]["cleaned_uri"].split("/", 3)[3] for i in items if i["text"].get("cleaned_uri")}
    assert referenced and _artifact_keys(aws) == referenced


def _write_report(counts: dict[str, int]) -> None:
    width = max(map(len, counts))
    text = "fault run (tests/integration/test_fault_run.py)\n" + "".join(
        f"{name:{width}}  {value:>6}\n" for name, value in counts.items()
    )
    text += (
        f"fault rate {FAULT_RATE:.0%} per AWS call (S3 Get/Put/Delete/ListObjects, DynamoDB Query/GetItem/PutItem),\n"
        f"injected above botocore's retries; nothing forced into the failure queue; Lambda async retries: 2;"
        f" {LARGE_SHARE:.0%} of versions with a text for the artifacts bucket; seed {SEED}\n"
    )
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text)
    print("\n" + text)
