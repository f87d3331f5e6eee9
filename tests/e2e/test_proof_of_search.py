"""The proof-of-search report in the browser: a range, a download, the PDF read back."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.api import ApiUser
from tests.e2e.ui import go_to

pytestmark = pytest.mark.e2e


def _seed(user: ApiUser) -> None:
    assert user.api.patch("/api/me", json={"time_zone": "Europe/Berlin"}).status_code == 200
    application = user.create_application(
        company="Kontor Berlin GmbH",
        role="Data Engineer",
        stage="applied",
        applied_on="2026-02-10",
        source="Arbeitsagentur",
    )
    contact = user.api.post(
        f"/api/applications/{application['id']}/contacts",
        json={"name": "Jana Schulz", "role": "Recruiter", "email": "jana@kontor.example"},
    )
    assert contact.status_code == 201, contact.text
    user.create_application(company="Too Late AG", stage="applied", applied_on="2026-04-02")


def test_the_pdf_downloaded_from_the_reports_page_lists_the_range(
    user: ApiUser, page: Page
) -> None:
    _seed(user)
    user.sign_in_context(page.context)
    page.goto("/")
    go_to(page, "Reports", heading="Proof of search")

    page.get_by_label("From").fill("2026-02-01")
    page.get_by_label("To").fill("2026-02-28")
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download PDF").click()

    download = downloading.value
    assert download.suggested_filename == "proof-of-search-2026-02-01-to-2026-02-28.pdf"
    path = download.path()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert user.display_name in text
    assert user.email in text
    assert "1 application between 1 Feb 2026 and 28 Feb 2026." in text
    assert "Kontor Berlin GmbH — Data Engineer" in text
    assert "Jana Schulz, Recruiter, jana@kontor.example" in text
    assert "Too Late AG" not in text
    expect(page.get_by_text("Your PDF report is downloaded.")).to_have_role("status")


def test_the_csv_downloads_too(user: ApiUser, page: Page) -> None:
    _seed(user)
    user.sign_in_context(page.context)
    page.goto("/reports")
    page.get_by_label("From").fill("2026-02-01")
    page.get_by_label("To").fill("2026-04-30")

    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download CSV").click()

    content = downloading.value.path().read_text(encoding="utf-8-sig")
    assert "Kontor Berlin GmbH" in content
    assert "Too Late AG" in content


def test_a_range_out_of_order_is_explained_and_nothing_downloads(user: ApiUser, page: Page) -> None:
    user.sign_in_context(page.context)
    page.goto("/reports")
    page.get_by_label("From").fill("2026-03-01")
    page.get_by_label("To").fill("2026-02-01")

    page.get_by_role("button", name="Download PDF").click()

    expect(page.get_by_text("Choose a last day on or after the first day.")).to_be_visible()
    expect(page.get_by_label("To")).to_have_attribute("aria-invalid", "true")
