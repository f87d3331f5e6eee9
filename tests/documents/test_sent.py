"""Which resume and cover letter went out: recorded when an application is sent, by any path,
changeable, and still named after the document is replaced or deleted."""

from __future__ import annotations

from typing import Any

import pytest

from tests.documents.test_versions import text_file
from tests.factories import ApiUser


def sent(user: ApiUser, application_id: int) -> dict[str, Any]:
    response = user.client.get(f"/api/applications/{application_id}/sent-documents")
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def sent_names(user: ApiUser, application_id: int) -> tuple[str | None, str | None]:
    shown = sent(user, application_id)
    return (
        shown["resume"] and shown["resume"]["filename"],
        shown["cover_letter"] and shown["cover_letter"]["filename"],
    )


@pytest.fixture
def linked(alice: ApiUser) -> dict[str, Any]:
    """An application in the wishlist with two resumes, a cover letter and notes linked."""
    application = alice.create_application(company="Acme")
    older = text_file(alice, "resume-2025.txt", application_id=application["id"])
    newer = text_file(alice, "resume-2026.txt", application_id=application["id"])
    letter = text_file(alice, "cover-acme.txt", application_id=application["id"])
    text_file(alice, "notes.txt", application_id=application["id"])
    return {"application": application, "older": older, "newer": newer, "letter": letter}


def test_nothing_is_recorded_before_it_is_sent(alice: ApiUser, linked: dict[str, Any]) -> None:
    assert sent(alice, linked["application"]["id"]) == {"resume": None, "cover_letter": None}


def test_a_move_to_applied_records_the_newest_linked_resume_and_letter(
    alice: ApiUser, linked: dict[str, Any]
) -> None:
    application_id = linked["application"]["id"]

    alice.client.patch(f"/api/applications/{application_id}", json={"stage": "applied"})

    shown = sent(alice, application_id)
    assert shown["resume"]["document_id"] == linked["newer"]["id"]
    assert shown["resume"]["filename"] == "resume-2026.txt"
    assert shown["cover_letter"]["document_id"] == linked["letter"]["id"]


def test_a_board_move_to_applied_records_them(alice: ApiUser, linked: dict[str, Any]) -> None:
    application_id = linked["application"]["id"]

    response = alice.client.post(
        f"/api/board/cards/{application_id}/move", json={"stage": "applied", "after_id": None}
    )

    assert response.status_code == 200, response.text
    assert sent_names(alice, application_id) == ("resume-2026.txt", "cover-acme.txt")


def test_a_bulk_move_records_them_for_each(alice: ApiUser, linked: dict[str, Any]) -> None:
    first = linked["application"]["id"]
    second = alice.create_application(company="Globex")["id"]
    alice.client.patch(
        f"/api/documents/{linked['older']['id']}", json={"application_ids": [first, second]}
    )

    move = {"action": "move", "ids": [first, second], "stage": "applied"}

    response = alice.client.post("/api/applications/bulk", json=move)

    assert response.status_code == 200, response.text
    assert sent_names(alice, first) == ("resume-2026.txt", "cover-acme.txt")
    assert sent_names(alice, second) == ("resume-2025.txt", None)


def test_moving_straight_to_interview_counts_as_sent(
    alice: ApiUser, linked: dict[str, Any]
) -> None:
    application_id = linked["application"]["id"]

    alice.client.patch(f"/api/applications/{application_id}", json={"stage": "interview"})

    assert sent_names(alice, application_id) == ("resume-2026.txt", "cover-acme.txt")


def test_a_later_move_keeps_what_was_recorded(alice: ApiUser, linked: dict[str, Any]) -> None:
    application_id = linked["application"]["id"]
    alice.client.patch(f"/api/applications/{application_id}", json={"stage": "applied"})
    newest = text_file(alice, "resume-final.txt", application_id=application_id)
    assert newest["kind"] == "resume"

    for stage in ("withdrawn", "applied"):
        alice.client.patch(f"/api/applications/{application_id}", json={"stage": stage})

    assert sent_names(alice, application_id) == ("resume-2026.txt", "cover-acme.txt")


