"""The only module that talks to AWS: read the object, write the record.

Transient faults (throttling, 5xx, timeouts) are retried by botocore and then raised, so
Lambda retries the event and finally sends it to the failure queue. Facts about the object
(gone, replaced since the event) are returned as values, not raised.
"""

from __future__ import annotations

import gc
import json
import marshal
import math
import os
import zlib
from collections.abc import Callable, Mapping
from decimal import Clamped, Context, Decimal, Inexact, Overflow, Rounded, Underflow
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .models import ArticleRecord, ErrorCode, ObjectRef
from .records import rejected
from .settings import Settings

if TYPE_CHECKING:  # the stubs are a development dependency; nothing here is imported at run time
    from botocore.config import Config
    from botocore.session import Session
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_s3 import S3Client

_SEQ_WIDTH = 40
T = TypeVar("T")


class ReadOutcome(Enum):
    GONE = "gone"  # deleted before we could read it
    REPLACED = "replaced"  # overwritten since the event: a newer event will carry the new bytes
    TOO_LARGE = "too_large"  # bigger than the cap, whatever the event said
    NO_BUCKET = "no_bucket"  # the event names a bucket that does not exist: it can never be read


def sequence_key(sequencer: str | None) -> str | None:
    """S3 sequencers compare as hex numbers: left-pad with zeros, then compare as strings."""
    if not sequencer:
        return None
    return sequencer.upper().rjust(_SEQ_WIDTH, "0")


class PreparsedData:
    """botocore's data files as the layer build stored them, already parsed: `NAME.marshal` beside `NAME.json`.

    botocore parses its models, endpoint rules and endpoints.json with an OrderedDict per JSON object each time a
    client is made (about 100 million instructions for the S3 and DynamoDB clients, python3.13); unmarshalling the
    same data costs about a quarter of that. The data are equal, order included: slim_layer.py writes each file from
    the JSON next to it, and a plain dict keeps its order as botocore's OrderedDict does (botocore only iterates and
    looks up). Files with no `.marshal` (the source tree, AWS_DATA_PATH, ~/.aws/models) load as JSON, as before.
    """

    def __init__(self, json_files: Any) -> None:
        self.json_files = json_files  # botocore's own JSONFileLoader: the fallback, and `exists`

    def exists(self, file_path: str) -> bool:
        return bool(self.json_files.exists(file_path))

    def load_file(self, file_path: str) -> Any:
        try:
            with open(file_path + ".marshal", "rb") as file:
                return marshal.loads(file.read())  # noqa: S302 (written by the layer build, shipped in the layer)
        except FileNotFoundError:
            return self.json_files.load_file(file_path)


def with_preparsed_data(session: Session) -> Session:
    """`session`, its data loader reading the layer's pre-parsed botocore data where there is some."""
    loader = session.get_component("data_loader")
    loader.file_loader = PreparsedData(loader.file_loader)
    return session


ALIASES_FILE = os.path.join(os.path.dirname(__file__), "data", "botocore_aliases.marshal")
_aliased: dict[str, str] = {}  # botocore event name -> its aliased name: the memo every session here shares


def aliased_names(path: str = ALIASES_FILE) -> dict[str, str]:
    """The aliased event names the layer build stored (`build_botocore_aliases.py`), when built by this botocore.

    botocore renames every event name it registers or emits through `EventAliaser._alias_event_name`: a loop over
    its ~50 aliases that splits the name and raises a ValueError per alias, about 50 million instructions for the
    ~700 handlers a session and the two clients register (python3.13). The result depends on the name and the
    alias table alone, so the build computes it once with botocore's own method; a name not stored is computed
    as before. Empty for another botocore version, or without the file (the source tree).
    """
    import botocore

    try:
        with open(path, "rb") as file:
            version, names = marshal.loads(file.read())  # noqa: S302 (written by the layer build, shipped in it)
    except FileNotFoundError:
        return {}
    return names if version == botocore.__version__ else {}


def _unchecked(handler: Any) -> None:
    """In place of botocore's check that an event handler accepts **kwargs, for botocore's own handlers."""


