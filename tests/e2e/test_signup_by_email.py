"""Signing up on an instance with email set up: check the inbox, follow the link, you're in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from jobtracker import migrations
from jobtracker.app import create_app
from jobtracker.config import Settings
from tests.e2e.api import PASSWORD, unique_email
from tests.e2e.conftest import STATIC_DIR
from tests.e2e.ui import main_nav
from tests.live_server import serve
from tests.mail_server import HOST, MailServer, body_of, smtp_server

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class EmailingInstance:
    url: str
    mailbox: MailServer


@pytest.fixture
def instance(ui_built: None, tmp_path: Path) -> Iterator[EmailingInstance]:
    """An instance of its own (the shared one has no email), mailing through 127.0.0.1."""
    database_url = f"sqlite:///{tmp_path / 'emailing.sqlite3'}"
    migrations.upgrade(database_url)
    with smtp_server() as mailbox:
        settings = Settings(
            _env_file=None,
            database_url=database_url,
            data_dir=tmp_path,
            jwt_secret="e2e-email-secret-that-is-long-enough-for-hs256-0123456789",
            max_users=0,
            static_dir=STATIC_DIR,
            smtp_host=HOST,
            smtp_port=mailbox.port,
            smtp_from="Job Tracker <jobs@example.org>",
            smtp_starttls=False,
            public_url="http://127.0.0.1",  # the real port is known once it serves
        )
        app = create_app(settings)
        with serve(app) as url:
            settings.public_url = url
            yield EmailingInstance(url, mailbox)
        app.state.engine.dispose()


@pytest.fixture
def instance_page(browser: Browser, instance: EmailingInstance) -> Iterator[Page]:
    context = browser.new_context(base_url=instance.url)
    yield context.new_page()
    context.close()


def test_signing_up_by_email_link_opens_the_account(
    instance: EmailingInstance, instance_page: Page
) -> None:
    page, email = instance_page, unique_email("mailed")
    page.goto("/signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Display name").fill("Mel Mailed")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("status")).to_contain_text("Check your inbox")
    link = re.search(
        r"http://\S+/signup/confirm\?token=\S+", body_of(instance.mailbox.to(email)[-1])
    )
    assert link
    page.goto(link.group(0))
    page.get_by_role("button", name="Open my account").click()

    expect(main_nav(page)).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text("Mel Mailed")


def test_a_used_sign_up_link_says_so(instance: EmailingInstance, instance_page: Page) -> None:
    instance_page.goto("/signup/confirm?token=" + "x" * 43)
    instance_page.get_by_role("button", name="Open my account").click()

    expect(instance_page.get_by_role("alert")).to_contain_text("expired or was already used")
