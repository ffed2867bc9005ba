"""The one Logger, Tracer and Metrics of the service. Logs carry keys and codes, never article text."""

from __future__ import annotations

from aws_lambda_powertools import Logger, Metrics, Tracer

logger = Logger()
tracer = Tracer()
metrics = Metrics()
