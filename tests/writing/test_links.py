"""Linking writing to applications: through create and patch, per application, and on delete."""

from __future__ import annotations

from tests.factories import ApiUser
from tests.writing.builders import (
    application_writing,
    create_writing,
    list_writing,
    read_writing,
    titles,
)


def test_writing_can_be_linked_to_several_applications(alice: ApiUser) -> None:
    first, second = alice.create_application(), alice.create_application()

    writing = create_writing(alice, application_ids=[second["id"], first["id"]])

    assert writing["application_ids"] == sorted([first["id"], second["id"]])
    assert read_writing(alice, writing["id"])["application_ids"] == writing["application_ids"]


def test_an_application_sent_twice_is_linked_once(alice: ApiUser) -> None:
    application = alice.create_application()

    writing = create_writing(alice, application_ids=[application["id"], application["id"]])

    assert writing["application_ids"] == [application["id"]]


def test_patch_application_ids_replaces_the_links(alice: ApiUser) -> None:
    old, kept, new = (alice.create_application() for _ in range(3))
    writing = create_writing(alice, application_ids=[old["id"], kept["id"]])

    response = alice.client.patch(
        f"/api/writing/{writing['id']}", json={"application_ids": [kept["id"], new["id"]]}
    )

    assert response.status_code == 200
    assert response.json()["application_ids"] == [kept["id"], new["id"]]
    assert read_writing(alice, writing["id"])["application_ids"] == [kept["id"], new["id"]]


def test_patch_with_no_application_ids_unlinks_everything(alice: ApiUser) -> None:
    application = alice.create_application()
    writing = create_writing(alice, application_ids=[application["id"]])

    alice.client.patch(f"/api/writing/{writing['id']}", json={"application_ids": []})

    assert read_writing(alice, writing["id"])["application_ids"] == []
    assert application_writing(alice, application["id"])["total"] == 0


def test_patch_without_application_ids_keeps_the_links(alice: ApiUser) -> None:
    application = alice.create_application()
    writing = create_writing(alice, application_ids=[application["id"]])

    alice.client.patch(f"/api/writing/{writing['id']}", json={"title": "Renamed"})

    assert read_writing(alice, writing["id"])["application_ids"] == [application["id"]]


def test_linking_to_another_users_application_is_404_and_creates_nothing(
    alice: ApiUser, bob: ApiUser
) -> None:
    mine = alice.create_application()
    bobs = bob.create_application()

    response = alice.client.post(
        "/api/writing",
        json={"title": "Sneaky", "tags": ["spy"], "application_ids": [mine["id"], bobs["id"]]},
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert list_writing(alice)["total"] == 0
    assert alice.client.get("/api/writing/tags").json() == []
    assert application_writing(bob, bobs["id"])["total"] == 0


def test_linking_to_a_missing_application_is_404(alice: ApiUser) -> None:
    response = alice.client.post("/api/writing", json={"title": "Lost", "application_ids": [999]})

    assert response.status_code == 404
    assert list_writing(alice)["total"] == 0


def test_relinking_to_another_users_application_is_404_and_changes_nothing(
    alice: ApiUser, bob: ApiUser
) -> None:
    mine = alice.create_application()
    bobs = bob.create_application()
    writing = create_writing(alice, title="Kept", application_ids=[mine["id"]])

    response = alice.client.patch(
        f"/api/writing/{writing['id']}", json={"title": "Changed", "application_ids": [bobs["id"]]}
    )

    assert response.status_code == 404
    assert read_writing(alice, writing["id"]) == writing
    assert application_writing(bob, bobs["id"])["total"] == 0


def test_deleting_a_linked_application_keeps_the_writing(alice: ApiUser) -> None:
    gone, kept = alice.create_application(), alice.create_application()
    writing = create_writing(alice, title="Survivor", application_ids=[gone["id"], kept["id"]])

    assert alice.client.delete(f"/api/applications/{gone['id']}").status_code == 204

    stored = read_writing(alice, writing["id"])
    assert stored["title"] == "Survivor"
    assert stored["application_ids"] == [kept["id"]]


def test_deleting_writing_keeps_its_applications(alice: ApiUser) -> None:
    application = alice.create_application()
    writing = create_writing(alice, application_ids=[application["id"]])

    alice.client.delete(f"/api/writing/{writing['id']}")

    assert alice.client.get(f"/api/applications/{application['id']}").status_code == 200
    assert application_writing(alice, application["id"])["items"] == []


def test_application_writing_lists_only_what_is_linked_to_it(alice: ApiUser) -> None:
    application, other = alice.create_application(), alice.create_application()
    create_writing(alice, title="Linked", application_ids=[application["id"]])
    create_writing(alice, title="Both", application_ids=[application["id"], other["id"]])
    create_writing(alice, title="Elsewhere", application_ids=[other["id"]])
    create_writing(alice, title="Unlinked")

    page = application_writing(alice, application["id"])

    assert sorted(titles(page)) == ["Both", "Linked"]
    assert page["total"] == 2


def test_application_writing_is_paginated(alice: ApiUser) -> None:
    application = alice.create_application()
    for _ in range(3):
        create_writing(alice, application_ids=[application["id"]])

    page = application_writing(alice, application["id"], limit=2, offset=2)

    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 2)
    assert len(page["items"]) == 1


def test_application_writing_of_a_missing_application_is_404(alice: ApiUser) -> None:
    response = alice.client.get("/api/applications/4242/writing")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_listing_loads_links_for_the_whole_page_at_once(
    alice: ApiUser, statements: list[str]
) -> None:
    applications = [alice.create_application() for _ in range(3)]
    create_writing(alice, tags=["one"], application_ids=[applications[0]["id"]])
    statements.clear()
    list_writing(alice)
    with_one = len(statements)
    for application in applications:
        create_writing(alice, tags=["many"], application_ids=[application["id"]])

    statements.clear()
    page = list_writing(alice)

    assert page["total"] == 4
    assert len(statements) == with_one
