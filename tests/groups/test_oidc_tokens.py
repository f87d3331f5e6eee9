"""ID tokens a provider should never send, from a tiny provider of our own on 127.0.0.1 (real
keys, a real JWKS endpoint): each is refused and ends on the sign-in page with its reason."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from joserfc import jwt
from joserfc.jwk import RSAKey

from jobtracker.config import Settings
from jobtracker.db import clock, utcnow
from tests.factories import ApiUser
from tests.groups.oidc_providers import TinyProvider, start_flow, tiny_provider, use_provider


@pytest.fixture
def provider(settings: Settings) -> Iterator[TinyProvider]:
    with tiny_provider() as tiny:
        use_provider(settings, tiny.issuer)
        yield tiny


def finish(client: TestClient, provider: TinyProvider, **changes: object) -> str:
    state, nonce = start_flow(client, provider)
    provider.id_token = lambda _: provider.signed({**provider.claims(nonce), **changes})
    landed = client.get(f"/api/auth/oidc/callback?code=c&state={state}", follow_redirects=False)
    assert landed.status_code == 303
    return str(landed.headers["location"])


def test_a_good_token_signs_in(client: TestClient, alice: ApiUser, provider: TinyProvider) -> None:
    assert finish(client, provider, email="alice@example.com") == "/"
    assert client.get("/api/me").json()["email"] == "alice@example.com"


def test_a_token_for_another_application_is_refused(
    client: TestClient, alice: ApiUser, provider: TinyProvider
) -> None:
    landed = finish(client, provider, email="alice@example.com", aud="someone-else")

    assert landed == "/login?sso_error=wrong_audience"
    assert client.get("/api/me").status_code == 401


def test_an_expired_token_is_refused(
    client: TestClient, alice: ApiUser, provider: TinyProvider
) -> None:
    long_ago = int(time.time()) - 3600
    landed = finish(client, provider, email="alice@example.com", iat=long_ago, exp=long_ago + 300)

    assert landed == "/login?sso_error=expired"


def test_a_token_signed_with_another_key_is_refused(
    client: TestClient, alice: ApiUser, provider: TinyProvider
) -> None:
    state, nonce = start_flow(client, provider)
    forger = RSAKey.generate_key(2048, {"kid": "k1"})
    provider.id_token = lambda _: provider.signed(
        provider.claims(nonce, email="alice@example.com"), key=forger
    )

    landed = client.get(f"/api/auth/oidc/callback?code=c&state={state}", follow_redirects=False)

    assert landed.headers["location"] == "/login?sso_error=bad_signature"
    assert client.get("/api/me").status_code == 401


def test_a_token_with_another_nonce_is_refused(
    client: TestClient, alice: ApiUser, provider: TinyProvider
) -> None:
    landed = finish(client, provider, email="alice@example.com", nonce="replayed")

    assert landed == "/login?sso_error=token"


def test_a_token_from_another_issuer_is_refused(
    client: TestClient, alice: ApiUser, provider: TinyProvider
) -> None:
    landed = finish(client, provider, email="alice@example.com", iss="https://evil.example")

    assert landed == "/login?sso_error=token"


def test_the_discovery_document_and_keys_are_fetched_once_for_many_sign_ons(
    client: TestClient, alice: ApiUser, provider: TinyProvider
) -> None:
    for _ in range(3):
        assert finish(client, provider, email="alice@example.com") == "/"
        client.cookies.clear()

    assert provider.requests.count("/.well-known/openid-configuration") == 1
    assert provider.requests.count("/jwks") == 1


def test_a_new_signing_key_is_fetched_when_a_token_names_it(
    client: TestClient, alice: ApiUser, provider: TinyProvider
) -> None:
    clock.frozen_at = utcnow() - timedelta(minutes=2)  # the keys were fetched a while ago
    try:
        assert finish(client, provider, email="alice@example.com") == "/"
    finally:
        clock.frozen_at = None
    client.cookies.clear()
    provider.key = RSAKey.generate_key(2048, {"kid": "k2"})  # the provider rotated its keys
    state, nonce = start_flow(client, provider)
    claims = provider.claims(nonce, email="alice@example.com")
    provider.id_token = lambda _: jwt.encode({"alg": "RS256", "kid": "k2"}, claims, provider.key)

    landed = client.get(f"/api/auth/oidc/callback?code=c&state={state}", follow_redirects=False)

    assert landed.headers["location"] == "/"
    assert provider.requests.count("/jwks") == 2


def test_unknown_key_ids_fetch_the_keys_at_most_once_a_minute(
    client: TestClient, alice: ApiUser, provider: TinyProvider
) -> None:
    assert finish(client, provider, email="alice@example.com") == "/"
    forger = RSAKey.generate_key(2048, {"kid": "forged"})
    for _ in range(3):
        state, nonce = start_flow(client, provider)
        claims = provider.claims(nonce, email="alice@example.com")
        provider.id_token = lambda _, c=claims: jwt.encode(
            {"alg": "RS256", "kid": "forged"}, c, forger
        )
        landed = client.get(f"/api/auth/oidc/callback?code=c&state={state}", follow_redirects=False)
        assert landed.headers["location"] == "/login?sso_error=bad_signature"

    assert provider.requests.count("/jwks") == 1


def test_a_discovery_document_naming_another_issuer_is_refused(
    client: TestClient, provider: TinyProvider
) -> None:
    provider.discovery_changes = {"issuer": "https://evil.example"}

    started = client.get("/api/auth/oidc/login", follow_redirects=False)

    assert started.headers["location"] == "/login?sso_error=unavailable"


def test_endpoints_on_another_host_over_plain_http_are_refused(
    client: TestClient, provider: TinyProvider
) -> None:
    provider.discovery_changes = {"authorization_endpoint": "http://198.51.100.7/authorize"}

    started = client.get("/api/auth/oidc/login", follow_redirects=False)

    assert started.headers["location"] == "/login?sso_error=unavailable"


def test_an_oversized_discovery_document_is_not_read_to_its_end(
    client: TestClient, provider: TinyProvider
) -> None:
    provider.discovery_changes = {"padding": "x" * 600_000}

    started = client.get("/api/auth/oidc/login", follow_redirects=False)

    assert started.headers["location"] == "/login?sso_error=unavailable"


def test_failed_callbacks_from_one_address_are_limited(
    client: TestClient, settings: Settings, alice: ApiUser, provider: TinyProvider
) -> None:
    settings.login_max_failures_per_ip = 2
    for _ in range(2):
        assert finish(client, provider, email="alice@example.com", aud="x").endswith("audience")
    token_requests = len(provider.requests)

    landed = finish(client, provider, email="alice@example.com")

    assert landed == "/login?sso_error=too_many"
    assert len(provider.requests) == token_requests  # the provider was not asked again
