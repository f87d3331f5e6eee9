"""The admin's Users and Audit log pages: find someone, disable them, see it in the log; the
pages at phone width, by keyboard, in dark mode, and for no one but admins."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.test_archive_trash import AXE_SCRIPT, axe_violations
from tests.e2e.ui import Viewport, go_to, open_signed_in, page_scroll_width

pytestmark = pytest.mark.e2e

NARROW = Viewport("narrow-phone", 360, 740, mobile=True, scale=2)


def _users_page(admin: ApiUser, page: Page) -> None:
    admin.sign_in_context(page.context)
    page.goto("/")
    go_to(page, "Settings", heading="Settings")
    page.get_by_role("navigation", name="Administration").get_by_role("link", name="Users").click()
    expect(page.get_by_role("heading", name="Users", level=1)).to_be_visible()


def _find(page: Page, email: str) -> None:
    page.get_by_label("Search users").fill(email.upper())  # any case finds it
    expect(page.get_by_role("row")).to_have_count(2)  # the header and the one user
    expect(page.get_by_role("rowheader", name=email)).to_be_visible()


def test_the_admin_finds_a_user_disables_them_and_the_audit_log_shows_it(
    admin: ApiUser, user: ApiUser, page: Page
) -> None:
    user.create_application(company="Kept Ltd")
    _users_page(admin, page)

    _find(page, user.email)
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=user.email))
    expect(row).to_contain_text("Active")
    row.get_by_role("button", name=f"Manage {user.email}").click()
    dialog = page.get_by_role("dialog", name=user.email)
    dialog.get_by_role("button", name="Disable account").click()

    expect(dialog.get_by_role("button", name="Enable account")).to_be_visible()
    expect(row).to_contain_text("Disabled")
    refused = user.api.get("/api/applications")
    assert refused.status_code == 401
    assert "disabled" in refused.json()["error"]["message"]
    signed_in = httpx.post(
        f"{user.base_url}/api/auth/login", json={"email": user.email, "password": user.password}
    )
    assert signed_in.status_code == 403

    dialog.get_by_role("button", name="Close").click()
    page.get_by_role("navigation", name="Administration").get_by_role(
        "link", name="Audit log"
    ).click()
    expect(page.get_by_role("heading", name="Audit log", level=1)).to_be_visible()
    entry = page.get_by_role("row").filter(has_text=user.email).first
    expect(entry).to_contain_text("Disabled the account")
    expect(entry).to_contain_text(admin.email)

    # Put back: other tests share the server, and re-enabling restores sign-in.
    admin.api.patch(f"/api/admin/users/{user.id}", json={"disabled": False}).raise_for_status()
    assert user.api.get("/api/applications").status_code == 401  # the old session stays ended


def test_a_new_password_too_short_is_said_under_its_field(
    admin: ApiUser, user: ApiUser, page: Page
) -> None:
    _users_page(admin, page)
    _find(page, user.email)
    page.get_by_role("button", name=f"Manage {user.email}").click()
    dialog = page.get_by_role("dialog", name=user.email)

    dialog.get_by_label("New password").fill("short")
    dialog.get_by_role("button", name="Set password").click()

    field = dialog.get_by_label("New password")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(dialog).to_contain_text("at least")
    expect(dialog).not_to_contain_text("new_password")


def test_quotas_are_saved_and_deletion_waits_for_the_typed_email(
    admin: ApiUser, make_user: Callable[..., ApiUser], page: Page
) -> None:
    leaving = make_user()
    _users_page(admin, page)
    _find(page, leaving.email)
    page.get_by_role("button", name=f"Manage {leaving.email}").click()
    dialog = page.get_by_role("dialog", name=leaving.email)

    dialog.get_by_label("Applications", exact=True).fill("-3")
    dialog.get_by_role("button", name="Save quotas").click()
    expect(dialog).to_contain_text("Enter a whole number from 0")
    dialog.get_by_label("Applications", exact=True).fill("2")
    dialog.get_by_role("button", name="Save quotas").click()
    expect(dialog.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    assert leaving.api.get("/api/meta").json()["usage"]["max_applications"] == 2

    delete = dialog.get_by_role("button", name="Delete account")
    expect(delete).to_be_disabled()
    dialog.get_by_label(f"Type {leaving.email} to confirm").fill(leaving.email)
    delete.click()

    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.get_by_text("No user's email or name contains")).to_be_visible()
    assert admin.api.get(f"/api/admin/users/{leaving.id}").status_code == 404


def test_the_users_page_fits_360_pixels_and_sorts_by_keyboard(
    admin: ApiUser, user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    page = open_signed_in(new_context, admin, NARROW)
    page.goto("/admin/users")
    expect(page.get_by_role("heading", name="Users", level=1)).to_be_visible()

    assert page_scroll_width(page) <= NARROW.width  # the table scrolls in its own box
    sort = page.get_by_role("button", name="Applications")
    sort.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("columnheader", name="Applications")).to_have_attribute(
        "aria-sort", "ascending"
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("columnheader", name="Applications")).to_have_attribute(
        "aria-sort", "descending"
    )


@pytest.mark.skipif(not AXE_SCRIPT.is_file(), reason="axe-core is not installed")
def test_axe_finds_no_violations_on_users_and_audit_in_dark_mode(
    admin: ApiUser, user: ApiUser, page: Page
) -> None:
    page.emulate_media(color_scheme="dark")
    _users_page(admin, page)
    _find(page, user.email)
    assert axe_violations(page) == []
    page.get_by_role("button", name=f"Manage {user.email}").click()
    expect(page.get_by_role("dialog", name=user.email)).to_be_visible()
    assert axe_violations(page) == []
    page.goto("/admin/audit")
    expect(page.get_by_role("heading", name="Audit log", level=1)).to_be_visible()
    assert axe_violations(page) == []


def test_someone_not_admin_finds_no_admin_pages(user_page: Page) -> None:
    for path in ("/admin/users", "/admin/audit"):
        user_page.goto(path)
        expect(user_page.get_by_role("heading", name="Page not found")).to_be_visible()
