"""Cross-origin calls are closed by default and open only to the configured origins."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from jobtracker.app import create_app
from jobtracker.config import Settings

ALLOWED = "https://app.example.com"
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "content-type, x-csrf-token",
}


@pytest.fixture
def open_client(settings: Settings) -> Iterator[TestClient]:
    settings.cors_origins = f"{ALLOWED}/, https://other.example.com"
    app = create_app(settings)
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def test_no_origin_is_allowed_by_default(client: TestClient) -> None:
    preflight = client.options("/api/applications", headers={"Origin": ALLOWED, **PREFLIGHT})
    read = client.get("/api/health", headers={"Origin": ALLOWED})

    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in read.headers


def test_a_configured_origin_may_call_with_credentials(open_client: TestClient) -> None:
    preflight = open_client.options("/api/applications", headers={"Origin": ALLOWED, **PREFLIGHT})
    read = open_client.get("/api/health", headers={"Origin": ALLOWED})

    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ALLOWED
    assert preflight.headers["access-control-allow-credentials"] == "true"
    assert "x-csrf-token" in preflight.headers["access-control-allow-headers"].lower()
    assert read.headers["access-control-allow-origin"] == ALLOWED


def test_an_origin_not_configured_stays_closed(open_client: TestClient) -> None:
    evil = "https://evil.example.net"
    preflight = open_client.options("/api/applications", headers={"Origin": evil, **PREFLIGHT})
    read = open_client.get("/api/health", headers={"Origin": evil})

    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in read.headers
