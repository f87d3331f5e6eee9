"""Upcoming: deliverables due soon across applications, overdue first, ticked done in place."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.api import ApiUser, due_in
from tests.e2e.ui import go_to

pytestmark = pytest.mark.e2e


def _open_upcoming(user: ApiUser, page: Page) -> None:
    user.sign_in_context(page.context)
    page.goto("/")
    go_to(page, "Upcoming", heading="Upcoming")


def test_overdue_deliverables_come_first_and_are_marked_overdue(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Northwind")
    user.add_deliverable(application["id"], title="Portfolio link", due_at=due_in(3))
    user.add_deliverable(application["id"], title="Late cover letter", due_at=due_in(-2))

    _open_upcoming(user, page)

    items = page.get_by_role("listitem").filter(has=page.locator("time"))
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Late cover letter")
    expect(items.nth(0)).to_contain_text("Overdue")
    expect(items.nth(0).locator(".overdue")).not_to_have_count(0)
    expect(items.nth(1)).to_contain_text("Portfolio link")
    expect(items.nth(1)).to_contain_text("Northwind")
    expect(items.nth(1)).not_to_contain_text("Overdue")


def test_days_ahead_widens_the_window(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Far Future Co")
    user.add_deliverable(application["id"], title="Reference letters", due_at=due_in(40))

    _open_upcoming(user, page)
    expect(page.get_by_text("Reference letters")).to_have_count(0)

    page.get_by_label("Days ahead").select_option("60")
    expect(page.get_by_role("listitem").filter(has_text="Reference letters")).to_be_visible()


def test_ticking_a_deliverable_done_saves_it(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Tickety")
    deliverable = user.add_deliverable(application["id"], title="Online form", due_at=due_in(1))

    _open_upcoming(user, page)
    # click, not check(): the box follows the saved state, which the expect below waits for
    page.get_by_role("checkbox", name="Mark Online form done").click()

    expect(page.get_by_role("checkbox", name="Mark Online form done")).to_be_checked()
    page.reload()
    expect(page.get_by_role("checkbox", name="Mark Online form done")).to_be_checked()
    saved = user.api.get(f"/api/deliverables/{deliverable['id']}").json()
    assert saved["state"] == "done"


def test_the_company_links_to_its_application(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Linkable GmbH")
    user.add_deliverable(application["id"], title="Video intro", due_at=due_in(5))

    _open_upcoming(user, page)
    page.get_by_role("listitem").filter(has_text="Video intro").get_by_role(
        "link", name="Linkable GmbH"
    ).click()

    expect(page).to_have_url(re.compile(rf"/applications/{application['id']}$"))
    expect(page.get_by_role("heading", name="Linkable GmbH", level=1)).to_be_visible()


def test_a_user_with_nothing_due_is_told_what_to_do(user: ApiUser, page: Page) -> None:
    _open_upcoming(user, page)

    expect(page.get_by_text("Nothing due")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="Board")).to_be_visible()
