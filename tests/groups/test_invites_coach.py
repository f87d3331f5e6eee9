"""Invitations by a coach: into a group they coach, as members only; every other group, and
every invitation outside their groups, is out of their reach (404), and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI

from jobtracker.groups.models import GroupRole
from tests.factories import ApiUser
from tests.groups.invite_builders import (
    audit_actions,
    close_registration,
    invite,
    make_group,
    place,
    register_with,
    role_in,
)


def coach_of(app: FastAPI, make_user: Callable[..., ApiUser], group_id: int) -> ApiUser:
    coach = make_user()
    place(app, group_id, coach.id, GroupRole.COACH)
    return coach


def test_a_coach_invites_members_into_their_group(
    app: FastAPI, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    group_id = make_group(app)
    coach = coach_of(app, make_user, group_id)
    close_registration(alice.client)

    created = coach.client.post(f"/api/groups/{group_id}/invites", json={"max_uses": 30})
    student = register_with(app, created.json()["token"], "student@example.com")

    assert created.status_code == 201, created.text
    assert created.json()["group_role"] == "member"
    assert student.status_code == 201
    assert role_in(app, group_id, student.json()["user"]["id"]) is GroupRole.MEMBER
    assert "invite.create" in audit_actions(app)


def test_a_coach_lists_and_withdraws_their_groups_invitations(
    app: FastAPI, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    group_id = make_group(app)
    coach = coach_of(app, make_user, group_id)
    created = coach.client.post(f"/api/groups/{group_id}/invites", json={}).json()
    invite(alice.client)  # the instance's, not the group's

    listed = coach.client.get(f"/api/groups/{group_id}/invites").json()
    revoked = coach.client.delete(f"/api/groups/{group_id}/invites/{created['id']}")

    assert [item["id"] for item in listed["items"]] == [created["id"]]
    assert revoked.status_code == 200
    assert revoked.json()["state"] == "revoked"
    assert audit_actions(app).count("invite.revoke") == 1


def test_a_coach_cannot_invite_coaches(
    app: FastAPI, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    group_id = make_group(app)
    coach = coach_of(app, make_user, group_id)

    response = coach.client.post(f"/api/groups/{group_id}/invites", json={"group_role": "coach"})
    through_admin = coach.client.post(
        "/api/admin/invites", json={"group_id": group_id, "group_role": "coach"}
    )

    assert response.status_code == 422  # the group route has no role to choose
    assert through_admin.status_code == 403
    assert alice.client.get("/api/admin/invites").json()["total"] == 0


def test_a_coach_of_another_group_gets_404_and_changes_nothing(
    app: FastAPI, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    theirs, other = make_group(app, "Theirs"), make_group(app, "Other")
    coach = coach_of(app, make_user, theirs)
    other_invite = alice.client.post(f"/api/groups/{other}/invites", json={}).json()
    before = alice.client.get("/api/admin/invites").json()

    attempts = [
        coach.client.post(f"/api/groups/{other}/invites", json={}),
        coach.client.get(f"/api/groups/{other}/invites"),
        coach.client.delete(f"/api/groups/{other}/invites/{other_invite['id']}"),
        # Their own group's path cannot reach another group's invitation either.
        coach.client.delete(f"/api/groups/{theirs}/invites/{other_invite['id']}"),
    ]

    assert [attempt.status_code for attempt in attempts] == [404, 404, 404, 404]
    assert alice.client.get("/api/admin/invites").json() == before


def test_a_member_is_not_a_coach(
    app: FastAPI, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    group_id = make_group(app)
    member = make_user()
    place(app, group_id, member.id, GroupRole.MEMBER)

    attempts = [
        member.client.post(f"/api/groups/{group_id}/invites", json={}),
        member.client.get(f"/api/groups/{group_id}/invites"),
    ]

    assert [attempt.status_code for attempt in attempts] == [404, 404]
    assert alice.client.get("/api/admin/invites").json()["total"] == 0


def test_the_admin_manages_any_groups_invitations(app: FastAPI, alice: ApiUser) -> None:
    group_id = make_group(app)

    created = alice.client.post(f"/api/groups/{group_id}/invites", json={})
    missing = alice.client.post("/api/groups/9999/invites", json={})

    assert created.status_code == 201
    assert missing.status_code == 404
