"""Issue 22's defects around notes and a quiet console: a note written from an application is
linked to it, a fixed title clears its message, and signing out or deleting logs no error."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, Response, Route, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import card, main_nav, section, wait_until

pytestmark = pytest.mark.e2e


@dataclass
class BrowserComplaints:
    """What a page logged as an error or warning, and every request that failed or was refused."""

    messages: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"}:
            self.messages.append(f"console {message.type}: {message.text}")

    def page_error(self, error: Exception) -> None:
        self.messages.append(f"page error: {error}")

    def request_failed(self, request: Request) -> None:
        self.messages.append(f"request failed: {request.method} {request.url} {request.failure}")

    def response(self, response: Response) -> None:
        if response.status >= 400:
            self.messages.append(
                f"answered {response.status}: {response.request.method} {response.url}"
            )


@pytest.fixture
def complaints(page: Page) -> BrowserComplaints:
    heard = BrowserComplaints()
    page.on("console", heard.console)
    page.on("pageerror", heard.page_error)
    page.on("requestfailed", heard.request_failed)
    page.on("response", heard.response)
    return heard


def test_write_a_note_from_an_application_links_the_note_to_it(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Fabrikam", role="Platform Engineer")
    user.sign_in_context(page.context)
    page.goto(f"/applications/{application['id']}")

    section(page, "Writing").get_by_role("link", name="Write a note").click()
    note = page.get_by_role("form", name="Note")
    expect(note.get_by_role("link", name="Fabrikam")).to_be_visible()  # "Linked to Fabrikam."
    note.get_by_label("Title").fill("Why Fabrikam")
    note.get_by_role("button", name="Save", exact=True).click()
    expect(note.get_by_role("status")).to_have_text("Saved.")

    [saved] = user.api.get("/api/writing").json()["items"]
    assert saved["application_ids"] == [application["id"]]
    page.goto(f"/applications/{application['id']}")
    expect(section(page, "Writing").get_by_role("link", name="Why Fabrikam")).to_be_visible()


def test_the_title_message_clears_once_a_title_is_typed(user: ApiUser, page: Page) -> None:
    user.sign_in_context(page.context)
    page.goto("/writing?new=1")
    note = page.get_by_role("form", name="Note")
    note.get_by_role("button", name="Save", exact=True).click()
    expect(note.get_by_text("Give it a title.")).to_be_visible()

    note.get_by_label("Title").fill("Thank-you note")

    expect(note.get_by_text("Give it a title.")).to_be_hidden()
    expect(note.get_by_label("Title")).not_to_have_attribute("aria-invalid", "true")


def test_a_signed_out_page_load_logs_no_error(page: Page, complaints: BrowserComplaints) -> None:
    page.goto("/")

    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert complaints.messages == []


def test_a_page_load_after_the_session_ended_elsewhere_logs_no_error(
    user: ApiUser, page: Page, complaints: BrowserComplaints
) -> None:
    user.sign_in_context(page.context)
    assert user.api.post("/api/auth/logout-all").status_code == 204  # "sign out everywhere"

    page.goto("/")

    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert complaints.messages == []


def test_deleting_an_application_leaves_the_console_clean(
    user: ApiUser, page: Page, complaints: BrowserComplaints
) -> None:
    application = user.create_application(company="Northwind", role="Data Engineer")
    user.add_deliverable(application["id"], title="Take-home exercise")
    user.add_writing(title="Northwind research", application_ids=[application["id"]])
    user.sign_in_context(page.context)
    page.goto(f"/applications/{application['id']}")
    expect(section(page, "Deliverables")).to_contain_text("Take-home exercise")
    expect(section(page, "Writing")).to_contain_text("Northwind research")

    board_url = page.url.split("/applications/")[0] + "/"

    page.get_by_role("button", name="Delete application").click()
    page.get_by_role("button", name="Move to trash").click()

    expect(page).to_have_url(board_url)
    expect(main_nav(page)).to_be_visible()
    expect(page.get_by_role("button", name="New application")).to_be_visible()
    expect(card(page, "Northwind")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert complaints.messages == []


@pytest.mark.parametrize("section", ["assistant", "interviews?limit=50"])
def test_a_delete_waits_for_a_section_still_loading(
    user: ApiUser, page: Page, complaints: BrowserComplaints, section: str
) -> None:
    """A section's request is on its way when the delete is confirmed: were the DELETE sent at
    once, the server could answer that request after it, with a 404."""
    application = user.create_application(company="Northwind", role="Data Engineer")
    loading = f"/api/applications/{application['id']}/{section}"
    held: list[Route] = []
    page.route(lambda url: url.endswith(loading), lambda route: held.append(route))
    sent: list[str] = []
    page.on("request", lambda request: sent.append(f"{request.method} {request.url}"))
    user.sign_in_context(page.context)
    with page.expect_request(lambda request: request.url.endswith(loading)):
        page.goto(f"/applications/{application['id']}")

    page.get_by_role("button", name="Delete application").click()
    page.get_by_role("button", name="Move to trash").click()
    page.wait_for_timeout(500)  # time enough for a DELETE sent too early to be answered
    assert not [request for request in sent if request.startswith("DELETE")]
    held[0].continue_()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(card(page, "Northwind")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert complaints.messages == []


def test_a_section_whose_code_arrives_during_a_delete_asks_for_nothing(
    user: ApiUser, page: Page, complaints: BrowserComplaints
) -> None:
    """The assistant's code is a chunk of its own: arriving while the DELETE is answered, it
    must not mount and ask for the conversation of an application that is gone."""
    application = user.create_application(company="Northwind", role="Data Engineer")
    chunk: list[Route] = []
    page.route(re.compile(r"/assets/Assistant-[^/]+\.js$"), lambda route: chunk.append(route))
    deleting: list[Route] = []

    def hold_the_delete(route: Route) -> None:
        if route.request.method == "DELETE":
            deleting.append(route)
        else:
            route.continue_()

    page.route(lambda url: url.endswith(f"/api/applications/{application['id']}"), hold_the_delete)
    user.sign_in_context(page.context)
    page.goto(f"/applications/{application['id']}")
    expect(page.get_by_role("heading", name="Northwind")).to_be_visible()
    expect(page.get_by_text("Loading the assistant")).to_be_visible()

    page.get_by_role("button", name="Delete application").click()
    page.get_by_role("button", name="Move to trash").click()
    wait_until(page, lambda: bool(deleting))
    answer = deleting[0].fetch()  # the server deletes; the page does not hear it yet
    chunk[0].continue_()
    page.wait_for_timeout(500)  # time enough for a mounted assistant to ask for its conversation
    deleting[0].fulfill(response=answer)

    expect(page).to_have_url(re.compile(r"/$"))
    expect(card(page, "Northwind")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert complaints.messages == []
