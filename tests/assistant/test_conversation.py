"""An application's conversation: kept, shown on return, paged, retried and cleared."""

from __future__ import annotations

from tests.assistant.builders import ask, conversation
from tests.factories import ApiUser


def test_new_application_has_an_empty_conversation(alice: ApiUser) -> None:
    application = alice.create_application()

    body = conversation(alice, application["id"])

    assert body["messages"] == []
    assert (body["has_earlier"], body["can_retry"]) == (False, False)


def test_conversation_names_the_provider_in_use(alice: ApiUser) -> None:
    application = alice.create_application()

    assistant = conversation(alice, application["id"])["assistant"]

    assert assistant == {
        "provider": "offline",
        "model": "offline-coach",
        "ready": True,
        "problem": None,
    }


def test_question_and_answer_are_kept(alice: ApiUser) -> None:
    application = alice.create_application()
    events = ask(alice, application["id"], "  What will they ask me?  ")

    messages = conversation(alice, application["id"])["messages"]

    assert messages == [events[0].data["question"], events[-1].data["answer"]]
    assert messages[0]["content"] == "What will they ask me?"
    assert (messages[1]["role"], messages[1]["status"]) == ("assistant", "complete")


def test_start_event_carries_the_stored_question(alice: ApiUser) -> None:
    application = alice.create_application()

    start = ask(alice, application["id"], "Hello")[0]

    assert start.name == "start"
    assert start.data["question"]["role"] == "user"
    assert start.data["question"]["id"] > 0
    assert (start.data["provider"], start.data["retry"]) == ("offline", False)


def test_conversations_are_kept_per_application(alice: ApiUser) -> None:
    first = alice.create_application()
    second = alice.create_application()
    ask(alice, first["id"], "About the first one")

    assert conversation(alice, second["id"])["messages"] == []


def test_long_conversation_is_shown_from_the_latest_messages(alice: ApiUser) -> None:
    application = alice.create_application()
    for number in range(3):
        ask(alice, application["id"], f"Question {number}")

    page = conversation(alice, application["id"], limit=2)

    assert [message["role"] for message in page["messages"]] == ["user", "assistant"]
    assert page["messages"][0]["content"] == "Question 2"
    assert page["has_earlier"] is True


def test_earlier_messages_are_paged_with_before(alice: ApiUser) -> None:
    application = alice.create_application()
    for number in range(2):
        ask(alice, application["id"], f"Question {number}")
    latest = conversation(alice, application["id"], limit=2)

    earlier = conversation(alice, application["id"], limit=2, before=latest["messages"][0]["id"])

    assert earlier["messages"][0]["content"] == "Question 0"
    assert earlier["has_earlier"] is False


def test_page_size_is_bounded(alice: ApiUser) -> None:
    application = alice.create_application()

    response = alice.client.get(
        f"/api/applications/{application['id']}/assistant", params={"limit": 201}
    )

    assert response.status_code == 422
    assert "query.limit" in response.json()["error"]["fields"]


def test_clear_empties_the_conversation(alice: ApiUser) -> None:
    application = alice.create_application()
    ask(alice, application["id"], "Hello")

    response = alice.client.delete(f"/api/applications/{application['id']}/assistant")

    assert response.status_code == 204
    assert conversation(alice, application["id"])["messages"] == []


def test_deleting_the_application_deletes_its_conversation(alice: ApiUser) -> None:
    application = alice.create_application()
    ask(alice, application["id"], "Hello")

    alice.client.delete(f"/api/applications/{application['id']}")

    response = alice.client.get(f"/api/applications/{application['id']}/assistant")
    assert response.status_code == 404


def test_answered_question_cannot_be_retried(alice: ApiUser) -> None:
    application = alice.create_application()
    ask(alice, application["id"], "Hello")

    response = alice.client.post(f"/api/applications/{application['id']}/assistant/retry")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_empty_conversation_cannot_be_retried(alice: ApiUser) -> None:
    application = alice.create_application()

    response = alice.client.post(f"/api/applications/{application['id']}/assistant/retry")

    assert response.status_code == 409
