"""The story of issue 3, told in a real browser: one new user from sign-up to signing in again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.api import APPLICATION_LIMIT, PASSWORD, unique_email
from tests.e2e.ui import (
    card,
    card_in,
    choose_option_containing,
    column,
    create_application,
    drag,
    fill_date,
    go_to,
    section,
    sign_in,
    sign_out,
    sign_up,
)

pytestmark = pytest.mark.e2e

COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli"]
DELIVERABLE = "Take-home exercise"
NOTE = "Why I want to work at Acme"


def test_a_new_user_signs_up_fills_the_board_and_finds_everything_after_signing_in_again(
    page: Page,
) -> None:
    email = unique_email("journey")
    sign_up(page, email=email, password=PASSWORD, display_name="Jo Journey")

    _create_applications_until_the_limit(page)
    _drag_to_interview(page, "Acme")
    _add_deliverable_and_see_it_in_upcoming(page, "Acme")
    _write_a_note(page, "Acme")

    sign_out(page)
    sign_in(page, email=email, password=PASSWORD)
    _find_everything(page)


def _create_applications_until_the_limit(page: Page) -> None:
    for count, company in enumerate(COMPANIES, start=1):
        create_application(page, company=company, role="Backend Engineer")
        expect(page.get_by_text(f"{count} of {APPLICATION_LIMIT} applications")).to_be_visible()
    expect(page.get_by_role("button", name="New application")).to_be_disabled()
    expect(page.get_by_role("status").filter(has_text="limit")).to_be_visible()


def _drag_to_interview(page: Page, company: str) -> None:
    drag(page, card(page, company), column(page, "Interview"))
    expect(card_in(page, "Interview", company)).to_be_visible()
    page.reload()  # the move was saved, not just drawn
    expect(card_in(page, "Interview", company)).to_be_visible()


def _add_deliverable_and_see_it_in_upcoming(page: Page, company: str) -> None:
    card(page, company).get_by_role("link").first.click()
    expect(page.get_by_role("heading", name=company, level=1)).to_be_visible()
    deliverables = section(page, "Deliverables")
    deliverables.get_by_label("Title").fill(DELIVERABLE)
    deliverables.get_by_label("Kind").select_option(label="Coding task")
    fill_date(deliverables.get_by_label("Due"), datetime.now(UTC) + timedelta(days=3))
    deliverables.get_by_role("button", name="Add deliverable").click()
    expect(deliverables.get_by_text(DELIVERABLE)).to_be_visible()

    go_to(page, "Upcoming", heading="Upcoming")
    item = page.get_by_role("listitem").filter(has_text=DELIVERABLE)
    expect(item).to_be_visible()
    expect(item).to_contain_text(company)


def _write_a_note(page: Page, company: str) -> None:
    go_to(page, "Writing", heading="Writing")
    page.get_by_role("button", name="New note").click()
    page.get_by_label("Title").fill(NOTE)
    page.get_by_label("Body").fill("I **love** their *anvils*.")
    page.get_by_label("Tags").fill("motivation")
    choose_option_containing(page.get_by_label("Applications"), company)
    expect(page.get_by_role("region", name="Preview").locator("strong")).to_have_text("love")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("listitem").filter(has_text=NOTE)).to_be_visible()


def _find_everything(page: Page) -> None:
    for company in COMPANIES:
        expect(card(page, company)).to_be_visible()
    expect(card_in(page, "Interview", "Acme")).to_be_visible()

    go_to(page, "Upcoming", heading="Upcoming")
    expect(page.get_by_role("listitem").filter(has_text=DELIVERABLE)).to_be_visible()

    go_to(page, "Writing", heading="Writing")
    expect(page.get_by_role("listitem").filter(has_text=NOTE)).to_be_visible()
