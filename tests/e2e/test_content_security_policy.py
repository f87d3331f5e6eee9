"""The UI works under its Content-Security-Policy: every page renders and Chromium reports no
violation (an inline script, a style, a frame or an image the policy would block)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, expect

from tests.documents.builders import make_pdf
from tests.e2e.api import ApiUser, due_in
from tests.e2e.ui import card, go_to, section

pytestmark = pytest.mark.e2e

PAGES = [("Dashboard", "Dashboard"), ("Upcoming", "Upcoming"), ("Writing", "Writing")]
PAGES += [("Documents", "Documents"), ("Settings", "Settings")]


def _seed(user: ApiUser) -> dict[str, object]:
    application = user.create_application(company="Contoso", stage="applied", tags=["remote"])
    user.api.patch(f"/api/applications/{application['id']}", json={"stage": "interview"})
    user.add_deliverable(application["id"], title="Essay", due_at=due_in(2))
    user.add_writing(title="Why Contoso", body="**Because** of the mission.")
    response = user.api.post(
        "/api/documents",
        files=[("files", ("resume.pdf", make_pdf("Jane Doe"), "application/pdf"))],
        data={"application_id": str(application["id"])},
    )
    assert response.status_code == 201, response.text
    return application


def test_every_page_renders_without_a_policy_violation(user: ApiUser, page: Page) -> None:
    violations: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", watch)
    application = _seed(user)
    user.sign_in_context(page.context)

    board = page.goto("/")
    assert board is not None
    assert "script-src 'self'" in board.all_headers()["content-security-policy"]
    expect(card(page, "Contoso")).to_be_visible()
    for link, heading in PAGES:
        go_to(page, link, heading=heading)
        if link == "Dashboard":  # Recharts draws SVG and measures text with styled elements
            # The charts load and draw as they come into view.
            expect(page.locator(".chart-grid").first).to_be_attached()
            page.evaluate("document.querySelector('.chart-grid-pending')?.scrollIntoView()")
            expect(page.locator("svg.recharts-surface").first).to_be_visible()
    page.goto(f"/applications/{application['id']}")
    documents = section(page, "Documents")
    documents.get_by_role("button", name="Preview resume.pdf").click()
    preview = page.get_by_role("dialog", name="resume.pdf").get_by_title("Preview of resume.pdf")
    expect(preview).to_be_visible()
    page.wait_for_timeout(500)  # the framed viewer reports violations as it loads

    assert violations == []


def test_the_api_docs_render_from_this_server_alone(page: Page) -> None:
    violations: list[str] = []
    origins: set[str] = set()

    def watch(message: ConsoleMessage) -> None:
        # A blocked load, or a Permissions-Policy feature this Chromium does not know.
        if "Content Security Policy" in message.text or "Permissions-Policy" in message.text:
            violations.append(message.text)

    def note(request: Request) -> None:
        if not request.url.startswith("data:"):
            origins.add(urlsplit(request.url).netloc)

    page.on("console", watch)
    page.on("request", note)
    page.goto("/api/docs")

    expect(page.locator(".opblock").first).to_be_visible()  # Swagger UI drew the operations
    assert violations == []
    assert origins == {urlsplit(page.url).netloc}