def new_session() -> Session:
    """botocore.session.get_session(), with one memo of aliased event names for the session and its clients.

    A stock session's aliaser starts with an empty memo, and each client gets a copy that starts empty again;
    here every aliaser with botocore's own alias table reads and fills `_aliased`, filled first from the layer's
    stored names (a unit test checks the handlers a session registers are the stock session's).
    """
    import botocore.hooks
    import botocore.session
    from botocore.utils import EVENT_ALIASES

    if not _aliased:
        _aliased.update(aliased_names(ALIASES_FILE))
    # Typed as Any: the stubs leave out the private attributes these subclasses use (a unit test pins them).
    aliaser: Any = botocore.hooks.EventAliaser
    session: Any = botocore.session.Session

    class SharedMemoAliaser(aliaser):  # type: ignore[misc]
        def __init__(self, event_emitter: Any, event_aliases: Any = None) -> None:
            super().__init__(event_emitter, event_aliases)
            if self._event_aliases == EVENT_ALIASES:  # a copy's table is a copy: equal, so the same names
                self._alias_name_cache = _aliased

    class SharedMemoSession(session):  # type: ignore[misc]
        def _register_builtin_handlers(self, events: Any) -> None:
            # Session.__init__ has just made self._events = EventAliaser(self._original_handler), memo empty.
            self._events = SharedMemoAliaser(self._original_handler)
            # botocore's own ~300 handlers skip the check that each takes **kwargs (inspect.getfullargspec of each:
            # ~17 million instructions); a unit test runs it on all of them. Handlers registered later are checked.
            self._original_handler._verify_accept_kwargs = _unchecked
            try:
                super()._register_builtin_handlers(self._events)
            finally:
                del self._original_handler._verify_accept_kwargs

    return cast("Session", SharedMemoSession())


