"""When PostgreSQL goes away the API answers 503 quickly, and recovers by itself when it returns.

The app reaches the database through a TCP proxy the test controls: stopping it cuts every
connection and refuses new ones, like a database restart or a network cut.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, make_url

from jobtracker import db
from jobtracker.config import Settings
from jobtracker.db import CONNECT_TIMEOUT, build_engine
from tests.factories import ApiUser
from tests.live_server import free_port, serve

# Far below psycopg's own default of 130 seconds, far above a healthy local connect.
QUICK_SECONDS = 15


class DatabaseProxy:
    """Forwards 127.0.0.1:port to the database until stopped; restarts on the same port."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._forwarding = True
        self._stopping = threading.Event()
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def start(self, *, forwarding: bool = True) -> None:
        """Listen again; when not forwarding, accept connections but never answer on them."""
        self._forwarding = forwarding
        self._stopping.clear()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._listener.settimeout(0.05)
        self._spawn(self._accept, self._listener)

    def stop(self) -> None:
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._lock:
            for connection in self._sockets:
                _close(connection)
            self._sockets.clear()

    def _spawn(self, target: Callable[..., None], *args: socket.socket) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self, listener: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            self._track(client)
            if not self._forwarding:
                continue  # held open and silent, like a database that hangs
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            self._track(upstream)
            self._spawn(self._pipe, client, upstream)
            self._spawn(self._pipe, upstream, client)

    def _track(self, connection: socket.socket) -> None:
        connection.settimeout(0.05)
        with self._lock:
            self._sockets.add(connection)

    def _pipe(self, source: socket.socket, destination: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                chunk = source.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            try:
                destination.sendall(chunk)
            except OSError:
                break
        _close(destination)


def _close(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)
    connection.close()


@pytest.fixture
def database_proxy(backend: str, database_url: str) -> Iterator[DatabaseProxy]:
    if backend != "postgresql":
        pytest.skip("an outage needs a database server to lose; SQLite is a local file")
    url = make_url(database_url)
    proxy = DatabaseProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def settings(settings: Settings, database_proxy: DatabaseProxy) -> Settings:
    """The usual test settings, with the app's database reached through the proxy."""
    proxied = make_url(settings.database_url).set(host="127.0.0.1", port=database_proxy.port)
    settings.database_url = proxied.render_as_string(hide_password=False)
    return settings


def _assert_database_unavailable(response: Any, started: float) -> None:
    assert response.status_code == 503
    assert response.json() == {
        "error": {
            "code": "database_unavailable",
            "message": "The database is not reachable right now. "
            "Your data is safe; please try again shortly.",
            "fields": {},
        }
    }
    assert "Traceback" not in response.text
    assert time.monotonic() - started < QUICK_SECONDS


def test_ready_answers_503_while_the_database_is_down(
    client: TestClient, database_proxy: DatabaseProxy
) -> None:
    assert client.get("/api/ready").status_code == 200
    database_proxy.stop()
    started = time.monotonic()

    _assert_database_unavailable(client.get("/api/ready"), started)


def test_signed_in_requests_answer_503_while_the_database_is_down(
    alice: ApiUser, database_proxy: DatabaseProxy
) -> None:
    alice.create_application()
    database_proxy.stop()
    started = time.monotonic()

    _assert_database_unavailable(alice.client.get("/api/applications"), started)


def test_the_dashboard_answers_503_while_the_database_is_down(
    alice: ApiUser, database_proxy: DatabaseProxy
) -> None:
    # Its queries run on two connections at once; a failure on either is the same 503.
    alice.create_application()
    assert alice.client.get("/api/analytics").status_code == 200
    database_proxy.stop()
    started = time.monotonic()

    _assert_database_unavailable(alice.client.get("/api/analytics"), started)


def test_the_app_recovers_by_itself_when_the_database_returns(
    client: TestClient, alice: ApiUser, database_proxy: DatabaseProxy
) -> None:
    alice.create_application(company="Survivor")
    database_proxy.stop()
    assert client.get("/api/ready").status_code == 503
    assert alice.client.get("/api/applications").status_code == 503

    database_proxy.start()

    assert client.get("/api/ready").json() == {"status": "ready"}
    listed = alice.client.get("/api/applications")
    assert listed.status_code == 200
    assert [item["company"] for item in listed.json()["items"]] == ["Survivor"]


def test_a_connection_lost_while_idle_in_the_pool_is_replaced_before_use(
    alice: ApiUser, database_proxy: DatabaseProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice.create_application(company="Kept")
    database_proxy.stop()  # a restart while nobody was using the app
    database_proxy.start()
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)  # idle long enough to be tested

    listed = alice.client.get("/api/applications")

    assert listed.status_code == 200
    assert [item["company"] for item in listed.json()["items"]] == ["Kept"]


def test_a_connection_in_use_a_moment_ago_is_not_pinged(
    alice: ApiUser, database_proxy: DatabaseProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The other side of the trade: without the ping's round trip, a connection the database
    # dropped a moment ago fails its request once (503), and the next one reconnects.
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 60.0)  # however slow this machine is
    alice.create_application(company="Kept")
    database_proxy.stop()
    database_proxy.start()

    assert alice.client.get("/api/applications").status_code == 503
    assert alice.client.get("/api/applications").status_code == 200


def test_a_database_that_accepts_but_never_answers_gives_503_within_seconds(
    client: TestClient, database_proxy: DatabaseProxy
) -> None:
    assert client.get("/api/ready").status_code == 200
    database_proxy.stop()
    database_proxy.start(forwarding=False)
    started = time.monotonic()

    _assert_database_unavailable(client.get("/api/ready"), started)


def _connect_timeout_used(url: str) -> object:
    engine = build_engine(url)
    used: dict[str, object] = {}

    @event.listens_for(engine, "do_connect")
    def _capture(
        _dialect: object, _record: object, _args: object, params: dict[str, object]
    ) -> None:
        used.update(params)

    with engine.connect():
        pass
    engine.dispose()
    return used.get("connect_timeout")


def test_connections_give_up_after_a_few_seconds_unless_the_url_says_otherwise(
    backend: str, database_url: str
) -> None:
    if backend != "postgresql":
        pytest.skip("connect timeouts are PostgreSQL's; SQLite opens a local file")
    separator = "&" if "?" in database_url else "?"

    assert _connect_timeout_used(database_url) == CONNECT_TIMEOUT
    assert _connect_timeout_used(f"{database_url}{separator}connect_timeout=30") == "30"


def _write_until(
    url: str, token: str, stop: threading.Event, outcomes: list[tuple[int, str]]
) -> None:
    """Create applications one after another until told to stop; note every answer."""
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as api:
        while not stop.is_set():
            company = f"Company {uuid.uuid4().hex[:12]}"
            answer = api.post("/api/applications", json={"company": company, "role": "Dev"})
            outcomes.append((answer.status_code, company))


def _companies(user: ApiUser) -> set[str]:
    companies: set[str] = set()
    while True:
        page = user.client.get("/api/applications", params={"limit": 200, "offset": len(companies)})
        items = page.json()["items"]
        companies |= {application["company"] for application in items}
        if not items:
            return companies


def test_no_acknowledged_write_is_lost_when_the_database_drops_mid_load(
    app: FastAPI, alice: ApiUser, database_proxy: DatabaseProxy
) -> None:
    stop = threading.Event()
    outcomes: list[tuple[int, str]] = []
    with serve(app) as url:
        writers = [
            threading.Thread(target=_write_until, args=(url, alice.token, stop, outcomes))
            for _ in range(4)
        ]
        for writer in writers:
            writer.start()
        time.sleep(1)
        database_proxy.stop()
        time.sleep(2)
        during = len(outcomes)
        database_proxy.start()
        time.sleep(2)
        stop.set()
        for writer in writers:
            writer.join(timeout=QUICK_SECONDS)

    statuses = {status for status, _ in outcomes}
    acknowledged = {company for status, company in outcomes if status == 201}
    stored = _companies(alice)
    assert statuses == {201, 503}  # refused while down, never a 500
    assert any(status == 201 for status, _ in outcomes[during:])  # and writing again after
    assert acknowledged <= stored
