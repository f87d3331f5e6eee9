"""The assistant knows the next interview and the earlier ones' debriefs, in the user's zone."""

from __future__ import annotations

from tests.assistant.builders import answer_text, ask
from tests.assistant.fake_providers import FakeProvider
from tests.factories import ApiUser
from tests.interviews.builders import create_contact, create_interview, frozen_at, set_time_zone


def _scheduled(alice: ApiUser) -> int:
    set_time_zone(alice, "Asia/Kolkata")
    application = alice.create_application(company="Contoso", role="Engineer", stage="interview")
    manager = create_contact(alice, application["id"], "Manny Manager")
    create_interview(
        alice,
        application["id"],
        kind="phone_screen",
        starts_at="2030-01-07T10:00",
        outcome="advanced",
        debrief="They pushed on caching; brush up on invalidation.",
    )
    create_interview(
        alice,
        application["id"],
        kind="technical",
        starts_at="2030-01-16T15:30",
        contact_ids=[manager["id"]],
        prep_notes="Revise system design",
    )
    return int(application["id"])


def test_the_prompt_holds_the_next_interview_and_earlier_debriefs(
    alice: ApiUser, openai: FakeProvider
) -> None:
    application_id = _scheduled(alice)

    with frozen_at("2030-01-14T09:00:00+05:30"):
        ask(alice, application_id, "Help me prepare")

    system = openai.system_prompt
    assert "Current time: Mon 2030-01-14 09:00 (UTC+0530) (Asia/Kolkata)" in system
    assert "Next interview:\n- technical, Wed 2030-01-16 15:30 (UTC+0530), 60 minutes" in system
    assert "with Manny Manager" in system
    assert "Preparation notes: Revise system design" in system
    assert "Debrief: They pushed on caching" in system
    assert "outcome: advanced" in system


def test_the_offline_coach_names_the_next_interview_on_the_users_calendar(
    alice: ApiUser,
) -> None:
    application_id = _scheduled(alice)

    with frozen_at("2030-01-14T09:00:00+05:30"):
        plan = answer_text(ask(alice, application_id, "Help me prepare"))

    assert "Next: technical with Manny Manager in 2 days, Wed 16 Jan 2030 at 15:30." in plan
    assert "Earlier: phone screen on Mon 07 Jan 2030, advanced." in plan
    assert "Your debrief: They pushed on caching" in plan
