"""What a group and a thread may hold is bounded: a full group refuses one more person, a full
thread one more comment, each with a plain message and nothing added."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jobtracker.groups import comments, service
from tests.factories import ApiUser
from tests.groups.coach_builders import coached_group, comment, create_group, share


def test_a_full_group_refuses_another_person(
    monkeypatch: pytest.MonkeyPatch, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    monkeypatch.setattr(service, "MAX_MEMBERS_PER_GROUP", 2)
    coach, first, second = make_user(), make_user(), make_user()
    group_id = coached_group(alice, coach, first)

    response = alice.client.post(f"/api/groups/{group_id}/members", json={"email": second.email})

    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "A group holds at most 2 people. Start another group."
    )
    assert alice.client.get(f"/api/groups/{group_id}").json()["members"] == 1


def test_the_instance_holds_a_bounded_number_of_groups(
    monkeypatch: pytest.MonkeyPatch, alice: ApiUser
) -> None:
    monkeypatch.setattr(service, "MAX_GROUPS", 1)
    create_group(alice, "Only one")

    response = alice.client.post("/api/groups", json={"name": "One too many"})

    assert response.status_code == 403
    assert alice.client.get("/api/groups").json()["total"] == 1


def test_a_full_thread_refuses_another_comment(
    monkeypatch: pytest.MonkeyPatch, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    monkeypatch.setattr(comments, "MAX_COMMENTS_PER_APPLICATION", 2)
    coach, student = make_user(), make_user()
    share(student, coached_group(alice, coach, student), board=True)
    application = student.create_application()["id"]
    comment(coach, application, "One")
    comment(student, application, "Two")

    response = coach.client.post(
        f"/api/applications/{application}/comments", json={"body": "Three"}
    )

    assert response.status_code == 403
    assert "at most 2 comments" in response.json()["error"]["message"]
    assert student.client.get(f"/api/applications/{application}/comments").json()["total"] == 2
