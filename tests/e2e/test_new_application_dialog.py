"""The New application dialog takes every main field, not only company and role (issue 22)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import section


def test_every_main_field_filled_in_the_dialog_is_saved(user_page: Page, user: ApiUser) -> None:
    user_page.get_by_role("button", name="New application").click()
    dialog = user_page.get_by_role("dialog", name="New application")
    dialog.get_by_label("Company", exact=True).fill("Dialog Fields Ltd")
    dialog.get_by_label("Role", exact=True).fill("Platform Engineer")

    more = dialog.locator("details").filter(has_text="More details")
    expect(more).to_have_attribute("open", "")
    more.get_by_label("Salary min").fill("65 000")
    more.get_by_label("Salary max").fill("80000")
    more.get_by_label("Currency").fill("eur")
    more.get_by_label("Location").fill("Lisbon, Portugal")
    more.get_by_label("Work mode").select_option(label="Hybrid")
    more.get_by_label("Source", exact=True).fill("Referral from Ana")
    more.get_by_label("Deadline").fill("2027-03-15")
    more.get_by_label("Job description").fill("Run the platform.\nKeep it boring.")
    dialog.get_by_role("button", name="Save application").click()
    expect(dialog).to_be_hidden()

    listed = user.api.get("/api/applications")
    listed.raise_for_status()
    (saved,) = [item for item in listed.json()["items"] if item["company"] == "Dialog Fields Ltd"]
    application = user.api.get(f"/api/applications/{saved['id']}").json()
    assert application["salary_min"] == 65000
    assert application["salary_max"] == 80000
    assert application["salary_currency"] == "EUR"
    assert application["location"] == "Lisbon, Portugal"
    assert application["work_mode"] == "hybrid"
    assert application["source"] == "Referral from Ana"
    assert application["deadline"] == "2027-03-15"
    assert application["job_description"] == "Run the platform.\nKeep it boring."

    user_page.goto(f"/applications/{saved['id']}")
    details = section(user_page, "Details")
    expect(details.get_by_label("Salary min")).to_have_value("65000")
    expect(details.get_by_label("Salary max")).to_have_value("80000")
    expect(details.get_by_label("Currency")).to_have_value("EUR")
    expect(details.get_by_label("Location")).to_have_value("Lisbon, Portugal")
    expect(details.get_by_label("Work mode")).to_have_value("hybrid")
    expect(details.get_by_label("Source", exact=True)).to_have_value("Referral from Ana")
    expect(details.get_by_label("Deadline")).to_have_value("2027-03-15")
    expect(details.get_by_label("Job description")).to_have_value(
        "Run the platform.\nKeep it boring."
    )


def test_more_details_folds_by_keyboard_and_opens_on_a_problem_inside(user_page: Page) -> None:
    user_page.get_by_role("button", name="New application").click()
    dialog = user_page.get_by_role("dialog", name="New application")
    dialog.get_by_label("Company", exact=True).fill("Folded Co")
    dialog.get_by_label("Role", exact=True).fill("Analyst")
    dialog.get_by_label("Salary min").fill("lots")

    summary = dialog.get_by_text("More details", exact=True)
    summary.focus()
    user_page.keyboard.press("Enter")
    expect(dialog.get_by_label("Salary min")).to_be_hidden()

    dialog.get_by_role("button", name="Save application").click()
    salary_min = dialog.get_by_label("Salary min")
    expect(salary_min).to_be_visible()
    expect(salary_min).to_be_focused()
    expect(dialog.get_by_text("Use a whole number, like 65000.")).to_be_visible()
