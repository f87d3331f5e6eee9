"""Signing in and up: the errors a person sees, where they can see them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.api import PASSWORD, ApiUser

pytestmark = pytest.mark.e2e


def test_a_wrong_password_is_explained(user: ApiUser, page: Page) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("alert")).to_contain_text("wrong")
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)


def test_signing_up_with_a_taken_email_is_explained(user: ApiUser, page: Page) -> None:
    page.goto("/signup")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Display name").fill("Copycat")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("alert")).to_contain_text("already exists")


def test_a_signed_out_visitor_is_sent_to_sign_in(page: Page) -> None:
    page.goto("/upcoming")

    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def test_signing_up_while_registration_is_closed_is_explained(admin: ApiUser, page: Page) -> None:
    admin.api.patch("/api/admin/settings", json={"registration_open": False}).raise_for_status()
    page.goto("/signup")
    page.get_by_label("Email").fill("latecomer@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Display name").fill("Late")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("alert")).to_contain_text("Registration is closed")


def test_signing_up_beyond_the_user_limit_is_explained(admin: ApiUser, page: Page) -> None:
    users = admin.api.get("/api/admin/settings").json()["users"]
    admin.api.patch("/api/admin/settings", json={"max_users": users}).raise_for_status()
    page.goto("/signup")
    page.get_by_label("Email").fill("one-too-many@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Display name").fill("Extra")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("alert")).to_contain_text("limit")
