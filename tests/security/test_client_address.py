"""The per-address sign-in limit counts the real client, whatever X-Forwarded-For it writes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from jobtracker.app import create_app
from jobtracker.config import Settings

WRONG = {"password": "not the password at all"}
# Over the default per-address allowance of 50, each on its own account so that only the
# per-address limit can stop them.
ATTEMPTS = 70


@pytest.fixture
def behind_one_proxy(settings: Settings) -> Iterator[TestClient]:
    settings.trusted_proxy_hops = 1
    app = create_app(settings)
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def failed_sign_in(client: TestClient, attempt: int, forwarded_for: str) -> int:
    response = client.post(
        "/api/auth/login",
        json={"email": f"guess{attempt}@example.com", **WRONG},
        headers={"X-Forwarded-For": forwarded_for},
    )
    return response.status_code


def spoofed(attempt: int) -> str:
    return f"198.51.100.{attempt % 250}"


def test_rotating_forged_forwarded_for_is_ignored_without_a_proxy(client: TestClient) -> None:
    statuses = [failed_sign_in(client, n, spoofed(n)) for n in range(ATTEMPTS)]

    assert statuses == [401] * 50 + [429] * 20


def test_behind_a_proxy_the_address_it_appended_is_the_one_limited(
    behind_one_proxy: TestClient,
) -> None:
    # The client writes the left part; the proxy appends the address it was reached from.
    statuses = [
        failed_sign_in(behind_one_proxy, n, f"{spoofed(n)}, 203.0.113.7") for n in range(ATTEMPTS)
    ]

    assert statuses == [401] * 50 + [429] * 20


def test_behind_a_proxy_another_client_address_has_its_own_allowance(
    behind_one_proxy: TestClient,
) -> None:
    for n in range(50):
        failed_sign_in(behind_one_proxy, n, "203.0.113.7")

    assert failed_sign_in(behind_one_proxy, 50, "203.0.113.7") == 429
    assert failed_sign_in(behind_one_proxy, 51, "203.0.113.8") == 401


def test_an_address_with_a_port_counts_as_the_address(behind_one_proxy: TestClient) -> None:
    for n in range(50):
        failed_sign_in(behind_one_proxy, n, "203.0.113.7:51000")

    assert failed_sign_in(behind_one_proxy, 50, "203.0.113.7:52000") == 429


def test_two_proxies_take_the_second_entry_from_the_right(settings: Settings) -> None:
    settings.trusted_proxy_hops = 2
    app = create_app(settings)
    with TestClient(app) as client:
        # A CDN appends the client, then the platform's proxy appends the CDN's edge.
        edges = ("104.16.0.1", "104.16.0.2")
        statuses = [
            failed_sign_in(client, n, f"{spoofed(n)}, 203.0.113.7, {edges[n % 2]}")
            for n in range(ATTEMPTS)
        ]
    app.state.engine.dispose()

    assert statuses == [401] * 50 + [429] * 20


def test_proxy_headers_decide_the_scheme_only_behind_a_proxy(
    client: TestClient, behind_one_proxy: TestClient
) -> None:
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}

    assert "strict-transport-security" not in client.get("/api/health", headers=https).headers
    assert "strict-transport-security" in behind_one_proxy.get("/api/health", headers=https).headers


def test_an_ipv6_address_in_brackets_with_a_port_counts_as_the_address(
    behind_one_proxy: TestClient,
) -> None:
    for n in range(50):
        failed_sign_in(behind_one_proxy, n, "[2001:db8::7]:51000")

    assert failed_sign_in(behind_one_proxy, 50, "2001:db8::7") == 429


def test_a_request_with_fewer_entries_than_proxies_counts_as_its_connection(
    settings: Settings,
) -> None:
    # It did not come through both proxies, so its one entry is its own writing.
    settings.trusted_proxy_hops = 2
    app = create_app(settings)
    with TestClient(app) as client:
        statuses = [failed_sign_in(client, n, spoofed(n)) for n in range(ATTEMPTS)]
    app.state.engine.dispose()

    assert statuses == [401] * 50 + [429] * 20
