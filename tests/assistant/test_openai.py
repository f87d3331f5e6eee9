"""The assistant on an OpenAI-compatible server: the real openai SDK against a local server."""

from __future__ import annotations

import logging

import pytest

from jobtracker.config import Settings
from tests.assistant.builders import ask, well_filled_application
from tests.assistant.fake_providers import OPENAI_KEY, FakeProvider
from tests.factories import ApiUser


def test_request_asks_the_configured_model_for_a_stream_with_usage(
    alice: ApiUser, openai: FakeProvider
) -> None:
    application = alice.create_application()

    ask(alice, application["id"], "What will they ask me?")

    assert openai.last.path == "/v1/chat/completions"
    assert openai.last.body["model"] == "llama-test-model"
    assert openai.last.body["stream"] is True
    assert openai.last.body["stream_options"] == {"include_usage": True}


def test_earlier_turns_go_with_the_next_question(alice: ApiUser, openai: FakeProvider) -> None:
    application = alice.create_application()
    ask(alice, application["id"], "First question")

    ask(alice, application["id"], "Second question")

    assert openai.last.body["messages"][1:] == [
        {"role": "user", "content": "First question"},
        {"role": "assistant", "content": "Practise the system design round."},
        {"role": "user", "content": "Second question"},
    ]


def test_key_is_sent_as_a_bearer_token(alice: ApiUser, openai: FakeProvider) -> None:
    application = alice.create_application()

    ask(alice, application["id"], "Hello")

    assert openai.last.headers["authorization"] == f"Bearer {OPENAI_KEY}"
    assert OPENAI_KEY not in openai.last.text


def test_server_without_a_key_gets_a_placeholder(
    alice: ApiUser, openai: FakeProvider, settings: Settings
) -> None:
    settings.openai_api_key = ""  # a self-hosted server such as Ollama needs none
    application = alice.create_application()

    events = ask(alice, application["id"], "Hello")

    assert events[-1].name == "done"
    assert OPENAI_KEY not in openai.last.headers["authorization"]


def test_key_is_never_logged_or_shown(
    alice: ApiUser, openai: FakeProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    application = well_filled_application(alice)
    path = f"/api/applications/{application['id']}/assistant"
    shown = [alice.client.post(path, json={"message": "Hello"}).text]
    openai.script.status = 401
    shown.append(alice.client.post(f"{path}/retry").text)
    shown.append(alice.client.get(path).text)
    shown.append(alice.client.get("/api/meta").text)

    assert openai.requests  # the key was used
    assert OPENAI_KEY not in caplog.text
    assert not [text for text in shown if OPENAI_KEY in text]


def test_token_usage_is_recorded_on_the_answer(alice: ApiUser, openai: FakeProvider) -> None:
    application = alice.create_application()

    done = ask(alice, application["id"], "Hello")[-1]

    assert done.name == "done"
    assert done.data["answer"]["input_tokens"] == 321
    assert done.data["answer"]["output_tokens"] == 54
    assert done.data["answer"]["model"] == "llama-test-model"


def test_answer_without_a_usage_report_has_no_tokens(alice: ApiUser, openai: FakeProvider) -> None:
    openai.script.report_usage = False  # servers that ignore stream_options
    application = alice.create_application()

    done = ask(alice, application["id"], "Hello")[-1]

    assert done.name == "done"
    assert done.data["answer"]["input_tokens"] is None
    assert done.data["answer"]["output_tokens"] is None
