"""The assistant already knows the fit: in the AI's prompt, and as the offline coach's review."""

from __future__ import annotations

from tests.assistant.builders import answer_text, ask
from tests.assistant.fake_providers import FakeProvider
from tests.factories import ApiUser
from tests.insight.fit_builders import POSTING, upload_resume


def _application_with_resume(alice: ApiUser) -> int:
    application = alice.create_application(
        company="Contoso", role="Backend Engineer", job_description=POSTING
    )
    upload_resume(
        alice, "resume.txt", "Python and Postgres on Amazon EKS", application_id=application["id"]
    )
    return int(application["id"])


def test_the_prompt_holds_the_fit_score_and_the_missing_requirements(
    alice: ApiUser, openai: FakeProvider
) -> None:
    application_id = _application_with_resume(alice)

    ask(alice, application_id, "Am I a good fit?")

    system = openai.system_prompt
    assert "Fit of the resume with the posting (measured offline by Job Tracker, against " in system
    assert "resume.txt, a resume linked to this application): 88/100." in system
    assert "- Skills in both: Python, PostgreSQL, Kubernetes (through Amazon EKS)" in system
    assert "- Nice-to-have skills it does not show: Terraform" in system


def test_the_prompt_says_why_there_is_no_fit(alice: ApiUser, openai: FakeProvider) -> None:
    application = alice.create_application(company="Contoso", role="Engineer")

    ask(alice, application["id"], "Help me prepare")

    assert (
        "Fit of the resume with the posting: not measured. This application has no job "
        "description yet." in openai.system_prompt
    )


def test_the_offline_coach_reviews_the_fit_from_its_data(alice: ApiUser) -> None:
    application_id = _application_with_resume(alice)

    review = answer_text(ask(alice, application_id, "Review my fit for this role"))

    assert "## Your fit: Backend Engineer at Contoso" in review
    assert "against “resume.txt” (the resume linked to this application)" in review
    assert "- **Kubernetes** (required): your resume shows it through Amazon EKS" in review
    assert "Your resume shows every required skill the posting names." in review
    assert "Not in your resume: Terraform." in review
    assert "You fit this posting well." in review


def test_the_offline_coach_names_each_missing_requirement(alice: ApiUser) -> None:
    application = alice.create_application(company="Contoso", role="Dev", job_description=POSTING)
    upload_resume(alice, "resume.txt", "Java and Spring Boot")

    review = answer_text(ask(alice, application["id"], "What are my gaps?"))

    assert "### Required skills your resume does not show" in review
    for skill in ("Python", "PostgreSQL", "Kubernetes"):
        assert f"- **{skill}**: if you have used it, name it with a result" in review
    assert "Far from this posting as written." in review


def test_the_offline_coach_says_what_to_do_without_a_resume(alice: ApiUser) -> None:
    application = alice.create_application(company="Contoso", role="Dev", job_description=POSTING)

    review = answer_text(ask(alice, application["id"], "Review my fit"))

    assert "I cannot measure it yet. You have no resume to compare with." in review


def test_the_fit_sections_request_is_a_fit_review_whatever_skills_it_lists(
    alice: ApiUser,
) -> None:
    application_id = _application_with_resume(alice)
    request = (
        "Review my fit for this role.\nMissing required skills: Negotiation, Follow-up calls.\n"
        "What should I change in my resume, and is it worth applying?"
    )

    review = answer_text(ask(alice, application_id, request))

    assert "## Your fit: Backend Engineer at Contoso" in review
    assert "Negotiating the offer" not in review
