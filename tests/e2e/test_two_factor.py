"""Two-factor sign-in in the browser: set it up from Settings, sign out, sign in with a code."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import (
    PHONE,
    Viewport,
    authenticator_code,
    main_nav,
    section,
    shoot,
    sign_out,
)

pytestmark = pytest.mark.e2e

WIDE = Viewport("wide", 1366, 900)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_enrol_sign_out_and_sign_in_with_a_code(
    new_context: Callable[[Viewport], BrowserContext], user: ApiUser, viewport: Viewport
) -> None:
    context = new_context(viewport)
    user.sign_in_context(context)
    page: Page = context.new_page()
    page.goto("/settings")
    two_factor = section(page, "Two-factor sign-in")
    two_factor.get_by_role("button", name="Set up two-factor sign-in").click()

    expect(two_factor.get_by_role("img", name="QR code")).to_be_visible()
    secret = two_factor.get_by_test_id("two-factor-secret").inner_text().replace(" ", "")
    shoot(page, "two-factor-setup", viewport)
    two_factor.get_by_label("6-digit code from the app").fill(authenticator_code(secret))
    two_factor.get_by_role("button", name="Turn on").click()

    codes = two_factor.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    shoot(page, "two-factor-recovery-codes", viewport)
    two_factor.get_by_role("button", name="I have saved them").click()
    expect(two_factor.get_by_role("status")).to_contain_text("Two-factor sign-in is on")

    sign_out(page)
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(user.password)
    page.get_by_role("button", name="Sign in").click()
    code_field = page.get_by_label("Code", exact=True)
    expect(code_field).to_be_visible()
    expect(main_nav(page)).to_have_count(0)
    shoot(page, "two-factor-sign-in", viewport)
    code_field.fill(authenticator_code(secret, steps_ahead=1))
    page.get_by_role("button", name="Verify and sign in").click()

    expect(main_nav(page)).to_be_visible()
