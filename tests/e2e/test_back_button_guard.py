"""Issue 22's lost edits, through the history: the browser's Back (and Forward) button asks
before leaving a form with unsaved edits, as links and closing the tab already do."""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import card, section

pytestmark = pytest.mark.e2e

LEAVE_QUESTION = "You have changes that are not saved. Leave and lose them?"


class Answers:
    """Answers each question the page asks with the next of `replies`, and keeps what it asked."""

    def __init__(self, page: Page, *replies: bool) -> None:
        self.questions: list[str] = []
        self.replies = list(replies)
        page.on("dialog", self.answer)

    def answer(self, dialog: Dialog) -> None:
        self.questions.append(dialog.message)
        if self.replies and self.replies.pop(0):
            dialog.accept()
        else:
            dialog.dismiss()


def open_from_the_board(page: Page, user: ApiUser, company: str) -> str:
    """Follow a card's link, so the board is the entry before the application in the history."""
    application = user.create_application(company=company, role="Data Engineer")
    page.reload()
    card(page, company).get_by_role("link", name=company).click()
    expect(page.get_by_role("heading", name=company, level=1)).to_be_visible()
    return f"/applications/{application['id']}"


def test_back_with_unsaved_details_asks_and_stays_when_refused(
    user_page: Page, user: ApiUser
) -> None:
    path = open_from_the_board(user_page, user, "Northwind")
    notes = section(user_page, "Details").get_by_label("Notes", exact=True)
    notes.click()
    notes.fill("Call back on Monday")
    answers = Answers(user_page, False, True)

    user_page.go_back()
    expect(user_page.get_by_role("heading", name="Northwind", level=1)).to_be_visible()
    expect(notes).to_have_value("Call back on Monday")
    assert answers.questions == [LEAVE_QUESTION]
    assert user_page.url.endswith(path)

    # Refusing kept the page's place in the history: Back still leads to the board, and asks.
    user_page.go_back()
    expect(user_page.get_by_role("heading", name="Applications", level=1)).to_be_visible()
    assert answers.questions == [LEAVE_QUESTION, LEAVE_QUESTION]
    assert not user_page.url.endswith(path)


def test_back_without_edits_leaves_without_asking(user_page: Page, user: ApiUser) -> None:
    open_from_the_board(user_page, user, "Initech")
    answers = Answers(user_page)

    user_page.go_back()
    expect(user_page.get_by_role("heading", name="Applications", level=1)).to_be_visible()
    assert answers.questions == []


def test_back_after_saving_leaves_without_asking(user_page: Page, user: ApiUser) -> None:
    open_from_the_board(user_page, user, "Globex")
    details = section(user_page, "Details")
    details.get_by_label("Location", exact=True).fill("Berlin")
    details.get_by_role("button", name="Save changes").click()
    expect(details.get_by_role("status")).to_have_text("Saved.")
    answers = Answers(user_page)

    user_page.go_back()
    expect(user_page.get_by_role("heading", name="Applications", level=1)).to_be_visible()
    assert answers.questions == []


def test_forward_with_a_typed_new_application_asks_and_keeps_it(
    user_page: Page, user: ApiUser
) -> None:
    user.create_application(company="Umbrella")
    user_page.reload()
    card(user_page, "Umbrella").get_by_role("link", name="Umbrella").click()
    expect(user_page.get_by_role("heading", name="Umbrella", level=1)).to_be_visible()
    user_page.go_back()
    expect(user_page.get_by_role("heading", name="Applications", level=1)).to_be_visible()

    user_page.get_by_role("button", name="New application").click()
    dialog = user_page.get_by_role("dialog", name="New application")
    dialog.get_by_label("Company", exact=True).fill("Acme")
    answers = Answers(user_page, False)

    user_page.go_forward()
    expect(dialog.get_by_label("Company", exact=True)).to_have_value("Acme")
    assert answers.questions == [LEAVE_QUESTION]
    expect(user_page.get_by_role("heading", name="Applications", level=1)).to_be_visible()
