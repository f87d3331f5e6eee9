"""The import as a person switching trackers goes through it: statuses we don't know mapped to
stages in the preview, a bad cell fixed in place, a row left out, then the board."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import card, section

pytestmark = pytest.mark.e2e

SPREADSHEET = """Company,Role,Status,Applied on
Northwind Traders,Data Engineer,Submitted,2026-09-01
Globex,Analyst,Dreaming,2026-09-02
Initech,Developer,Phone Screen,31/13/2026
Umbrella,Tester,Applied,2026-09-04
,Orphan,Applied,2026-09-05
"""


def test_unknown_statuses_are_mapped_a_cell_fixed_a_row_left_out_and_the_rest_imported(
    user: ApiUser, user_page: Page, tmp_path: Path
) -> None:
    spreadsheet = tmp_path / "from-another-tracker.csv"
    spreadsheet.write_text(SPREADSHEET, "utf-8")
    page = user_page
    page.goto("/import")
    page.get_by_label("Spreadsheet file").set_input_files(spreadsheet)

    # The question comes first: a status we don't know waits for a stage.
    statuses = section(page, "Stages for the file's statuses")
    expect(statuses.get_by_role("alert")).to_contain_text("Choose a stage for 1 status")
    expect(page.get_by_label("Stage for Submitted")).to_have_value("applied")
    page.get_by_label("Stage for Dreaming").select_option(label="Wishlist")
    expect(statuses.get_by_role("alert")).to_be_hidden()

    problems = section(page, "Rows to fix")
    expect(problems).to_contain_text("Row 4, Applied on: '31/13/2026' is not a date")
    expect(problems).to_contain_text("Row 6, Company: is required")
    page.get_by_label("Row 4, Applied on").fill("2026-09-13")
    page.get_by_label("Row 4, Applied on").press("Enter")
    expect(problems).not_to_contain_text("Row 4, Applied on")
    page.get_by_label("Leave row 6 out").check()

    summary = section(page, "Import")
    expect(summary.get_by_role("status").first).to_contain_text(
        "4 applications will be created; 1 row you left out"
    )
    import_button = page.get_by_role("button", name="Import 4 applications")
    expect(import_button).to_be_enabled()
    import_button.click()

    expect(page.get_by_role("status").filter(has_text="Imported 4 applications")).to_be_visible()
    page.get_by_role("link", name="See them on your board").click()
    for company in ("Northwind Traders", "Globex", "Initech", "Umbrella"):
        expect(card(page, company)).to_be_visible()
    imported = {item["company"]: item for item in user.api.get("/api/applications").json()["items"]}
    assert set(imported) == {"Northwind Traders", "Globex", "Initech", "Umbrella"}
    assert imported["Globex"]["stage"] == "wishlist"
    assert imported["Initech"]["stage"] == "screening"
    assert imported["Initech"]["applied_on"] == "2026-09-13"
