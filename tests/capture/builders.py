"""A web site on 127.0.0.1 whose pages the tests write, and fetch policies that may reach it."""

from __future__ import annotations

import datetime
import socket
import ssl
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

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

    scheme: str = "http"

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def policy(self, *hosts: str, **limits: Any) -> FetchPolicy:
        """A policy that may reach this site by the given names (127.0.0.1 by default)."""
        return FetchPolicy(
            allowed_private_hosts=frozenset(hosts or ("127.0.0.1",)),
            allowed_ports=frozenset({80, 443, self.port}),
            **limits,
        )


class IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


@contextmanager
def loopback_site(
    tls: ssl.SSLContext | None = None, address: str = "127.0.0.1"
) -> Iterator[LoopbackSite]:
    """The site on a free loopback port; over https when given a server TLS context."""
    site = LoopbackSite(scheme="https" if tls else "http")

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

    server_class = IPv6Server if ":" in address else ThreadingHTTPServer
    server = server_class((address, 0), Handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
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


def self_signed_tls(name: str) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A certificate for `name`: the server's context using it, and a client's trusting it."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certificate_pem = certificate.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with tempfile.TemporaryDirectory() as folder:
        certificate_file, key_file = Path(folder, "cert.pem"), Path(folder, "key.pem")
        certificate_file.write_bytes(certificate_pem)
        key_file.write_bytes(key_pem)
        server.load_cert_chain(certificate_file, key_file)
    client = ssl.create_default_context(cadata=certificate_pem.decode("ascii"))
    return server, client
