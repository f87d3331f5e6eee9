"""When the provider fails: a clear 502/504/429 in the stream, the question kept, retry possible."""

from __future__ import annotations

from jobtracker.config import Settings
from tests.assistant.builders import answer_text, ask, conversation, retry
from tests.assistant.fake_providers import FakeProvider
from tests.factories import ApiUser
from tests.live_server import free_port


def _failure(user: ApiUser, application_id: int) -> dict[str, object]:
    events = ask(user, application_id, "What will they ask me?")
    assert events[0].name == "start"
    assert events[-1].name == "error"
    return events[-1].data


def test_server_error_is_a_502(alice: ApiUser, provider: FakeProvider) -> None:
    provider.script.status = 500
    application = alice.create_application()

    error = _failure(alice, application["id"])

    assert (error["status"], error["code"]) == (502, "ai_provider_error")
    assert "HTTP 500" in str(error["message"])


def test_rate_limit_is_a_429(alice: ApiUser, provider: FakeProvider) -> None:
    provider.script.status = 429
    application = alice.create_application()

    error = _failure(alice, application["id"])

    assert (error["status"], error["code"]) == (429, "ai_rate_limited")


def test_rejected_key_is_a_502_that_names_the_key_setting(
    alice: ApiUser, provider: FakeProvider, settings: Settings
) -> None:
    provider.script.status = 401
    application = alice.create_application()

    error = _failure(alice, application["id"])

    assert error["status"] == 502
    assert f"{settings.ai_provider.value.upper()}_API_KEY" in str(error["message"])


def test_timeout_is_a_504(alice: ApiUser, provider: FakeProvider, settings: Settings) -> None:
    settings.ai_timeout_seconds = 0.3
    provider.script.delay_before = 2
    application = alice.create_application()

    error = _failure(alice, application["id"])

    assert (error["status"], error["code"]) == (504, "ai_timeout")


def test_stall_in_the_middle_is_a_504(
    alice: ApiUser, provider: FakeProvider, settings: Settings
) -> None:
    settings.ai_timeout_seconds = 0.3
    provider.script.delay_between = 2
    application = alice.create_application()

    error = _failure(alice, application["id"])

    assert (error["status"], error["code"]) == (504, "ai_timeout")


def test_unreachable_server_is_a_502(
    alice: ApiUser, provider: FakeProvider, settings: Settings
) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}"
    settings.gemini_base_url = nowhere
    settings.openai_base_url = f"{nowhere}/v1"
    application = alice.create_application()

    error = _failure(alice, application["id"])

    assert (error["status"], error["code"]) == (502, "ai_unreachable")


def test_stream_cut_in_the_middle_is_a_502(alice: ApiUser, provider: FakeProvider) -> None:
    provider.script.drop_after = 2
    application = alice.create_application()

    error = _failure(alice, application["id"])

    assert (error["status"], error["code"]) == (502, "ai_stream_broken")


def test_stream_that_ends_without_finishing_is_a_502(
    alice: ApiUser, provider: FakeProvider
) -> None:
    provider.script.finish = False
    application = alice.create_application()

    error = _failure(alice, application["id"])

    assert (error["status"], error["code"]) == (502, "ai_stream_broken")


def test_stream_cut_in_the_middle_keeps_the_partial_answer_as_failed(
    alice: ApiUser, provider: FakeProvider
) -> None:
    provider.script.drop_after = 2
    application = alice.create_application()

    events = ask(alice, application["id"], "What will they ask me?")

    assert answer_text(events) == "Practise the system "
    stored = conversation(alice, application["id"])["messages"][-1]
    assert (stored["role"], stored["status"]) == ("assistant", "failed")
    assert stored["content"] == "Practise the system "
    assert stored == events[-1].data["answer"]


def test_failure_keeps_the_question(alice: ApiUser, provider: FakeProvider) -> None:
    provider.script.status = 500
    application = alice.create_application()

    error = _failure(alice, application["id"])

    question, answer = conversation(alice, application["id"])["messages"]
    assert (question["role"], question["content"]) == ("user", "What will they ask me?")
    assert (answer["role"], answer["status"]) == ("assistant", "failed")
    assert answer["error"] == error["message"]


def test_failure_offers_a_retry(alice: ApiUser, provider: FakeProvider) -> None:
    provider.script.status = 503
    application = alice.create_application()

    _failure(alice, application["id"])

    assert conversation(alice, application["id"])["can_retry"] is True


def test_retry_after_a_failure_sends_the_same_question_again(
    alice: ApiUser, provider: FakeProvider
) -> None:
    provider.script.status = 500
    application = alice.create_application()
    _failure(alice, application["id"])
    failed_request = provider.last.body
    provider.script.status = 200

    events = retry(alice, application["id"])

    assert events[-1].name == "done"
    assert provider.last.body == failed_request


def test_retry_replaces_the_failed_answer(alice: ApiUser, provider: FakeProvider) -> None:
    provider.script.status = 500
    application = alice.create_application()
    _failure(alice, application["id"])
    provider.script.status = 200

    retry(alice, application["id"])

    messages = conversation(alice, application["id"])["messages"]
    assert [(message["role"], message["status"]) for message in messages] == [
        ("user", "complete"),
        ("assistant", "complete"),
    ]


def test_retry_streams_with_the_question_already_stored(
    alice: ApiUser, provider: FakeProvider
) -> None:
    provider.script.status = 500
    application = alice.create_application()
    question = ask(alice, application["id"], "What will they ask me?")[0].data["question"]
    provider.script.status = 200

    start = retry(alice, application["id"])[0]

    assert start.name == "start"
    assert (start.data["question"], start.data["retry"]) == (question, True)
