"""Your data in and out: CSV export, import into another account, backup restore, calendar feed."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import ApiUser, due_in
from tests.e2e.ui import card, go_to, section

pytestmark = pytest.mark.e2e

BOM = b"\xef\xbb\xbf"
COMPANIES = ["Northwind Traders", "Globex Corporation", "Initech"]


def _signed_in_page(user: ApiUser, context: BrowserContext) -> Page:
    user.sign_in_context(context)
    page = context.new_page()
    page.goto("/")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    return page


def _export_csv(page: Page, into: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    saved = into / download.value.suggested_filename
    download.value.save_as(saved)
    return saved


def test_a_csv_exported_from_one_account_imports_into_another(
    make_user: Callable[..., ApiUser],
    new_context: Callable[[], BrowserContext],
    tmp_path: Path,
) -> None:
    alice, bob = make_user(), make_user()
    for company in COMPANIES:
        alice.create_application(company=company, role="Data Engineer", tags=["remote"])

    exported = _export_csv(_signed_in_page(alice, new_context()), tmp_path)
    content = exported.read_bytes()
    assert exported.suffix == ".csv"
    assert content.startswith(BOM), "Excel needs the BOM to read UTF-8"
    assert all(company in content.decode("utf-8-sig") for company in COMPANIES)

    page = _signed_in_page(bob, new_context())
    page.get_by_role("link", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Import applications", level=1)).to_be_visible()
    page.get_by_label("Spreadsheet file").set_input_files(exported)

    expect(page.get_by_label("Field for Company", exact=True)).to_have_value("company")
    expect(page.get_by_label("Field for Deliverables", exact=True)).to_have_value("")
    preview = section(page, "Check the first rows")
    for company in COMPANIES:
        expect(preview.get_by_role("cell", name=company)).to_be_visible()
    expect(page.get_by_text("3 applications will be created")).to_be_visible()
    import_button = page.get_by_role("button", name=re.compile(r"^Import \d+ applications?$"))
    expect(import_button).to_have_text("Import 3 applications")
    expect(import_button).to_be_enabled()

    # Changing the mapping previews again: without a Company column nothing can be imported.
    page.get_by_label("Field for Company", exact=True).select_option(label="Ignore")
    expect(page.get_by_text("Map a column to Company")).to_be_visible()
    expect(import_button).to_be_disabled()
    page.get_by_label("Field for Company", exact=True).select_option(value="company")
    expect(page.get_by_text("Map a column to Company")).to_be_hidden()
    expect(import_button).to_have_text("Import 3 applications")
    expect(import_button).to_be_enabled()

    import_button.click()
    expect(page.get_by_role("status").filter(has_text="Imported 3 applications")).to_be_visible()
    page.get_by_role("link", name="See them on your board").click()
    for company in COMPANIES:
        expect(card(page, company)).to_be_visible()
    assert bob.api.get("/api/applications").json()["total"] == len(COMPANIES)


def test_rows_with_errors_are_listed_by_row_and_the_others_still_import(
    user: ApiUser, user_page: Page, tmp_path: Path
) -> None:
    spreadsheet = tmp_path / "jobs.csv"
    spreadsheet.write_text(
        "Company,Role,Applied on\nAcme,Engineer,2026-01-05\n,Analyst,yesterday\n", "utf-8"
    )
    user_page.goto("/import")
    user_page.get_by_label("Spreadsheet file").set_input_files(spreadsheet)

    problems = section(user_page, "Rows to fix")
    expect(problems).to_contain_text("Row 3, Company: is required")
    expect(problems).to_contain_text("Row 3, Applied on: 'yesterday' is not a date")
    import_button = user_page.get_by_role("button", name="Import 1 application")
    expect(import_button).to_be_enabled()
    import_button.click()
    done = user_page.get_by_role("status").filter(has_text="Imported 1 application")
    expect(done).to_be_visible()
    assert user.api.get("/api/applications").json()["total"] == 1


def test_the_calendar_link_serves_icalendar_until_it_is_revoked(
    user: ApiUser, user_page: Page, new_context: Callable[[], BrowserContext]
) -> None:
    application = user.create_application(company="Umbrella")
    user.add_deliverable(application["id"], title="Take-home exercise", due_at=due_in(3))
    go_to(user_page, "Settings", heading="Settings")
    your_data = section(user_page, "Your data")

    your_data.get_by_role("button", name="Create calendar link").click()
    address = your_data.get_by_label("Calendar feed URL")
    expect(address).to_have_value(re.compile(rf"^{re.escape(user.base_url)}/calendar/.+\.ics$"))
    url = address.input_value()
    # Calendar apps fetch it with no session at all.
    anonymous = new_context().request
    answer = anonymous.get(url)
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    assert answer.text().startswith("BEGIN:VCALENDAR")
    assert "Take-home exercise" in answer.text()

    your_data.get_by_role("button", name="Revoke link").click()
    your_data.get_by_role("group", name="Revoke link").get_by_role(
        "button", name="Revoke", exact=True
    ).click()
    expect(your_data.get_by_role("button", name="Create calendar link")).to_be_visible()
    expect(address).to_be_hidden()
    assert anonymous.get(url).status == 404


def test_a_backup_restores_only_into_an_empty_account(
    make_user: Callable[..., ApiUser],
    new_context: Callable[[], BrowserContext],
    tmp_path: Path,
) -> None:
    alice, bob = make_user(), make_user()
    alice.create_application(company="Hooli", role="Platform Engineer")
    backup = tmp_path / "backup.json"
    backup.write_bytes(alice.api.get("/api/export/backup.json").content)

    page = _signed_in_page(alice, new_context())
    go_to(page, "Settings", heading="Settings")
    page.get_by_label("Backup file").set_input_files(backup)
    page.get_by_role("button", name="Restore backup").click()
    expect(page.get_by_role("alert")).to_contain_text("empty account")

    page = _signed_in_page(bob, new_context())
    go_to(page, "Settings", heading="Settings")
    page.get_by_label("Backup file").set_input_files(backup)
    page.get_by_role("button", name="Restore backup").click()
    expect(page.get_by_role("status").filter(has_text="Restored 1 application")).to_be_visible()
    page.get_by_role("link", name="Go to your board").click()
    expect(card(page, "Hooli")).to_be_visible()
