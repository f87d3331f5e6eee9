"""Notifications: an application waiting in Applied gets a follow-up nudge with a badge in the
header; its draft opens ready to send; dismissing it and the rules in Settings hold."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.api import ApiUser

NEW_PASSWORD = "set by the admin in person 42"


def _days_ago(days: int) -> str:
    return (datetime.now(UTC).date() - timedelta(days=days)).isoformat()


def test_an_old_application_gets_a_follow_up_nudge_and_its_draft_opens(
    user_page: Page, user: ApiUser
) -> None:
    application = user.create_application(
        company="Initech", role="Data Analyst", stage="applied", applied_on=_days_ago(9)
    )
    contact = user.api.post(
        f"/api/applications/{application['id']}/contacts",
        json={"name": "Bill Lumbergh", "email": "bill@initech.example"},
    )
    assert contact.status_code == 201, contact.text
    user_page.reload()

    badge = user_page.get_by_role("link", name="Notifications, 1 waiting")
    expect(badge).to_be_visible()
    badge.click()
    expect(user_page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    nudge = user_page.get_by_role("list", name="Notifications").get_by_role("listitem")
    expect(nudge).to_have_count(1)
    expect(nudge).to_contain_text("Follow up: 9 days since you applied for Data Analyst at Initech")

    nudge.get_by_role("button", name="Draft follow-up").click()
    dialog = user_page.get_by_role("dialog", name="Follow-up draft")
    expect(dialog).to_contain_text("bill@initech.example")
    expect(dialog.get_by_label("Message")).to_have_value(
        # The template, filled from the contact and the application.
        re.compile(r"^Dear Bill,\n\n.*Data Analyst role at Initech", re.S)
    )
    expect(dialog.get_by_role("link", name="Open in your email")).to_have_attribute(
        "href", re.compile(r"^mailto:bill@initech\.example\?subject=Following%20up")
    )
    dialog.get_by_role("button", name="Close").click()

    nudge.get_by_role("button", name="Dismiss").click()
    expect(user_page.get_by_text("Nothing needs you right now.")).to_be_visible()
    expect(user_page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    user_page.reload()
    expect(user_page.get_by_text("Nothing needs you right now.")).to_be_visible()


def test_the_badge_asks_for_a_count_not_the_list(user_page: Page, user: ApiUser) -> None:
    for days in (9, 10, 11):
        user.create_application(stage="applied", applied_on=_days_ago(days))
    asked: list[str] = []
    user_page.on(
        "request",
        lambda request: asked.append(request.url) if "/api/notifications" in request.url else None,
    )

    user_page.reload()

    expect(user_page.get_by_role("link", name="Notifications, 3 waiting")).to_be_visible()
    assert asked
    assert all(url.endswith("/api/notifications?limit=1") for url in asked), asked


def test_marking_a_quiet_application_ghosted_moves_it(user_page: Page, user: ApiUser) -> None:
    application = user.create_application(
        company="Hooli", stage="applied", applied_on=_days_ago(31)
    )
    user_page.goto("/notifications")
    nudge = user_page.get_by_role("list", name="Notifications").get_by_role("listitem")
    expect(nudge).to_contain_text("No news for 31 days from Hooli: mark it Ghosted?")

    nudge.get_by_role("button", name="Mark Ghosted").click()
    expect(user_page.get_by_text("Nothing needs you right now.")).to_be_visible()
    stage = user.api.get(f"/api/applications/{application['id']}").json()["stage"]
    assert stage == "ghosted"


def test_a_rule_turned_off_in_settings_removes_its_nudges(user_page: Page, user: ApiUser) -> None:
    user.create_application(company="Initrode", stage="applied", applied_on=_days_ago(8))
    user_page.goto("/settings")
    reminders = user_page.get_by_role("region", name="Reminders")
    expect(reminders.get_by_label("Follow up after (days)")).to_have_value("7")
    expect(reminders).to_contain_text("Email is not set up on this instance")

    reminders.get_by_label("Remind me to follow up", exact=True).uncheck()
    reminders.get_by_role("button", name="Save reminder rules").click()
    expect(reminders.get_by_role("status")).to_have_text("Saved.")
    user_page.goto("/notifications")
    expect(user_page.get_by_text("Nothing needs you right now.")).to_be_visible()
    assert user.api.get("/api/notification-rules").json()["follow_up_days"] is None


def test_without_email_the_admin_sets_a_forgotten_password(
    admin: ApiUser, user: ApiUser, new_context: Any
) -> None:
    context = new_context()
    admin.sign_in_context(context)
    page = context.new_page()
    page.goto("/settings")
    email_section = page.get_by_role("region", name="Email", exact=True)
    expect(email_section).to_contain_text("Email is off")

    email_section.get_by_label("Their email").fill(user.email)
    email_section.get_by_label("New password").fill("short")
    email_section.get_by_role("button", name="Set password").click()
    expect(email_section.get_by_text("at least", exact=False).first).to_be_visible()
    email_section.get_by_label("New password").fill(NEW_PASSWORD)
    email_section.get_by_role("button", name="Set password").click()
    expect(email_section.get_by_role("status")).to_contain_text(f"The password of {user.email}")

    with httpx.Client(base_url=admin.base_url) as client:
        signed_in = client.post(
            "/api/auth/login", json={"email": user.email, "password": NEW_PASSWORD}
        )
    assert signed_in.status_code == 200


AXE_SCRIPT = Path(__file__).resolve().parents[2] / "frontend/node_modules/axe-core/axe.min.js"


@pytest.mark.skipif(
    not AXE_SCRIPT.is_file(), reason="axe-core is not installed (npm ci in frontend)"
)
def test_axe_finds_no_violations_on_the_list_and_the_draft(user_page: Page, user: ApiUser) -> None:
    user.create_application(company="Initech", stage="applied", applied_on=_days_ago(9))
    user.create_application(company="Hooli", stage="wishlist", deadline=_days_ago(-2))
    user_page.goto("/notifications")
    items = user_page.get_by_role("list", name="Notifications").get_by_role("listitem")
    expect(items).to_have_count(2)
    # Evaluated, not added as a <script>: the app's CSP (script-src 'self') refuses inline ones.
    user_page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))

    assert _axe_violations(user_page) == []
    items.filter(has_text="Initech").get_by_role("button", name="Draft follow-up").click()
    expect(user_page.get_by_role("dialog", name="Follow-up draft")).to_contain_text("Subject")
    assert _axe_violations(user_page) == []


def _axe_violations(page: Page) -> list[tuple[str, list[Any]]]:
    result = page.evaluate("() => axe.run(document)")
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
    ]


def test_upcoming_flags_deadlines_soon_and_passed(user_page: Page, user: ApiUser) -> None:
    user.create_application(company="Soonly", stage="wishlist", deadline=_days_ago(-2))
    user.create_application(company="Lately", stage="drafting", deadline=_days_ago(1))
    user.create_application(company="Farout", stage="wishlist", deadline=_days_ago(-20))
    user_page.goto("/upcoming")

    deadlines = user_page.get_by_role("region", name="Application deadlines")
    items = deadlines.get_by_role("listitem")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("The deadline for Software Engineer at Lately passed")
    expect(items.nth(1)).to_contain_text("at Soonly is in 2 days")
    items.nth(1).get_by_role("link").click()
    expect(user_page).to_have_url(re.compile(r"/applications/\d+$"))
