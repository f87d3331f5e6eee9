"""Groups are the admin's: created, renamed, deleted, coaches and members placed, each change
in the audit log; anyone else is refused and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from jobtracker.groups.models import AuditEntry
from tests.auth.access_token_builders import create_token
from tests.auth.builders import bearer
from tests.factories import ApiUser
from tests.groups.coach_builders import add_to_group, coached_group, create_group, share

# (method, path, body); {group} and {user} are filled in with a real group and its member.
ADMIN_ROUTES = [
    ("GET", "/api/groups", None),
    ("POST", "/api/groups", {"name": "Mine now"}),
    ("GET", "/api/groups/{group}", None),
    ("PATCH", "/api/groups/{group}", {"name": "Renamed"}),
    ("DELETE", "/api/groups/{group}", None),
    ("GET", "/api/groups/{group}/members", None),
    ("POST", "/api/groups/{group}/members", {"email": "{email}", "group_role": "coach"}),
    ("PATCH", "/api/groups/{group}/members/{user}", {"group_role": "coach"}),
    ("DELETE", "/api/groups/{group}/members/{user}", None),
]


def audit_actions(app: FastAPI) -> list[tuple[str, str | None, dict[str, Any] | None]]:
    with app.state.session_factory() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(entry.action, entry.target_email, entry.details) for entry in entries]


def members_of(admin: ApiUser, group_id: int) -> list[tuple[str, str]]:
    response = admin.client.get(f"/api/groups/{group_id}/members")
    assert response.status_code == 200, response.text
    return [(member["email"], member["group_role"]) for member in response.json()["items"]]


def test_the_admin_creates_renames_and_lists_groups(alice: ApiUser) -> None:
    group_id = create_group(alice, "Bootcamp spring")
    create_group(alice, "a cohort")

    renamed = alice.client.patch(f"/api/groups/{group_id}", json={"name": "  Bootcamp autumn "})
    listed = alice.client.get("/api/groups").json()

    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Bootcamp autumn"
    assert [group["name"] for group in listed["items"]] == ["a cohort", "Bootcamp autumn"]
    assert listed["total"] == 2
    assert alice.client.get("/api/groups", params={"q": "AUTUMN"}).json()["total"] == 1


def test_coaches_and_members_are_placed_counted_and_listed_coaches_first(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    coach = make_user(display_name="Zoe Coach")
    student = make_user(display_name="Adam Student")
    group_id = create_group(alice)
    add_to_group(alice, group_id, student, "member")
    add_to_group(alice, group_id, coach, "coach")

    assert members_of(alice, group_id) == [(coach.email, "coach"), (student.email, "member")]
    assert alice.client.get(f"/api/groups/{group_id}").json()["coaches"] == 1
    assert alice.client.get(f"/api/groups/{group_id}").json()["members"] == 1


def test_everyone_sees_the_groups_they_belong_to_and_their_role(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    coach, student, outsider = make_user(), make_user(), make_user()
    coached_group(alice, coach, student, name="Class A")

    assert [
        (g["name"], g["group_role"]) for g in coach.client.get("/api/groups/mine").json()["items"]
    ] == [("Class A", "coach")]
    assert student.client.get("/api/groups/mine").json()["items"][0]["group_role"] == "member"
    assert outsider.client.get("/api/groups/mine").json() == {
        "items": [],
        "total": 0,
        "limit": 50,
        "offset": 0,
    }


def test_a_role_changes_and_a_removed_member_stops_sharing(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    coach, student = make_user(), make_user()
    group_id = coached_group(alice, coach, student)
    share(student, group_id, board=True)
    application = student.create_application()

    changed = alice.client.patch(
        f"/api/groups/{group_id}/members/{coach.id}", json={"group_role": "member"}
    )
    assert changed.json()["group_role"] == "member"
    alice.client.patch(f"/api/groups/{group_id}/members/{coach.id}", json={"group_role": "coach"})
    removed = alice.client.delete(f"/api/groups/{group_id}/members/{student.id}")

    assert removed.status_code == 204
    assert members_of(alice, group_id) == [(coach.email, "coach")]
    board = coach.client.get(f"/api/groups/{group_id}/members/{student.id}/board")
    assert board.status_code == 404
    assert coach.client.get(f"/api/applications/{application['id']}/comments").status_code == 404
    assert student.client.get("/api/shares").json()["items"] == []


def test_deleting_a_group_keeps_everyones_own_data(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    coach, student = make_user(), make_user()
    group_id = coached_group(alice, coach, student)
    share(student, group_id, board=True)
    student.create_application(company="Kept")

    assert alice.client.delete(f"/api/groups/{group_id}").status_code == 204

    assert alice.client.get(f"/api/groups/{group_id}").status_code == 404
    assert coach.client.get(f"/api/groups/{group_id}/members/{student.id}/board").status_code == 404
    assert [a["company"] for a in student.client.get("/api/applications").json()["items"]] == [
        "Kept"
    ]


def test_every_admin_change_is_in_the_audit_log(
    app: FastAPI, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    coach = make_user(email="coach@example.com")
    group_id = create_group(alice, "Cohort")
    add_to_group(alice, group_id, coach, "member")
    alice.client.patch(f"/api/groups/{group_id}/members/{coach.id}", json={"group_role": "coach"})
    alice.client.patch(f"/api/groups/{group_id}", json={"name": "Cohort 2"})
    alice.client.delete(f"/api/groups/{group_id}/members/{coach.id}")
    alice.client.delete(f"/api/groups/{group_id}")

    group = {"group_id": group_id}
    assert audit_actions(app) == [
        ("group.create", None, {**group, "name": "Cohort"}),
        ("group.member.add", coach.email, {**group, "group": "Cohort", "group_role": "member"}),
        (
            "group.member.role",
            coach.email,
            {**group, "group": "Cohort", "group_role": "coach", "previous_group_role": "member"},
        ),
        ("group.rename", None, {**group, "name": "Cohort 2", "previous_name": "Cohort"}),
        ("group.member.remove", coach.email, {**group, "group": "Cohort 2", "group_role": "coach"}),
        ("group.delete", None, {**group, "name": "Cohort 2"}),
    ]


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ROUTES)
def test_non_admins_are_refused_and_nothing_changes(
    app: FastAPI,
    alice: ApiUser,
    make_user: Callable[..., ApiUser],
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    coach, student = make_user(), make_user()
    group_id = coached_group(alice, coach, student)
    before = (
        members_of(alice, group_id),
        alice.client.get("/api/groups").json(),
        audit_actions(app),
    )
    url = path.format(group=group_id, user=student.id)
    sent = {key: str(value).format(email=coach.email) for key, value in (body or {}).items()}

    for caller in (coach, student):
        response = caller.client.request(method, url, json=sent if body else None)
        assert response.status_code == 403, response.text
        assert response.json()["error"]["message"] == "Only the instance's admin can do this."

    after = (
        members_of(alice, group_id),
        alice.client.get("/api/groups").json(),
        audit_actions(app),
    )
    assert after == before


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ROUTES[:2])
def test_an_access_token_cannot_manage_groups(
    alice: ApiUser, method: str, path: str, body: dict[str, Any] | None
) -> None:
    token = create_token(alice, scope="write")["token"]

    response = alice.client.request(method, path, json=body, headers=bearer(token))

    assert response.status_code == 403
    assert response.json()["error"]["message"].startswith("Sign in with your password")


@pytest.mark.parametrize(
    ("name", "problem"),
    [("", "name"), ("   ", "name"), ("x" * 101, "name"), ("Tab\there", "name")],
)
def test_a_bad_group_name_is_refused_under_its_field(
    alice: ApiUser, name: str, problem: str
) -> None:
    response = alice.client.post("/api/groups", json={"name": name})

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == [problem]
    assert alice.client.get("/api/groups").json()["total"] == 0


def test_an_unknown_email_or_someone_already_in_is_refused(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    student = make_user()
    group_id = create_group(alice)
    add_to_group(alice, group_id, student, "member")

    unknown = alice.client.post(
        f"/api/groups/{group_id}/members", json={"email": "nobody@example.com"}
    )
    twice = alice.client.post(f"/api/groups/{group_id}/members", json={"email": student.email})
    wrong_role = alice.client.post(
        f"/api/groups/{group_id}/members", json={"email": student.email, "group_role": "admin"}
    )

    assert unknown.status_code == 422
    assert unknown.json()["error"]["fields"]["email"].startswith("No account uses this email.")
    assert twice.status_code == 409
    assert wrong_role.status_code == 422
    assert list(wrong_role.json()["error"]["fields"]) == ["group_role"]
    assert members_of(alice, group_id) == [(student.email, "member")]


def test_a_missing_group_answers_404(alice: ApiUser, bob: ApiUser) -> None:
    assert alice.client.get("/api/groups/999").status_code == 404
    assert alice.client.patch("/api/groups/999", json={"name": "x"}).status_code == 404
    response = alice.client.post("/api/groups/999/members", json={"email": bob.email})
    assert response.status_code == 404
    assert alice.client.delete(f"/api/groups/999/members/{bob.id}").status_code == 404
