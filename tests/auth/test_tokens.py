"""Session tokens: only unexpired HS256 tokens signed with this instance's secret get in."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from jobtracker.config import Settings
from tests.auth.builders import (
    another_app,
    bearer,
    claims_like,
    login,
    me_status,
    sign,
    token_part,
    unsigned_token,
)
from tests.factories import ApiUser, register_user

OTHER_SECRET = "a-rotated-secret-that-is-also-long-enough-0123456789"


def test_a_token_made_like_the_apps_own_is_accepted(
    client: TestClient, settings: Settings, alice: ApiUser
) -> None:
    # The control for every refusal below: the hand-made tokens differ from this one only
    # in the property under test.
    assert me_status(client, sign(claims_like(alice), settings.jwt_secret)) == 200


def test_expired_token_is_refused(client: TestClient, settings: Settings, alice: ApiUser) -> None:
    token = sign(claims_like(alice, lifetime_days=-1), settings.jwt_secret)

    response = client.get("/api/me", headers=bearer(token))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_token_whose_claims_were_changed_is_refused(
    client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    header, _, signature = alice.token.split(".")
    forged = f"{header}.{token_part(claims_like(bob))}.{signature}"

    assert me_status(client, forged) == 401


def test_token_with_a_changed_signature_is_refused(client: TestClient, alice: ApiUser) -> None:
    header, claims, signature = alice.token.split(".")
    # Changed in the middle: the last character of base64 may only carry padding bits.
    middle = len(signature) // 2
    flipped = "A" if signature[middle] != "A" else "B"
    tampered = f"{header}.{claims}.{signature[:middle]}{flipped}{signature[middle + 1 :]}"

    assert me_status(client, tampered) == 401


def test_changing_the_secret_signs_everyone_out(
    settings: Settings, alice: ApiUser, bob: ApiUser
) -> None:
    with (
        another_app(settings, jwt_secret=OTHER_SECRET) as rotated,
        TestClient(rotated) as client,
    ):
        assert me_status(client, alice.token) == 401
        assert me_status(client, bob.token) == 401


def test_signing_in_after_the_secret_changed_works(settings: Settings, alice: ApiUser) -> None:
    with (
        another_app(settings, jwt_secret=OTHER_SECRET) as rotated,
        TestClient(rotated) as client,
    ):
        token = login(client, alice)["access_token"]

        assert me_status(client, token) == 200


def test_token_signed_with_another_secret_is_refused(client: TestClient, alice: ApiUser) -> None:
    assert me_status(client, sign(claims_like(alice), OTHER_SECRET)) == 401


def test_unsigned_alg_none_token_is_refused(client: TestClient, alice: ApiUser) -> None:
    assert me_status(client, unsigned_token(claims_like(alice))) == 401


@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
def test_other_algorithm_with_the_right_secret_is_refused(
    client: TestClient, settings: Settings, alice: ApiUser, algorithm: str
) -> None:
    token = sign(claims_like(alice), settings.jwt_secret, algorithm)

    assert me_status(client, token) == 401


@pytest.mark.parametrize("missing", ["sub", "ver", "jti", "iat", "exp"])
def test_token_missing_a_claim_is_refused(
    client: TestClient, settings: Settings, alice: ApiUser, missing: str
) -> None:
    claims = claims_like(alice)
    del claims[missing]

    assert me_status(client, sign(claims, settings.jwt_secret)) == 401


@pytest.mark.parametrize(
    "claim", [("sub", "alice"), ("ver", "latest"), ("sub", "1.5"), ("ver", None)]
)
def test_token_with_a_malformed_claim_is_refused(
    client: TestClient, settings: Settings, alice: ApiUser, claim: tuple[str, object]
) -> None:
    name, value = claim
    claims = {**claims_like(alice), name: value}

    assert me_status(client, sign(claims, settings.jwt_secret)) == 401


@pytest.mark.parametrize(
    "authorization",
    ["Bearer not-a-token", "Bearer a.b.c", "Bearer ....", "Basic YWxpY2U6c2VjcmV0", "Bearer", "x"],
)
def test_garbage_authorization_header_is_refused(
    client: TestClient, alice: ApiUser, authorization: str
) -> None:
    response = client.get("/api/me", headers={"Authorization": authorization})

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_token_of_a_deleted_user_is_refused(client: TestClient, alice: ApiUser) -> None:
    deleted = alice.client.request("DELETE", "/api/me", json={"password": alice.password})
    assert deleted.status_code == 204

    assert me_status(client, alice.token) == 401


def test_token_of_a_user_that_never_existed_is_refused(
    client: TestClient, settings: Settings, alice: ApiUser
) -> None:
    assert (
        me_status(
            client, sign({**claims_like(alice), "sub": str(alice.id + 1000)}, settings.jwt_secret)
        )
        == 401
    )


def test_token_of_a_deleted_account_does_not_open_a_later_account_with_its_id(
    client: TestClient, backend: str, alice: ApiUser
) -> None:
    deleted = alice.client.request("DELETE", "/api/me", json={"password": alice.password})
    assert deleted.status_code == 204

    later = register_user(client, email="later@example.com")

    if backend == "sqlite":
        assert later.id == alice.id  # SQLite reuses the highest id: the case this guards
    assert me_status(client, alice.token) == 401
    assert me_status(client, later.token) == 200
