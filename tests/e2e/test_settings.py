"""Settings: the account (name, password, signing out everywhere, deletion) and the instance."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import go_to

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "a brand new passphrase"


def _open_settings(user: ApiUser, page: Page) -> None:
    user.sign_in_context(page.context)
    page.goto("/")
    go_to(page, "Settings", heading="Settings")


def _can_sign_in(user: ApiUser, password: str) -> bool:
    response = httpx.post(
        f"{user.base_url}/api/auth/login", json={"email": user.email, "password": password}
    )
    return response.status_code == 200


def test_changing_the_display_name_shows_it_in_the_header(user: ApiUser, page: Page) -> None:
    _open_settings(user, page)
    page.get_by_label("Display name").fill("Grace Hopper")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_role("banner")).to_contain_text("Grace Hopper")
    assert user.api.get("/api/me").json()["display_name"] == "Grace Hopper"


def test_a_wrong_current_password_is_reported_next_to_it(user: ApiUser, page: Page) -> None:
    _open_settings(user, page)
    page.get_by_label("Current password").fill("not my password")
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()

    current = page.get_by_label("Current password")
    expect(current).to_have_attribute("aria-invalid", "true")
    described_by = current.get_attribute("aria-describedby")
    assert described_by, "the error is not tied to the field"
    expect(page.locator(f"[id='{described_by.split()[0]}']")).to_contain_text("wrong")
    assert _can_sign_in(user, user.password)


def test_changing_the_password_keeps_this_session_and_takes_the_new_one(
    user: ApiUser, page: Page
) -> None:
    _open_settings(user, page)
    page.get_by_label("Current password").fill(user.password)
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()

    expect(page.get_by_role("status").filter(has_text="Password changed")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Settings", level=1)).to_be_visible()
    assert _can_sign_in(user, NEW_PASSWORD)
    assert not _can_sign_in(user, user.password)


def test_sign_out_everywhere_ends_other_sessions(
    user: ApiUser, new_context: Callable[[], BrowserContext]
) -> None:
    other_device = new_context().new_page()
    user.sign_in_context(other_device.context)
    other_device.goto("/")
    expect(other_device.get_by_role("navigation", name="Main")).to_be_visible()

    page = new_context().new_page()
    _open_settings(user, page)
    page.get_by_role("button", name="Sign out everywhere").click()

    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    other_device.reload()
    expect(other_device.get_by_role("button", name="Sign in")).to_be_visible()


def test_deleting_the_account_needs_the_password(user: ApiUser, page: Page) -> None:
    user.create_application(company="Gone Tomorrow")
    _open_settings(user, page)
    page.get_by_role("button", name="Delete account").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Password").fill("wrong password")
    dialog.get_by_role("button", name="Delete account").click()
    expect(dialog.get_by_role("alert")).to_contain_text("wrong")
    assert _can_sign_in(user, user.password)

    dialog.get_by_label("Password").fill(user.password)
    dialog.get_by_role("button", name="Delete account").click()

    signed_out = page.get_by_role("button", name="Sign in").or_(
        page.get_by_role("button", name="Create account")
    )
    expect(signed_out).to_be_visible()
    assert not _can_sign_in(user, user.password)


def test_a_regular_user_sees_no_instance_settings(user: ApiUser, page: Page) -> None:
    _open_settings(user, page)

    expect(page.get_by_role("heading", name="Account", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Instance")).to_have_count(0)


def test_the_admin_closes_registration(admin: ApiUser, page: Page) -> None:
    _open_settings(admin, page)
    instance = page.get_by_role("region", name="Instance")
    expect(instance.get_by_label("Registration open")).to_be_checked()
    instance.get_by_label("Max users").fill("50")
    instance.get_by_label("Registration open").uncheck()
    instance.get_by_role("button", name="Save instance settings").click()

    expect(instance.get_by_role("status")).to_contain_text("Saved")
    saved = admin.api.get("/api/admin/settings").json()
    assert (saved["max_users"], saved["registration_open"]) == (50, False)
    page.reload()
    expect(page.get_by_role("region", name="Instance").get_by_label("Max users")).to_have_value(
        "50"
    )
