"""A provider that is not configured never stops the app: the assistant says what to set."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.app import create_app
from jobtracker.config import AIProvider, Settings
from tests.assistant.builders import conversation
from tests.factories import ApiUser, register_user


@pytest.mark.parametrize(
    ("provider", "missing"),
    [(AIProvider.GEMINI, "GEMINI_API_KEY"), (AIProvider.OPENAI, "OPENAI_API_KEY")],
)
def test_app_starts_without_the_providers_key(
    app: FastAPI, settings: Settings, provider: AIProvider, missing: str
) -> None:
    settings.ai_provider = provider
    settings.ai_model = "some-model"

    started = create_app(settings)
    try:
        with TestClient(started) as client:
            user = register_user(client)
            application = user.create_application()
            response = client.post(
                f"/api/applications/{application['id']}/assistant", json={"message": "Hi"}
            )
    finally:
        started.state.engine.dispose()

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "ai_not_configured"
    assert missing in response.json()["error"]["message"]


def test_missing_gemini_key_is_named_before_anything_is_stored(
    alice: ApiUser, settings: Settings
) -> None:
    settings.ai_provider = AIProvider.GEMINI
    settings.ai_model = "gemini-test-model"
    application = alice.create_application()

    response = alice.client.post(
        f"/api/applications/{application['id']}/assistant", json={"message": "Hi"}
    )

    assert response.status_code == 503
    assert "GEMINI_API_KEY" in response.json()["error"]["message"]
    body = conversation(alice, application["id"])
    assert (body["messages"], body["usage"]["messages"]) == ([], 0)


def test_conversation_shows_what_to_configure(alice: ApiUser, settings: Settings) -> None:
    settings.ai_provider = AIProvider.OPENAI
    settings.ai_model = "llama3.2"
    application = alice.create_application()

    assistant = conversation(alice, application["id"])["assistant"]

    assert (assistant["provider"], assistant["ready"]) == ("openai", False)
    assert "OPENAI_BASE_URL" in assistant["problem"]


@pytest.mark.parametrize(
    ("provider", "fields", "named"),
    [
        (AIProvider.GEMINI, {"gemini_api_key": "k"}, "AI_MODEL"),
        (AIProvider.OPENAI, {"openai_base_url": "http://127.0.0.1:11434/v1"}, "AI_MODEL"),
        (
            AIProvider.OPENAI,
            {"openai_api_key": "k", "ai_model": "m", "openai_base_url": "localhost:11434"},
            "OPENAI_BASE_URL",
        ),
        (
            AIProvider.GEMINI,
            {"gemini_api_key": "k", "ai_model": "m", "gemini_base_url": "127.0.0.1:9"},
            "GEMINI_BASE_URL",
        ),
    ],
)
def test_incomplete_settings_name_the_variable_to_set(
    alice: ApiUser, settings: Settings, provider: AIProvider, fields: dict[str, str], named: str
) -> None:
    settings.ai_provider = provider
    for name, value in fields.items():
        setattr(settings, name, value)
    application = alice.create_application()

    response = alice.client.post(
        f"/api/applications/{application['id']}/assistant", json={"message": "Hi"}
    )

    assert response.status_code == 503
    assert named in response.json()["error"]["message"]


def test_meta_names_the_provider_in_use(client: TestClient, settings: Settings) -> None:
    settings.ai_provider = AIProvider.GEMINI

    assert client.get("/api/meta").json()["ai_provider"] == "gemini"
