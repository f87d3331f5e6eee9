"""The built-in offline coach: honest about what it is, and a plan that fits the application."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.assistant.builders import answer_text, ask
from tests.factories import ApiUser

BACKEND_JOB = (
    "Join our platform team to build and run Python microservices on Kubernetes. You will "
    "design APIs, own PostgreSQL schemas and take part in the on-call rotation."
)
NURSING_JOB = (
    "Registered nurse for our 24-bed ICU. Patient assessment, medication administration, "
    "infection control and close work with families. BLS and ACLS required."
)


def _backend(user: ApiUser) -> dict[str, Any]:
    return user.create_application(
        company="Contoso Cloud",
        role="Backend Engineer",
        stage="interview",
        job_description=BACKEND_JOB,
    )


def _nursing(user: ApiUser) -> dict[str, Any]:
    return user.create_application(
        company="St Mary's Hospital",
        role="ICU Nurse",
        stage="interview",
        job_description=NURSING_JOB,
    )


def _plan(user: ApiUser, application: dict[str, Any], message: str = "Help me prepare") -> str:
    return answer_text(ask(user, application["id"], message))


def test_first_line_says_it_is_the_offline_coach(alice: ApiUser) -> None:
    plan = _plan(alice, _backend(alice))

    first_line = plan.splitlines()[0]
    assert "offline coach" in first_line.lower()
    assert "not an AI model" in first_line


def test_backend_plan_asks_engineering_questions(alice: ApiUser) -> None:
    plan = _plan(alice, _backend(alice))

    assert "backend engineering" in plan
    assert "Design a rate limiter" in plan
    assert "How have you used Kubernetes?" in plan
    assert "patient" not in plan.lower()


def test_nursing_plan_asks_clinical_questions(alice: ApiUser) -> None:
    plan = _plan(alice, _nursing(alice))

    assert "nursing" in plan
    assert "A patient's condition suddenly deteriorates" in plan
    assert "How have you used medication administration?" in plan
    assert "system design" not in plan.lower()


def test_two_different_applications_get_different_plans(alice: ApiUser) -> None:
    assert _plan(alice, _backend(alice)) != _plan(alice, _nursing(alice))


def test_same_application_and_question_give_the_same_plan(alice: ApiUser) -> None:
    application = _backend(alice)

    assert _plan(alice, application) == _plan(alice, application)


def test_screening_stage_asks_screening_questions(alice: ApiUser) -> None:
    application = alice.create_application(role="Backend Engineer", stage="screening")

    plan = _plan(alice, application, "What will they ask me?")

    assert "What are your salary expectations?" in plan
    assert "screening stage" in plan


def test_offer_stage_is_about_negotiating(alice: ApiUser) -> None:
    application = alice.create_application(
        role="ICU Nurse", stage="offer", salary_min=52000, salary_max=61000, salary_currency="EUR"
    )

    plan = _plan(alice, application)

    assert "negotiating the offer" in plan
    assert "Get the offer in writing" in plan


def test_plan_lists_the_deliverables_still_due_soonest_first(alice: ApiUser) -> None:
    application = _backend(alice)
    soon = datetime.now(UTC) + timedelta(days=3)
    path = f"/api/applications/{application['id']}/deliverables"
    for title, due_at, state in (
        ("Later essay", soon + timedelta(days=10), "not_started"),
        ("Coding task", soon, "in_progress"),
        ("Submitted form", soon, "done"),
    ):
        body = {"title": title, "due_at": due_at.isoformat(), "state": state}
        assert alice.client.post(path, json=body).status_code == 201

    plan = _plan(alice, application, "What is due?")

    assert plan.index("Coding task") < plan.index("Later essay")
    assert "due in 3 days" in plan
    assert "Submitted form" not in plan
    assert "Done already: 1 of 3" in plan


def test_overdue_deliverable_is_flagged(alice: ApiUser) -> None:
    application = _nursing(alice)
    past = (datetime.now(UTC) - timedelta(days=2)).isoformat()
    alice.client.post(
        f"/api/applications/{application['id']}/deliverables",
        json={"title": "Reference forms", "due_at": past},
    )

    plan = _plan(alice, application, "What is due?")

    assert "**Reference forms** (other, not started): **overdue**" in plan


def test_thank_you_note_is_addressed_to_the_contact_named(alice: ApiUser) -> None:
    application = _nursing(alice)
    path = f"/api/applications/{application['id']}/contacts"
    alice.client.post(path, json={"name": "Grace Okafor", "role": "Ward manager"})
    alice.client.post(path, json={"name": "Tom Berg", "role": "Recruiter"})

    note = _plan(alice, application, "Draft a thank-you note to the recruiter")

    assert "Dear Tom," in note
    assert "ICU Nurse position at St Mary's Hospital" in note


def test_thank_you_note_without_contacts_addresses_the_team(alice: ApiUser) -> None:
    application = _backend(alice)

    note = _plan(alice, application, "Write a thank you email")

    assert "Dear Contoso Cloud hiring team," in note


def test_role_without_known_keywords_gets_the_general_plan(alice: ApiUser) -> None:
    application = alice.create_application(role="Zookeeper", stage="interview")

    plan = _plan(alice, application)

    assert "What in your experience makes you a good fit for this role?" in plan
    assert "Paste the job description into this application" in plan


def test_answer_arrives_in_several_chunks(alice: ApiUser) -> None:
    events = ask(alice, _backend(alice)["id"], "Help me prepare")

    assert len([event for event in events if event.name == "delta"]) > 5
