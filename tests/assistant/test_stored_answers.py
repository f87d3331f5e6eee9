"""What an answer stores is bounded: a provider that does not stop is kept to the answer cap."""

from __future__ import annotations

from tests.assistant.builders import ask, conversation
from tests.assistant.fake_providers import FakeProvider
from tests.factories import ApiUser


def test_an_answer_longer_than_the_cap_is_kept_cut_short(
    alice: ApiUser, openai: FakeProvider
) -> None:
    openai.script.chunks = ["x" * 60_000, "y" * 60_000]
    application = alice.create_application()

    ask(alice, application["id"], "Tell me everything you know.")

    answer = conversation(alice, application["id"])["messages"][-1]
    assert answer["role"] == "assistant"
    assert answer["content"] == "x" * 60_000 + "y" * 40_000
