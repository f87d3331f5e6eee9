"""The per-user daily message limit: counted in the database, refused before anything is stored."""

from __future__ import annotations

from jobtracker.config import Settings
from tests.assistant.builders import ask, conversation, retry
from tests.assistant.fake_providers import FakeProvider
from tests.factories import ApiUser


def _send(user: ApiUser, application_id: int) -> int:
    response = user.client.post(
        f"/api/applications/{application_id}/assistant", json={"message": "Hello"}
    )
    return response.status_code


def test_usage_counts_todays_messages(alice: ApiUser, settings: Settings) -> None:
    settings.ai_daily_messages_per_user = 5
    application = alice.create_application()
    ask(alice, application["id"], "One")
    ask(alice, application["id"], "Two")

    usage = conversation(alice, application["id"])["usage"]

    assert (usage["messages"], usage["daily_limit"], usage["remaining"]) == (2, 5, 3)
    assert usage["resets_at"].endswith("T00:00:00Z")


def test_message_over_the_limit_is_a_429(alice: ApiUser, settings: Settings) -> None:
    settings.ai_daily_messages_per_user = 2
    application = alice.create_application()
    ask(alice, application["id"], "One")
    ask(alice, application["id"], "Two")

    response = alice.client.post(
        f"/api/applications/{application['id']}/assistant", json={"message": "Three"}
    )

    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "ai_daily_limit"
    assert "AI_DAILY_MESSAGES_PER_USER" in error["message"]


def test_message_over_the_limit_is_not_stored(alice: ApiUser, settings: Settings) -> None:
    settings.ai_daily_messages_per_user = 1
    application = alice.create_application()
    ask(alice, application["id"], "One")

    _send(alice, application["id"])

    assert len(conversation(alice, application["id"])["messages"]) == 2


def test_limit_counts_across_applications(alice: ApiUser, settings: Settings) -> None:
    settings.ai_daily_messages_per_user = 1
    ask(alice, alice.create_application()["id"], "One")

    assert _send(alice, alice.create_application()["id"]) == 429


def test_limit_is_per_user(alice: ApiUser, bob: ApiUser, settings: Settings) -> None:
    settings.ai_daily_messages_per_user = 1
    ask(alice, alice.create_application()["id"], "One")

    assert _send(bob, bob.create_application()["id"]) == 200


def test_clearing_the_conversation_does_not_give_messages_back(
    alice: ApiUser, settings: Settings
) -> None:
    settings.ai_daily_messages_per_user = 1
    application = alice.create_application()
    ask(alice, application["id"], "One")

    alice.client.delete(f"/api/applications/{application['id']}/assistant")

    assert _send(alice, application["id"]) == 429


def test_retry_counts_as_a_message(
    alice: ApiUser, settings: Settings, openai: FakeProvider
) -> None:
    settings.ai_daily_messages_per_user = 2
    openai.script.status = 500
    application = alice.create_application()
    ask(alice, application["id"], "One")
    retry(alice, application["id"])

    response = alice.client.post(f"/api/applications/{application['id']}/assistant/retry")

    assert response.status_code == 429


def test_zero_means_unlimited(alice: ApiUser, settings: Settings) -> None:
    settings.ai_daily_messages_per_user = 0
    application = alice.create_application()
    ask(alice, application["id"], "One")

    usage = conversation(alice, application["id"])["usage"]

    assert (usage["messages"], usage["daily_limit"], usage["remaining"]) == (1, None, None)
