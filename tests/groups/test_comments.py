"""A coach comments on an application whose owner shares their board; the owner reads the
thread, answers, and sees how many comments are new. Nobody else reaches it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories import ApiUser
from tests.groups.coach_builders import add_to_group, coached_group, comment, share


@dataclass
class Thread:
    group: int
    coach: ApiUser
    student: ApiUser
    application: int

    @property
    def path(self) -> str:
        return f"/api/applications/{self.application}/comments"


@pytest.fixture
def thread(alice: ApiUser, make_user: Callable[..., ApiUser]) -> Thread:
    coach = make_user(display_name="Coach Carla")
    student = make_user(display_name="Sam")
    group = coached_group(alice, coach, student)
    share(student, group, board=True)
    return Thread(group, coach, student, student.create_application(company="Acme")["id"])


def bodies(page: dict[str, Any]) -> list[tuple[str, str, bool]]:
    return [(item["author_name"], item["body"], item["by_owner"]) for item in page["items"]]


def test_the_coach_comments_and_the_owner_reads_and_answers(thread: Thread) -> None:
    written = comment(thread.coach, thread.application, "Tailor the summary to <b>Acme</b>.")
    comment(thread.student, thread.application, "Done, thanks!")

    seen_by_owner = thread.student.client.get(thread.path).json()
    seen_by_coach = thread.coach.client.get(thread.path).json()

    assert written["body"] == "Tailor the summary to <b>Acme</b>."  # kept as text, shown as text
    expected = [
        ("Coach Carla", "Tailor the summary to <b>Acme</b>.", False),
        ("Sam", "Done, thanks!", True),
    ]
    assert bodies(seen_by_owner) == bodies(seen_by_coach) == expected


def test_the_owner_sees_new_comments_counted_until_read(thread: Thread) -> None:
    comment(thread.coach, thread.application, "One")
    comment(thread.coach, thread.application, "Two")

    unread = thread.student.client.get("/api/shares/unread-comments").json()
    first_read = thread.student.client.get(thread.path).json()
    second_read = thread.student.client.get(thread.path).json()

    assert unread["comments"] == 2
    assert [(i["application"]["company"], i["unread"]) for i in unread["items"]] == [("Acme", 2)]
    assert first_read["unread"] == 2
    assert [item["unread"] for item in first_read["items"]] == [True, True]
    assert second_read["unread"] == 0
    assert thread.student.client.get("/api/shares/unread-comments").json()["comments"] == 0


def test_the_coachs_reading_does_not_mark_anything_read(thread: Thread) -> None:
    comment(thread.coach, thread.application, "Look at this")

    thread.coach.client.get(thread.path)

    assert thread.student.client.get("/api/shares/unread-comments").json()["comments"] == 1


def test_another_user_gets_404_and_writes_nothing(
    thread: Thread, make_user: Callable[..., ApiUser]
) -> None:
    comment(thread.coach, thread.application, "Kept")
    stranger = make_user()

    assert stranger.client.get(thread.path).status_code == 404
    response = stranger.client.post(thread.path, json={"body": "Sneaky"})
    assert response.status_code == 404
    assert bodies(thread.student.client.get(thread.path).json()) == [("Coach Carla", "Kept", False)]


@pytest.mark.parametrize("shared", [{}, {"documents": True, "conversations": True}])
def test_a_coach_without_a_board_share_gets_404(
    alice: ApiUser, make_user: Callable[..., ApiUser], shared: dict[str, bool]
) -> None:
    coach, student = make_user(), make_user()
    group = coached_group(alice, coach, student)
    if shared:
        share(student, group, **shared)
    application = student.create_application()["id"]

    assert coach.client.get(f"/api/applications/{application}/comments").status_code == 404
    response = coach.client.post(f"/api/applications/{application}/comments", json={"body": "Hi"})
    assert response.status_code == 404
    assert student.client.get(f"/api/applications/{application}/comments").json()["total"] == 0


def test_switching_the_board_off_closes_the_thread_to_the_coach(thread: Thread) -> None:
    comment(thread.coach, thread.application, "Before")

    share(thread.student, thread.group, board=False)

    assert thread.coach.client.get(thread.path).status_code == 404
    assert thread.coach.client.post(thread.path, json={"body": "After"}).status_code == 404


def test_a_fellow_member_cannot_comment(
    alice: ApiUser, make_user: Callable[..., ApiUser], thread: Thread
) -> None:
    classmate = make_user()
    add_to_group(alice, thread.group, classmate, "member")
    share(classmate, thread.group, board=True)

    assert classmate.client.get(thread.path).status_code == 404


@pytest.mark.parametrize(
    "body", ["", "   ", "x" * 2001, "bell\x07"], ids=["empty", "blank", "too long", "control"]
)
def test_a_bad_comment_is_refused_under_its_field(thread: Thread, body: str) -> None:
    response = thread.coach.client.post(thread.path, json={"body": body})

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["body"]
    assert thread.student.client.get(thread.path).json()["total"] == 0


def test_a_thread_is_paged_oldest_first(thread: Thread) -> None:
    for number in range(5):
        comment(thread.coach, thread.application, f"Comment {number}")

    page = thread.student.client.get(thread.path, params={"limit": 2, "offset": 2}).json()

    assert [item["body"] for item in page["items"]] == ["Comment 2", "Comment 3"]
    assert page["total"] == 5
    assert thread.student.client.get(thread.path, params={"limit": 201}).status_code == 422


def test_a_comment_on_an_application_in_the_trash_is_404(thread: Thread) -> None:
    thread.student.client.delete(f"/api/applications/{thread.application}")

    assert thread.coach.client.get(thread.path).status_code == 404
    assert thread.student.client.get(thread.path).status_code == 404
