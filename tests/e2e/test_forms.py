"""The application forms (issue 22): messages that name fields by their labels, length limits
shown before they bite, bounded dates in the reader's locale, and no edits lost by leaving."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from playwright.sync_api import Browser, Dialog, Locator, Page, Route, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import section

LEAVE_QUESTION = "You have changes that are not saved. Leave and lose them?"


def open_application(page: Page, user: ApiUser, **fields: object) -> dict[str, object]:
    application = user.create_application(**fields)
    page.goto(f"/applications/{application['id']}")
    expect(page.get_by_role("heading", name=str(application["company"]), level=1)).to_be_visible()
    return application


def details_field(page: Page, label: str) -> Locator:
    return section(page, "Details").get_by_label(label, exact=True)


# --- messages name fields by their labels ------------------------------------------------


def test_a_refused_save_names_the_field_by_its_label_and_says_what_to_do(
    user_page: Page, user: ApiUser
) -> None:
    open_application(user_page, user)
    details = section(user_page, "Details")

    details.get_by_label("Job URL", exact=True).fill("example.com/jobs/1")
    details.get_by_role("button", name="Save changes").click()

    advice = "Enter a web address starting with http:// or https://."
    alert = details.get_by_role("alert")
    expect(alert).to_have_text(f"Not saved. Job URL: {advice}")
    expect(details.get_by_label("Job URL", exact=True)).to_have_accessible_description(advice)
    expect(details.get_by_label("Job URL", exact=True)).to_be_focused()


def test_every_field_the_api_names_is_shown_under_its_label(user_page: Page, user: ApiUser) -> None:
    application = open_application(user_page, user)

    # A refusal whose summary names fields by their ids, one of them a list item's (tags.1).
    def refuse(route: Route) -> None:
        fields = {
            "applied_on": "Enter a date like 2026-12-31.",
            "tags.1": "Use at most 50 characters.",
        }
        summary = "Please correct: " + " ".join(f"{key}: {text}" for key, text in fields.items())
        body = {"error": {"code": "validation_error", "message": summary, "fields": fields}}
        route.fulfill(status=422, content_type="application/json", body=json.dumps(body))

    user_page.route(re.compile(rf".*/api/applications/{application['id']}$"), _only_patch(refuse))
    details = section(user_page, "Details")
    details.get_by_label("Source", exact=True).fill("Referral")
    details.get_by_role("button", name="Save changes").click()

    expect(details.get_by_role("alert")).to_have_text(
        "Not saved. Applied on: Enter a date like 2026-12-31. Tags: Use at most 50 characters."
    )


def _only_patch(handler: Callable[[Route], None]) -> Callable[[Route], None]:
    def handle(route: Route) -> None:
        if route.request.method == "PATCH":
            handler(route)
        else:
            route.fallback()

    return handle


# --- length limits -----------------------------------------------------------------------


def test_the_role_shows_its_limit_as_it_nears_it_and_keeps_pasted_text_whole(
    user_page: Page,
) -> None:
    user_page.get_by_role("button", name="New application").click()
    dialog = user_page.get_by_role("dialog", name="New application")
    role = dialog.get_by_label("Role", exact=True)
    dialog.get_by_label("Company", exact=True).fill("Acme")

    role.fill("r" * 179)
    expect(dialog.get_by_text("/ 200")).to_have_count(0)
    role.fill("r" * 180)
    expect(role).to_have_accessible_description("180 / 200")
    role.fill("r" * 200)
    expect(role).to_have_accessible_description("200 / 200 · that's the limit")

    role.fill("r" * 230)  # a paste longer than the limit
    expect(role).to_have_value("r" * 230)
    expect(role).to_have_accessible_description(
        "230 / 200 Shorten this by 30 characters: it takes at most 200."
    )
    dialog.get_by_role("button", name="Save application").click()
    expect(role).to_be_focused()
    expect(dialog).to_be_visible()


def test_notes_over_their_limit_say_so_before_saving(user_page: Page, user: ApiUser) -> None:
    open_application(user_page, user)
    notes = details_field(user_page, "Notes")

    notes.fill("n" * 100_001)

    expect(notes).to_have_accessible_description(
        "100,001 / 100,000 Shorten this by 1 character: it takes at most 100,000."
    )


# --- dates -------------------------------------------------------------------------------


def test_date_inputs_are_bounded_to_four_digit_years(user_page: Page, user: ApiUser) -> None:
    open_application(user_page, user)
    deadline = details_field(user_page, "Deadline")

    expect(deadline).to_have_attribute("min", "1970-01-01")
    expect(deadline).to_have_attribute("max", "2100-12-31")
    # Typing a fifth digit into the year: March 1st of 20250.
    deadline.click()
    deadline.press("Home")
    user_page.keyboard.type("0301" + "20250")

    expect(deadline).not_to_have_value(re.compile(r"^\d{5}"))
    expect(deadline).to_have_accessible_description(
        "Use a date from 1970 to 2100, with a four-digit year."
    )


def test_dates_are_shown_in_the_readers_locale(browser: Browser, user: ApiUser) -> None:
    context = browser.new_context(base_url=user.base_url, locale="de-DE", timezone_id="UTC")
    try:
        user.sign_in_context(context)
        page = context.new_page()
        user.create_application(company="Datum GmbH", deadline="2026-03-01")
        page.goto("/table")
        row = page.get_by_role("row").filter(has_text="Datum GmbH")
        expect(row).to_contain_text("1. März 2026")
    finally:
        context.close()


# --- unsaved edits -----------------------------------------------------------------------


def test_following_a_link_with_unsaved_details_asks_first(user_page: Page, user: ApiUser) -> None:
    application = open_application(user_page, user)
    notes = details_field(user_page, "Notes")
    notes.fill("Call back on Monday")
    questions: list[str] = []

    def answer(accept: bool) -> Callable[[Dialog], None]:
        def handle(dialog: Dialog) -> None:
            questions.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        return handle

    user_page.once("dialog", answer(accept=False))
    user_page.get_by_role("link", name="← Board").click()
    expect(notes).to_have_value("Call back on Monday")
    assert questions == [LEAVE_QUESTION]
    assert user_page.url.endswith(f"/applications/{application['id']}")

    user_page.once("dialog", answer(accept=True))
    user_page.get_by_role("link", name="← Board").click()
    expect(user_page.get_by_role("button", name="New application")).to_be_visible()
    assert questions == [LEAVE_QUESTION, LEAVE_QUESTION]


def test_saved_or_untouched_details_leave_without_asking(user_page: Page, user: ApiUser) -> None:
    open_application(user_page, user)
    asked: list[str] = []

    def refuse(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    user_page.on("dialog", refuse)

    details_field(user_page, "Notes").fill("Call back on Monday")
    section(user_page, "Details").get_by_role("button", name="Save changes").click()
    expect(section(user_page, "Details").get_by_role("status")).to_have_text("Saved.")
    user_page.get_by_role("link", name="← Board").click()

    expect(user_page.get_by_role("button", name="New application")).to_be_visible()
    assert asked == []


def test_closing_the_tab_with_unsaved_details_asks_first(user_page: Page, user: ApiUser) -> None:
    open_application(user_page, user)
    details_field(user_page, "Location").fill("Berlin")

    with user_page.expect_event("dialog") as asked:
        user_page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()
    expect(details_field(user_page, "Location")).to_have_value("Berlin")


def test_a_new_application_with_typed_content_asks_before_the_tab_closes(user_page: Page) -> None:
    user_page.get_by_role("button", name="New application").click()
    dialog = user_page.get_by_role("dialog", name="New application")
    dialog.get_by_label("Company", exact=True).fill("Acme")

    with user_page.expect_event("dialog") as asked:
        user_page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()
    expect(dialog.get_by_label("Company", exact=True)).to_have_value("Acme")


def test_an_empty_new_application_lets_the_tab_close(user_page: Page) -> None:
    user_page.get_by_role("button", name="New application").click()
    expect(user_page.get_by_role("dialog", name="New application")).to_be_visible()

    with user_page.expect_event("close"):
        user_page.close(run_before_unload=True)
