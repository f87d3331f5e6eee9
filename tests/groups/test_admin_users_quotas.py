"""Per-user quota overrides: set by the admin, honoured by the existing checks, shown in
/api/meta; null follows the instance again."""

from __future__ import annotations

from typing import Any

import pytest

from jobtracker.config import Settings
from tests.assistant.builders import ask
from tests.documents.builders import upload
from tests.factories import ApiUser
from tests.groups.admin_builders import audit_entries, change_user, read_user


def _my_usage(user: ApiUser) -> dict[str, Any]:
    usage: dict[str, Any] = user.client.get("/api/meta").json()["usage"]
    return usage


def test_an_application_override_is_enforced_and_shown(
    settings: Settings, alice: ApiUser, bob: ApiUser
) -> None:
    settings.max_applications_per_user = 10
    change_user(alice, bob.id, max_applications=1)
    bob.create_application()

    response = bob.client.post("/api/applications", json={"company": "Two", "role": "Dev"})

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "quota_exceeded"
    # Bob is told of his own limit, not the instance's ten, and whom to ask.
    assert response.json()["error"]["message"] == (
        "You have reached your limit of 1 application. Delete one you no longer need, "
        "or ask the admin to raise your limit (Users, in the admin's settings)."
    )
    assert _my_usage(bob)["max_applications"] == 1
    assert _my_usage(alice)["max_applications"] == 10  # others keep the instance's limit


def test_an_override_can_lift_the_instances_limit(
    settings: Settings, alice: ApiUser, bob: ApiUser
) -> None:
    settings.max_applications_per_user = 1
    change_user(alice, bob.id, max_applications=0)  # 0: no limit for bob

    for _ in range(3):
        bob.create_application()

    assert _my_usage(bob)["max_applications"] == 0
    assert alice.create_application()
    assert (
        alice.client.post("/api/applications", json={"company": "X", "role": "Y"}).status_code
        == 403
    )


def test_null_follows_the_instance_again(settings: Settings, alice: ApiUser, bob: ApiUser) -> None:
    settings.max_applications_per_user = 7
    change_user(alice, bob.id, max_applications=2, max_storage_mb=3)

    changed = change_user(alice, bob.id, max_applications=None)

    assert changed["max_applications"] is None
    assert changed["max_storage_mb"] == 3  # left out of the change, so kept
    assert _my_usage(bob)["max_applications"] == 7


def test_a_storage_override_is_enforced_and_shown(
    settings: Settings, alice: ApiUser, bob: ApiUser
) -> None:
    settings.max_storage_mb_per_user = 100
    change_user(alice, bob.id, max_storage_mb=1)

    # A text file counts twice, its bytes and its text: 1.2 MB in all.
    response = upload(bob, ("notes.txt", b"a" * 600_000, "text/plain"))

    assert response.status_code == 403
    assert "storage limit of 1 MB" in response.json()["error"]["message"]
    assert _my_usage(bob)["max_storage_mb"] == 1
    assert read_user(alice, bob.id)["storage_bytes"] == 0


def test_an_assistant_override_is_enforced_and_shown(
    settings: Settings, alice: ApiUser, bob: ApiUser
) -> None:
    settings.ai_daily_messages_per_user = 50
    change_user(alice, bob.id, max_assistant_messages_per_day=1)
    application = bob.create_application()
    ask(bob, application["id"], "One")

    response = bob.client.post(
        f"/api/applications/{application['id']}/assistant", json={"message": "Two"}
    )

    assert response.status_code == 429
    assert "daily limit of 1 messages" in response.json()["error"]["message"]
    assert _my_usage(bob)["max_assistant_messages_per_day"] == 1
    assert _my_usage(alice)["max_assistant_messages_per_day"] == 50


def test_a_quota_change_is_audited_with_before_and_after(alice: ApiUser, bob: ApiUser) -> None:
    change_user(alice, bob.id, max_applications=5, max_storage_mb=None)

    [entry] = audit_entries(alice, action="user.quotas_changed")

    assert entry["actor_email"] == alice.email
    assert entry["target_email"] == bob.email
    assert entry["details"] == {"max_applications": {"from": None, "to": 5}}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"max_applications": -1}, "max_applications"),
        ({"max_storage_mb": 1_000_001}, "max_storage_mb"),
        ({"max_assistant_messages_per_day": "lots"}, "max_assistant_messages_per_day"),
        ({"role": "owner"}, "role"),
        ({"disabled": "maybe"}, "disabled"),
        ({"email": "new@example.com"}, "email"),
    ],
)
def test_bad_changes_are_refused_under_their_field_and_change_nothing(
    alice: ApiUser, bob: ApiUser, body: dict[str, Any], field: str
) -> None:
    before = read_user(alice, bob.id)

    response = alice.client.patch(f"/api/admin/users/{bob.id}", json=body)

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert read_user(alice, bob.id) == before
    assert audit_entries(alice) == []
