"""storage.new_session and the layer build's build_botocore_aliases.py: one memo of botocore's aliased event names."""

from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import Any

import botocore
import botocore.session
import build_botocore_aliases
import pytest
from botocore.compat import accepts_kwargs
from botocore.handlers import BUILTIN_HANDLERS
from botocore.hooks import EventAliaser
from botocore.utils import EVENT_ALIASES

from article_core import storage


@pytest.fixture(autouse=True)
def _empty_memo() -> None:
    storage._aliased.clear()


def _stored(tmp_path: Path, version: str, names: dict[str, str]) -> str:
    path = tmp_path / "botocore_aliases.marshal"
    path.write_bytes(marshal.dumps((version, names), 2))
    return str(path)


def _handlers(session: Any) -> Any:
    """The session's handler table, each handler by name: Powertools, once imported, registers a closure made
    per session (its user-agent feature), equal in all but identity."""

    def named(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: named(value) for key, value in node.items()}
        if isinstance(node, tuple):  # botocore's NodeList(first, middle, last)
            return tuple([getattr(h, "__qualname__", type(h).__qualname__) for h in handlers] for handlers in node)
        return node

    return named(session._events._emitter._handlers._root)


def test_a_new_session_registers_exactly_the_stock_sessions_handlers() -> None:
    """Given a session from new_session and one from botocore.session.get_session
    When their event emitters' handler tables are compared
    Then they are equal: the same handlers under the same (aliased) event names, in the same order
    """
    ours: Any = storage.new_session()
    stock: Any = botocore.session.get_session()
    assert _handlers(ours) == _handlers(stock)
    stock.register("before-call.s3.GetObject", lambda **kwargs: None)  # the comparison sees a difference
    assert _handlers(ours) != _handlers(stock)


def test_botocores_own_handlers_accept_kwargs_and_handlers_registered_later_are_still_checked() -> None:
    """Given botocore's builtin handlers, which new_session registers without botocore's **kwargs check
    When the check is run on each, and a handler without **kwargs is registered on a new session afterwards
    Then every builtin handler passes it, and the later handler is refused as a stock session refuses it
    """
    assert all(accepts_kwargs(spec[1]) for spec in BUILTIN_HANDLERS)
    session: Any = storage.new_session()
    with pytest.raises(ValueError, match="keyword arguments"):
        session.register("before-call.s3.GetObject", lambda params: None)


def test_the_session_and_its_clients_share_one_memo_equal_to_botocores_own_aliasing() -> None:
    """Given a new session and an S3 and a DynamoDB client made from it (offline)
    When the names botocore aliased on the way are read from the shared memo
    Then both clients' aliasers use that memo, and every entry is what a stock EventAliaser makes of the name
    """
    session: Any = storage.new_session()
    credentials = {"aws_access_key_id": "t", "aws_secret_access_key": "t"}
    clients = [session.create_client(service, region_name="us-east-1", **credentials) for service in ("s3", "dynamodb")]
    assert all(client.meta.events._alias_name_cache is storage._aliased for client in clients)
    assert len(storage._aliased) > 50
    stock: Any = EventAliaser(None)  # type: ignore[arg-type]  # no emitter: only its aliasing is used
    assert {name: stock._alias_event_name(name) for name in storage._aliased} == storage._aliased
    assert "before-call.api-gateway" in storage._aliased.values()  # names aliases rename are in it


def test_stored_aliases_are_used_only_when_this_botocore_built_them(tmp_path: Path) -> None:
    """Given a stored memo for this botocore version, and one for another version
    When aliased_names reads each
    Then the first gives its names, the second (and a missing file) nothing
    """
    names = {"before-call.apigateway": "before-call.api-gateway"}
    assert storage.aliased_names(_stored(tmp_path, botocore.__version__, names)) == names
    assert storage.aliased_names(_stored(tmp_path, "0.0.1", names)) == {}
    assert storage.aliased_names(str(tmp_path / "missing.marshal")) == {}


def test_a_new_session_starts_from_the_stored_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Given a stored memo whose entry for one name differs from botocore's (so its use shows)
    When a new session registers its handlers
    Then that name is aliased from the memo, not computed; an aliaser with another alias table keeps its own memo
    """
    path = _stored(tmp_path, botocore.__version__, {"choose-signer": "choose-signer-from-memo"})
    monkeypatch.setattr(storage, "ALIASES_FILE", path)
    session: Any = storage.new_session()
    assert session._events._alias_event_name("choose-signer") == "choose-signer-from-memo"
    assert _handlers(session) != _handlers(botocore.session.get_session())
    other = type(session._events)(None, {**EVENT_ALIASES, "x": "y"})
    assert other._alias_name_cache is not storage._aliased


def test_the_build_step_stores_botocores_aliasing_for_the_functions_session_and_clients(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given the layer build step run on a folder standing for the layer (its article_core/data/)
    When it has written botocore_aliases.marshal
    Then the file is for this botocore, and its names are botocore's own aliasing of every name it holds
    """
    (tmp_path / "article_core" / "data").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the step puts the layer folder first on it
    assert build_botocore_aliases.main([str(tmp_path)]) == 0
    path = str(tmp_path / "article_core" / "data" / "botocore_aliases.marshal")
    names = storage.aliased_names(path)
    stock: Any = EventAliaser(None)  # type: ignore[arg-type]  # no emitter: only its aliasing is used
    assert len(names) > 50 and names == {name: stock._alias_event_name(name) for name in names}


def test_long_lived_makes_with_the_collector_paused_and_freezes_what_it_made() -> None:
    """Given the cyclic collector running
    When long_lived makes a value (and, once, when making raises)
    Then the collector is off while it is made and on again afterwards, what it made is in the permanent
    generation (gc.freeze), and a failure leaves the collector on as well
    """
    import gc

    seen: list[bool] = []

    def make() -> list[object]:
        seen.append(gc.isenabled())
        cycle: list[object] = []
        cycle.append(cycle)
        return cycle

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        made = storage.long_lived(make)
        assert seen == [False] and gc.isenabled() and made[0] is made
        assert gc.get_freeze_count() > frozen
        with pytest.raises(ZeroDivisionError):
            storage.long_lived(lambda: 1 // 0)
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_long_lived_leaves_a_paused_collector_paused_and_freezes_nothing() -> None:
    """Given the collector paused (as during the handler module's import)
    When long_lived makes a value
    Then the collector stays paused and nothing is frozen
    """
    import gc

    gc.disable()
    try:
        frozen = gc.get_freeze_count()
        assert storage.long_lived(lambda: 42) == 42
        assert not gc.isenabled() and gc.get_freeze_count() == frozen
    finally:
        gc.enable()
