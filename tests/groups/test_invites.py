"""Invitations by the admin: links that register people while registration is closed, once or
for up to N people, until they expire or are withdrawn, optionally for one email, never past
MAX_USERS, all in the audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from jobtracker.config import Settings
from jobtracker.db import clock, utcnow
from jobtracker.groups import invites
from jobtracker.groups.invites import token_hash
from jobtracker.groups.models import GroupRole, Invite
from tests.factories import DEFAULT_PASSWORD, ApiUser
from tests.groups.invite_builders import (
    audit_actions,
    close_registration,
    invite,
    make_group,
    register_with,
    role_in,
)


def test_an_invitation_registers_someone_while_registration_is_closed(
    app: FastAPI, client: TestClient, alice: ApiUser
) -> None:
    close_registration(alice.client)
    created = invite(alice.client)
    refused = client.post(
        "/api/auth/register", json={"email": "carol@example.com", "password": DEFAULT_PASSWORD}
    )

    registered = register_with(app, created["token"], "carol@example.com")

    assert refused.status_code == 403
    assert registered.status_code == 201, registered.text
    assert registered.json()["user"]["role"] == "user"
    assert created["link"].endswith(f"/signup?invite={created['token']}")
    assert created["state"] == "active"
    assert created["max_uses"] == 1


def test_only_the_hash_of_the_token_is_kept(app: FastAPI, alice: ApiUser) -> None:
    created = invite(alice.client)

    with app.state.session_factory() as session:
        stored = session.scalars(select(Invite)).one()

    assert stored.token_hash == token_hash(created["token"])
    assert created["token"] not in stored.token_hash
    assert "token" not in alice.client.get("/api/admin/invites").json()["items"][0]


def test_a_single_use_invitation_works_once(app: FastAPI, alice: ApiUser) -> None:
    close_registration(alice.client)
    token = invite(alice.client)["token"]

    first = register_with(app, token, "one@example.com")
    second = register_with(app, token, "two@example.com")

    assert first.status_code == 201
    assert second.status_code == 403
    assert second.json()["error"]["message"].startswith(
        "This invitation has already been used as many times as it allows."
    )
    listed = alice.client.get("/api/admin/invites").json()["items"][0]
    assert (listed["uses"], listed["state"]) == (1, "used_up")


def test_an_invitation_for_three_people_admits_three(app: FastAPI, alice: ApiUser) -> None:
    close_registration(alice.client)
    token = invite(alice.client, max_uses=3)["token"]

    statuses = [register_with(app, token, f"p{n}@example.com").status_code for n in range(4)]

    assert statuses == [201, 201, 201, 403]


def invite_made_ago(admin: ApiUser, age: timedelta, **fields: object) -> str:
    """An invitation made `age` ago (the clock moved back, not forward: sessions are issued at
    the real time)."""
    clock.frozen_at = utcnow() - age
    try:
        return str(invite(admin.client, **fields)["token"])
    finally:
        clock.frozen_at = None


def test_an_expired_invitation_is_refused_in_plain_words(
    app: FastAPI, client: TestClient, alice: ApiUser
) -> None:
    close_registration(alice.client)
    token = invite_made_ago(alice, timedelta(hours=2, seconds=1), expires_in_hours=2)

    refused = register_with(app, token, "late@example.com")
    checked = client.get(f"/api/auth/invites/{token}").json()

    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "This invitation has expired. Ask whoever invited you for a new link."
    )
    assert checked["valid"] is False
    assert checked["message"].startswith("This invitation has expired")


def test_an_invitation_still_works_just_before_it_expires(app: FastAPI, alice: ApiUser) -> None:
    close_registration(alice.client)
    token = invite_made_ago(alice, timedelta(minutes=59), expires_in_hours=1)

    registered = register_with(app, token, "just@example.com")

    assert registered.status_code == 201


def test_an_invitation_for_one_email_admits_only_that_email(app: FastAPI, alice: ApiUser) -> None:
    close_registration(alice.client)
    token = invite(alice.client, email="Dana@Example.com", max_uses=5)["token"]

    wrong = register_with(app, token, "eve@example.com")
    right = register_with(app, token, "DANA@example.com")

    assert wrong.status_code == 403
    assert wrong.json()["error"]["fields"]["email"] == (
        "This invitation is for dana@example.com. Sign up with that address, "
        "or ask for an invitation for yours."
    )
    assert right.status_code == 201
    assert right.json()["user"]["email"] == "dana@example.com"


def test_an_invitation_counts_against_the_user_limit(
    app: FastAPI, settings: Settings, alice: ApiUser
) -> None:
    close_registration(alice.client)
    token = invite(alice.client, max_uses=5)["token"]
    settings.max_users = 2

    admitted = register_with(app, token, "second@example.com")
    over = register_with(app, token, "third@example.com")

    assert admitted.status_code == 201
    assert over.status_code == 403
    assert over.json()["error"]["code"] == "quota_exceeded"
    listed = alice.client.get("/api/admin/invites").json()["items"][0]
    assert listed["uses"] == 1  # the refused registration took no use


def test_a_withdrawn_invitation_stops_working_at_once(app: FastAPI, alice: ApiUser) -> None:
    close_registration(alice.client)
    created = invite(alice.client, max_uses=10)

    revoked = alice.client.delete(f"/api/admin/invites/{created['id']}")
    refused = register_with(app, created["token"], "after@example.com")

    assert revoked.status_code == 200
    assert revoked.json()["state"] == "revoked"
    assert refused.status_code == 403
    assert refused.json()["error"]["message"].startswith("This invitation was withdrawn.")


def test_an_unknown_link_is_refused(app: FastAPI, alice: ApiUser) -> None:
    close_registration(alice.client)
    invite(alice.client)

    refused = register_with(app, "not-a-real-token", "guess@example.com")

    assert refused.status_code == 403
    assert refused.json()["error"]["message"].startswith("This invitation link is not valid.")


def test_the_signed_out_check_says_only_whether_and_for_whom(
    app: FastAPI, client: TestClient, alice: ApiUser
) -> None:
    group_id = make_group(app, "Bootcamp")
    created = invite(alice.client, email="sam@example.com", group_id=group_id)

    checked = client.get(f"/api/auth/invites/{created['token']}")
    unknown = client.get("/api/auth/invites/nothing-like-it")
    too_long = client.get("/api/auth/invites/" + "x" * 101)

    assert checked.status_code == 200
    body = checked.json()
    assert set(body) == {"valid", "message", "email", "group_name", "group_role", "expires_at"}
    assert body["valid"] is True
    assert (body["email"], body["group_name"]) == ("sam@example.com", "Bootcamp")
    assert unknown.json()["valid"] is False
    assert unknown.json()["email"] is None
    assert too_long.status_code == 422


def test_an_invitation_into_a_group_places_the_new_account_there(
    app: FastAPI, alice: ApiUser
) -> None:
    group_id = make_group(app)
    coach_token = invite(alice.client, group_id=group_id, group_role="coach")["token"]
    member_token = invite(alice.client, group_id=group_id)["token"]

    coach = register_with(app, coach_token, "coach@example.com").json()["user"]
    member = register_with(app, member_token, "member@example.com").json()["user"]

    assert role_in(app, group_id, coach["id"]) is GroupRole.COACH
    assert role_in(app, group_id, member["id"]) is GroupRole.MEMBER


def test_every_invitation_action_is_audited(app: FastAPI, alice: ApiUser) -> None:
    created = invite(alice.client, max_uses=2)
    register_with(app, created["token"], "joined@example.com")
    alice.client.delete(f"/api/admin/invites/{created['id']}")

    actions = audit_actions(app)

    assert [action for action in actions if action.startswith("invite.")] == [
        "invite.create",
        "invite.accept",
        "invite.revoke",
    ]
    entries = alice.client.get("/api/admin/audit").json()["items"]
    assert all(created["token"] not in str(entry) for entry in entries)


def test_out_of_range_invitations_are_refused_under_their_fields(
    app: FastAPI, alice: ApiUser
) -> None:
    cases = [
        ({"max_uses": 0}, "max_uses"),
        ({"max_uses": 501}, "max_uses"),
        ({"expires_in_hours": 0}, "expires_in_hours"),
        ({"expires_in_hours": 90 * 24 + 1}, "expires_in_hours"),
        ({"email": "not an email"}, "email"),
        ({"group_role": "coach"}, "group_role"),
    ]
    for body, field in cases:
        response = alice.client.post("/api/admin/invites", json=body)
        assert response.status_code == 422, (body, response.text)
        assert field in response.json()["error"]["fields"], body

    missing_group = alice.client.post("/api/admin/invites", json={"group_id": 9999})
    assert missing_group.status_code == 404
    assert alice.client.get("/api/admin/invites").json()["total"] == 0


def test_people_who_are_not_admins_cannot_manage_the_instances_invitations(
    alice: ApiUser, bob: ApiUser
) -> None:
    created = invite(alice.client)

    attempts = [
        bob.client.post("/api/admin/invites", json={}),
        bob.client.get("/api/admin/invites"),
        bob.client.delete(f"/api/admin/invites/{created['id']}"),
    ]

    assert [attempt.status_code for attempt in attempts] == [403, 403, 403]
    assert attempts[0].json()["error"]["message"] == "Only the instance's admin can do this."
    assert alice.client.get("/api/admin/invites").json()["items"][0]["state"] == "active"


def test_the_admins_list_is_paginated_and_capped(alice: ApiUser) -> None:
    for _ in range(3):
        invite(alice.client)

    page = alice.client.get("/api/admin/invites", params={"limit": 2, "offset": 1}).json()
    capped = alice.client.get("/api/admin/invites", params={"limit": 10_000})

    assert (len(page["items"]), page["total"], page["limit"], page["offset"]) == (2, 3, 2, 1)
    assert capped.status_code == 422


def test_working_links_per_person_are_capped(
    monkeypatch: pytest.MonkeyPatch, alice: ApiUser
) -> None:
    monkeypatch.setattr(invites, "MAX_ACTIVE_PER_CREATOR", 2)
    first = invite(alice.client)
    invite(alice.client)

    refused = alice.client.post("/api/admin/invites", json={})
    alice.client.delete(f"/api/admin/invites/{first['id']}")
    after_withdrawing = alice.client.post("/api/admin/invites", json={})

    assert refused.status_code == 403
    assert refused.json()["error"]["message"].startswith("You have 2 invitation links working")
    assert after_withdrawing.status_code == 201
