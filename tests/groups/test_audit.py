"""The audit log: every admin action with who, what, whom and when; read-only for everyone."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from fastapi import FastAPI

from jobtracker.auth.models import User
from jobtracker.groups import audit
from tests.factories import ApiUser
from tests.groups.admin_builders import audit_entries, change_user

WRITE_METHODS = {"post", "put", "patch", "delete"}


def test_entries_name_the_actor_the_target_and_the_action_newest_first(
    alice: ApiUser, bob: ApiUser
) -> None:
    change_user(alice, bob.id, disabled=True)
    change_user(alice, bob.id, disabled=False)

    entries = audit_entries(alice)

    assert [entry["action"] for entry in entries] == ["user.enabled", "user.disabled"]
    for entry in entries:
        assert (entry["actor_id"], entry["actor_email"]) == (alice.id, alice.email)
        assert (entry["target_user_id"], entry["target_email"]) == (bob.id, bob.email)
        assert entry["at"].endswith("Z") or "+00:00" in entry["at"]
    assert entries[0]["at"] >= entries[1]["at"]


def test_the_log_filters_by_target_and_action(
    alice: ApiUser, bob: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    carol = make_user(email="carol@example.com")
    change_user(alice, bob.id, disabled=True)
    change_user(alice, carol.id, disabled=True)
    change_user(alice, carol.id, max_applications=3)

    assert [entry["action"] for entry in audit_entries(alice, target_user_id=carol.id)] == [
        "user.quotas_changed",
        "user.disabled",
    ]
    assert [entry["target_email"] for entry in audit_entries(alice, action="user.disabled")] == [
        carol.email,
        bob.email,
    ]
    assert audit_entries(alice, action="user.deleted") == []


def test_the_log_pages_are_capped(alice: ApiUser, bob: ApiUser) -> None:
    for limit in range(1, 4):
        change_user(alice, bob.id, max_applications=limit)

    page = alice.client.get("/api/admin/audit", params={"limit": 2, "offset": 1}).json()

    assert page["total"] == 3
    assert [entry["details"]["max_applications"]["to"] for entry in page["items"]] == [2, 1]
    too_many = alice.client.get("/api/admin/audit", params={"limit": 1000})
    assert too_many.status_code == 422


def test_no_route_changes_or_deletes_an_entry(app: FastAPI) -> None:
    paths = app.openapi()["paths"]

    assert set(paths["/api/admin/audit"]) == {"get"}
    audit_paths = [path for path in paths if path.startswith("/api/admin/audit")]
    assert audit_paths == ["/api/admin/audit"]
    # Nor does the service offer one: recording and listing are all it defines.
    public = {
        name
        for name, value in vars(audit).items()
        if inspect.isfunction(value)
        and value.__module__ == audit.__name__
        and not name.startswith("_")
    }
    assert public == {"record", "list_entries"}


def test_details_never_keep_secrets(app: FastAPI, alice: ApiUser) -> None:
    with app.state.session_factory() as session:
        admin = session.get(User, alice.id)
        assert admin is not None
        entry = audit.record(
            session,
            admin,
            "test.action",
            details={"new_password": "x", "token": "y", "secret_key": "z", "reason": "kept"},
        )
        session.commit()
        assert entry.details == {"reason": "kept"}


def test_a_non_admin_cannot_read_the_log(alice: ApiUser, bob: ApiUser) -> None:
    change_user(alice, bob.id, max_applications=1)

    response = bob.client.get("/api/admin/audit")

    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only the instance's admin can do this."
