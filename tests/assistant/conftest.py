"""Fixtures for the assistant's tests: local Gemini and OpenAI-compatible servers, and settings."""

from __future__ import annotations

import pytest

from tests.assistant.fake_providers import FakeProvider


@pytest.fixture(params=["gemini", "openai"])
def provider(request: pytest.FixtureRequest) -> FakeProvider:
    """Each network provider in turn, for behaviour they must share."""
    fake: FakeProvider = request.getfixturevalue(request.param)
    return fake
