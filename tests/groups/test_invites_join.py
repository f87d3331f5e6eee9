"""Invitations accepted by people who already have an account: the link's group takes them in
its role for one of its uses; a link that does not work for them changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.db import clock, utcnow
from jobtracker.groups.models import GroupRole
from tests.factories import ApiUser
from tests.groups.invite_builders import audit_actions, invite, make_group, place, role_in


def accept(user: ApiUser, token: str) -> Any:
    return user.client.post(f"/api/auth/invites/{token}/accept")


def uses_of(admin: ApiUser, invite_id: int) -> int:
    listed = admin.client.get("/api/admin/invites").json()["items"]
    return int(next(item["uses"] for item in listed if item["id"] == invite_id))


def test_an_existing_account_joins_the_group_in_the_invitations_role(
    app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    group_id = make_group(app, "Bootcamp")
    created = invite(alice.client, group_id=group_id, group_role="coach", max_uses=3)

    joined = accept(bob, created["token"])

    assert joined.status_code == 200, joined.text
    assert joined.json() == {"id": group_id, "name": "Bootcamp", "group_role": "coach"}
    assert role_in(app, group_id, bob.id) is GroupRole.COACH
    assert uses_of(alice, created["id"]) == 1
    mine = bob.client.get("/api/groups/mine").json()["items"]
    assert [(group["name"], group["group_role"]) for group in mine] == [("Bootcamp", "coach")]


def test_joining_is_audited_without_the_token(app: FastAPI, alice: ApiUser, bob: ApiUser) -> None:
    group_id = make_group(app, "Bootcamp")
    created = invite(alice.client, group_id=group_id)

    accept(bob, created["token"])

    assert audit_actions(app)[-1] == "invite.join"
    entry = alice.client.get("/api/admin/audit", params={"action": "invite.join"}).json()["items"]
    assert len(entry) == 1
    assert entry[0]["target_email"] == bob.email
    assert entry[0]["details"]["group_role"] == "member"
    assert created["token"] not in str(entry)


def test_a_coachs_link_takes_an_existing_student_in_as_a_member(
    app: FastAPI, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    group_id = make_group(app)
    coach, student = make_user(), make_user()
    place(app, group_id, coach.id, GroupRole.COACH)
    token = coach.client.post(f"/api/groups/{group_id}/invites", json={}).json()["token"]

    joined = accept(student, token)

    assert joined.status_code == 200, joined.text
    assert role_in(app, group_id, student.id) is GroupRole.MEMBER
    listed = coach.client.get(f"/api/groups/{group_id}/invites").json()["items"]
    assert listed[0]["uses"] == 1


def test_a_used_up_link_admits_no_one_else(
    app: FastAPI, alice: ApiUser, bob: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    group_id = make_group(app)
    created = invite(alice.client, group_id=group_id)
    carol = make_user()

    first = accept(bob, created["token"])
    second = accept(carol, created["token"])

    assert first.status_code == 200
    assert second.status_code == 403
    assert second.json()["error"]["message"].startswith("This invitation has already been used")
    assert role_in(app, group_id, carol.id) is None
    assert uses_of(alice, created["id"]) == 1


def test_an_expired_link_is_refused_and_changes_nothing(
    app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    group_id = make_group(app)
    clock.frozen_at = utcnow() - timedelta(hours=2)
    try:
        created = invite(alice.client, group_id=group_id, expires_in_hours=1)
    finally:
        clock.frozen_at = None

    refused = accept(bob, created["token"])

    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "This invitation has expired. Ask whoever invited you for a new link."
    )
    assert role_in(app, group_id, bob.id) is None
    assert uses_of(alice, created["id"]) == 0


def test_a_withdrawn_link_is_refused_and_changes_nothing(
    app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    group_id = make_group(app)
    created = invite(alice.client, group_id=group_id)
    alice.client.delete(f"/api/admin/invites/{created['id']}")

    refused = accept(bob, created["token"])

    assert refused.status_code == 403
    assert refused.json()["error"]["message"].startswith("This invitation was withdrawn.")
    assert role_in(app, group_id, bob.id) is None
    assert uses_of(alice, created["id"]) == 0


def test_a_link_for_another_email_is_refused_and_changes_nothing(
    app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    group_id = make_group(app)
    created = invite(alice.client, group_id=group_id, email="dana@example.com")

    refused = accept(bob, created["token"])

    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "This invitation is for dana@example.com, and you are signed in as bob@example.com. "
        "Sign in with that account, or ask for an invitation for yours."
    )
    assert role_in(app, group_id, bob.id) is None
    assert uses_of(alice, created["id"]) == 0


def test_a_link_for_ones_own_email_works_whatever_its_case(
    app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    group_id = make_group(app)
    created = invite(alice.client, group_id=group_id, email="  BOB@Example.COM ")

    joined = accept(bob, created["token"])

    assert joined.status_code == 200, joined.text
    assert role_in(app, group_id, bob.id) is GroupRole.MEMBER


def test_a_link_without_a_group_is_for_new_accounts_only(alice: ApiUser, bob: ApiUser) -> None:
    created = invite(alice.client, max_uses=2)

    refused = accept(bob, created["token"])

    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == (
        "You already have an account; this link is for creating one."
    )
    assert uses_of(alice, created["id"]) == 0


def test_someone_already_in_the_group_is_told_so_and_takes_no_use(
    app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    group_id = make_group(app, "Bootcamp")
    place(app, group_id, bob.id, GroupRole.COACH)
    created = invite(alice.client, group_id=group_id, max_uses=2)

    refused = accept(bob, created["token"])

    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == (
        "You are already in Bootcamp as a coach; Coaching shows its members."
    )
    assert role_in(app, group_id, bob.id) is GroupRole.COACH  # not lowered to member
    assert uses_of(alice, created["id"]) == 0
    assert "invite.join" not in audit_actions(app)


def test_accepting_twice_takes_one_use(app: FastAPI, alice: ApiUser, bob: ApiUser) -> None:
    group_id = make_group(app)
    created = invite(alice.client, group_id=group_id, max_uses=5)

    statuses = [accept(bob, created["token"]).status_code for _ in range(2)]

    assert statuses == [200, 409]
    assert uses_of(alice, created["id"]) == 1


def test_one_persons_joining_changes_no_one_elses_place(
    app: FastAPI, alice: ApiUser, bob: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    group_id = make_group(app)
    other_group = make_group(app, "Other cohort")
    carol = make_user()
    place(app, other_group, carol.id, GroupRole.MEMBER)
    created = invite(alice.client, group_id=group_id, group_role="coach", max_uses=5)

    accept(bob, created["token"])

    assert role_in(app, group_id, carol.id) is None
    assert role_in(app, group_id, alice.id) is None
    assert role_in(app, other_group, carol.id) is GroupRole.MEMBER
    assert role_in(app, other_group, bob.id) is None
    assert carol.client.get("/api/groups/mine").json()["items"][0]["name"] == "Other cohort"


def test_joining_needs_a_signed_in_account(
    app: FastAPI, client: TestClient, alice: ApiUser
) -> None:
    created = invite(alice.client, group_id=make_group(app))

    refused = client.post(f"/api/auth/invites/{created['token']}/accept")

    assert refused.status_code == 401
    assert uses_of(alice, created["id"]) == 0


def test_unknown_and_overlong_tokens_are_refused_in_plain_words(bob: ApiUser) -> None:
    unknown = accept(bob, "not-a-real-token")
    too_long = accept(bob, "x" * 101)

    assert unknown.status_code == 403
    assert unknown.json()["error"]["message"].startswith("This invitation link is not valid.")
    assert too_long.status_code == 422
    assert "error" in too_long.json()


def test_the_check_says_which_group_and_role_a_link_carries(
    app: FastAPI, client: TestClient, alice: ApiUser
) -> None:
    group_id = make_group(app, "Bootcamp")
    coach_link = invite(alice.client, group_id=group_id, group_role="coach")["token"]
    member_link = invite(alice.client, group_id=group_id)["token"]
    plain_link = invite(alice.client)["token"]

    carried = [
        (body["group_name"], body["group_role"])
        for body in (
            client.get(f"/api/auth/invites/{token}").json()
            for token in (coach_link, member_link, plain_link)
        )
    ]

    assert carried == [("Bootcamp", "coach"), ("Bootcamp", "member"), (None, None)]
