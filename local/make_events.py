"""Write `events/*.json`: S3 put events shaped as `sam local generate-event s3 put` makes them.

Run after changing a sample: `python -m local.make_events`.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote_plus

from local.samples import EVENT_FILES, EVENT_TIME, EVENTS, LOCAL_BUCKET, SampleObject


def s3_put_record(
    obj: SampleObject, *, bucket: str = LOCAL_BUCKET, sequencer: str, event_time: str = EVENT_TIME
) -> dict[str, Any]:
    return {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": "us-east-1",
        "eventTime": event_time,
        "eventName": "ObjectCreated:Put",
        "userIdentity": {"principalId": "EXAMPLE"},
        "requestParameters": {"sourceIPAddress": "127.0.0.1"},
        "responseElements": {"x-amz-request-id": "EXAMPLE123456789", "x-amz-id-2": "EXAMPLE123/5678abcdefghijkl"},
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": "ProcessArticleTrigger",
            "bucket": {"name": bucket, "ownerIdentity": {"principalId": "EXAMPLE"}, "arn": f"arn:aws:s3:::{bucket}"},
            "object": {
                "key": quote_plus(obj.key, safe="/"),
                "size": len(obj.body),
                "eTag": obj.etag,
                "sequencer": sequencer,
            },
        },
    }


def main() -> None:
    for name, objects in EVENT_FILES.items():
        records = [s3_put_record(o, sequencer=f"0067F1A2B3C4D5E6{i:02X}") for i, o in enumerate(objects)]
        (EVENTS / name).write_text(json.dumps({"Records": records}, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote events/{name}")


if __name__ == "__main__":
    main()