def test_choosing_another_resume_and_no_cover_letter(
    alice: ApiUser, linked: dict[str, Any]
) -> None:
    application_id = linked["application"]["id"]
    alice.client.patch(f"/api/applications/{application_id}", json={"stage": "applied"})

    response = alice.client.patch(
        f"/api/applications/{application_id}/sent-documents",
        json={"resume_id": linked["older"]["id"], "cover_letter_id": None},
    )

    assert response.status_code == 200, response.text
    assert response.json()["resume"]["filename"] == "resume-2025.txt"
    assert response.json()["cover_letter"] is None
    assert sent_names(alice, application_id) == ("resume-2025.txt", None)


def test_a_field_left_out_is_left_as_it_was(alice: ApiUser, linked: dict[str, Any]) -> None:
    application_id = linked["application"]["id"]
    alice.client.patch(f"/api/applications/{application_id}", json={"stage": "applied"})

    alice.client.patch(
        f"/api/applications/{application_id}/sent-documents",
        json={"resume_id": linked["older"]["id"]},
    )

    assert sent_names(alice, application_id) == ("resume-2025.txt", "cover-acme.txt")


def test_the_version_sent_is_shown_and_kept_after_a_newer_one(alice: ApiUser) -> None:
    application = alice.create_application(company="Initech")
    first = text_file(alice, "resume.txt")
    second = text_file(alice, "resume-v2.txt", version_of=first["id"])
    alice.client.patch(
        f"/api/documents/{second['id']}", json={"application_ids": [application["id"]]}
    )
    alice.client.patch(f"/api/applications/{application['id']}", json={"stage": "applied"})

    text_file(alice, "resume-v3.txt", version_of=first["id"])

    resume = sent(alice, application["id"])["resume"]
    assert (resume["document_id"], resume["version"], resume["filename"]) == (
        second["id"],
        2,
        "resume-v2.txt",
    )


def test_the_name_is_kept_after_the_document_is_deleted(
    alice: ApiUser, linked: dict[str, Any]
) -> None:
    application_id = linked["application"]["id"]
    alice.client.patch(f"/api/applications/{application_id}", json={"stage": "applied"})

    assert alice.client.delete(f"/api/documents/{linked['newer']['id']}").status_code == 204

    resume = sent(alice, application_id)["resume"]
    assert (resume["document_id"], resume["filename"], resume["version"]) == (
        None,
        "resume-2026.txt",
        None,
    )


def test_a_document_of_another_kind_is_refused_in_words(
    alice: ApiUser, linked: dict[str, Any]
) -> None:
    application_id = linked["application"]["id"]

    response = alice.client.patch(
        f"/api/applications/{application_id}/sent-documents",
        json={"resume_id": linked["letter"]["id"]},
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"].startswith("“cover-acme.txt” is not marked as a resume.")
    assert error["fields"] == {"resume_id": "choose a resume"}
    assert sent(alice, application_id) == {"resume": None, "cover_letter": None}


def test_another_users_document_is_refused_and_nothing_recorded(
    alice: ApiUser, bob: ApiUser, linked: dict[str, Any]
) -> None:
    bobs_application = bob.create_application(company="Bob Inc")
    response = bob.client.patch(
        f"/api/applications/{bobs_application['id']}/sent-documents",
        json={"resume_id": linked["newer"]["id"]},
    )

    assert response.status_code == 404
    assert sent(bob, bobs_application["id"]) == {"resume": None, "cover_letter": None}


@pytest.mark.parametrize(
    ("method", "body"), [("GET", None), ("PATCH", {"resume_id": None, "cover_letter_id": None})]
)
def test_another_users_application_is_404_and_keeps_its_record(
    alice: ApiUser,
    bob: ApiUser,
    linked: dict[str, Any],
    method: str,
    body: dict[str, Any] | None,
) -> None:
    application_id = linked["application"]["id"]
    alice.client.patch(f"/api/applications/{application_id}", json={"stage": "applied"})
    before = sent(alice, application_id)

    response = bob.client.request(
        method, f"/api/applications/{application_id}/sent-documents", json=body
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert sent(alice, application_id) == before


def test_an_unknown_field_is_refused(alice: ApiUser, linked: dict[str, Any]) -> None:
    response = alice.client.patch(
        f"/api/applications/{linked['application']['id']}/sent-documents",
        json={"other_id": linked["older"]["id"]},
    )

    assert response.status_code == 422
    assert "other_id" in response.json()["error"]["fields"]
