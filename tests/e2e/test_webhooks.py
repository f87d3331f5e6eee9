"""Webhooks in the browser: add one (its secret shown once), send a test that reaches a receiver
on 127.0.0.1, read the delivery log, switch it off, delete it; a private address is refused
under its field. On a wide screen and a phone."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from jobtracker import migrations
from jobtracker.app import create_app
from jobtracker.config import Settings
from tests.e2e.api import ApiUser, register
from tests.e2e.conftest import STATIC_DIR, LiveServer
from tests.e2e.ui import PHONE, Viewport, section, shoot
from tests.live_server import serve
from tests.webhooks.receiver import Receiver, receiver_on_loopback, verifies

pytestmark = pytest.mark.e2e

WIDE = Viewport("wide", 1366, 900)


@pytest.fixture(scope="module")
def live_server(ui_built: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server of this module's own, whose admin allowed 127.0.0.1 (the receiver's host)."""
    data_dir = tmp_path_factory.mktemp("e2e-webhooks")
    database_url = f"sqlite:///{data_dir / 'e2e.sqlite3'}"
    migrations.upgrade(database_url)
    settings = Settings(
        _env_file=None,
        database_url=database_url,
        data_dir=data_dir,
        jwt_secret="e2e-webhooks-secret-that-is-long-enough-for-hs256-0123456789abcdef",
        registration_max_per_ip=10_000,
        static_dir=STATIC_DIR,
        capture_allowed_private_hosts="127.0.0.1",
        scheduler_in_web=False,  # nothing but the test button sends
    )
    app = create_app(settings)
    with serve(app) as url:
        admin = register(url, display_name="Ada Admin")
        yield LiveServer(url=url, admin=admin)
        admin.close()
    app.state.engine.dispose()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiver_on_loopback() as running:
        yield running


def _settings_page(
    new_context: Callable[[Viewport], BrowserContext], user: ApiUser, viewport: Viewport
) -> Page:
    context = new_context(viewport)
    user.sign_in_context(context)
    page = context.new_page()
    page.goto("/settings")
    return page


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_add_test_read_the_log_switch_off_and_delete_a_webhook(
    new_context: Callable[[Viewport], BrowserContext],
    user: ApiUser,
    receiver: Receiver,
    viewport: Viewport,
) -> None:
    page = _settings_page(new_context, user, viewport)
    webhooks = section(page, "Webhooks")
    webhooks.get_by_label("Receiver's address").fill(receiver.url())
    webhooks.get_by_label("Description (optional)").fill("My automation")
    webhooks.get_by_label("Deliverable due within a day").uncheck()
    webhooks.get_by_role("button", name="Add webhook").click()

    secret = webhooks.get_by_test_id("new-webhook-secret").inner_text().strip()
    assert secret.startswith("whsec_")
    shoot(page, "webhook-created", viewport)
    webhooks.get_by_role("button", name="Done").click()
    expect(webhooks.get_by_test_id("new-webhook-secret")).to_have_count(0)
    row = webhooks.get_by_role("list", name="Your webhooks").get_by_role("listitem").first
    expect(row).to_contain_text("My automation")
    expect(row).to_contain_text("Application added, Stage changed, Interview scheduled")
    expect(row).to_contain_text(f"secret ending {secret[-4:]}")

    row.get_by_role("button", name="Send test").click()
    expect(row.get_by_role("status")).to_contain_text("Test delivered: the receiver answered 200")
    [received] = receiver.received
    assert json.loads(received.body)["event"] == "ping"
    assert verifies(received, secret)

    row.get_by_role("button", name="Delivery log").click()
    log = row.get_by_role("list", name="Delivery log, newest first")
    expect(log.get_by_role("listitem")).to_have_count(1)
    expect(log).to_contain_text("Delivered · Test")
    expect(log).to_contain_text("answered 200")
    shoot(page, "webhook-log", viewport)

    switch = row.get_by_role("checkbox", name="Send events to My automation")
    with page.expect_response(
        lambda response: response.request.method == "PATCH" and "/api/webhooks/" in response.url
    ) as switched:
        switch.uncheck()
    assert switched.value.ok
    expect(switch).not_to_be_checked()
    assert user.api.get("/api/webhooks").json()["items"][0]["enabled"] is False

    row.get_by_role("button", name="Delete My automation").click()
    row.get_by_role("button", name="Delete webhook").click()
    expect(webhooks.get_by_role("list", name="Your webhooks")).to_have_count(0)
    assert user.api.get("/api/webhooks").json()["items"] == []


def test_a_failed_test_says_what_the_receiver_answered(
    new_context: Callable[[Viewport], BrowserContext], user: ApiUser, receiver: Receiver
) -> None:
    receiver.answers = [500]
    page = _settings_page(new_context, user, WIDE)
    webhooks = section(page, "Webhooks")
    webhooks.get_by_label("Receiver's address").fill(receiver.url())
    webhooks.get_by_role("button", name="Add webhook").click()
    webhooks.get_by_role("button", name="Done").click()

    webhooks.get_by_role("button", name="Send test").click()

    expect(webhooks.get_by_role("status")).to_contain_text(
        "Test not delivered. The receiver answered 500."
    )


def test_a_private_address_is_refused_under_its_field(
    new_context: Callable[[Viewport], BrowserContext], user: ApiUser
) -> None:
    page = _settings_page(new_context, user, PHONE)
    webhooks = section(page, "Webhooks")
    address = webhooks.get_by_label("Receiver's address")
    address.fill("https://10.1.2.3/hook")
    webhooks.get_by_role("button", name="Add webhook").click()

    expect(address).to_have_attribute("aria-invalid", "true")
    expect(webhooks).to_contain_text("points inside a private network")
    webhooks.get_by_label("Application added").uncheck()
    webhooks.get_by_label("Stage changed").uncheck()
    webhooks.get_by_label("Interview scheduled").uncheck()
    webhooks.get_by_label("Deliverable due within a day").uncheck()
    webhooks.get_by_role("button", name="Add webhook").click()
    expect(webhooks).to_contain_text("Choose at least one event to send.")
    assert user.api.get("/api/webhooks").json()["items"] == []
