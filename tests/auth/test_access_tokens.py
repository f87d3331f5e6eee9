"""Personal access tokens: shown once, stored hashed, scoped, revocable, off sensitive routes."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.auth.access_tokens import MAX_TOKENS_PER_USER
from jobtracker.db import utcnow
from tests.auth.access_token_builders import (
    create_token,
    list_tokens,
    set_token_times,
    stored_token,
)
from tests.auth.builders import bearer
from tests.factories import ApiUser

WRITE_METHODS = {"post", "put", "patch", "delete"}
# Routes that take no sign-in at all: a token there is simply not looked at.
SIGNED_OUT_ROUTES = {
    ("POST", "/api/auth/register"),
    ("POST", "/api/auth/register/confirm"),
    ("POST", "/api/auth/login"),
    ("POST", "/api/auth/login/2fa"),
    ("POST", "/api/auth/forgot-password"),
    ("POST", "/api/auth/reset-password"),  # the emailed link is the credential
    ("POST", "/api/digest/unsubscribe"),  # the signed link is the credential
}
# POSTs that change nothing, so a read token may use them (tests/capture/test_capture_access.py).
READING_POSTS = {("POST", "/api/capture")}
# Routes a token must never reach, whatever its scope: only a password sign-in may.
SESSION_ONLY_ROUTES = [
    ("GET", "/api/tokens", None),
    ("POST", "/api/tokens", {"name": "Another", "scope": "write"}),
    ("DELETE", "/api/tokens/{token_id}", None),
    ("POST", "/api/auth/password", {"current_password": "x", "new_password": "long enough pw"}),
    ("DELETE", "/api/me", {"password": "correct horse battery staple"}),
    ("POST", "/api/auth/logout-all", None),
    ("POST", "/api/auth/logout", None),
    ("GET", "/api/auth/2fa", None),
    ("POST", "/api/auth/2fa/setup", None),
    ("POST", "/api/auth/2fa/enable", {"code": "123456"}),
    ("POST", "/api/auth/2fa/disable", {"password": "x", "code": "123456"}),
    ("POST", "/api/auth/2fa/recovery-codes", {"code": "123456"}),
    ("GET", "/api/admin/settings", None),
    ("PATCH", "/api/admin/settings", {"registration_open": False}),
    ("GET", "/api/admin/users", None),
    ("GET", "/api/admin/users/1", None),
    ("PATCH", "/api/admin/users/1", {"disabled": True}),
    ("POST", "/api/admin/users/1/password", {"new_password": "a brand new passphrase 42"}),
    ("POST", "/api/admin/users/1/password-reset", None),
    ("DELETE", "/api/admin/users/1", {"confirm_email": "alice@example.com"}),
    ("GET", "/api/admin/audit", None),
    ("GET", "/api/admin/invites", None),
    ("POST", "/api/admin/invites", {}),
    ("DELETE", "/api/admin/invites/1", None),
    ("GET", "/api/groups/1/invites", None),
    ("POST", "/api/groups/1/invites", {}),
    # A webhook sends the account's events to an address of the caller's choosing.
    ("GET", "/api/webhooks", None),
    ("POST", "/api/webhooks", {"url": "https://hooks.example/", "events": ["deliverable.due"]}),
    # Groups are the admin's (tests/groups/test_groups.py covers each of their routes).
    ("GET", "/api/groups", None),
    ("POST", "/api/groups", {"name": "Cohort"}),
]


def write_routes(app: FastAPI) -> list[tuple[str, str]]:
    return sorted(
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
        if method in WRITE_METHODS
        and (method.upper(), path) not in SIGNED_OUT_ROUTES | READING_POSTS
    )


def test_a_created_token_is_listed_without_its_secret(alice: ApiUser) -> None:
    created = create_token(alice, name="Browser extension", scope="read", expires_in_days=30)

    assert created["token"].startswith("jtpat_")
    assert created["expires_at"] is not None
    [listed] = list_tokens(alice)
    assert listed == {key: value for key, value in created.items() if key != "token"}
    assert created["token"] not in alice.client.get("/api/tokens").text


def test_only_the_hash_of_a_token_is_stored(app: FastAPI, alice: ApiUser) -> None:
    created = create_token(alice)

    row = stored_token(app, created["id"])

    assert row is not None
    assert row.token_hash == hashlib.sha256(created["token"].encode()).hexdigest()
    assert created["token"] not in repr(vars(row))


def test_a_token_without_expiry_never_expires(alice: ApiUser) -> None:
    assert create_token(alice)["expires_at"] is None


def test_only_the_offered_expiries_are_accepted(alice: ApiUser) -> None:
    response = alice.client.post(
        "/api/tokens", json={"name": "Odd", "scope": "read", "expires_in_days": 7}
    )

    assert response.status_code == 422
    assert "expires_in_days" in response.json()["error"]["fields"]


def test_a_blank_name_is_refused_in_plain_words(alice: ApiUser) -> None:
    response = alice.client.post("/api/tokens", json={"name": "   ", "scope": "read"})

    assert response.status_code == 422
    assert response.json()["error"]["fields"]["name"] == "Give the token a name."


def test_a_write_token_can_create_an_application(client: TestClient, alice: ApiUser) -> None:
    token = create_token(alice, scope="write")["token"]

    response = client.post(
        "/api/applications", json={"company": "Acme", "role": "Dev"}, headers=bearer(token)
    )

    assert response.status_code == 201
    assert [item["company"] for item in alice.client.get("/api/applications").json()["items"]] == [
        "Acme"
    ]


def test_a_read_token_can_read(client: TestClient, alice: ApiUser) -> None:
    alice.create_application(company="Acme")
    token = create_token(alice, scope="read")["token"]

    response = client.get("/api/applications", headers=bearer(token))

    assert response.status_code == 200
    assert [item["company"] for item in response.json()["items"]] == ["Acme"]


def test_a_read_token_is_refused_on_every_write_route(
    app: FastAPI, client: TestClient, alice: ApiUser
) -> None:
    application = alice.create_application()["id"]
    token = create_token(alice, scope="read")
    before = alice.client.get("/api/applications").json()
    routes = write_routes(app)
    assert ("POST", "/api/applications") in routes  # the schema still has its usual shape

    for method, path in routes:
        url = re.sub(r"\{token_id\}", str(token["id"]), path)
        url = re.sub(r"\{\w+\}", str(application), url)
        response = client.request(method, url, headers=bearer(token["token"]))
        assert response.status_code == 403, f"{method} {path}: {response.text}"
        assert response.json()["error"]["code"] == "forbidden"

    assert alice.client.get("/api/applications").json() == before
    assert len(list_tokens(alice)) == 1


def test_a_read_token_is_told_it_can_only_read(client: TestClient, alice: ApiUser) -> None:
    token = create_token(alice, scope="read")["token"]

    response = client.post(
        "/api/applications", json={"company": "Acme", "role": "Dev"}, headers=bearer(token)
    )

    assert response.json()["error"]["message"].startswith("This access token can only read.")


@pytest.mark.parametrize("scope", ["read", "write"])
@pytest.mark.parametrize(
    ("method", "path", "body"),
    SESSION_ONLY_ROUTES,
    ids=[f"{method} {path}" for method, path, _ in SESSION_ONLY_ROUTES],
)
def test_no_token_can_reach_account_and_token_routes(
    client: TestClient, alice: ApiUser, method: str, path: str, body: object, scope: str
) -> None:
    token = create_token(alice, scope=scope)

    response = client.request(
        method,
        path.format(token_id=token["id"]),
        json=body,
        headers=bearer(token["token"]),
    )

    assert response.status_code == 403, response.text
    assert response.json()["error"]["message"].startswith("Sign in with your password")
    assert [listed["id"] for listed in list_tokens(alice)] == [token["id"]]
    assert alice.client.get("/api/me").status_code == 200


def test_a_revoked_token_is_refused(client: TestClient, alice: ApiUser) -> None:
    token = create_token(alice)

    assert alice.client.delete(f"/api/tokens/{token['id']}").status_code == 204

    response = client.get("/api/applications", headers=bearer(token["token"]))
    assert response.status_code == 401
    assert list_tokens(alice) == []


def test_an_expired_token_is_refused(app: FastAPI, client: TestClient, alice: ApiUser) -> None:
    token = create_token(alice, expires_in_days=30)
    set_token_times(app, token["id"], expires_at=utcnow() - timedelta(seconds=1))

    response = client.get("/api/applications", headers=bearer(token["token"]))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_an_unknown_token_is_refused(client: TestClient, alice: ApiUser) -> None:
    real = create_token(alice)["token"]

    response = client.get("/api/applications", headers=bearer(real[:-4] + "abcd"))

    assert response.status_code == 401


def test_a_token_is_not_a_session_cookie(client: TestClient, alice: ApiUser) -> None:
    token = create_token(alice)["token"]
    client.cookies.set("jt_session", token)

    assert client.get("/api/applications").status_code == 401


def test_another_users_data_answers_404_with_a_token(
    client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    application = alice.create_application()["id"]
    token = create_token(bob, scope="write")["token"]

    read = client.get(f"/api/applications/{application}", headers=bearer(token))
    changed = client.patch(
        f"/api/applications/{application}", json={"company": "Taken"}, headers=bearer(token)
    )

    assert (read.status_code, changed.status_code) == (404, 404)
    assert client.get("/api/applications", headers=bearer(token)).json()["items"] == []


def test_another_users_token_cannot_be_revoked(alice: ApiUser, bob: ApiUser) -> None:
    token = create_token(alice)

    response = bob.client.delete(f"/api/tokens/{token['id']}")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert [listed["id"] for listed in list_tokens(alice)] == [token["id"]]
    assert list_tokens(bob) == []


def test_a_user_has_at_most_ten_tokens(alice: ApiUser) -> None:
    for number in range(MAX_TOKENS_PER_USER):
        create_token(alice, name=f"Script {number}")

    response = alice.client.post("/api/tokens", json={"name": "One more", "scope": "read"})

    assert response.status_code == 409
    assert "Revoke one" in response.json()["error"]["message"]
    assert len(list_tokens(alice)) == MAX_TOKENS_PER_USER


def test_last_use_is_recorded(client: TestClient, alice: ApiUser) -> None:
    token = create_token(alice)
    assert token["last_used_at"] is None

    client.get("/api/me", headers=bearer(token["token"]))

    [listed] = list_tokens(alice)
    assert listed["last_used_at"] is not None


def test_last_use_is_written_at_most_once_a_minute(
    app: FastAPI, client: TestClient, alice: ApiUser
) -> None:
    token = create_token(alice)
    recent = utcnow() - timedelta(seconds=30)
    set_token_times(app, token["id"], last_used_at=recent)

    client.get("/api/me", headers=bearer(token["token"]))
    unchanged = stored_token(app, token["id"])
    set_token_times(app, token["id"], last_used_at=recent - timedelta(minutes=1))
    client.get("/api/me", headers=bearer(token["token"]))
    moved = stored_token(app, token["id"])

    assert unchanged is not None
    assert unchanged.last_used_at == recent
    assert moved is not None
    assert moved.last_used_at is not None
    assert moved.last_used_at > recent
