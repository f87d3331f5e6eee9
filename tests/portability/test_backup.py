"""Full backup and restore: the round trip, an empty account only, the checks, the quotas."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jobtracker.config import Settings
from tests.applications.builders import EVERY_FIELD
from tests.assistant.builders import ask
from tests.contacts.builders import create_contact
from tests.deliverables.builders import create_deliverable
from tests.factories import ApiUser
from tests.instance.builders import storage_used
from tests.interviews.builders import create_interview
from tests.portability.builders import (
    application_count,
    comparable,
    export_backup,
    restore_backup,
)
from tests.writing.builders import create_writing

RESUME = b"Resume: eight years of Go at Contoso."


def fill_account(user: ApiUser) -> None:
    """Something of every kind an account holds, linked the ways they can be."""
    first = user.create_application(**EVERY_FIELD)
    second = user.create_application(company='Beta; Inc, "quoted"', role="Ops", tags=["x"])
    user.create_application(company="Gamma", role="Dev", stage="applied")
    moved = user.client.patch(f"/api/applications/{second['id']}", json={"stage": "rejected"})
    assert moved.status_code == 200, moved.text
    create_deliverable(
        user, first["id"], title="Essay", kind="essay", due_at="2026-12-01T17:00:00Z"
    )
    create_deliverable(user, first["id"], title="Form", state="done", content="Sent.")
    create_deliverable(user, second["id"], title="Take-home", kind="coding_task")
    priya = create_contact(
        user, first["id"], name="Priya", email="priya@example.com", phone="+49 30 1"
    )
    create_interview(
        user,
        first["id"],
        kind="technical",
        starts_at="2030-03-11T09:30",
        time_zone="America/Los_Angeles",
        contact_ids=[priya["id"]],
        debrief="Went well",
    )
    create_writing(
        user,
        title="Why us",
        kind="answer",
        body="# Because",
        tags=["Core"],
        application_ids=[second["id"], first["id"]],
    )
    create_writing(user, title="Loose note")
    uploaded = user.client.post(
        "/api/documents",
        files=[
            ("files", ("resume.txt", RESUME, "text/plain")),
            ("files", ("letter.md", b"# Dear team\n\nHello.", "text/markdown")),
        ],
        data={"application_id": str(first["id"])},
    )
    assert uploaded.status_code == 201, uploaded.text
    ask(user, first["id"], "How should I prepare for the interview?")
    set_preferences(user)


def set_preferences(user: ApiUser) -> None:
    """A time zone, a board of the user's own and nudge rules of their own."""
    changes = [
        user.client.patch("/api/me", json={"time_zone": "Asia/Kolkata"}),
        user.client.put(
            "/api/board/layout",
            json={
                "stages": [
                    {"stage": "applied", "label": "Sent"},
                    {"stage": "drafting", "hidden": True},
                    {"stage": "rejected", "collapsed": False},
                ]
            },
        ),
        user.client.patch(
            "/api/notification-rules", json={"follow_up_days": 10, "thank_you": False}
        ),
    ]
    for response in changes:
        assert response.status_code == 200, response.text


@pytest.fixture
def filled_alice(alice: ApiUser) -> ApiUser:
    fill_account(alice)
    return alice


def test_the_backup_is_a_versioned_document_of_everything(filled_alice: ApiUser) -> None:
    document = export_backup(filled_alice)

    assert (document["format"], document["version"]) == ("jobtracker-backup", 2)
    assert document["user"] == {"email": "alice@example.com", "display_name": "Alice"}
    first = document["applications"][0]
    assert first["ref"] == "application-1"
    assert first["company"] == "Acme Robotics"
    assert [event["to_stage"] for event in document["applications"][1]["stage_events"]] == [
        "wishlist",
        "rejected",
    ]
    assert [deliverable["title"] for deliverable in first["deliverables"]] == ["Essay", "Form"]
    assert first["contacts"][0]["email"] == "priya@example.com"
    assert document["writing"][0]["applications"] == ["application-1", "application-2"]
    resume = next(doc for doc in document["documents"] if doc["filename"] == "resume.txt")
    assert base64.b64decode(resume["content_base64"]) == RESUME
    assert resume["sha256"] == hashlib.sha256(RESUME).hexdigest()
    assert resume["applications"] == ["application-1"]
    roles = [message["role"] for message in document["assistant_messages"]]
    assert roles == ["user", "assistant"]
    assert "id" not in first
    assert "owner_id" not in first


