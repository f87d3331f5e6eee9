"""When an application entered its current stage is kept on every path that sets a stage."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import FastAPI
from sqlalchemy import text, update

from jobtracker.applications.models import Application
from tests.applications.builders import read_application, stage_events
from tests.factories import ApiUser
from tests.portability.builders import export_backup, import_csv, make_csv, restore_backup


def _entered(user: ApiUser, application_id: int) -> str:
    return str(read_application(user, application_id)["stage_entered_at"])


def _last_event_at(user: ApiUser, application_id: int) -> str:
    return str(stage_events(user, application_id)[-1]["at"])


def test_a_new_application_entered_its_stage_when_it_was_created(alice: ApiUser) -> None:
    created = alice.create_application(stage="applied")

    assert created["stage_entered_at"] == created["created_at"]
    assert _entered(alice, created["id"]) == created["created_at"]


def test_a_stage_change_sets_it_to_the_time_of_the_move(alice: ApiUser) -> None:
    created = alice.create_application()

    moved = alice.client.patch(f"/api/applications/{created['id']}", json={"stage": "applied"})

    assert moved.status_code == 200
    assert moved.json()["stage_entered_at"] == moved.json()["updated_at"]
    assert _entered(alice, created["id"]) == moved.json()["updated_at"]
    assert _last_event_at(alice, created["id"]) == moved.json()["updated_at"]


def test_an_edit_that_keeps_the_stage_keeps_it(alice: ApiUser) -> None:
    created = alice.create_application(stage="applied")

    edited = alice.client.patch(
        f"/api/applications/{created['id']}", json={"notes": "Called them", "stage": "applied"}
    )

    assert edited.status_code == 200
    assert edited.json()["updated_at"] != created["updated_at"]
    assert _entered(alice, created["id"]) == created["stage_entered_at"]


def test_a_board_move_to_another_column_sets_it(alice: ApiUser) -> None:
    created = alice.create_application()

    moved = alice.client.post(f"/api/board/cards/{created['id']}/move", json={"stage": "drafting"})

    assert moved.status_code == 200, moved.text
    assert moved.json()["stage_entered_at"] == moved.json()["updated_at"]
    assert _entered(alice, created["id"]) == _last_event_at(alice, created["id"])


def test_a_board_move_within_its_column_keeps_it(alice: ApiUser) -> None:
    first = alice.create_application()
    second = alice.create_application()

    moved = alice.client.post(
        f"/api/board/cards/{second['id']}/move", json={"stage": "wishlist", "after_id": first["id"]}
    )

    assert moved.status_code == 200, moved.text
    assert moved.json()["stage_entered_at"] == second["stage_entered_at"]
    assert moved.json()["updated_at"] == second["updated_at"]


def test_imported_applications_entered_their_stage_on_import(alice: ApiUser) -> None:
    before = datetime.now(UTC)
    response = import_csv(
        alice, make_csv([["Company", "Role", "Stage"], ["Acme", "Engineer", "Interview"]])
    )
    assert response.status_code == 201, response.text

    [card] = alice.client.get("/api/board/cards").json()["items"]

    assert card["stage"] == "interview"
    assert datetime.fromisoformat(card["stage_entered_at"]) >= before.replace(microsecond=0)
    assert card["stage_entered_at"] == _last_event_at(alice, card["id"])


def test_a_restored_application_entered_its_stage_at_its_last_move(
    alice: ApiUser, bob: ApiUser
) -> None:
    created = alice.create_application()
    moved = alice.client.patch(f"/api/applications/{created['id']}", json={"stage": "screening"})
    backup = export_backup(alice)

    response = restore_backup(bob, backup)

    assert response.status_code == 201, response.text
    [card] = bob.client.get("/api/board/cards").json()["items"]
    assert card["stage_entered_at"] == moved.json()["stage_entered_at"]


def test_a_bulk_update_of_many_rows_sets_it_in_the_database(app: FastAPI, alice: ApiUser) -> None:
    """Any statement that moves applications, not only the ORM's, keeps it (the triggers)."""
    first = alice.create_application()
    second = alice.create_application(stage="applied")
    moved_at = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)

    with app.state.session_factory() as session:
        session.execute(
            update(Application)
            .where(Application.owner_id == alice.id)
            .values(stage="interview", updated_at=moved_at)
        )
        session.commit()

    for application in (first, second):
        assert datetime.fromisoformat(_entered(alice, application["id"])) == moved_at
        assert _last_event_at(alice, application["id"]) == _entered(alice, application["id"])


def test_a_row_inserted_without_it_gets_its_creation_time(app: FastAPI, alice: ApiUser) -> None:
    with app.state.session_factory() as session:
        session.execute(
            text(
                "INSERT INTO applications (owner_id, company, role, stage, priority, created_at,"
                " updated_at) VALUES (:owner, 'Acme', 'Engineer', 'offer', 'medium',"
                " '2029-05-06 07:08:09', '2029-05-06 07:08:09')"
            ),
            {"owner": alice.id},
        )
        session.commit()

    [card] = alice.client.get("/api/board/cards").json()["items"]
    assert datetime.fromisoformat(card["stage_entered_at"]) == datetime(
        2029, 5, 6, 7, 8, 9, tzinfo=UTC
    )


def test_a_bulk_move_sets_it_for_each_application_that_changes_stage(alice: ApiUser) -> None:
    moving = alice.create_application()
    staying = alice.create_application(stage="applied")

    response = alice.client.post(
        "/api/applications/bulk",
        json={"ids": [moving["id"], staying["id"]], "action": "move", "stage": "applied"},
    )

    assert response.status_code == 200, response.text
    assert _entered(alice, moving["id"]) == _last_event_at(alice, moving["id"])
    assert _entered(alice, moving["id"]) != moving["stage_entered_at"]
    assert _entered(alice, staying["id"]) == staying["stage_entered_at"]
