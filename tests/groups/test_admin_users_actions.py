"""The admin's actions on an account: password, reset email, role, quotas, deletion, and the
rules that keep an instance from losing its last admin."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.app import create_app
from jobtracker.auth.models import Role, User
from jobtracker.config import Settings
from jobtracker.errors import Conflict
from jobtracker.groups import admin_users
from jobtracker.scheduler.models import OutboxMessage
from tests.auth.builders import bearer, login
from tests.factories import ApiUser
from tests.groups.admin_builders import audit_entries, change_user, read_user, stored_user

NEW_PASSWORD = "a brand new passphrase 42"


@pytest.fixture
def mail_admin_client(settings: Settings, alice: ApiUser) -> Iterator[TestClient]:
    """Alice's session on the same database, with email set up (messages wait in the outbox)."""
    with_email = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": 9, "public_url": "http://127.0.0.1:8000"}
    )
    application = create_app(with_email)
    with TestClient(application, headers=bearer(alice.token)) as client:
        yield client
    application.state.engine.dispose()


def test_the_admin_sets_a_password_and_the_users_sessions_end(
    client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    response = alice.client.post(
        f"/api/admin/users/{bob.id}/password", json={"new_password": NEW_PASSWORD}
    )

    assert response.status_code == 200, response.text
    assert bob.email in response.json()["message"]
    assert bob.client.get("/api/me").status_code == 401
    signed_in = client.post("/api/auth/login", json={"email": bob.email, "password": NEW_PASSWORD})
    assert signed_in.status_code == 200
    [entry] = audit_entries(alice, action="user.password_set")
    assert entry["target_email"] == bob.email
    assert NEW_PASSWORD not in str(entry)


@pytest.mark.parametrize(
    ("password", "problem"),
    [("short", "at least"), ("bob@example.com-and-more", "email")],
)
def test_a_password_against_the_policy_is_refused_and_changes_nothing(
    alice: ApiUser, bob: ApiUser, password: str, problem: str
) -> None:
    response = alice.client.post(
        f"/api/admin/users/{bob.id}/password", json={"new_password": password}
    )

    assert response.status_code == 422
    assert problem in response.json()["error"]["fields"]["new_password"]
    assert bob.client.get("/api/me").status_code == 200
    assert audit_entries(alice) == []


def test_the_admin_sends_a_reset_email_through_the_outbox(
    app: FastAPI, mail_admin_client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    response = mail_admin_client.post(f"/api/admin/users/{bob.id}/password-reset")

    assert response.status_code == 202, response.text
    with app.state.session_factory() as session:
        [queued] = session.query(OutboxMessage).all()
        assert queued.kind == "password_reset"
        assert queued.user_id == bob.id
    assert bob.client.get("/api/me").status_code == 200  # nothing changes until the link is used
    [entry] = audit_entries(alice, action="user.password_reset_sent")
    assert entry["target_user_id"] == bob.id


def test_a_reset_email_without_email_set_up_is_refused_plainly(
    alice: ApiUser, bob: ApiUser
) -> None:
    response = alice.client.post(f"/api/admin/users/{bob.id}/password-reset")

    assert response.status_code == 409
    assert "no email is set up" in response.json()["error"]["message"]
    assert audit_entries(alice) == []


def test_a_user_made_admin_can_manage_users_and_back(alice: ApiUser, bob: ApiUser) -> None:
    promoted = change_user(alice, bob.id, role="admin")

    assert promoted["role"] == "admin"
    assert bob.client.get("/api/admin/users").status_code == 200
    assert change_user(alice, bob.id, role="user")["role"] == "user"
    assert bob.client.get("/api/admin/users").status_code == 403
    changes = [entry["details"] for entry in audit_entries(alice, action="user.role_changed")]
    assert changes == [{"from": "admin", "to": "user"}, {"from": "user", "to": "admin"}]


@pytest.mark.parametrize(
    ("method", "suffix", "body", "word"),
    [
        ("PATCH", "", {"disabled": True}, "disable"),
        ("PATCH", "", {"role": "user"}, "demote"),
        ("DELETE", "", {"confirm_email": "alice@example.com"}, "delete"),
    ],
)
def test_an_admin_cannot_disable_demote_or_delete_themselves(
    alice: ApiUser, bob: ApiUser, method: str, suffix: str, body: dict[str, object], word: str
) -> None:
    change_user(alice, bob.id, role="admin")  # even with another admin to take over
    before = read_user(alice, alice.id)

    response = alice.client.request(method, f"/api/admin/users/{alice.id}{suffix}", json=body)

    assert response.status_code == 403
    assert f"can't {word} your own account" in response.json()["error"]["message"]
    assert read_user(alice, alice.id) == before


def test_the_last_active_admin_is_kept_when_two_admins_demote_each_other(
    app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    """The race the self rule alone misses: both requests signed in while both were admins."""
    change_user(alice, bob.id, role="admin")
    with app.state.session_factory() as session:
        bob_as_his_request_saw_him = session.get(User, bob.id)
        assert bob_as_his_request_saw_him is not None
        session.expunge(bob_as_his_request_saw_him)
    change_user(alice, bob.id, role="user")  # alice's request went first

    bobs_request = bob_as_his_request_saw_him
    # Bob's request, authenticated while he was still an admin, now demotes alice.
    with app.state.session_factory() as session, pytest.raises(Conflict, match="last active"):
        admin_users.update_user(session, bobs_request, alice.id, {"role": Role.USER})

    stored = stored_user(app, alice.id)
    assert stored is not None
    assert stored.role is Role.ADMIN


def test_deleting_needs_the_users_email_typed_again(alice: ApiUser, bob: ApiUser) -> None:
    bob.create_application()

    response = alice.client.request(
        "DELETE", f"/api/admin/users/{bob.id}", json={"confirm_email": "someone@example.com"}
    )

    assert response.status_code == 422
    assert "Type the user's email" in response.json()["error"]["fields"]["confirm_email"]
    assert read_user(alice, bob.id)["applications"] == 1
    missing = alice.client.request("DELETE", f"/api/admin/users/{bob.id}")
    assert missing.status_code == 422


def test_deleting_removes_the_user_and_everything_of_theirs(
    app: FastAPI, client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    bob.create_application()

    response = alice.client.request(
        "DELETE", f"/api/admin/users/{bob.id}", json={"confirm_email": "BOB@example.com"}
    )

    assert response.status_code == 204
    assert stored_user(app, bob.id) is None
    assert alice.client.get(f"/api/admin/users/{bob.id}").status_code == 404
    assert bob.client.get("/api/me").status_code == 401
    assert login_status(client, bob) == 401
    with app.state.session_factory() as session:
        from jobtracker.applications.models import Application

        assert session.query(Application).filter_by(owner_id=bob.id).count() == 0
    # The entry outlives the account it names.
    [entry] = audit_entries(alice, action="user.deleted")
    assert (entry["target_user_id"], entry["target_email"]) == (bob.id, bob.email)


def login_status(client: TestClient, user: ApiUser) -> int:
    payload = {"email": user.email, "password": user.password}
    return client.post("/api/auth/login", json=payload).status_code


def test_a_missing_user_answers_404_on_every_route(alice: ApiUser) -> None:
    for method, path, body in [
        ("GET", "/api/admin/users/999", None),
        ("PATCH", "/api/admin/users/999", {"disabled": True}),
        ("POST", "/api/admin/users/999/password", {"new_password": NEW_PASSWORD}),
        ("POST", "/api/admin/users/999/password-reset", None),
        ("DELETE", "/api/admin/users/999", {"confirm_email": "x@example.com"}),
    ]:
        response = alice.client.request(method, path, json=body)
        assert response.status_code == 404, (method, path, response.text)
    assert audit_entries(alice) == []


def test_sign_in_after_a_password_set_is_recorded(
    client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    login(client, bob)

    assert read_user(alice, bob.id)["last_sign_in_at"] is not None
