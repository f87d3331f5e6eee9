"""New application from a pasted posting: the form fills in with where each field came from,
saves to the board, and the same posting pasted again links to the saved application."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import DESKTOP, card_in, shoot

pytestmark = pytest.mark.e2e

POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Platform Engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Capture Robotics"},
    "jobLocation": {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressLocality": "Lisbon"},
    },
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 60000, "maxValue": 75000},
    },
    "employmentType": "FULL_TIME",
    "datePosted": "2026-11-03",
    "validThrough": "2026-12-31",
    "description": "<p>Run our robot fleet's platform.</p><ul><li>Kubernetes</li></ul>",
    "url": "https://careers.capture-robotics.example/jobs/platform",
}
PAGE_HTML = (
    "<!DOCTYPE html><html><head><title>Careers</title>"
    f'<script type="application/ld+json">{json.dumps(POSTING)}</script>'
    "</head><body><h1>Platform Engineer</h1></body></html>"
)


def _paste_and_fill_in(page: Page) -> None:
    page.get_by_role("button", name="New application").click()
    page.get_by_role("button", name="Paste the posting instead").click()
    page.get_by_label("The posting's text or HTML").fill(PAGE_HTML)
    page.get_by_role("button", name="Fill in").click()


def test_a_pasted_posting_fills_the_form_saves_and_is_then_known(user: ApiUser, page: Page) -> None:
    user.sign_in_context(page.context)
    page.goto("/")

    _paste_and_fill_in(page)

    company = page.get_by_label("Company", exact=True)
    expect(company).to_have_value("Capture Robotics")
    expect(page.get_by_label("Role", exact=True)).to_have_value("Platform Engineer")
    expect(page.get_by_label("Location")).to_have_value("Lisbon")
    expect(page.get_by_label("Salary min")).to_have_value("60000")
    expect(page.get_by_label("Currency")).to_have_value("EUR")
    expect(page.get_by_label("Employment type")).to_have_value("full_time")
    expect(page.get_by_label("Posted on")).to_have_value("2026-11-03")
    expect(page.get_by_label("Deadline")).to_have_value("2026-12-31")
    expect(page.get_by_label("Job description")).to_have_value(
        "Run our robot fleet's platform.\n\n- Kubernetes"
    )
    expect(company).to_have_accessible_description("from the page")
    expect(page.get_by_text("AI-filled")).to_have_count(0)
    shoot(page, "capture-filled", DESKTOP)

    page.get_by_label("Role", exact=True).fill("Senior Platform Engineer")
    page.get_by_role("button", name="Save application").click()

    expect(card_in(page, "Wishlist", "Capture Robotics")).to_be_visible()
    [saved] = user.api.get("/api/applications").json()["items"]
    assert (saved["role"], saved["salary_max"], saved["employment_type"]) == (
        "Senior Platform Engineer",
        75000,
        "full_time",
    )
    assert saved["job_url"] == POSTING["url"]

    _paste_and_fill_in(page)

    notice = page.get_by_role("status").filter(has_text="You saved this on")
    expect(notice).to_contain_text("now in Wishlist")
    expect(page.get_by_role("button", name="Already saved")).to_be_disabled()
    shoot(page, "capture-already-tracked", DESKTOP)
    notice.get_by_role("link", name="Open it").click()
    expect(page).to_have_url(f"{user.base_url}/applications/{saved['id']}")
    assert len(user.api.get("/api/applications").json()["items"]) == 1
