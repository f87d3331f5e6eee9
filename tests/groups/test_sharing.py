"""A member chooses, per group, what its coaches see; nothing until they do. They see who can
see it and when each coach last looked."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI

from tests.factories import ApiUser
from tests.groups.coach_builders import add_to_group, coached_group, share


def test_nothing_is_shared_until_the_member_chooses(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    coach, student = make_user(display_name="Coach Carla"), make_user()
    group_id = coached_group(alice, coach, student, name="Class of 2027")

    [listed] = student.client.get("/api/shares").json()["items"]

    assert listed == {
        "group_id": group_id,
        "group_name": "Class of 2027",
        "board": False,
        "documents": False,
        "conversations": False,
        "coaches": [{"id": coach.id, "display_name": "Coach Carla", "last_viewed_at": None}],
        "updated_at": None,
    }
    assert coach.client.get("/api/groups/coaching/members").json()["items"] == []


def test_switches_change_one_at_a_time(alice: ApiUser, make_user: Callable[..., ApiUser]) -> None:
    coach, student = make_user(), make_user()
    group_id = coached_group(alice, coach, student)

    share(student, group_id, board=True)
    answer = share(student, group_id, documents=True)

    assert (answer["board"], answer["documents"], answer["conversations"]) == (True, True, False)
    assert answer["updated_at"] is not None
    [member] = coach.client.get("/api/groups/coaching/members").json()["items"]
    assert (member["member_id"], member["board"], member["documents"]) == (student.id, True, True)
    assert member["conversations"] is False


def test_the_member_sees_when_each_coach_last_looked(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    looking, not_looking, student = make_user(), make_user(), make_user()
    group_id = coached_group(alice, looking, student)
    add_to_group(alice, group_id, not_looking, "coach")
    share(student, group_id, board=True)

    assert (
        looking.client.get(f"/api/groups/{group_id}/members/{student.id}/board").status_code == 200
    )

    coaches = {
        coach["id"]: coach["last_viewed_at"]
        for coach in student.client.get("/api/shares").json()["items"][0]["coaches"]
    }
    assert coaches[looking.id] is not None
    assert coaches[not_looking.id] is None


def test_only_a_member_of_the_group_can_share_with_it(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    coach, student, outsider = make_user(), make_user(), make_user()
    group_id = coached_group(alice, coach, student)

    for caller in (outsider, coach):
        response = caller.client.patch(f"/api/shares/{group_id}", json={"board": True})
        assert response.status_code == 404
    assert coach.client.get("/api/shares").json()["items"] == []
    assert coach.client.get("/api/groups/coaching/members").json()["items"] == []


def test_a_share_is_per_group(alice: ApiUser, make_user: Callable[..., ApiUser]) -> None:
    coach_a, coach_b, student = make_user(), make_user(), make_user()
    group_a = coached_group(alice, coach_a, student, name="A")
    group_b = coached_group(alice, coach_b, student, name="B")

    share(student, group_a, board=True)

    assert (
        coach_a.client.get(f"/api/groups/{group_a}/members/{student.id}/board").status_code == 200
    )
    assert (
        coach_b.client.get(f"/api/groups/{group_b}/members/{student.id}/board").status_code == 404
    )
    assert [
        m["group_id"] for m in coach_b.client.get("/api/groups/coaching/members").json()["items"]
    ] == []


def test_a_bad_switch_is_refused_and_changes_nothing(
    app: FastAPI, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    coach, student = make_user(), make_user()
    group_id = coached_group(alice, coach, student)

    response = student.client.patch(f"/api/shares/{group_id}", json={"board": "maybe"})
    extra = student.client.patch(f"/api/shares/{group_id}", json={"member_id": coach.id})

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["board"]
    assert extra.status_code == 422
    assert student.client.get("/api/shares").json()["items"][0]["board"] is False
