"""A stand-in for the Lambda context object: the attributes Powertools reads, and a real deadline."""

from __future__ import annotations

import time
import uuid


class LocalContext:
    function_name = "ProcessArticleFunction"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:ProcessArticleFunction"
    memory_limit_in_mb = 512
    log_group_name = "/aws/lambda/ProcessArticleFunction"
    log_stream_name = "local"

    def __init__(self, timeout_seconds: float = 60.0, request_id: str | None = None) -> None:
        # As in Lambda, the clock starts when the invocation does.
        self.timeout_seconds = timeout_seconds
        self.deadline = time.monotonic() + timeout_seconds
        self.aws_request_id = request_id or str(uuid.uuid4())

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.deadline - time.monotonic()) * 1000))
