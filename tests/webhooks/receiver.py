"""A webhook receiver on 127.0.0.1: keeps what it was sent and answers the statuses it is told."""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes


@dataclass
class Receiver:
    port: int = 0
    received: list[Received] = field(default_factory=list)
    # The statuses of the next answers, in order; 200 once they run out.
    answers: list[int] = field(default_factory=list)
    # Extra headers on every answer (a redirect's Location).
    answer_headers: dict[str, str] = field(default_factory=dict)
    # Seconds each answer waits: sends from two processes then overlap, or a send times out.
    delay: float = 0.0
    # Bytes of body each answer carries (a receiver that floods the sender).
    answer_bytes: int = 2
    bytes_sent: int = 0

    def url(self, path: str = "/hooks/jobtracker", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


def verifies(received: Received, secret: str) -> bool:
    """The check a receiver makes, as the README tells it (signing.py's docstring)."""
    fields = dict(
        part.split("=", 1) for part in received.headers["x-jobtracker-signature"].split(",")
    )
    expected = hmac.new(
        secret.encode(), fields["t"].encode() + b"." + received.body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, fields["v1"])


@contextmanager
def receiver_on_loopback() -> Iterator[Receiver]:
    receiver = Receiver()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            with lock:
                receiver.received.append(
                    Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                )
                status = receiver.answers.pop(0) if receiver.answers else 200
            time.sleep(receiver.delay)
            self.send_response(status)
            for name, value in receiver.answer_headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(receiver.answer_bytes))
            self.end_headers()
            try:
                for start in range(0, receiver.answer_bytes, 65536):
                    self.wfile.write(b"x" * min(65536, receiver.answer_bytes - start))
                    receiver.bytes_sent += min(65536, receiver.answer_bytes - start)
            except OSError:  # the sender hung up: what its limits are for
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
