"""A stand-in for the Lambda context object: the attributes Powertools reads."""

from __future__ import annotations


class LocalContext:
    function_name = "ProcessArticleFunction"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:ProcessArticleFunction"
    memory_limit_in_mb = 512
    aws_request_id = "00000000-0000-0000-0000-000000000000"
    log_group_name = "/aws/lambda/ProcessArticleFunction"
    log_stream_name = "local"

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 60_000
