"""Backups carry document kinds, versions and what each application was sent with, and a
restore brings them back with the new ids."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.documents.test_versions import text_file
from tests.factories import ApiUser
from tests.portability.builders import comparable, export_backup, restore_backup


@pytest.fixture
def versioned_alice(alice: ApiUser) -> ApiUser:
    """Resume v1 and v2, a cover letter, an application sent with v2 and the letter, and one
    sent with a resume deleted since."""
    acme = alice.create_application(company="Acme")["id"]
    globex = alice.create_application(company="Globex")["id"]
    first = text_file(alice, "resume.txt")
    text_file(alice, "resume-v2.txt", version_of=first["id"], application_id=acme)
    text_file(alice, "cover-acme.txt", application_id=acme)
    gone = text_file(alice, "old-cv.txt", application_id=globex)
    for application_id in (acme, globex):
        alice.client.patch(f"/api/applications/{application_id}", json={"stage": "applied"})
    alice.client.delete(f"/api/documents/{gone['id']}")
    return alice


def documents_by_name(user: ApiUser) -> dict[str, dict[str, Any]]:
    items = user.client.get("/api/documents").json()["items"]
    return {item["filename"]: item for item in items}


def sent_by_company(user: ApiUser) -> dict[str, dict[str, Any]]:
    shown = {}
    for application in user.client.get("/api/applications").json()["items"]:
        response = user.client.get(f"/api/applications/{application['id']}/sent-documents")
        shown[application["company"]] = response.json()
    return shown


def test_the_backup_names_versions_kinds_and_what_was_sent(versioned_alice: ApiUser) -> None:
    backup = export_backup(versioned_alice)

    documents = {document["filename"]: document for document in backup["documents"]}
    assert documents["resume.txt"]["kind"] == "resume"
    assert documents["resume.txt"]["family"] is None
    assert documents["resume-v2.txt"]["family"] == documents["resume.txt"]["ref"]
    assert documents["cover-acme.txt"]["kind"] == "cover_letter"
    sent = {(record["application"], record["kind"]): record for record in backup["sent_documents"]}
    assert len(sent) == 3
    resumes = sorted(
        (record["filename"], record["document"])
        for record in sent.values()
        if record["kind"] == "resume"
    )
    assert resumes == [("old-cv.txt", None), ("resume-v2.txt", documents["resume-v2.txt"]["ref"])]


def test_a_restore_brings_versions_kinds_and_what_was_sent(
    versioned_alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    original = export_backup(versioned_alice)
    newcomer = make_user(email="newcomer@example.com")

    response = restore_backup(newcomer, original)

    assert response.status_code == 201, response.text
    documents = documents_by_name(newcomer)
    assert documents["resume-v2.txt"]["version"] == 2
    assert documents["resume-v2.txt"]["family_id"] == documents["resume.txt"]["id"]
    assert documents["cover-acme.txt"]["kind"] == "cover_letter"
    sent = sent_by_company(newcomer)
    assert sent["Acme"]["resume"]["document_id"] == documents["resume-v2.txt"]["id"]
    assert sent["Acme"]["resume"]["version"] == 2
    assert sent["Acme"]["cover_letter"]["document_id"] == documents["cover-acme.txt"]["id"]
    assert sent["Globex"]["resume"] == {
        **sent_by_company(versioned_alice)["Globex"]["resume"],
        "document_id": None,
    }
    assert comparable(export_backup(newcomer)) == comparable(original)


def test_a_backup_from_before_kinds_guesses_them_from_the_names(
    versioned_alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    backup = export_backup(versioned_alice)
    for document in backup["documents"]:
        for name in ("ref", "kind", "family"):
            del document[name]
    del backup["sent_documents"]
    newcomer = make_user(email="newcomer@example.com")

    response = restore_backup(newcomer, backup)

    assert response.status_code == 201, response.text
    documents = documents_by_name(newcomer)
    assert documents["cover-acme.txt"]["kind"] == "cover_letter"
    assert documents["resume-v2.txt"]["kind"] == "resume"
    assert documents["resume-v2.txt"]["version"] is None


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda backup: backup["sent_documents"][0].update(document="document-99"), "document"),
        (lambda backup: backup["sent_documents"][0].update(application="nowhere"), "application"),
    ],
)
def test_a_sent_record_naming_what_is_not_in_the_backup_is_refused(
    versioned_alice: ApiUser,
    make_user: Callable[..., ApiUser],
    change: Callable[[dict[str, Any]], None],
    path: str,
) -> None:
    backup = export_backup(versioned_alice)
    change(backup)
    newcomer = make_user(email="newcomer@example.com")

    response = restore_backup(newcomer, backup)

    assert response.status_code == 422
    assert f"sent_documents.0.{path}" in response.json()["error"]["fields"]
    assert newcomer.client.get("/api/documents").json()["total"] == 0


def test_a_family_naming_a_missing_document_is_refused(
    versioned_alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    backup = export_backup(versioned_alice)
    backup["documents"][1]["family"] = "document-99"
    newcomer = make_user(email="newcomer@example.com")

    response = restore_backup(newcomer, backup)

    assert response.status_code == 422
    assert "documents.1.family" in response.json()["error"]["fields"]