def long_lived(make: Callable[[], T]) -> T:
    """make(), with the cyclic collector paused, and what it made frozen (gc.freeze) when collection was on.

    botocore's session and clients are made once per process and live as long as it: their models, handlers
    and shapes are tens of thousands of objects, which the collector would otherwise scan at each of the
    collections they set off while being made, and again at every later full collection. The same as app.py
    does for INIT; the event's own objects are not made here.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return make()
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _client_config() -> Config:
    """Retries inside one invocation before giving up and letting Lambda retry the whole event."""
    from botocore.config import Config

    return Config(retries={"mode": "standard", "max_attempts": 4}, connect_timeout=5, read_timeout=20)


class Repository:
    """Reads objects from S3 and stores records in DynamoDB, with clients created on first use.

    Both clients are botocore's, made by one botocore session, so models, endpoints and credentials load once.
    boto3 adds nothing these calls need and costs every cold start its import (s3transfer, the resource
    factory) and a DynamoDB resource (its model and classes): about 35 ms of CPU on python3.13 (`make bench`).
    The one thing the resource did, typing Python values as DynamoDB attribute values, is `attribute_value`
    and `python_value` below (tested equal to boto3's TypeSerializer/TypeDeserializer).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._session: Session | None = None
        self._s3: S3Client | None = None
        self._dynamodb: DynamoDBClient | None = None

    # --- clients -------------------------------------------------------------------------
    @property
    def session(self) -> Session:
        if self._session is None:
            self._session = long_lived(lambda: with_preparsed_data(new_session()))
        return self._session

    @property
    def s3(self) -> S3Client:
        if self._s3 is None:
            session = self.session
            self._s3 = cast("S3Client", long_lived(lambda: session.create_client("s3", config=_client_config())))
        return self._s3

    @property
    def dynamodb(self) -> DynamoDBClient:
        if self._dynamodb is None:
            session = self.session
            made = long_lived(lambda: session.create_client("dynamodb", config=_client_config()))
            self._dynamodb = cast("DynamoDBClient", made)
        return self._dynamodb

    def _get_item(self, key: str, **params: Any) -> dict[str, Any]:
        """The stored item (Python values) for `article_id` = key, or {}."""
        response = self.dynamodb.get_item(TableName=self.settings.table_name, Key={"article_id": {"S": key}}, **params)
        return python_value({"M": response["Item"]}) if "Item" in response else {}

    # --- S3 ------------------------------------------------------------------------------
    def read_object(self, ref: ObjectRef) -> bytes | ReadOutcome:
        """Read exactly the version (or ETag) the event names, never more than the size cap."""
        from botocore.exceptions import ClientError

        cap = self.settings.limits.max_object_bytes
        params: dict[str, Any] = {"Bucket": ref.bucket, "Key": ref.key, "Range": f"bytes=0-{cap}"}
        if ref.version_id:
            params["VersionId"] = ref.version_id
        elif ref.etag:
            params["IfMatch"] = f'"{ref.etag}"'
        try:
            response = self.s3.get_object(**params)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code in {"NoSuchKey", "NoSuchVersion", "404"}:
                return ReadOutcome.GONE
            if code in {"PreconditionFailed", "412"}:
                return ReadOutcome.REPLACED
            if code == "NoSuchBucket":
                return ReadOutcome.NO_BUCKET
            if code == "InvalidRange":  # zero-byte object
                return b""
            raise
        body: bytes = response["Body"].read(cap + 1)
        if len(body) > cap:
            return ReadOutcome.TOO_LARGE
        return body

    def text_uri(self, record: ArticleRecord) -> str:
        """Where a cleaned text too large for one item goes: the artifacts bucket, which has no trigger."""
        bucket = self.settings.artifacts_bucket
        if not bucket:
            raise RuntimeError("ARTIFACTS_BUCKET is not set; cannot store a text too large for one item")
        return f"s3://{bucket}/texts/{record.article_id}/{sequence_key(record.source.sequencer) or 'latest'}.txt"

    def put_text(self, uri: str, text: str) -> None:
        bucket, _, key = uri.removeprefix("s3://").partition("/")
        self.s3.put_object(Bucket=bucket, Key=key, Body=text.encode(), ContentType="text/plain; charset=utf-8")

    def delete_text(self, uri: str) -> None:
        bucket, _, key = uri.removeprefix("s3://").partition("/")
        self.s3.delete_object(Bucket=bucket, Key=key)

    # --- DynamoDB ------------------------------------------------------------------------
    def find_duplicate(self, record: ArticleRecord) -> str | None:
        """Another object whose cleaned text has the same SHA-256 (GSI lookup, not a scan)."""
        fingerprint = record.analysis.fingerprint
        if record.status != "processed" or fingerprint is None:
            return None
        response = self.dynamodb.query(
            TableName=self.settings.table_name,
            IndexName="by-sha256",
            KeyConditionExpression="sha256 = :sha256",
            ExpressionAttributeValues={":sha256": {"S": fingerprint.sha256}},
            Limit=5,
        )
        ids = (python_value(i["article_id"]) for i in response.get("Items", []))
        others = sorted(i for i in ids if i != record.article_id)
        return others[0] if others else None

    def save(self, record: ArticleRecord) -> ArticleRecord | None:
        """Write unless a record from a newer (or the same) S3 event is already there.

        The caller's record is left unchanged. Returns the record as stored (a `record_too_large`
        rejection when the analysis does not fit in one item), or None when the write was refused:
        a duplicate delivery or an out-of-order event.
        A large text goes to the artifacts bucket only once the item that points to it is known to fit;
        the text of the record a write replaces is deleted, and a refused write deletes every text older
        than the stored record (its own, or one a lost response left behind): no text outlives its record.
        """
        from botocore.exceptions import ClientError

        record = record.model_copy(update={"duplicate_of": self.find_duplicate(record)})  # the caller's stays as is
        if record.source.sequencer is None:  # a batch job or a replay names no sequencer
            record.source = self._with_stored_sequencer(record.source)
        record, item, text = self._fitting(record)
        uri = record.text.cleaned_uri if text is not None else None
        if uri is not None and text is not None:
            self.put_text(uri, text)
        seq = item.get("seq")
        if seq is None:  # no sequencer (a local stand-in): only refuse to overwrite a sequenced record
            condition, values = "attribute_not_exists(article_id) OR attribute_not_exists(seq)", {}
        else:
            # The same event again is refused, unless newer code processed it (reprocessing, backfills).
            condition = "attribute_not_exists(article_id) OR seq < :seq OR (seq = :seq AND pipeline_version <> :pv)"
            values = {":seq": seq, ":pv": record.pipeline_version}
        try:
            response = self.dynamodb.put_item(
                TableName=self.settings.table_name,
                Item=attribute_value(item)["M"],
                ConditionExpression=condition,
                ReturnValues="ALL_OLD",
                **({"ExpressionAttributeValues": attribute_value(values)["M"]} if values else {}),
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                self._prune_texts(record.article_id)
                return None
            raise
        replaced = python_value({"M": response.get("Attributes") or {}}).get("text", {}).get("cleaned_uri")
        if replaced and replaced != uri:
            self.delete_text(str(replaced))  # the older version's text: no record points to it any more
        return record

    def _with_stored_sequencer(self, ref: ObjectRef) -> ObjectRef:
        """Reprocessing the version already recorded keeps its S3 sequencer, so later events still order.

        Without it a backfill could never replace a record made from an event (and would drop its order).
        """
        stored = self._get_item(
            ref.article_id, ProjectionExpression="#src", ExpressionAttributeNames={"#src": "source"}
        )
        source = stored.get("source", {})
        same_version = ref.version_id is None or ref.version_id == source.get("version_id")
        if source.get("sequencer") and same_version:
            return ref.model_copy(update={"sequencer": source["sequencer"]})
        return ref

    def _prune_texts(self, article_id: str) -> None:
        """After a refused write: delete the texts of versions older than the stored record. They are this
        event's own (refused for good), or the replaced record's when the response to a write was lost."""
        bucket = self.settings.artifacts_bucket
        if not bucket:
            return
        stored = self._get_item(article_id, ConsistentRead=True)
        stored_seq = stored.get("seq")
        if not stored_seq:
            return
        prefix = f"texts/{article_id}/"
        listed = self.s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
        for obj in listed:
            if obj["Key"].removeprefix(prefix).removesuffix(".txt") < stored_seq:
                self.s3.delete_object(Bucket=bucket, Key=obj["Key"])

    def _fitting(self, record: ArticleRecord) -> tuple[ArticleRecord, dict[str, Any], str | None]:
        """The record that will be stored, its item, and the text to put in S3 first (if any)."""
        item = to_item(record)
        text = None
        if item_size(item) > self.settings.max_item_bytes and record.text.cleaned:
            text = record.text.cleaned
            record.text = record.text.model_copy(update={"cleaned": None, "cleaned_uri": self.text_uri(record)})
            item = to_item(record)
        if item_size(item) > _DYNAMODB_ITEM_LIMIT:  # the pipeline's bounds should make this impossible
            too_big = rejected(
                record.source, ErrorCode.RECORD_TOO_LARGE, "The analysis of this file is too large to store."
            )
            return too_big, to_item(too_big), None
        return record, item, text


_INDEX_ATTRIBUTES = ("seq", "language", "sha256")
_DYNAMODB_ITEM_LIMIT = 380_000  # 400 KB, less a margin for the size estimate
# Above this many bytes the cleaned text is stored deflated: DynamoDB bills writes per KB.
_COMPRESS_ABOVE = 1024


def to_item(record: ArticleRecord) -> dict[str, Any]:
    """The record as a DynamoDB item, plus the top-level attributes the indexes and conditions use.

    `text.cleaned` is stored as `text.cleaned_z` (zlib, Binary) when long: about a third of the
    size, so a 5 KB article costs 7 write units instead of 10. `record_from_item` restores it.
    """
    item: dict[str, Any] = _json_numbers(record.model_dump(mode="json", exclude_none=True))
    cleaned = item.get("text", {}).get("cleaned")
    if cleaned and len(cleaned) > _COMPRESS_ABOVE:
        item["text"]["cleaned_z"] = zlib.compress(item["text"].pop("cleaned").encode(), 6)
    seq = sequence_key(record.source.sequencer)
    if seq:
        item["seq"] = seq
    if record.status == "processed":
        item["language"] = record.analysis.language
        if record.analysis.fingerprint:
            item["sha256"] = record.analysis.fingerprint.sha256
    return item


def _json_numbers(value: Any) -> Any:
    """`value` (the record's JSON-mode dump, changed in place) as `json.loads(<its JSON text>, parse_float=Decimal)`
    reads it back: each float the Decimal of its shortest repr (the digits and exponent of pydantic's JSON text,
    both the shortest that reads back), a NaN or infinity None (JSON null). Walking the dump costs a fraction of
    writing and parsing the JSON text of the whole record."""
    if type(value) is dict:
        for key, item in value.items():
            if type(item) in _CONTAINERS_AND_FLOATS:
                value[key] = _json_numbers(item)
        return value
    if type(value) is list:
        for i, item in enumerate(value):
            if type(item) in _CONTAINERS_AND_FLOATS:
                value[i] = _json_numbers(item)
        return value
    if type(value) is float:
        return Decimal(repr(value)) if math.isfinite(value) else None
    return value


_CONTAINERS_AND_FLOATS = frozenset((dict, list, float))


def record_from_item(item: dict[str, Any]) -> ArticleRecord:
    data = {k: v for k, v in item.items() if k not in _INDEX_ATTRIBUTES}
    text = data.get("text", {})
    if "cleaned_z" in text:
        packed = text.pop("cleaned_z")
        text["cleaned"] = zlib.decompress(bytes(getattr(packed, "value", packed))).decode()
    return ArticleRecord.model_validate_json(json.dumps(data, default=_decimal))


def item_size(value: Any) -> int:
    """DynamoDB's item size, near enough: attribute names plus values, in bytes."""
    if isinstance(value, dict):
        return sum(len(k.encode()) + item_size(v) + 1 for k, v in value.items()) + 3
    if isinstance(value, list):
        return sum(item_size(v) + 1 for v in value) + 3
    if isinstance(value, str):
        return len(value.encode())
    if isinstance(value, bytes):
        return len(value)
    if isinstance(value, Decimal | int | float):
        return 1 + (len(str(value)) + 1) // 2
    return 1


def _decimal(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(type(value).__name__)


# DynamoDB numbers: 38 significant digits, exponent -130..125; anything else raises rather than round (as boto3).
_NUMBERS = Context(Emin=-128, Emax=126, prec=38, traps=[Clamped, Overflow, Inexact, Rounded, Underflow])


def attribute_value(value: Any) -> dict[str, Any]:
    """A Python value of an item (str, int, Decimal, bool, None, bytes, dict, list) as a DynamoDB attribute value.

    What boto3's TypeSerializer writes for these types; floats are refused as it refuses them (use Decimal).
    """
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, bytes | bytearray):
        return {"B": bytes(value)}
    if isinstance(value, int | Decimal):
        return {"N": str(_NUMBERS.create_decimal(value))}
    if isinstance(value, dict):
        return {"M": {str(k): attribute_value(v) for k, v in value.items()}}
    if isinstance(value, list | tuple):
        return {"L": [attribute_value(v) for v in value]}
    raise TypeError(f"no DynamoDB type for {type(value).__name__}")


def python_value(attribute: Mapping[str, Any]) -> Any:
    """A DynamoDB attribute value as Python (numbers as Decimal, binary as bytes, sets as sets): TypeDeserializer's."""
    ((kind, value),) = attribute.items()
    if kind == "M":
        return {k: python_value(v) for k, v in value.items()}
    if kind == "L":
        return [python_value(v) for v in value]
    if kind == "N":
        return _NUMBERS.create_decimal(value)
    if kind == "NS":
        return {_NUMBERS.create_decimal(v) for v in value}
    if kind in {"SS", "BS"}:
        return set(value)
    if kind == "NULL":
        return None
    return value  # S, B, BOOL


def transient_errors() -> tuple[type[Exception], ...]:
    """The AWS faults worth another try (throttling, 5xx, timeouts surface as these after botocore's retries)."""
    from botocore.exceptions import BotoCoreError, ClientError

    return (BotoCoreError, ClientError)
