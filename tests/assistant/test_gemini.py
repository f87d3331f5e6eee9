"""The assistant on Gemini: the real google-genai SDK against a local server speaking its API."""

from __future__ import annotations

import logging

import pytest

from tests.assistant.builders import ask, conversation, well_filled_application
from tests.assistant.fake_providers import GEMINI_KEY, FakeProvider
from tests.factories import ApiUser


def test_request_goes_to_the_configured_model_as_a_stream(
    alice: ApiUser, gemini: FakeProvider
) -> None:
    application = alice.create_application()

    ask(alice, application["id"], "What will they ask me?")

    assert gemini.last.path.endswith("/models/gemini-test-model:streamGenerateContent?alt=sse")


def test_question_is_the_last_user_turn(alice: ApiUser, gemini: FakeProvider) -> None:
    application = alice.create_application()

    ask(alice, application["id"], "What will they ask me?")

    assert gemini.last.body["contents"] == [
        {"role": "user", "parts": [{"text": "What will they ask me?"}]}
    ]


def test_earlier_turns_go_with_the_next_question(alice: ApiUser, gemini: FakeProvider) -> None:
    application = alice.create_application()
    ask(alice, application["id"], "First question")

    ask(alice, application["id"], "Second question")

    assert gemini.last.body["contents"] == [
        {"role": "user", "parts": [{"text": "First question"}]},
        {"role": "model", "parts": [{"text": "Practise the system design round."}]},
        {"role": "user", "parts": [{"text": "Second question"}]},
    ]


def test_key_is_sent_in_the_api_key_header(alice: ApiUser, gemini: FakeProvider) -> None:
    application = alice.create_application()

    ask(alice, application["id"], "Hello")

    assert gemini.last.headers["x-goog-api-key"] == GEMINI_KEY
    assert GEMINI_KEY not in gemini.last.path
    assert GEMINI_KEY not in gemini.last.text


def test_key_is_never_logged_or_shown(
    alice: ApiUser, gemini: FakeProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    application = well_filled_application(alice)
    shown = [
        alice.client.post(
            f"/api/applications/{application['id']}/assistant", json={"message": "Hello"}
        ).text
    ]
    gemini.script.status = 401
    shown.append(alice.client.post(f"/api/applications/{application['id']}/assistant/retry").text)
    shown.append(alice.client.get(f"/api/applications/{application['id']}/assistant").text)
    shown.append(alice.client.get("/api/meta").text)

    assert gemini.requests  # the key was used
    assert GEMINI_KEY not in caplog.text
    assert not [text for text in shown if GEMINI_KEY in text]


def test_token_usage_is_recorded_on_the_answer(alice: ApiUser, gemini: FakeProvider) -> None:
    application = alice.create_application()

    done = ask(alice, application["id"], "Hello")[-1]

    assert done.name == "done"
    assert done.data["answer"]["input_tokens"] == 321
    assert done.data["answer"]["output_tokens"] == 54
    assert done.data["answer"]["model"] == "gemini-test-model"


def test_token_usage_adds_up_for_the_day(alice: ApiUser, gemini: FakeProvider) -> None:
    application = alice.create_application()

    ask(alice, application["id"], "Hello")
    ask(alice, application["id"], "Again")

    usage = conversation(alice, application["id"])["usage"]
    assert (usage["input_tokens"], usage["output_tokens"]) == (642, 108)


def test_prompt_blocked_by_safety_filters_is_a_502_that_says_so(
    alice: ApiUser, gemini: FakeProvider
) -> None:
    gemini.script.blocked = True
    application = alice.create_application()

    error = ask(alice, application["id"], "Hello")[-1]

    assert error.name == "error"
    assert (error.data["status"], error.data["code"]) == (502, "ai_refused")
    assert "safety filters" in error.data["message"]
