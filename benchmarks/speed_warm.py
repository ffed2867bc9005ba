"""Warm latency per stage, in THIS process (the dev venv, the source tree), store on in-process moto.

The stage split (decode, clean, analyze, record, serialize, store) explains where the time goes; the headline
warm figure comes from the python3.13 child on the built layer (benchmarks/speed_cold.py).
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from benchmarks import cost
from benchmarks.timing import ms


@contextmanager
def stage_timer(timings: dict[str, float]) -> Iterator[None]:
    """Wraps the pipeline's own decode/clean/analyze calls, so stages are timed inside the real `process`."""
    from article_core import pipeline

    originals = {name: getattr(pipeline, name) for name in ("decode", "clean", "analyze") if hasattr(pipeline, name)}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                timings[name] = timings.get(name, 0.0) + ms(time.perf_counter() - t0)

        return wrapper

    for name, fn in originals.items():
        setattr(pipeline, name, timed(name, fn))
    try:
        yield
    finally:
        for name, fn in originals.items():
            setattr(pipeline, name, fn)


STAGES = ("decode", "clean", "analyze", "record", "serialize", "store", "end_to_end")


@dataclass
class Warm:
    label: str
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    item_bytes: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)


def warm(label: str, docs: list[tuple[str, bytes]], runs: int, repository: Any) -> Warm:
    """Median/p95 per stage; end_to_end = process() + to_item() (the CPU work; the store is moto's speed)."""
    from article_core.models import ObjectRef
    from article_core.pipeline import process
    from article_core.storage import to_item

    out = Warm(label)
    event_time = datetime(2025, 5, 29, 10, 5, tzinfo=UTC)
    for n, (key, raw) in enumerate(docs):
        out.sizes.append(len(raw))
        for i in range(runs + (1 if n == 0 else 0)):  # one untimed warm-up on the first document
            ref = ObjectRef(
                bucket="bench", key=f"{key}#{i}", size=len(raw), sequencer=f"{n:08X}{i:08X}", event_time=event_time
            )
            timings: dict[str, float] = {}
            with stage_timer(timings):
                t0 = time.perf_counter()
                record = process(raw, ref)
                t1 = time.perf_counter()
            item = to_item(record)
            t2 = time.perf_counter()
            repository.save(record)
            t3 = time.perf_counter()
            if n == 0 and i == 0:
                continue
            for stage in ("decode", "clean", "analyze"):
                if stage in timings:
                    out.samples[stage].append(timings[stage])
            out.samples["record"].append(max(0.0, ms(t1 - t0) - sum(timings.values())))
            out.samples["serialize"].append(ms(t2 - t1))
            out.samples["store"].append(ms(t3 - t2))
            out.samples["end_to_end"].append(ms(t2 - t0))
            out.statuses[record.status] += 1
            out.item_bytes.append(cost.item_size(item))
    return out


@contextmanager
def in_process_moto() -> Iterator[Any]:
    """A Repository on in-process moto, resources built from template.yaml."""
    os.environ.pop("AWS_ENDPOINT_URL", None)
    os.environ.update(
        {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1"}
    )
    import boto3
    from moto import mock_aws

    from article_core.settings import Settings
    from article_core.storage import Repository
    from local.template_resources import ResourceNames, provision

    with mock_aws():
        names = provision(boto3.client("s3"), boto3.client("dynamodb"), boto3.client("sqs"), names=ResourceNames())
        yield Repository(Settings(table_name=names.table, artifacts_bucket=names.artifacts_bucket))
