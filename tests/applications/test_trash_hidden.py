"""An application in the trash is invisible everywhere but the trash; an archived one is kept
in analytics, exports and backups."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.applications.duplicates import DuplicateFinder
from tests.documents.builders import upload_one
from tests.factories import ApiUser
from tests.portability.builders import (
    create_feed,
    csv_records,
    events,
    export_backup,
    export_csv,
    read_feed,
    restore_backup,
)

POSTING = "https://boards.greenhouse.io/acme/jobs/4012345"


def _trashed(user: ApiUser, **fields: Any) -> dict[str, Any]:
    application = user.create_application(**fields)
    assert user.client.delete(f"/api/applications/{application['id']}").status_code == 204
    return application


def _restore(user: ApiUser, application_id: int) -> None:
    response = user.client.post(f"/api/applications/trash/{application_id}/restore")
    assert response.status_code == 200, response.text


def test_its_deliverables_are_hidden_until_it_is_restored(alice: ApiUser) -> None:
    application = alice.create_application()
    deliverable = alice.client.post(
        f"/api/applications/{application['id']}/deliverables",
        json={"title": "Essay", "due_at": "2026-12-20T12:00:00Z"},
    ).json()
    alice.client.delete(f"/api/applications/{application['id']}")

    assert alice.client.get("/api/deliverables").json()["total"] == 0
    assert alice.client.get(f"/api/deliverables/{deliverable['id']}").status_code == 404
    listed = alice.client.get(f"/api/applications/{application['id']}/deliverables")
    assert listed.status_code == 404

    _restore(alice, application["id"])
    assert alice.client.get(f"/api/deliverables/{deliverable['id']}").status_code == 200
    assert alice.client.get("/api/deliverables").json()["total"] == 1


def test_its_contacts_are_hidden(alice: ApiUser) -> None:
    application = alice.create_application(company="Hidden Co")
    contact = alice.client.post(
        f"/api/applications/{application['id']}/contacts", json={"name": "Grace"}
    ).json()
    alice.client.delete(f"/api/applications/{application['id']}")

    assert alice.client.get("/api/contacts").json()["total"] == 0
    assert alice.client.get("/api/contacts", params={"q": "hidden"}).json()["total"] == 0
    assert alice.client.get(f"/api/contacts/{contact['id']}").status_code == 404


def test_links_to_it_from_writing_and_documents_are_hidden_and_kept(alice: ApiUser) -> None:
    kept = alice.create_application()
    trashed = alice.create_application()
    writing = alice.client.post(
        "/api/writing", json={"title": "Note", "application_ids": [kept["id"], trashed["id"]]}
    ).json()
    document = upload_one(alice, "cv.txt", b"My CV", "text/plain", application_id=trashed["id"])
    alice.client.delete(f"/api/applications/{trashed['id']}")

    shown = alice.client.get(f"/api/writing/{writing['id']}").json()
    assert shown["application_ids"] == [kept["id"]]
    assert alice.client.get(f"/api/documents/{document['id']}").json()["applications"] == []
    # Editing the links meanwhile keeps the hidden one, for when it comes back.
    alice.client.patch(f"/api/writing/{writing['id']}", json={"application_ids": [kept["id"]]})
    alice.client.patch(f"/api/documents/{document['id']}", json={"application_ids": []})

    _restore(alice, trashed["id"])
    shown = alice.client.get(f"/api/writing/{writing['id']}").json()
    assert sorted(shown["application_ids"]) == [kept["id"], trashed["id"]]
    linked = alice.client.get(f"/api/documents/{document['id']}").json()["applications"]
    assert [application["id"] for application in linked] == [trashed["id"]]


def test_linking_writing_to_it_answers_404(alice: ApiUser) -> None:
    trashed = _trashed(alice)

    response = alice.client.post(
        "/api/writing", json={"title": "Note", "application_ids": [trashed["id"]]}
    )

    assert response.status_code == 404


def test_it_is_left_out_of_analytics(alice: ApiUser) -> None:
    alice.create_application(stage="applied")
    _trashed(alice, stage="interview")

    analytics = alice.client.get("/api/analytics").json()

    assert analytics["totals"]["applications"]["value"] == 1
    assert analytics["rates"]["interview"]["numerator"] == 0


def test_it_is_left_out_of_the_calendar_feed(alice: ApiUser, client: TestClient) -> None:
    alice.create_application(company="Kept", deadline="2026-12-15")
    _trashed(alice, company="Trashed", deadline="2026-12-16", stage="interview")

    summaries = set(events(read_feed(client, create_feed(alice))))

    assert "Application deadline — Kept" in summaries
    assert not [summary for summary in summaries if "Trashed" in summary]


def test_the_spreadsheet_export_leaves_it_out_and_archived_ones_follow_the_filter(
    alice: ApiUser,
) -> None:
    alice.create_application(company="Kept")
    archived = alice.create_application(company="Archived")
    alice.client.post(f"/api/applications/{archived['id']}/archive")
    _trashed(alice, company="Trashed")

    default = [row["Company"] for row in csv_records(export_csv(alice))]
    everything = [row["Company"] for row in csv_records(export_csv(alice, archived="include"))]

    assert default == ["Kept"]
    assert sorted(everything) == ["Archived", "Kept"]


def test_the_spreadsheet_export_takes_the_selected_ids(alice: ApiUser) -> None:
    first = alice.create_application(company="First")
    alice.create_application(company="Second")
    third = alice.create_application(company="Third")

    response = export_csv(alice, id=[first["id"], third["id"]])

    assert sorted(row["Company"] for row in csv_records(response)) == ["First", "Third"]


def test_the_backup_leaves_the_trash_out_and_keeps_archived_ones_archived(
    alice: ApiUser, bob: ApiUser
) -> None:
    alice.create_application(company="Kept")
    archived = alice.create_application(company="Archived")
    archived_at = alice.client.post(f"/api/applications/{archived['id']}/archive").json()[
        "archived_at"
    ]
    _trashed(alice, company="Trashed")

    backup = export_backup(alice)
    assert sorted(item["company"] for item in backup["applications"]) == ["Archived", "Kept"]

    assert restore_backup(bob, backup).status_code == 201
    restored = bob.client.get("/api/applications", params={"archived": "only"}).json()["items"]
    assert [(item["company"], item["archived_at"]) for item in restored] == [
        ("Archived", archived_at)
    ]


def test_capture_and_import_do_not_call_it_a_duplicate(app: FastAPI, alice: ApiUser) -> None:
    _trashed(alice, company="Acme", role="Engineer", job_url=POSTING)

    with app.state.session_factory() as session:
        finder = DuplicateFinder.for_owner(session, alice.id)
        assert finder.find(job_url=POSTING, company="Acme", role="Engineer") is None