def test_the_download_is_named_and_private(filled_alice: ApiUser) -> None:
    response = filled_alice.client.get("/api/export/backup.json")

    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-disposition"].startswith(
        'attachment; filename="jobtracker-backup-'
    )
    assert response.headers["cache-control"] == "private, no-store"


def test_restoring_into_a_new_account_and_exporting_again_gives_the_same_backup(
    filled_alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    original = export_backup(filled_alice)
    newcomer = make_user(email="newcomer@example.com")

    response = restore_backup(newcomer, original)

    assert response.status_code == 201, response.text
    assert response.json() == {
        "applications": 3,
        "deliverables": 3,
        "contacts": 1,
        "interviews": 1,
        "writing": 2,
        "documents": 2,
        "assistant_messages": 2,
    }
    assert comparable(export_backup(newcomer)) == comparable(original)


def test_a_restore_brings_the_accounts_own_settings(
    filled_alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    newcomer = make_user(email="newcomer@example.com")

    assert restore_backup(newcomer, export_backup(filled_alice)).status_code == 201

    assert newcomer.client.get("/api/me").json()["time_zone"] == "Asia/Kolkata"
    columns = {
        column["stage"]: column
        for column in newcomer.client.get("/api/board/layout").json()["stages"]
    }
    assert columns["applied"]["label"] == "Sent"
    assert columns["drafting"]["hidden"] is True
    assert columns["rejected"]["collapsed"] is False
    rules = newcomer.client.get("/api/notification-rules").json()
    assert (rules["follow_up_days"], rules["thank_you"], rules["ghosted_days"]) == (10, False, 30)


def test_a_backup_without_settings_leaves_the_accounts_own(
    filled_alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    """Backups made before settings were kept restore as they did."""
    backup = export_backup(filled_alice)
    del backup["preferences"]
    newcomer = make_user(email="newcomer@example.com")

    assert restore_backup(newcomer, backup).status_code == 201

    assert newcomer.client.get("/api/me").json()["time_zone"] == "UTC"
    assert newcomer.client.get("/api/notification-rules").json()["follow_up_days"] == 7


def test_restored_data_is_usable_through_the_api(
    filled_alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    newcomer = make_user()
    restore_backup(newcomer, export_backup(filled_alice))

    applications = newcomer.client.get("/api/applications", params={"sort": "created_at"}).json()
    acme = applications["items"][0]
    documents = newcomer.client.get("/api/documents", params={"application_id": acme["id"]})
    resume = next(doc for doc in documents.json()["items"] if doc["filename"] == "resume.txt")
    content = newcomer.client.get(f"/api/documents/{resume['id']}/content")

    assert acme["next_deliverable"]["title"] == "Essay"
    assert content.content == RESUME


def test_a_backup_is_accepted_as_a_json_body(
    filled_alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    newcomer = make_user()

    response = newcomer.client.post("/api/import/backup", json=export_backup(filled_alice))

    assert response.status_code == 201, response.text
    assert application_count(newcomer) == 3


def test_restoring_into_an_account_that_has_data_is_refused(
    filled_alice: ApiUser, bob: ApiUser
) -> None:
    bob.create_application(company="Bob's own")

    response = restore_backup(bob, export_backup(filled_alice))

    assert response.status_code == 409
    assert "1 applications" in response.json()["error"]["message"]
    assert application_count(bob) == 1


def test_restoring_twice_is_refused_the_second_time(
    filled_alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    newcomer = make_user()
    document = export_backup(filled_alice)
    restore_backup(newcomer, document)

    assert restore_backup(newcomer, document).status_code == 409
    assert application_count(newcomer) == 3


def _problems(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.text
    fields: dict[str, str] = response.json()["error"]["fields"]
    return fields


def test_bad_data_is_refused_with_paths_and_nothing_is_written(
    filled_alice: ApiUser, bob: ApiUser
) -> None:
    document = export_backup(filled_alice)
    document["applications"][2]["stage"] = "dreaming"
    document["applications"][0]["deliverables"][1]["due_at"] = "next week"

    problems = _problems(restore_backup(bob, document))

    assert set(problems) == {
        "applications.2.stage",
        "applications.0.deliverables.1.due_at",
    }
    assert application_count(bob) == 0


def test_references_to_applications_that_are_not_there_are_refused(
    filled_alice: ApiUser, bob: ApiUser
) -> None:
    document = export_backup(filled_alice)
    document["writing"][0]["applications"] = ["application-1", "application-99"]
    document["assistant_messages"][0]["application"] = "nowhere"

    problems = _problems(restore_backup(bob, document))

    assert set(problems) == {"writing.0.applications.1", "assistant_messages.0.application"}
    assert application_count(bob) == 0


def test_a_document_whose_bytes_do_not_match_its_hash_is_refused(
    filled_alice: ApiUser, bob: ApiUser
) -> None:
    document = export_backup(filled_alice)
    document["documents"][0]["content_base64"] = base64.b64encode(b"tampered").decode()

    problems = _problems(restore_backup(bob, document))

    assert "documents.0.sha256" in problems
    assert bob.client.get("/api/documents").json()["total"] == 0


def test_a_backup_from_a_newer_version_is_refused_as_such(
    filled_alice: ApiUser, bob: ApiUser
) -> None:
    document = export_backup(filled_alice)
    document["version"] = 3

    response = restore_backup(bob, document)

    assert "version" in _problems(response)
    assert "newer" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "content",
    [b'{"applications": []}', b"[1, 2]", b"not json at all", b'{"format": "jobtracker-backup"'],
)
def test_a_file_that_is_not_a_backup_is_refused(bob: ApiUser, content: bytes) -> None:
    response = restore_backup(bob, content)

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) & {"format", "file"}


def test_unknown_fields_are_refused(filled_alice: ApiUser, bob: ApiUser) -> None:
    document = export_backup(filled_alice)
    document["applications"][0]["owner_id"] = 1

    assert "applications.0.owner_id" in _problems(restore_backup(bob, document))


def test_a_backup_over_the_application_quota_restores_nothing(
    filled_alice: ApiUser, bob: ApiUser, settings: Settings
) -> None:
    document = export_backup(filled_alice)
    settings.max_applications_per_user = 2

    response = restore_backup(bob, document)

    assert response.status_code == 403
    assert "Only 2 of these 3" in response.json()["error"]["message"]
    assert application_count(bob) == 0


def test_a_backup_over_the_storage_quota_restores_nothing(
    filled_alice: ApiUser, bob: ApiUser, settings: Settings
) -> None:
    document = export_backup(filled_alice)
    big = b"x" * 1_100_000
    document["documents"].append(
        {
            **document["documents"][0],
            "filename": "big.txt",
            "media_type": "text/plain",
            "content_base64": base64.b64encode(big).decode(),
            "sha256": hashlib.sha256(big).hexdigest(),
            "size_bytes": len(big),
            "applications": [],
        }
    )
    settings.max_storage_mb_per_user = 1

    response = restore_backup(bob, document)

    assert response.status_code == 403, response.text
    assert "storage" in response.json()["error"]["message"]
    assert application_count(bob) == 0


def test_restoring_needs_a_file_or_a_json_body(bob: ApiUser) -> None:
    response = bob.client.post(
        "/api/import/backup", content=b"x", headers={"content-type": "text/plain"}
    )

    assert response.status_code == 415


def test_backup_routes_need_a_session(client: TestClient) -> None:
    assert client.get("/api/export/backup.json").status_code == 401
    assert client.post("/api/import/backup", json={}).status_code == 401


def test_the_backup_holds_nothing_of_anyone_else(filled_alice: ApiUser, bob: ApiUser) -> None:
    bob.create_application(company="Bob's")

    document = export_backup(bob)

    assert [application["company"] for application in document["applications"]] == ["Bob's"]
    assert document["writing"] == document["documents"] == document["assistant_messages"] == []
    assert json.dumps(document).count("Acme") == 0


def test_a_file_nested_deeper_than_any_backup_is_refused(bob: ApiUser) -> None:
    # json.loads recursed until RecursionError on this: a 500 before.
    response = restore_backup(bob, b"[" * 100_000)

    assert _problems(response) == {"file": "nested more than 200 levels deep"}
    assert "levels deep" in response.json()["error"]["message"]


@pytest.mark.parametrize("name", ["input_tokens", "output_tokens"])
def test_a_token_count_larger_than_the_database_holds_is_refused(
    filled_alice: ApiUser, bob: ApiUser, name: str
) -> None:
    # SQLite refused 10**30 mid-restore with an OverflowError: a 500 before.
    document = export_backup(filled_alice)
    document["assistant_messages"][1][name] = 10**30

    assert set(_problems(restore_backup(bob, document))) == {f"assistant_messages.1.{name}"}
    assert application_count(bob) == 0


@pytest.mark.parametrize(
    "moment", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "3000-01-01T00:00:00Z"]
)
def test_moments_outside_the_years_1900_to_2999_are_refused_with_their_paths(
    filled_alice: ApiUser, bob: ApiUser, moment: str
) -> None:
    document = export_backup(filled_alice)
    document["exported_at"] = moment
    first = document["applications"][0]
    first["created_at"] = moment
    first["stage_events"][0]["at"] = moment
    first["deliverables"][0]["due_at"] = moment
    document["assistant_messages"][0]["created_at"] = moment

    problems = _problems(restore_backup(bob, document))

    assert set(problems) == {
        "exported_at",
        "applications.0.created_at",
        "applications.0.stage_events.0.at",
        "applications.0.deliverables.0.due_at",
        "assistant_messages.0.created_at",
    }
    assert application_count(bob) == 0


def test_a_backup_whose_text_passes_the_storage_quota_restores_nothing(
    filled_alice: ApiUser, bob: ApiUser, settings: Settings
) -> None:
    # Small files, but much text: the quota once counted only the files' bytes.
    document = export_backup(filled_alice)
    document["documents"][0]["extracted_text"] = "x" * 600_000
    answer = document["assistant_messages"][1]
    document["assistant_messages"] += [{**answer, "content": "y" * 90_000} for _ in range(6)]
    settings.max_storage_mb_per_user = 1

    response = restore_backup(bob, document)

    assert response.status_code == 403, response.text
    error = response.json()["error"]
    assert error["code"] == "quota_exceeded"
    assert error["message"].startswith("This backup would add 1.1 MB")
    assert application_count(bob) == 0
    assert storage_used(bob) == 0


@pytest.mark.parametrize(("field", "length"), [("content", 100_001), ("error", 2_001)])
def test_a_restored_assistant_message_with_overlong_text_is_refused(
    filled_alice: ApiUser, bob: ApiUser, field: str, length: int
) -> None:
    document = export_backup(filled_alice)
    document["assistant_messages"][1][field] = "y" * length

    assert set(_problems(restore_backup(bob, document))) == {f"assistant_messages.1.{field}"}
    assert application_count(bob) == 0


def test_a_nul_character_anywhere_is_refused_with_its_path(
    filled_alice: ApiUser, bob: ApiUser
) -> None:
    # PostgreSQL text cannot hold NUL: before, the restore failed in the database, unnamed.
    document = export_backup(filled_alice)
    document["assistant_messages"][0]["content"] = "hello\x00"
    document["applications"][1]["company"] = "\x00"

    problems = _problems(restore_backup(bob, document))

    assert set(problems) == {"assistant_messages.0.content", "applications.1.company"}
    assert "NUL character" in problems["applications.1.company"]
    assert application_count(bob) == 0
