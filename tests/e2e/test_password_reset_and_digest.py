"""From an email to the browser: "Forgot password?" mails a link that sets a new password, and
a digest's unsubscribe link works without signing in. The shared instance has no email: there
the forgot-password page says resets are off and who can help."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, expect

from jobtracker import db, migrations
from jobtracker.app import create_app
from jobtracker.auth import service
from jobtracker.config import Settings
from jobtracker.db import utcnow
from jobtracker.digests import service as digest_service
from tests.e2e.api import PASSWORD, unique_email
from tests.e2e.conftest import STATIC_DIR
from tests.e2e.ui import main_nav, sign_in
from tests.live_server import serve
from tests.mail_server import HOST, MailServer, body_of, smtp_server

pytestmark = pytest.mark.e2e
NEW_PASSWORD = "a fresh passphrase for 2027"


@dataclass(frozen=True)
class EmailingInstance:
    url: str
    app: FastAPI
    mailbox: MailServer
    email: str


@pytest.fixture
def instance(ui_built: None, tmp_path: Path) -> Iterator[EmailingInstance]:
    """An instance of its own that mails through 127.0.0.1, with one account."""
    database_url = f"sqlite:///{tmp_path / 'emailing.sqlite3'}"
    migrations.upgrade(database_url)
    email = unique_email("forgetful")
    with smtp_server() as mailbox:
        settings = Settings(
            _env_file=None,
            database_url=database_url,
            data_dir=tmp_path,
            jwt_secret="e2e-reset-secret-that-is-long-enough-for-hs256-0123456789",
            static_dir=STATIC_DIR,
            smtp_host=HOST,
            smtp_port=mailbox.port,
            smtp_from="Job Tracker <jobs@example.org>",
            smtp_security="none",
            public_url="http://127.0.0.1",  # the real port is known once it serves
        )
        app = create_app(settings)
        with app.state.session_factory() as session:
            service.create_admin(session, email=email, password=PASSWORD, display_name="Fran")
        with serve(app) as url:
            settings.public_url = url
            yield EmailingInstance(url, app, mailbox, email)
        app.state.engine.dispose()


@pytest.fixture
def instance_page(browser: Browser, instance: EmailingInstance) -> Iterator[Page]:
    context = browser.new_context(base_url=instance.url)
    yield context.new_page()
    context.close()


def _wait_for_mail(mailbox: MailServer, email: str) -> str:
    """The newest message's text: the web process's scheduler sends it within moments."""
    deadline = time.monotonic() + 15
    while not mailbox.to(email):
        assert time.monotonic() < deadline, "no email arrived"
        time.sleep(0.1)
    return body_of(mailbox.to(email)[-1])


def test_forgot_password_mails_a_link_that_sets_a_new_password(
    instance: EmailingInstance, instance_page: Page
) -> None:
    page = instance_page
    page.goto("/login")
    page.get_by_role("link", name="Forgot password?").click()
    page.get_by_label("Email").fill(instance.email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("status")).to_contain_text("If an account uses this address")

    link = re.search(
        r"http://\S+/reset-password\?token=\S+", _wait_for_mail(instance.mailbox, instance.email)
    )
    assert link
    page.goto(link.group(0))
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the new password").click()
    expect(page.get_by_role("status")).to_contain_text("every session is signed out")

    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill(instance.email)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(main_nav(page)).to_be_visible()


def _signed_in_page(browser: Browser, instance: EmailingInstance) -> Page:
    context = browser.new_context(base_url=instance.url)
    page = context.new_page()
    sign_in(page, email=instance.email, password=PASSWORD)
    return page


def test_opting_in_to_the_digest_then_unsubscribing_from_its_link_signed_out(
    browser: Browser, instance: EmailingInstance, instance_page: Page
) -> None:
    settings_page = _signed_in_page(browser, instance)
    settings_page.goto("/settings")
    reminders = settings_page.get_by_role("region", name="Reminders")
    reminders.get_by_label("Email me a digest of my reminders and interviews").check()
    reminders.get_by_label("How often").select_option("Once a week")
    reminders.get_by_label("On", exact=True).select_option("Friday")
    reminders.get_by_label("At (your time)").select_option("07:00")
    reminders.get_by_role("button", name="Save email settings").click()
    expect(reminders.get_by_role("status").last).to_have_text("Saved.")
    settings_page.context.close()
    with instance.app.state.session_factory() as session:
        user = service.find_by_email(session, instance.email)
        assert user is not None
        subscription = digest_service.subscription_for(session, user.id)
    assert (subscription.enabled, subscription.frequency, subscription.weekday) == (
        True,
        "weekly",
        4,
    )
    assert subscription.hour == 7

    # A week later the digest is due: one round of the scheduler at that time sends it.
    db.clock.frozen_at = utcnow() + timedelta(days=7)
    try:
        instance.app.state.scheduler.tick()
    finally:
        db.clock.frozen_at = None
    link = re.search(
        r"http://\S+/unsubscribe\?token=\S+", _wait_for_mail(instance.mailbox, instance.email)
    )
    assert link
    page = instance_page  # signed out
    page.goto(link.group(0))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("status")).to_contain_text("You will get no more digests")
    with instance.app.state.session_factory() as session:
        assert digest_service.subscription_for(session, user.id).enabled is False


def test_the_admin_sends_a_test_email(browser: Browser, instance: EmailingInstance) -> None:
    page = _signed_in_page(browser, instance)
    page.goto("/settings")
    email_section = page.get_by_role("region", name="Email", exact=True)
    expect(email_section).to_contain_text("Email is on")

    email_section.get_by_role("button", name="Send a test email").click()
    expect(email_section.get_by_role("status")).to_contain_text(
        f"A test email was sent to {instance.email}"
    )
    assert "outgoing email works" in _wait_for_mail(instance.mailbox, instance.email)
    page.context.close()


def test_without_email_the_forgot_password_page_says_resets_are_off(page: Page) -> None:
    """Said at once, before anyone types an address for a link that cannot come."""
    page.goto("/forgot-password")

    status = page.get_by_role("status")
    expect(status).to_contain_text("Password resets by email are off")
    expect(status).to_contain_text("Ask the instance's admin")
    expect(page.get_by_role("button", name="Send the link")).to_have_count(0)
