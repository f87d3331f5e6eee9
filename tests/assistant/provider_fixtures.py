"""Local Gemini and OpenAI-compatible servers, and settings pointing the app at them.

Shared by every test that needs a real provider SDK talking to a local far end (the assistant,
capture's AI fill): a module imports the fixtures it uses.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jobtracker.config import AIProvider, Settings
from tests.assistant.fake_providers import (
    GEMINI_KEY,
    OPENAI_KEY,
    FakeProvider,
    running_gemini,
    running_openai,
)


@pytest.fixture(scope="session")
def gemini_server() -> Iterator[FakeProvider]:
    with running_gemini() as fake:
        yield fake


@pytest.fixture(scope="session")
def openai_server() -> Iterator[FakeProvider]:
    with running_openai() as fake:
        yield fake


@pytest.fixture
def gemini(gemini_server: FakeProvider, settings: Settings) -> FakeProvider:
    """The app's assistant set to Gemini, talking to the local server."""
    gemini_server.reset()
    settings.ai_provider = AIProvider.GEMINI
    settings.ai_model = "gemini-test-model"
    settings.gemini_api_key = GEMINI_KEY
    settings.gemini_base_url = gemini_server.base_url
    return gemini_server


@pytest.fixture
def openai(openai_server: FakeProvider, settings: Settings) -> FakeProvider:
    """The app's assistant set to an OpenAI-compatible server: the local one."""
    openai_server.reset()
    settings.ai_provider = AIProvider.OPENAI
    settings.ai_model = "llama-test-model"
    settings.openai_api_key = OPENAI_KEY
    settings.openai_base_url = openai_server.base_url
    return openai_server
