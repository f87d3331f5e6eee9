"""Which resume was sent, in the browser: asked for when a card is dragged to Applied, said on
the application's page; document kinds and versions on the Documents page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import card, card_in, column, drag, go_to, section, wait_until

pytestmark = pytest.mark.e2e


def _text_document(user: ApiUser, filename: str, **form: Any) -> dict[str, Any]:
    response = user.api.post(
        "/api/documents",
        files=[("files", (filename, filename.encode(), "text/plain"))],
        data={key: str(value) for key, value in form.items()},
    )
    assert response.status_code == 201, response.text
    [document] = response.json()
    return dict(document)


def _sent(user: ApiUser, application_id: int) -> dict[str, Any]:
    response = user.api.get(f"/api/applications/{application_id}/sent-documents")
    assert response.status_code == 200, response.text
    sent: dict[str, Any] = response.json()
    return sent


def _document(page: Page, filename: str) -> Locator:
    listed = page.get_by_role("list", name="Documents").get_by_role("listitem")
    return listed.filter(has=page.locator(".document-name", has_text=filename))


def _sent_line(documents: Locator) -> Locator:
    return documents.locator("p").filter(has_text="Sent:")


def test_moving_a_card_to_applied_asks_which_resume_was_sent(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Acme Robotics", stage="wishlist")
    for name in ("resume-2025.txt", "resume-2026.txt", "cover-acme.txt"):
        _text_document(user, name, application_id=application["id"])
    user.sign_in_context(page.context)
    page.goto("/")

    drag(page, card(page, "Acme Robotics"), column(page, "Applied"))

    expect(card_in(page, "Applied", "Acme Robotics")).to_be_visible()
    dialog = page.get_by_role("dialog", name="What did you send to Acme Robotics?")
    resume = dialog.get_by_label("Resume sent")
    # The card moves at once; the dialog opens once the server has the move, and so has
    # recorded the newest resume attached to it, which is offered first.
    expect(dialog).to_be_visible()
    expect(resume).to_have_value(str(_sent(user, application["id"])["resume"]["document_id"]))
    expect(resume.locator("option:checked")).to_have_text("resume-2026.txt")
    expect(dialog.get_by_label("Cover letter sent").locator("option:checked")).to_have_text(
        "cover-acme.txt"
    )
    resume.select_option(label="resume-2025.txt")
    dialog.get_by_role("button", name="Save what was sent").click()

    expect(dialog).to_be_hidden()
    wait_until(
        page, lambda: _sent(user, application["id"])["resume"]["filename"] == "resume-2025.txt"
    )
    page.goto(f"/applications/{application['id']}")
    expect(_sent_line(section(page, "Documents"))).to_contain_text(
        "Resume (resume-2025.txt) · Cover letter (cover-acme.txt)"
    )


def test_what_was_sent_can_be_changed_on_the_application_page(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Globex", stage="applied")
    first = _text_document(user, "resume.txt")
    _text_document(user, "resume-v2.txt", version_of=first["id"], application_id=application["id"])
    user.sign_in_context(page.context)
    page.goto(f"/applications/{application['id']}")
    documents = section(page, "Documents")
    expect(_sent_line(documents)).to_contain_text("nothing recorded yet")

    documents.get_by_role("button", name="Choose what was sent").click()
    expect(documents.get_by_label("Resume sent").locator("option:checked")).to_have_text(
        "resume-v2.txt · v2"
    )
    documents.get_by_role("button", name="Save what was sent").click()

    expect(_sent_line(documents)).to_contain_text("Resume v2 (resume-v2.txt)")


def test_a_new_version_is_uploaded_and_numbered_on_the_documents_page(
    user: ApiUser, page: Page
) -> None:
    _text_document(user, "notes-for-acme.txt")
    user.sign_in_context(page.context)
    page.goto("/")
    go_to(page, "Documents", heading="Documents")
    item = page.get_by_role("list", name="Documents").get_by_role("listitem")

    item.get_by_label("Kind of notes-for-acme.txt").select_option(label="Resume")
    expect(item.locator(".badge-kind")).to_have_text("Resume")
    item.get_by_label("Upload a new version of notes-for-acme.txt").set_input_files(
        files=[{"name": "resume-final.txt", "mimeType": "text/plain", "buffer": b"Final"}]
    )

    newer = _document(page, "resume-final.txt")
    expect(newer.locator(".badge-kind")).to_have_text("Resume · v2")
    older = _document(page, "notes-for-acme.txt")
    expect(older.locator(".badge-kind")).to_have_text("Resume · v1")
    expect(older.get_by_role("status")).to_have_text(
        "“resume-final.txt” is now version 2 of notes-for-acme.txt."
    )
