"""Another user's application or document answers 404 on the fit route, and changes nothing."""

from __future__ import annotations

from tests.factories import ApiUser
from tests.insight.fit_builders import POSTING, ask_fit, fit_of, upload_resume


def test_another_users_application_answers_404(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application(job_description=POSTING)
    upload_resume(alice, "resume.txt", "Python", application_id=application["id"])
    before = fit_of(alice, application["id"])

    foreign = ask_fit(bob, application["id"])
    missing = ask_fit(bob, application["id"] + 1000)

    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["error"]["code"] == "not_found"
    assert fit_of(alice, application["id"]) == before


def test_another_users_document_answers_404_and_is_not_read(alice: ApiUser, bob: ApiUser) -> None:
    alices_application = alice.create_application(job_description=POSTING)
    alices_resume = upload_resume(alice, "alice.txt", "Python, PostgreSQL, Kubernetes")
    bobs_application = bob.create_application(job_description=POSTING)
    before = alice.client.get(f"/api/documents/{alices_resume['id']}").json()

    response = ask_fit(bob, bobs_application["id"], alices_resume["id"])

    assert response.status_code == 404
    assert "Python" not in response.text
    assert alice.client.get(f"/api/documents/{alices_resume['id']}").json() == before
    assert fit_of(alice, alices_application["id"])["resume"]["id"] == alices_resume["id"]


def test_another_users_resumes_are_never_a_default_or_a_choice(
    alice: ApiUser, bob: ApiUser
) -> None:
    upload_resume(alice, "alice.txt", "Python")
    bobs_application = bob.create_application(job_description=POSTING)

    fit = fit_of(bob, bobs_application["id"])

    assert fit["state"] == "no_resume"
    assert fit["resume_choices"] == []
