"""GET /api/applications/{id}/fit: which resume, the answers without one, and the analysis."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from jobtracker.documents.background import reader_for
from tests.documents.builders import PDF, make_pdf, read_document
from tests.factories import ApiUser
from tests.insight.fit_builders import (
    POSTING,
    ask_fit,
    fit_of,
    record_sent_resume,
    upload_resume,
)


@pytest.fixture(autouse=True)
def _stop_text_reader(app: FastAPI) -> Iterator[None]:
    yield
    reader_for(app).stop()


def test_the_fit_names_matched_and_missing_skills(alice: ApiUser) -> None:
    application = alice.create_application(job_description=POSTING)
    upload_resume(alice, "resume.txt", "Python developer. Postgres, k8s.")

    fit = fit_of(alice, application["id"])

    assert fit["state"] == "ready"
    assert fit["message"] is None
    analysis = fit["analysis"]
    assert analysis["score"] == round(100 * 3 / 3.4)
    assert {(item["skill"], item["section"]) for item in analysis["matched"]} == {
        ("Python", "required"),
        ("PostgreSQL", "required"),
        ("Kubernetes", "required"),
    }
    assert analysis["missing_required"] == []
    terraform = {"skill": "Terraform", "category": "DevOps and infrastructure"}
    assert analysis["missing_nice"] == [terraform]
    assert "Missing nice-to-have: Terraform." in analysis["explanation"]


def test_without_a_job_description_it_says_to_paste_one(alice: ApiUser) -> None:
    application = alice.create_application()
    upload_resume(alice, "resume.txt", "Python")

    fit = fit_of(alice, application["id"])

    assert fit["state"] == "no_job_description"
    assert fit["analysis"] is None
    assert "Paste the posting into its Job description field" in fit["message"]
    assert fit["resume"]["filename"] == "resume.txt"


def test_without_a_resume_it_says_to_upload_one(alice: ApiUser) -> None:
    application = alice.create_application(job_description=POSTING)
    upload_resume(alice, "notes.txt", "Python", kind="other")

    fit = fit_of(alice, application["id"])

    assert fit["state"] == "no_resume"
    assert fit["resume"] is None
    assert fit["resume_choices"] == []
    assert "Upload your resume under Documents" in fit["message"]


def test_the_newest_resume_is_the_default_without_a_link(alice: ApiUser) -> None:
    application = alice.create_application(job_description=POSTING)
    upload_resume(alice, "old.txt", "Java")
    newest = upload_resume(alice, "new.txt", "Python")

    fit = fit_of(alice, application["id"])

    assert fit["resume"] == {"id": newest["id"], "filename": "new.txt", "chosen_because": "latest"}
    assert [choice["filename"] for choice in fit["resume_choices"]] == ["new.txt", "old.txt"]


def test_a_resume_linked_to_the_application_beats_a_newer_one(alice: ApiUser) -> None:
    application = alice.create_application(job_description=POSTING)
    linked = upload_resume(alice, "linked.txt", "Python", application_id=application["id"])
    upload_resume(alice, "newer.txt", "Java")

    fit = fit_of(alice, application["id"])

    assert fit["resume"]["id"] == linked["id"]
    assert fit["resume"]["chosen_because"] == "linked"


def test_the_resume_sent_with_the_application_beats_a_linked_one(alice: ApiUser) -> None:
    application = alice.create_application(job_description=POSTING)
    sent = upload_resume(alice, "sent.txt", "Python, PostgreSQL")
    upload_resume(alice, "linked.txt", "Java", application_id=application["id"])
    record_sent_resume(alice, application["id"], sent["id"])

    fit = fit_of(alice, application["id"])

    assert fit["resume"] == {"id": sent["id"], "filename": "sent.txt", "chosen_because": "sent"}
    assert [item["skill"] for item in fit["analysis"]["missing_required"]] == ["Kubernetes"]


def test_a_chosen_document_is_used_and_said_to_be_chosen(alice: ApiUser) -> None:
    application = alice.create_application(job_description=POSTING)
    chosen = upload_resume(alice, "other.txt", "Terraform", kind="other")
    upload_resume(alice, "resume.txt", "Python")

    fit = fit_of(alice, application["id"], chosen["id"])

    assert fit["resume"]["chosen_because"] == "chosen"
    assert [item["skill"] for item in fit["analysis"]["matched"]] == ["Terraform"]


def test_a_pdf_still_being_read_is_said_to_be_pending(app: FastAPI, alice: ApiUser) -> None:
    reader_for(app).stop()  # nobody reads it during this test
    application = alice.create_application(job_description=POSTING)
    upload_resume(alice, "resume.pdf", "", content=make_pdf("Python"), content_type=PDF)

    fit = fit_of(alice, application["id"])

    assert fit["state"] == "resume_text_pending"
    assert fit["message"] == "The text of “resume.pdf” is still being read. Try again in a moment."


def test_a_resume_without_text_is_said_to_be_unreadable(alice: ApiUser) -> None:
    application = alice.create_application(job_description=POSTING)
    document = upload_resume(alice, "scan.pdf", "", content=make_pdf(), content_type=PDF)
    read_document(alice, document["id"])

    fit = fit_of(alice, application["id"])

    assert fit["state"] == "resume_unreadable"
    assert fit["message"].startswith("No text could be read from “scan.pdf”")
    assert "choose another resume" in fit["message"]


def test_a_pdf_resume_is_read_once_its_text_is_ready(alice: ApiUser) -> None:
    application = alice.create_application(job_description=POSTING)
    content = make_pdf("Python, PostgreSQL, Kubernetes, Terraform")
    document = upload_resume(alice, "resume.pdf", "", content=content, content_type=PDF)
    read_document(alice, document["id"])

    assert fit_of(alice, application["id"])["analysis"]["score"] == 100


@pytest.mark.parametrize("document_id", ["0", "abc", "-1", "99999999999"])
def test_a_malformed_document_id_is_refused_as_bad_input(alice: ApiUser, document_id: str) -> None:
    application = alice.create_application(job_description=POSTING)

    response = alice.client.get(
        f"/api/applications/{application['id']}/fit", params={"document_id": document_id}
    )

    assert response.status_code == 422
    assert "query.document_id" in response.json()["error"]["fields"]


def test_a_missing_document_answers_404(alice: ApiUser) -> None:
    application = alice.create_application(job_description=POSTING)

    response = ask_fit(alice, application["id"], 987_654)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_signed_out_visitors_are_refused(alice: ApiUser) -> None:
    application = alice.create_application(job_description=POSTING)
    alice.client.headers.pop("Authorization")
    alice.client.cookies.clear()

    assert ask_fit(alice, application["id"]).status_code == 401
