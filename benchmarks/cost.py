"""What one article costs on AWS: pure formulas over measured inputs (durations, item sizes).

Prices are us-east-1 list prices, x86_64, no free tier, checked in 2025 against the AWS pricing pages named
beside each constant. `benchmarks.speed` feeds these functions with what it measures and prints every
formula next to its figure, so a reader can redo the arithmetic with other prices.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# --- prices (us-east-1) -------------------------------------------------------------------------------------
# aws.amazon.com/lambda/pricing (x86, first 6 billion GB-s per month; arm64 is 20% cheaper).
LAMBDA_PER_GB_SECOND = 0.0000166667
LAMBDA_PER_MILLION_REQUESTS = 0.20
# aws.amazon.com/dynamodb/pricing/on-demand: on-demand throughput halved on 2024-11-01 (Standard table class).
DYNAMODB_PER_MILLION_WRU = 0.625
DYNAMODB_PER_MILLION_RRU = 0.125
# aws.amazon.com/s3/pricing: GET requests, S3 Standard.
S3_GET_PER_THOUSAND = 0.0004
# aws.amazon.com/comprehend/pricing: language, entities, key phrases and sentiment are each billed per unit of
# 100 characters, with a minimum of 3 units per request.
COMPREHEND_PER_UNIT = 0.0001
COMPREHEND_UNIT_CHARS = 100
COMPREHEND_MIN_UNITS = 3
COMPREHEND_APIS = ("DetectDominantLanguage", "DetectEntities", "DetectKeyPhrases", "DetectSentiment")

# --- service rules ------------------------------------------------------------------------------------------
# Lambda allocates CPU in proportion to memory; one full vCPU at 1,769 MB (Lambda developer guide,
# "Configuring memory"). Duration is billed per 1 ms; since 2025-08-01 the INIT phase of managed runtimes is
# billed like the invocation.
FULL_VCPU_MB = 1769
WRU_BYTES = 1024  # one write request unit per 1 KB of item, rounded up
RRU_BYTES = 4096  # one read request unit per 4 KB, strongly consistent; half that when eventually consistent
GSI_ENTRY_OVERHEAD_BYTES = 100  # DynamoDB counts 100 bytes of overhead per index entry
MILLION = 1_000_000


def cpu_share(memory_mb: int) -> float:
    """Fraction of one vCPU a function of this size gets (a single-threaded handler never uses more than one)."""
    return min(1.0, memory_mb / FULL_VCPU_MB)


def invoke_duration_ms(compute_ms: float, io_ms: float, memory_mb: int) -> float:
    """CPU work slows down as memory (hence CPU share) shrinks; waiting on S3 and DynamoDB does not."""
    return compute_ms / cpu_share(memory_mb) + io_ms


def billed_ms(duration_ms: float) -> int:
    return max(1, math.ceil(duration_ms))


def gb_seconds(duration_ms: float, memory_mb: int) -> float:
    return billed_ms(duration_ms) / 1000 * memory_mb / 1024


def write_units(item_bytes: int) -> int:
    """On-demand write request units for one put of an item of this size."""
    return max(1, math.ceil(item_bytes / WRU_BYTES))


def read_units(returned_bytes: int, *, consistent: bool = False) -> float:
    """Read request units of one GetItem/Query; even an empty result costs the minimum."""
    units = max(1, math.ceil(returned_bytes / RRU_BYTES))
    return float(units) if consistent else units / 2


def _number_size(value: int | float | Decimal) -> int:
    """About one byte per two significant digits, plus one (leading and trailing zeros are trimmed)."""
    significant = len(Decimal(str(value)).normalize().as_tuple().digits)
    return min(21, math.ceil(significant / 2) + 1)


def attribute_size(value: Any) -> int:
    """Bytes DynamoDB bills for one attribute value (the rules of 'Item sizes and formats')."""
    if value is None or isinstance(value, bool):
        return 1
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    if isinstance(value, bytes | bytearray):
        return len(value)
    if isinstance(value, int | float | Decimal):
        return _number_size(value)
    if isinstance(value, Mapping):
        return 3 + sum(len(str(k).encode("utf-8")) + attribute_size(v) + 1 for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return 3 + sum(attribute_size(v) + 1 for v in value)
    raise TypeError(f"not a DynamoDB value: {type(value).__name__}")


def item_size(item: Mapping[str, Any]) -> int:
    """Billed size of an item: attribute names plus values."""
    return sum(len(name.encode("utf-8")) + attribute_size(value) for name, value in item.items())


def index_entry_size(item: Mapping[str, Any], *, projected: Sequence[str] | None) -> int:
    """Size of the entry a global secondary index stores for `item` (None = ProjectionType ALL)."""
    if projected is None:
        return item_size(item) + GSI_ENTRY_OVERHEAD_BYTES
    kept = {name: item[name] for name in projected if name in item}
    return item_size(kept) + GSI_ENTRY_OVERHEAD_BYTES


def index_entry_sizes(
    item: Mapping[str, Any], table_keys: Sequence[str], indexes: Sequence[Mapping[str, Any]]
) -> dict[str, int]:
    """Entry size per global secondary index, from CloudFormation `GlobalSecondaryIndexes` definitions.

    An item lands in an index only when it has the index's key attributes (sparse indexes cost nothing).
    """
    sizes: dict[str, int] = {}
    for index in indexes:
        keys = [k["AttributeName"] for k in index["KeySchema"]]
        if not all(name in item for name in keys):
            continue
        projection = index.get("Projection", {})
        kind = projection.get("ProjectionType", "KEYS_ONLY")
        kept = None if kind == "ALL" else [*table_keys, *keys, *projection.get("NonKeyAttributes", [])]
        sizes[index["IndexName"]] = index_entry_size(item, projected=kept)
    return sizes


def comprehend_units(characters: int) -> int:
    return max(COMPREHEND_MIN_UNITS, math.ceil(characters / COMPREHEND_UNIT_CHARS))


def comprehend_cost(characters: int, apis: int = len(COMPREHEND_APIS)) -> float:
    """Dollars for one article sent once to each Comprehend API."""
    return comprehend_units(characters) * COMPREHEND_PER_UNIT * apis


@dataclass(frozen=True)
class Workload:
    """What one article costs in resources; `benchmarks.speed` fills it from measurements."""

    memory_mb: int
    compute_ms: float  # warm CPU time on one full core (pipeline + serialize + handler overhead)
    io_ms: float  # assumed waiting time on S3 GET + DynamoDB query + put (not CPU, not scaled)
    item_bytes: int  # the stored item, DynamoDB-sized
    gsi_entry_bytes: tuple[int, ...] = ()  # one entry per index the item lands in
    duplicate_queries: int = 1  # by-sha256 lookups (eventually consistent, KEYS_ONLY: tiny)
    s3_gets: int = 1
    cold_start_share: float = 0.01  # fraction of invocations that pay an INIT phase
    init_ms: float = 0.0  # INIT duration (imports at module level); full CPU during INIT assumed


@dataclass(frozen=True)
class CostLine:
    name: str
    dollars_per_million: float
    formula: str


@dataclass(frozen=True)
class CostBreakdown:
    lines: list[CostLine] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(line.dollars_per_million for line in self.lines)


def cost_per_million(w: Workload) -> CostBreakdown:
    """Dollars per million articles, one line per billed item, each with its formula."""
    duration = invoke_duration_ms(w.compute_ms, w.io_ms, w.memory_mb)
    gb = w.memory_mb / 1024
    invoke = MILLION * gb_seconds(duration, w.memory_mb) * LAMBDA_PER_GB_SECOND
    init = MILLION * w.cold_start_share * gb_seconds(w.init_ms, w.memory_mb) * LAMBDA_PER_GB_SECOND if w.init_ms else 0
    table_wru = write_units(w.item_bytes)
    gsi_wru = sum(write_units(size) for size in w.gsi_entry_bytes)
    rru = w.duplicate_queries * read_units(0)
    share = cpu_share(w.memory_mb)
    lines = [
        CostLine(
            "Lambda duration",
            invoke,
            f"1e6 x ceil({w.compute_ms:.1f} ms / {share:.3f} CPU + {w.io_ms:.0f} ms I/O = {billed_ms(duration)} ms)"
            f" x {gb:.3f} GB x ${LAMBDA_PER_GB_SECOND:.10f}/GB-s",
        ),
        CostLine(
            "Lambda INIT (cold starts)",
            init,
            f"1e6 x {w.cold_start_share:.0%} x {billed_ms(w.init_ms)} ms x {gb:.3f} GB"
            f" x ${LAMBDA_PER_GB_SECOND:.10f}/GB-s",
        ),
        CostLine("Lambda requests", LAMBDA_PER_MILLION_REQUESTS, f"1e6 x ${LAMBDA_PER_MILLION_REQUESTS}/1e6"),
        CostLine(
            "DynamoDB writes (table)",
            table_wru * DYNAMODB_PER_MILLION_WRU,
            f"1e6 x ceil({w.item_bytes} B / 1 KB) = {table_wru} WRU x ${DYNAMODB_PER_MILLION_WRU}/1e6",
        ),
        CostLine(
            "DynamoDB writes (GSIs)",
            gsi_wru * DYNAMODB_PER_MILLION_WRU,
            "1e6 x ("
            + " + ".join(f"ceil({s} B / 1 KB)" for s in w.gsi_entry_bytes)
            + f") = {gsi_wru} WRU x ${DYNAMODB_PER_MILLION_WRU}/1e6",
        ),
        CostLine(
            "DynamoDB reads (dup. query)",
            rru * DYNAMODB_PER_MILLION_RRU,
            f"1e6 x {w.duplicate_queries} query x {read_units(0)} RRU x ${DYNAMODB_PER_MILLION_RRU}/1e6",
        ),
        CostLine(
            "S3 GET",
            w.s3_gets * S3_GET_PER_THOUSAND * 1000,
            f"1e6 x {w.s3_gets} GET x ${S3_GET_PER_THOUSAND}/1000",
        ),
    ]
    return CostBreakdown(lines)
