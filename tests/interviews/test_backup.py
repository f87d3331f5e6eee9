"""Interviews travel in the backup: with their zone, outcome and people; old backups restore."""

from __future__ import annotations

from collections.abc import Callable

from tests.factories import ApiUser
from tests.interviews.builders import create_contact, create_interview
from tests.portability.builders import comparable, export_backup, restore_backup


def test_interviews_round_trip_with_their_people(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    application = alice.create_application(company="Acme")
    create_contact(alice, application["id"], "Not met")
    met = create_contact(alice, application["id"], "Manny Manager")
    create_interview(
        alice,
        application["id"],
        kind="panel",
        starts_at="2030-01-15T09:30",
        time_zone="Asia/Kolkata",
        duration_minutes=120,
        location="Bengaluru office",
        meeting_url="https://meet.example/x",
        contact_ids=[met["id"]],
        prep_notes="STAR stories",
        outcome="advanced",
        debrief="Panel liked the design answer",
    )
    original = export_backup(alice)
    newcomer = make_user()

    response = restore_backup(newcomer, original)

    assert response.status_code == 201, response.text
    assert response.json()["interviews"] == 1
    [interview] = original["applications"][0]["interviews"]
    assert interview["contacts"] == [1]
    assert interview["time_zone"] == "Asia/Kolkata"
    restored_application = newcomer.client.get("/api/applications").json()["items"][0]
    [restored] = newcomer.client.get(
        f"/api/applications/{restored_application['id']}/interviews"
    ).json()["items"]
    assert restored["local_start"] == "2030-01-15T09:30"
    assert [contact["name"] for contact in restored["contacts"]] == ["Manny Manager"]
    assert restored["debrief"] == "Panel liked the design answer"
    assert comparable(export_backup(newcomer)) == comparable(original)


def test_a_version_1_backup_without_interviews_still_restores(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    alice.create_application(company="Acme")
    document = export_backup(alice)
    document["version"] = 1
    for application in document["applications"]:
        del application["interviews"]

    response = restore_backup(make_user(), document)

    assert response.status_code == 201, response.text
    assert response.json()["applications"] == 1


def test_an_interview_naming_a_contact_that_is_not_there_is_refused(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    application = alice.create_application(company="Acme")
    create_interview(alice, application["id"])
    document = export_backup(alice)
    document["applications"][0]["interviews"][0]["contacts"] = [3]
    newcomer = make_user()

    response = restore_backup(newcomer, document)

    assert response.status_code == 422
    assert "applications.0" in response.json()["error"]["fields"]
    assert newcomer.client.get("/api/applications").json()["total"] == 0


def test_an_unknown_zone_in_a_backup_is_refused_with_its_path(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    application = alice.create_application(company="Acme")
    create_interview(alice, application["id"])
    document = export_backup(alice)
    document["applications"][0]["interviews"][0]["time_zone"] = "Mars/Base"

    response = restore_backup(make_user(), document)

    assert response.status_code == 422
    assert "applications.0.interviews.0.time_zone" in response.json()["error"]["fields"]
