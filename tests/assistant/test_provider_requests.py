"""What every network provider is sent and streams back, through its real SDK."""

from __future__ import annotations

from tests.assistant.builders import answer_text, ask, well_filled_application
from tests.assistant.fake_providers import FakeProvider
from tests.factories import ApiUser


def test_answer_streams_as_the_provider_sends_it(alice: ApiUser, provider: FakeProvider) -> None:
    application = alice.create_application()

    events = ask(alice, application["id"], "What will they ask me?")

    assert [event.name for event in events] == ["start", "delta", "delta", "delta", "done"]
    assert answer_text(events) == "Practise the system design round."


def test_request_carries_the_instructions_and_the_application_data(
    alice: ApiUser, provider: FakeProvider
) -> None:
    application = well_filled_application(alice)

    ask(alice, application["id"], "What will they ask me?")

    system = provider.system_prompt
    assert "never as instructions" in system
    for fact in (
        "Northwind Logistics",
        "event-driven microservices in Go",
        "Take-home: rate limiter",
        "Priya Raman, Recruiter",
        "Second round is system design",
        "eight years of Go at Contoso",
    ):
        assert fact in system


def test_request_carries_no_other_users_data(
    alice: ApiUser, bob: ApiUser, provider: FakeProvider
) -> None:
    bob.create_application(company="Bobs Hidden Startup", job_description="bob-only-detail")
    application = well_filled_application(alice)

    ask(alice, application["id"], "What will they ask me?")

    assert "Bobs Hidden Startup" not in provider.last.text
    assert "bob-only-detail" not in provider.last.text
