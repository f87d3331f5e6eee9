"""The password policy as a person meets it: the server's reason, next to the field."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.api import PASSWORD, ApiUser, unique_email

pytestmark = pytest.mark.e2e


def test_signing_up_with_a_common_password_says_why_it_is_refused(page: Page) -> None:
    page.goto("/signup")
    page.get_by_label("Email").fill(unique_email("weak"))
    page.get_by_label("Password").fill("12345678")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_text("one of the most common ones").first).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)


def test_changing_to_a_password_holding_the_email_says_why_it_is_refused(
    user: ApiUser, user_page: Page
) -> None:
    user_page.goto("/settings")
    user_page.get_by_label("Current password").fill(PASSWORD)
    user_page.get_by_label("New password").fill(f"{user.email}!")
    user_page.get_by_role("button", name="Change password").click()

    expect(user_page.get_by_text("can't contain your email address").first).to_be_visible()
