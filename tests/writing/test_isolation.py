"""Another user's writing and applications answer 404 on every route, and stay unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import ApiUser
from tests.writing.builders import (
    application_writing,
    create_writing,
    list_writing,
    read_writing,
    titles,
)

# (method, path, JSON body); {writing} and {application} are alice's ids.
ROUTES_WITH_AN_ID: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/writing/{writing}", None),
    ("PATCH", "/api/writing/{writing}", {"title": "Changed by bob", "tags": ["bob"]}),
    ("PATCH", "/api/writing/{writing}", {"application_ids": []}),
    ("DELETE", "/api/writing/{writing}", None),
    ("GET", "/api/applications/{application}/writing", None),
    ("GET", "/api/writing?application_id={application}", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES_WITH_AN_ID)
def test_other_users_get_404_and_change_nothing(
    alice: ApiUser, bob: ApiUser, method: str, path: str, body: dict[str, Any] | None
) -> None:
    application = alice.create_application()
    writing = create_writing(
        alice, title="Alice's", body="Private", tags=["mine"], application_ids=[application["id"]]
    )
    url = path.format(writing=writing["id"], application=application["id"])

    response = bob.client.request(method, url, json=body)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert read_writing(alice, writing["id"]) == writing
    assert application_writing(alice, application["id"])["items"] == [writing]


def test_bob_cannot_link_his_writing_to_alices_application(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application()
    bobs = create_writing(bob, title="Bob's")

    response = bob.client.patch(
        f"/api/writing/{bobs['id']}", json={"application_ids": [application["id"]]}
    )

    assert response.status_code == 404
    assert read_writing(bob, bobs["id"]) == bobs
    assert application_writing(alice, application["id"])["total"] == 0


def test_foreign_and_missing_ids_get_the_same_answer(alice: ApiUser, bob: ApiUser) -> None:
    writing = create_writing(alice)

    foreign = bob.client.get(f"/api/writing/{writing['id']}")
    missing = bob.client.get(f"/api/writing/{writing['id'] + 1000}")

    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["error"]["code"] == missing.json()["error"]["code"]


def test_own_list_never_holds_another_users_writing(alice: ApiUser, bob: ApiUser) -> None:
    create_writing(alice, title="Alice's salary note", tags=["shared"], kind="answer")
    create_writing(bob, title="Bob's salary note", tags=["shared"], kind="answer")

    for params in [{}, {"q": "salary"}, {"tag": "shared"}, {"kind": "answer"}]:
        page = list_writing(bob, **params)
        assert titles(page) == ["Bob's salary note"], params
        assert page["total"] == 1


def test_own_application_list_never_holds_another_users_writing(
    alice: ApiUser, bob: ApiUser
) -> None:
    bobs_application = bob.create_application()
    create_writing(alice, title="Alice's")
    create_writing(bob, title="Bob's", application_ids=[bobs_application["id"]])

    page = application_writing(bob, bobs_application["id"])

    assert titles(page) == ["Bob's"]


def test_tag_counts_are_the_users_own(alice: ApiUser, bob: ApiUser) -> None:
    create_writing(alice, tags=["shared", "alices"])
    create_writing(bob, tags=["shared"])

    assert bob.client.get("/api/writing/tags").json() == [{"name": "shared", "count": 1}]
