"""OpenID providers on 127.0.0.1 for the sign-on tests: oidc-provider-mock (standards-compliant,
with claims the test sets), and a tiny one of our own whose ID tokens a test shapes (wrong
audience, expired, signed with another key), both with real keys and a real JWKS endpoint."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from fastapi.testclient import TestClient
from httpx import Response
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from oidc_provider_mock import run_server_in_thread

from jobtracker.config import Settings
from jobtracker.db import utcnow

CLIENT_ID = "jobtracker-tests"
CLIENT_SECRET = "a-client-secret-only-the-tests-know"


def use_provider(settings: Settings, issuer: str, **options: Any) -> None:
    settings.oidc_issuer = issuer
    settings.oidc_client_id = CLIENT_ID
    settings.oidc_client_secret = CLIENT_SECRET
    # The test client's requests come as http://testserver.
    settings.allowed_hosts = "testserver,127.0.0.1"
    for name, value in options.items():
        setattr(settings, name, value)


@contextmanager
def mock_provider() -> Iterator[str]:
    with run_server_in_thread() as server:
        yield f"http://127.0.0.1:{server.server_port}"


def set_claims(issuer: str, subject: str, **claims: Any) -> None:
    httpx.put(f"{issuer}/users/{subject}", json=claims, timeout=10).raise_for_status()


def sign_on(
    client: TestClient, subject: str, *, invite: str | None = None, next_page: str | None = None
) -> Response:
    """The whole code flow as a browser follows it: the app's /login, the provider's consent
    form (choosing `subject`), back to the app's callback; answers the callback's redirect."""
    asked = {"invite": invite, "next": next_page}
    started = client.get(
        "/api/auth/oidc/login",
        params={name: value for name, value in asked.items() if value is not None},
        follow_redirects=False,
    )
    assert started.status_code == 302, started.text
    authorize = started.headers["location"]
    chosen = httpx.post(authorize, data={"sub": subject}, timeout=10, follow_redirects=False)
    assert chosen.status_code == 302, chosen.text
    back = urlsplit(chosen.headers["location"])
    return client.get(f"{back.path}?{back.query}", follow_redirects=False)


@dataclass
class TinyProvider:
    """Discovery, keys and a token endpoint whose ID token the test makes."""

    issuer: str = ""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, {"kid": "k1"}))
    id_token: Callable[[dict[str, Any]], str] | None = None
    # What the discovery document says differently, and every path asked for, in order.
    discovery_changes: dict[str, Any] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def signed(self, claims: dict[str, Any], key: RSAKey | None = None) -> str:
        return jwt.encode({"alg": "RS256", "kid": "k1"}, claims, key or self.key)

    def claims(self, nonce: str, **changes: Any) -> dict[str, Any]:
        now = int(utcnow().timestamp())
        return {
            "iss": self.issuer,
            "sub": "tiny-1",
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "email": "tiny@example.com",
            "email_verified": True,
            **changes,
        }


@contextmanager
def tiny_provider() -> Iterator[TinyProvider]:
    provider = TinyProvider()

    class Handler(BaseHTTPRequestHandler):
        def _json(self, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            provider.requests.append(self.path)
            if self.path == "/.well-known/openid-configuration":
                self._json(
                    {
                        "issuer": provider.issuer,
                        "authorization_endpoint": f"{provider.issuer}/authorize",
                        "token_endpoint": f"{provider.issuer}/token",
                        "jwks_uri": f"{provider.issuer}/jwks",
                        **provider.discovery_changes,
                    }
                )
            elif self.path == "/jwks":
                self._json(KeySet([provider.key]).as_dict(private=False))
            else:
                self.send_error(404)

        def do_POST(self) -> None:
            provider.requests.append(self.path)
            length = int(self.headers.get("Content-Length", 0))
            form = parse_qs(self.rfile.read(length).decode())
            assert form["grant_type"] == ["authorization_code"]
            assert provider.id_token is not None
            self._json(
                {"access_token": "at", "token_type": "Bearer", "id_token": provider.id_token({})}
            )

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    provider.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()


def start_flow(client: TestClient, provider: TinyProvider) -> tuple[str, str]:
    """The app's /login against the tiny provider: the state and nonce it sent there."""
    started = client.get("/api/auth/oidc/login", follow_redirects=False)
    assert started.status_code == 302, started.text
    query = parse_qs(urlsplit(started.headers["location"]).query)
    return query["state"][0], query["nonce"][0]
