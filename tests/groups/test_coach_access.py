"""Every coach's route shows only what a member shares with that coach's group: documents and
conversations only when those are shared, nothing of another group's members, nothing to a
member, and a share switched off is a 404 on the very next request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.documents.builders import upload_one
from tests.factories import ApiUser
from tests.groups.coach_builders import coached_group, share

MEMBER = "/api/groups/{group}/members/{member}"
# (path, the share it needs); {document} and {application} are the member's own.
COACH_ROUTES = [
    (MEMBER + "/board", "board"),
    (MEMBER + "/deadlines", "board"),
    (MEMBER + "/dashboard", "board"),
    (MEMBER + "/documents", "documents"),
    (MEMBER + "/documents/{document}/content", "documents"),
    (MEMBER + "/applications/{application}/assistant", "conversations"),
]
ALL_SHARED = {"board": True, "documents": True, "conversations": True}


@dataclass
class Class:
    group: int
    coach: ApiUser
    student: ApiUser
    classmate: ApiUser
    application: int
    document: int

    def url(self, path: str, member: ApiUser | None = None, group: int | None = None) -> str:
        return path.format(
            group=group or self.group,
            member=(member or self.student).id,
            document=self.document,
            application=self.application,
        )


@pytest.fixture
def a_class(alice: ApiUser, make_user: Callable[..., ApiUser]) -> Class:
    coach, student, classmate = make_user(), make_user(), make_user()
    group = coached_group(alice, coach, student, classmate)
    application = student.create_application(company="Student's pick", deadline="2999-01-01")
    document = upload_one(student, "cv.txt", b"My resume", "text/plain")
    return Class(group, coach, student, classmate, application["id"], document["id"])


@pytest.mark.parametrize(("path", "part"), COACH_ROUTES)
def test_a_coach_sees_a_part_exactly_when_it_is_shared(
    a_class: Class, path: str, part: str
) -> None:
    others = {name: True for name in ALL_SHARED if name != part}
    share(a_class.student, a_class.group, **others)

    assert a_class.coach.client.get(a_class.url(path)).status_code == 404

    share(a_class.student, a_class.group, **{part: True})
    assert a_class.coach.client.get(a_class.url(path)).status_code == 200


@pytest.mark.parametrize(("path", "part"), COACH_ROUTES)
def test_switching_a_share_off_is_a_404_on_the_next_request(
    a_class: Class, path: str, part: str
) -> None:
    share(a_class.student, a_class.group, **ALL_SHARED)
    assert a_class.coach.client.get(a_class.url(path)).status_code == 200

    share(a_class.student, a_class.group, **{part: False})

    response = a_class.coach.client.get(a_class.url(path))
    assert response.status_code == 404
    assert response.json()["error"] == {
        "code": "not_found",
        "message": "Nothing is shared with you here.",
        "fields": {},
    }


@pytest.mark.parametrize(("path", "part"), COACH_ROUTES)
def test_a_member_never_sees_another_members_work(a_class: Class, path: str, part: str) -> None:
    share(a_class.student, a_class.group, **ALL_SHARED)
    share(a_class.classmate, a_class.group, **ALL_SHARED)

    assert a_class.classmate.client.get(a_class.url(path)).status_code == 404


@pytest.mark.parametrize(("path", "part"), COACH_ROUTES)
def test_a_coach_of_another_group_sees_nothing(
    alice: ApiUser, make_user: Callable[..., ApiUser], a_class: Class, path: str, part: str
) -> None:
    other_coach, other_student = make_user(), make_user()
    other_group = coached_group(alice, other_coach, other_student, name="Other")
    share(a_class.student, a_class.group, **ALL_SHARED)
    share(other_student, other_group, **ALL_SHARED)

    # Through their own group, through the student's, and through the student's id in theirs.
    for url in (
        a_class.url(path),
        a_class.url(path, group=other_group),
        a_class.url(path.replace("{member}", str(a_class.student.id)), group=other_group),
    ):
        assert other_coach.client.get(url).status_code == 404
    assert other_coach.client.get(f"/api/groups/{a_class.group}/dashboard").status_code == 404


@pytest.mark.parametrize(("path", "part"), COACH_ROUTES)
def test_the_admin_is_no_coach(alice: ApiUser, a_class: Class, path: str, part: str) -> None:
    share(a_class.student, a_class.group, **ALL_SHARED)

    assert alice.client.get(a_class.url(path)).status_code == 404


def test_the_board_is_the_members_own_cards(a_class: Class) -> None:
    share(a_class.student, a_class.group, board=True)
    a_class.classmate.create_application(company="Classmate's")

    cards = a_class.coach.client.get(a_class.url(MEMBER + "/board")).json()["items"]

    assert [card["company"] for card in cards] == ["Student's pick"]


def test_deadlines_list_open_deliverables_and_coming_deadlines(a_class: Class) -> None:
    share(a_class.student, a_class.group, board=True)
    essay = a_class.student.client.post(
        f"/api/applications/{a_class.application}/deliverables",
        json={"title": "Essay", "due_at": "2999-01-01T12:00:00Z"},
    )
    assert essay.status_code == 201
    done = a_class.student.client.post(
        f"/api/applications/{a_class.application}/deliverables", json={"title": "Form"}
    )
    a_class.student.client.patch(f"/api/deliverables/{done.json()['id']}", json={"state": "done"})

    answer = a_class.coach.client.get(a_class.url(MEMBER + "/deadlines")).json()

    assert [d["title"] for d in answer["deliverables"]] == ["Essay"]
    assert [d["application"]["company"] for d in answer["application_deadlines"]] == [
        "Student's pick"
    ]


def test_a_shared_document_downloads_as_the_file(a_class: Class) -> None:
    share(a_class.student, a_class.group, documents=True)

    listed = a_class.coach.client.get(a_class.url(MEMBER + "/documents")).json()["items"]
    response = a_class.coach.client.get(a_class.url(MEMBER + "/documents/{document}/content"))

    assert [document["filename"] for document in listed] == ["cv.txt"]
    assert response.content == b"My resume"
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["content-security-policy"] == "sandbox"


def test_a_classmates_document_is_not_reachable_through_a_shared_member(
    a_class: Class,
) -> None:
    share(a_class.student, a_class.group, documents=True)
    theirs = upload_one(a_class.classmate, "private.txt", b"secret", "text/plain")

    url = a_class.url(MEMBER + "/documents/{document}/content").replace(
        f"/documents/{a_class.document}/", f"/documents/{theirs['id']}/"
    )
    assert a_class.coach.client.get(url).status_code == 404


def test_the_coach_lists_only_members_who_share(a_class: Class) -> None:
    share(a_class.student, a_class.group, conversations=True)

    listed = a_class.coach.client.get("/api/groups/coaching/members").json()

    assert [member["member_id"] for member in listed["items"]] == [a_class.student.id]
    assert listed["items"][0]["board"] is False
    filtered = a_class.coach.client.get(
        "/api/groups/coaching/members", params={"group_id": a_class.group + 1}
    )
    assert filtered.json()["total"] == 0
