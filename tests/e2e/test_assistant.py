"""The assistant in the browser: a streamed answer, kept and cleared; failures, stop and retry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from jobtracker import migrations
from jobtracker.app import create_app
from jobtracker.config import AIProvider, Settings
from tests.assistant.fake_providers import OPENAI_KEY, FakeProvider, running_openai
from tests.e2e.api import ApiUser, register
from tests.e2e.ui import ARTIFACTS, DESKTOP, PHONE, REPO_ROOT, Viewport, page_scroll_width, section
from tests.live_server import serve

pytestmark = pytest.mark.e2e

STATIC_DIR = REPO_ROOT / "src" / "jobtracker" / "static"
ROLE = "Site Reliability Engineer"
COMPANY = "Northwind Traders"
# The offline coach titles its plan with the application's role and company.
PLAN_TITLE = f"Practice plan: {ROLE} at {COMPANY}"


def _assistant(page: Page) -> Locator:
    return section(page, "Assistant")


def _open(page: Page, user: ApiUser, application_id: int) -> Locator:
    user.sign_in_context(page.context)
    page.goto(f"/applications/{application_id}")
    assistant = _assistant(page)
    expect(assistant.get_by_label("Ask the assistant")).to_be_visible()
    return assistant


def _ask(assistant: Locator, question: str) -> None:
    assistant.get_by_label("Ask the assistant").fill(question)
    assistant.get_by_role("button", name="Send", exact=True).click()


def _ask_through_the_api(user: ApiUser, application_id: int, question: str) -> None:
    response = user.api.post(
        f"/api/applications/{application_id}/assistant", json={"message": question}
    )
    assert response.status_code == 200, response.text
    assert "event: done" in response.text, response.text


def _conversation(assistant: Locator) -> Locator:
    return assistant.get_by_role("region", name="Conversation")


# --- the offline coach, on the shared live server ------------------------------------------


@pytest.fixture
def application(user: ApiUser) -> dict[str, Any]:
    return user.create_application(company=COMPANY, role=ROLE, stage="interview")


def test_the_answer_streams_into_the_chat_and_knows_the_role(
    page: Page, user: ApiUser, application: dict[str, Any]
) -> None:
    assistant = _open(page, user, application["id"])
    expect(assistant).to_contain_text("Offline coach")

    _ask(assistant, "Where should I start?")

    conversation = _conversation(assistant)
    expect(conversation).to_contain_text("Where should I start?")
    expect(conversation).to_contain_text(PLAN_TITLE)
    expect(assistant.get_by_label("Ask the assistant")).to_have_value("")
    expect(assistant).to_contain_text("Today: 1 of 50 messages")


def test_control_enter_sends_the_question(
    page: Page, user: ApiUser, application: dict[str, Any]
) -> None:
    assistant = _open(page, user, application["id"])

    assistant.get_by_label("Ask the assistant").fill("Where should I start?")
    assistant.get_by_label("Ask the assistant").press("Control+Enter")

    expect(_conversation(assistant)).to_contain_text(PLAN_TITLE)


def test_the_conversation_is_still_there_after_a_reload(
    page: Page, user: ApiUser, application: dict[str, Any]
) -> None:
    assistant = _open(page, user, application["id"])
    _ask(assistant, "Where should I start?")
    expect(_conversation(assistant)).to_contain_text(PLAN_TITLE)

    page.reload()

    conversation = _conversation(_assistant(page))
    expect(conversation).to_contain_text("Where should I start?")
    expect(conversation).to_contain_text(PLAN_TITLE)


def test_clear_conversation_empties_it_after_confirmation(
    page: Page, user: ApiUser, application: dict[str, Any]
) -> None:
    _ask_through_the_api(user, application["id"], "Where should I start?")
    assistant = _open(page, user, application["id"])
    expect(_conversation(assistant)).to_contain_text(PLAN_TITLE)

    assistant.get_by_role("button", name="Clear conversation").click()
    assistant.get_by_role("button", name="Clear for good").click()

    expect(_conversation(assistant)).not_to_contain_text(PLAN_TITLE)
    expect(_conversation(assistant)).to_contain_text("Ask about this application")
    page.reload()
    expect(_conversation(_assistant(page))).to_contain_text("Ask about this application")
    assert user.api.get(f"/api/applications/{application['id']}/assistant").json()["messages"] == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=lambda viewport: viewport.name)
def test_the_chat_fits_the_screen(
    viewport: Viewport,
    new_context: Callable[[Viewport], BrowserContext],
    user: ApiUser,
    application: dict[str, Any],
) -> None:
    _ask_through_the_api(user, application["id"], "What will they ask me in the next round?")
    page = new_context(viewport).new_page()
    assistant = _open(page, user, application["id"])
    expect(_conversation(assistant)).to_contain_text("Likely questions")
    assistant.get_by_label("Ask the assistant").fill("Draft a thank-you note to the recruiter.")

    assert page_scroll_width(page) <= viewport.width
    ARTIFACTS.mkdir(exist_ok=True)
    assistant.screenshot(path=ARTIFACTS / f"assistant-{viewport.name}.png")


# --- an OpenAI-compatible provider that fails, on a live server of its own -----------------


@dataclass(frozen=True)
class AiServer:
    url: str
    settings: Settings
    provider: FakeProvider


@pytest.fixture(scope="module")
def ai_server(ui_built: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AiServer]:
    """The app with AI_PROVIDER=openai pointing at a local fake, apart from the shared server."""
    data_dir = tmp_path_factory.mktemp("e2e-ai-data")
    database_url = f"sqlite:///{data_dir / 'e2e-ai.sqlite3'}"
    migrations.upgrade(database_url)
    with running_openai() as provider:
        settings = Settings(
            _env_file=None,
            database_url=database_url,
            data_dir=data_dir,
            jwt_secret="e2e-ai-test-secret-that-is-long-enough-for-hs256-0123456789ab",
            static_dir=STATIC_DIR,
            ai_provider=AIProvider.OPENAI,
            ai_model="llama-test-model",
            openai_api_key=OPENAI_KEY,
            openai_base_url=provider.base_url,
            ai_timeout_seconds=5,
        )
        app = create_app(settings)
        with serve(app) as url:
            yield AiServer(url=url, settings=settings, provider=provider)
        app.state.engine.dispose()


@pytest.fixture
def provider(ai_server: AiServer) -> Iterator[FakeProvider]:
    """The fake provider with a fresh script; settings a test changes are put back."""
    ai_server.provider.reset()
    before = ai_server.settings.model_copy()
    yield ai_server.provider
    for name in ("openai_api_key", "openai_base_url", "ai_daily_messages_per_user"):
        setattr(ai_server.settings, name, getattr(before, name))


@pytest.fixture
def ai_user(ai_server: AiServer) -> Iterator[ApiUser]:
    user = register(ai_server.url)
    yield user
    user.close()


@pytest.fixture
def ai_page(browser: Browser, ai_server: AiServer) -> Iterator[Page]:
    context = browser.new_context(
        base_url=ai_server.url,
        viewport={"width": DESKTOP.width, "height": DESKTOP.height},
        locale="en-US",
        timezone_id="UTC",
        color_scheme="light",
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def ai_application(ai_user: ApiUser) -> dict[str, Any]:
    return ai_user.create_application(company=COMPANY, role=ROLE)


def test_a_provider_failure_shows_the_error_beside_the_question_and_retry_answers(
    ai_page: Page, ai_user: ApiUser, ai_application: dict[str, Any], provider: FakeProvider
) -> None:
    provider.script.status = 500
    assistant = _open(ai_page, ai_user, ai_application["id"])
    expect(assistant).to_contain_text("OpenAI-compatible · llama-test-model")

    _ask(assistant, "What will they ask me in the system design round?")

    conversation = _conversation(assistant)
    expect(conversation.get_by_role("alert")).to_contain_text("The AI provider failed (502)")
    expect(conversation.get_by_role("alert")).to_contain_text("HTTP 500")
    expect(conversation).to_contain_text("What will they ask me in the system design round?")

    provider.script.status = 200
    conversation.get_by_role("button", name="Retry").click()

    expect(conversation).to_contain_text("Practise the system design round.")
    expect(conversation.get_by_role("alert")).to_have_count(0)
    expect(conversation.get_by_role("button", name="Retry")).to_have_count(0)
    assert len(provider.requests) == 2


def test_a_failed_answer_can_still_be_retried_after_a_reload(
    ai_page: Page, ai_user: ApiUser, ai_application: dict[str, Any], provider: FakeProvider
) -> None:
    provider.script.status = 429
    assistant = _open(ai_page, ai_user, ai_application["id"])
    _ask(assistant, "What will they ask me?")
    expect(_conversation(assistant)).to_contain_text("The AI provider is busy (429)")

    ai_page.reload()

    conversation = _conversation(_assistant(ai_page))
    expect(conversation).to_contain_text("What will they ask me?")
    expect(conversation).to_contain_text("rate limit")
    expect(conversation.get_by_role("button", name="Retry")).to_be_visible()


def test_stop_ends_the_answer_and_keeps_what_was_written(
    ai_page: Page, ai_user: ApiUser, ai_application: dict[str, Any], provider: FakeProvider
) -> None:
    provider.script.chunks = ["Start with ", "capacity planning. ", *["More. "] * 40]
    provider.script.delay_between = 0.25
    assistant = _open(ai_page, ai_user, ai_application["id"])
    _ask(assistant, "What will they ask me?")

    conversation = _conversation(assistant)
    expect(conversation).to_contain_text("capacity planning.")
    expect(conversation).to_contain_text("Writing…")
    assistant.get_by_role("button", name="Stop").click()

    expect(conversation).to_contain_text("Stopped before the end.")
    expect(conversation).to_contain_text("Start with capacity planning.")
    expect(conversation.get_by_role("button", name="Retry")).to_be_visible()
    expect(assistant.get_by_role("button", name="Send", exact=True)).to_be_enabled()


def test_a_provider_that_is_not_configured_names_the_setting_and_keeps_the_message(
    ai_page: Page,
    ai_user: ApiUser,
    ai_application: dict[str, Any],
    provider: FakeProvider,
    ai_server: AiServer,
) -> None:
    ai_server.settings.openai_api_key = ""
    ai_server.settings.openai_base_url = ""
    assistant = _open(ai_page, ai_user, ai_application["id"])

    _ask(assistant, "Draft a thank-you note.")

    conversation = _conversation(assistant)
    expect(conversation).to_contain_text("Draft a thank-you note.")
    expect(conversation.get_by_role("alert")).to_contain_text("The assistant is not set up.")
    expect(conversation.get_by_role("alert")).to_contain_text("OPENAI_BASE_URL")
    expect(conversation.get_by_role("button", name="Send again")).to_be_visible()
    assert provider.requests == []


def test_the_daily_limit_is_shown_beside_the_refused_message(
    ai_page: Page,
    ai_user: ApiUser,
    ai_application: dict[str, Any],
    provider: FakeProvider,
    ai_server: AiServer,
) -> None:
    ai_server.settings.ai_daily_messages_per_user = 1
    assistant = _open(ai_page, ai_user, ai_application["id"])
    _ask(assistant, "First question")
    expect(_conversation(assistant)).to_contain_text("Practise the system design round.")
    expect(assistant).to_contain_text("Today: 1 of 1 message")

    _ask(assistant, "Second question")

    conversation = _conversation(assistant)
    expect(conversation).to_contain_text("Second question")
    expect(conversation.get_by_role("alert")).to_contain_text("Daily limit reached.")
    expect(conversation.get_by_role("alert")).to_contain_text("AI_DAILY_MESSAGES_PER_USER")
    assert len(provider.requests) == 1
