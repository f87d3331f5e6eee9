"""A web site on 127.0.0.1 whose pages the tests write, and fetch policies that may reach it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from jobtracker.capture.policy import FetchPolicy

Page = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class LoopbackSite:
    """Serves `pages` (path → writer) and keeps what came in and how much went out."""

    port: int = 0
    pages: dict[str, Page] = field(default_factory=dict)
    request_headers: list[dict[str, str]] = field(default_factory=list)
    bytes_sent: int = 0
    finished: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def policy(self, *hosts: str, **limits: Any) -> FetchPolicy:
        """A policy that may reach this site by the given names (127.0.0.1 by default)."""
        return FetchPolicy(
            allowed_private_hosts=frozenset(hosts or ("127.0.0.1",)),
            allowed_ports=frozenset({80, 443, self.port}),
            **limits,
        )


@contextmanager
def loopback_site() -> Iterator[LoopbackSite]:
    site = LoopbackSite()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.request_headers.append(
                {name.lower(): value for name, value in self.headers.items()}
            )
            page = site.pages.get(self.path)
            try:
                if page is None:
                    self.send_error(404)
                else:
                    page(self)
            except OSError:  # the fetcher hung up: what the limits are for
                pass
            finally:
                site.finished.set()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def html(body: str, content_type: str = "text/html; charset=utf-8") -> Page:
    def write(handler: BaseHTTPRequestHandler) -> None:
        encoded = (
            body.encode("utf-8")
            if "charset" not in content_type
            else body.encode(content_type.split("charset=")[1])
        )
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(encoded)))
        handler.end_headers()
        handler.wfile.write(encoded)

    return write


def redirect(location: str, *extra_headers: tuple[str, str]) -> Page:
    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        for name, value in extra_headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return write
