"""Bulk actions: one action on many of the caller's applications, all of them or none."""

from __future__ import annotations

from typing import Any

import pytest
from httpx2 import Response

from tests.applications.builders import read_application, stage_events
from tests.factories import ApiUser


def _bulk(user: ApiUser, ids: list[int], action: str, **fields: Any) -> Response:
    return user.client.post("/api/applications/bulk", json={"ids": ids, "action": action, **fields})


def _ids(applications: list[dict[str, Any]]) -> list[int]:
    return [application["id"] for application in applications]


def test_moving_records_one_stage_event_per_application_that_moves(alice: ApiUser) -> None:
    moving = [alice.create_application() for _ in range(3)]
    already = alice.create_application(stage="applied")

    response = _bulk(alice, [*_ids(moving), already["id"]], "move", stage="applied")

    assert response.status_code == 200
    assert response.json() == {"action": "move", "changed": 3}
    for application in moving:
        assert read_application(alice, application["id"])["stage"] == "applied"
        moves = [
            (event["from_stage"], event["to_stage"])
            for event in stage_events(alice, application["id"])
        ]
        assert moves == [(None, "wishlist"), ("wishlist", "applied")]
    assert len(stage_events(alice, already["id"])) == 1


def test_moving_to_applied_fills_the_applied_date_as_an_edit_does(alice: ApiUser) -> None:
    application = alice.create_application()

    _bulk(alice, [application["id"]], "move", stage="applied")

    assert read_application(alice, application["id"])["applied_on"] is not None


def test_adding_a_tag_leaves_those_that_have_it_alone(alice: ApiUser) -> None:
    tagged = alice.create_application(tags=["remote"])
    untagged = alice.create_application(tags=["python"])

    response = _bulk(alice, [tagged["id"], untagged["id"]], "add_tag", tag="  Remote ")

    assert response.json()["changed"] == 1
    assert read_application(alice, tagged["id"])["tags"] == ["remote"]
    assert read_application(alice, untagged["id"])["tags"] == ["python", "remote"]


def test_removing_a_tag(alice: ApiUser) -> None:
    first = alice.create_application(tags=["remote", "python"])
    second = alice.create_application(tags=["remote"])

    response = _bulk(alice, [first["id"], second["id"]], "remove_tag", tag="remote")

    assert response.json()["changed"] == 2
    assert read_application(alice, first["id"])["tags"] == ["python"]
    assert read_application(alice, second["id"])["tags"] == []


def test_adding_a_tag_to_one_that_is_full_changes_nothing(alice: ApiUser) -> None:
    full = alice.create_application(company="Full Co", tags=[f"tag{index}" for index in range(20)])
    other = alice.create_application()

    response = _bulk(alice, [other["id"], full["id"]], "add_tag", tag="one-more")

    assert response.status_code == 422
    assert "Full Co already has 20 tags" in response.json()["error"]["message"]
    assert read_application(alice, other["id"])["tags"] == []


def test_archive_unarchive_delete_and_restore(alice: ApiUser) -> None:
    applications = [alice.create_application() for _ in range(2)]
    ids = _ids(applications)

    assert _bulk(alice, ids, "archive").json()["changed"] == 2
    listed = alice.client.get("/api/applications", params={"archived": "only"}).json()
    assert sorted(_ids(listed["items"])) == sorted(ids)
    assert _bulk(alice, ids, "unarchive").json()["changed"] == 2
    assert _bulk(alice, ids, "delete").json()["changed"] == 2
    assert alice.client.get("/api/applications").json()["total"] == 0
    assert _bulk(alice, ids, "restore").json()["changed"] == 2
    assert alice.client.get("/api/applications").json()["total"] == 2


def test_restore_names_only_applications_in_the_trash(alice: ApiUser) -> None:
    trashed = alice.create_application()
    live = alice.create_application()
    alice.client.delete(f"/api/applications/{trashed['id']}")

    response = _bulk(alice, [trashed["id"], live["id"]], "restore")

    assert response.status_code == 404
    assert alice.client.get("/api/applications/trash").json()["total"] == 1


def test_another_users_id_answers_404_and_changes_nothing(alice: ApiUser, bob: ApiUser) -> None:
    mine = alice.create_application()
    theirs = bob.create_application()

    for action, fields in [
        ("move", {"stage": "offer"}),
        ("add_tag", {"tag": "x"}),
        ("archive", {}),
        ("delete", {}),
    ]:
        response = _bulk(alice, [mine["id"], theirs["id"]], action, **fields)
        assert response.status_code == 404, action
        assert str(theirs["id"]) in response.json()["error"]["message"]

    untouched = read_application(alice, mine["id"])
    assert (untouched["stage"], untouched["tags"], untouched["archived_at"]) == (
        "wishlist",
        [],
        None,
    )
    assert read_application(bob, theirs["id"])["stage"] == "wishlist"
    assert len(stage_events(alice, mine["id"])) == 1


def test_a_trashed_id_answers_404_for_other_actions(alice: ApiUser) -> None:
    trashed = alice.create_application()
    alice.client.delete(f"/api/applications/{trashed['id']}")

    assert _bulk(alice, [trashed["id"]], "archive").status_code == 404


def test_more_than_500_ids_are_refused(alice: ApiUser) -> None:
    application = alice.create_application()

    response = _bulk(alice, list(range(1, 502)), "move", stage="offer")

    assert response.status_code == 422
    assert "ids" in response.json()["error"]["fields"]
    assert read_application(alice, application["id"])["stage"] == "wishlist"


def test_a_hostile_list_of_ids_costs_no_more_than_500(alice: ApiUser) -> None:
    response = _bulk(alice, [2_147_483_647] * 500, "archive")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"ids": [], "action": "archive"}, "ids"),
        ({"ids": [0], "action": "archive"}, "ids.0"),
        ({"ids": [1], "action": "paint"}, "action"),
        ({"ids": [1], "action": "move"}, "stage"),
        ({"ids": [1], "action": "move", "stage": "nowhere"}, "stage"),
        ({"ids": [1], "action": "add_tag"}, "tag"),
        ({"ids": [1], "action": "add_tag", "tag": "x" * 51}, "tag"),
        ({"ids": [1], "action": "archive", "owner_id": 2}, "owner_id"),
    ],
)
def test_bad_bodies_are_refused_naming_the_field(
    alice: ApiUser, body: dict[str, Any], field: str
) -> None:
    application = alice.create_application()
    body = {**body, "ids": [application["id"] if i == 1 else i for i in body["ids"]]}

    response = alice.client.post("/api/applications/bulk", json=body)

    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["fields"]
    assert read_application(alice, application["id"])["stage"] == "wishlist"
