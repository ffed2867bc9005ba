"""One settings object, read once from the environment by the handler or the CLI.

The pure core never reads the environment: it receives `Limits` as an argument.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from pydantic import BaseModel, Field

MiB = 1024 * 1024
LAMBDA_MB_PER_CORE = 1769  # Lambda gives one full vCPU at 1,769 MB of memory, proportionally less below


class Limits(BaseModel):
    """Bounds that keep one hostile file from costing more than a normal one."""

    max_object_bytes: int = Field(default=16 * MiB, gt=0)
    max_decompressed_bytes: int = Field(default=32 * MiB, gt=0)
    # Analysis runs on at most this many characters of cleaned text (the record says so).
    max_analysis_chars: int = Field(default=100_000, gt=0)
    # HTML above this many characters skips the extractor (trafilatura) for the linear text fallback.
    max_extractor_chars: int = Field(default=2_000_000, gt=0)
    # Only this many characters of decoded text are cleaned (the record says so): no article is longer.
    max_clean_chars: int = Field(default=2_000_000, gt=0)
    # The invocation's time budget (see budget.py): the share of one core the function gets, and the
    # time.monotonic() by which the record must be ready (None: no deadline, as in the CLI).
    cpu_share: float = Field(default=1.0, gt=0, le=1.0)
    deadline: float | None = None


class Settings(BaseModel):
    table_name: str = "articles"
    artifacts_bucket: str | None = None
    trigger_prefix: str = "incoming/"
    # Above this many bytes of JSON the cleaned text moves to S3 (DynamoDB items cap at 400 KB).
    max_item_bytes: int = Field(default=300_000, gt=10_000)
    limits: Limits = Field(default_factory=Limits)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        limits = Limits(
            **{
                name: int(env[var])
                for name, var in (
                    ("max_object_bytes", "MAX_OBJECT_BYTES"),
                    ("max_decompressed_bytes", "MAX_DECOMPRESSED_BYTES"),
                    ("max_analysis_chars", "MAX_ANALYSIS_CHARS"),
                )
                if env.get(var)
            },
            cpu_share=min(
                1.0, int(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE") or LAMBDA_MB_PER_CORE) / LAMBDA_MB_PER_CORE
            ),
        )
        # Defaults live once, on the fields: only what the environment sets is passed.
        named = {
            name: env[var]
            for name, var in (("table_name", "TABLE_NAME"), ("trigger_prefix", "TRIGGER_PREFIX"))
            if var in env
        }
        return cls(**named, artifacts_bucket=env.get("ARTIFACTS_BUCKET") or None, limits=limits)
