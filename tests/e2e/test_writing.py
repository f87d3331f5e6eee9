"""The writing bank: notes and reusable answers, searchable, tagged, linked, previewed safely."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import choose_option_containing, go_to, section

pytestmark = pytest.mark.e2e


def _open_writing(user: ApiUser, page: Page) -> None:
    user.sign_in_context(page.context)
    page.goto("/")
    go_to(page, "Writing", heading="Writing")


def _notes(page: Page) -> Locator:
    return page.get_by_role("list", name="Notes").get_by_role("listitem")


def test_a_new_note_is_saved_with_its_kind_and_tags(user: ApiUser, page: Page) -> None:
    _open_writing(user, page)
    page.get_by_role("button", name="New note").click()
    page.get_by_label("Title").fill("Tell me about yourself")
    page.get_by_label("Kind").select_option(label="Answer")
    page.get_by_label("Body").fill("I build **reliable** systems.")
    page.get_by_label("Tags").fill("intro, behavioural")
    page.get_by_role("button", name="Save", exact=True).click()

    note = _notes(page).filter(has_text="Tell me about yourself")
    expect(note).to_be_visible()
    expect(note).to_contain_text("behavioural")
    [saved] = user.api.get("/api/writing").json()["items"]
    assert (saved["kind"], sorted(saved["tags"])) == ("answer", ["behavioural", "intro"])


def test_the_preview_renders_markdown(user: ApiUser, page: Page) -> None:
    _open_writing(user, page)
    page.get_by_role("button", name="New note").click()
    page.get_by_label("Body").fill("# Plan\n\n- call *Ana*\n- send [CV](https://example.com)")

    preview = page.get_by_role("region", name="Preview")
    expect(preview.get_by_role("heading", name="Plan")).to_be_visible()
    expect(preview.locator("em")).to_have_text("Ana")
    expect(preview.get_by_role("link", name="CV")).to_have_attribute("href", "https://example.com")


def test_the_preview_does_not_run_html_from_the_note(user: ApiUser, page: Page) -> None:
    _open_writing(user, page)
    page.get_by_role("button", name="New note").click()
    page.get_by_label("Body").fill(
        'Hi <img src="x" onerror="window.pwned = 1"> <script>window.pwned = 2</script>\n\n'
        "[click](javascript:window.pwned=3)"
    )

    preview = page.get_by_role("region", name="Preview")
    expect(preview).to_contain_text("Hi")
    expect(preview.locator("[onerror], script, a[href^='javascript']")).to_have_count(0)
    assert page.evaluate("window.pwned") is None


def test_search_and_tag_narrow_the_list(user: ApiUser, page: Page) -> None:
    user.add_writing(title="Salary expectations", body="Range depends on level", tags=["money"])
    user.add_writing(title="Greatest weakness", body="Impatience", tags=["behavioural"])
    user.add_writing(title="Conflict story", body="A disagreement", tags=["behavioural"])
    _open_writing(user, page)
    expect(_notes(page)).to_have_count(3)

    page.get_by_label("Search").fill("salary")
    expect(_notes(page)).to_have_count(1)
    expect(_notes(page)).to_contain_text("Salary expectations")

    page.get_by_label("Search").fill("")
    _choose_tag(page.get_by_label("Tag", exact=True), "behavioural")
    expect(_notes(page)).to_have_count(2)
    expect(_notes(page).filter(has_text="Salary expectations")).to_have_count(0)


def test_editing_a_note_saves_the_change(user: ApiUser, page: Page) -> None:
    user.add_writing(title="Thank-you draft", body="Thanks for your time.")
    _open_writing(user, page)

    _notes(page).filter(has_text="Thank-you draft").get_by_role("link").first.click()
    expect(page.get_by_label("Title")).to_have_value("Thank-you draft")
    page.get_by_label("Title").fill("Thank-you note (final)")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(_notes(page).filter(has_text="Thank-you note (final)")).to_be_visible()
    page.reload()
    expect(_notes(page).filter(has_text="Thank-you note (final)")).to_be_visible()


def test_deleting_a_note_asks_first_then_removes_it(user: ApiUser, page: Page) -> None:
    user.add_writing(title="Obsolete answer")
    _open_writing(user, page)
    _notes(page).filter(has_text="Obsolete answer").get_by_role("link").first.click()

    page.get_by_role("button", name="Delete", exact=True).click()
    expect(page.get_by_text("Obsolete answer")).not_to_have_count(0)  # it asks first
    page.get_by_role("button", name="Delete note").click()

    expect(page.get_by_text("Obsolete answer")).to_have_count(0)
    assert user.api.get("/api/writing").json()["total"] == 0


def test_a_note_linked_to_an_application_shows_on_its_page(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Contoso")
    _open_writing(user, page)
    page.get_by_role("button", name="New note").click()
    page.get_by_label("Title").fill("Contoso research")
    choose_option_containing(page.get_by_label("Applications"), "Contoso")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(_notes(page).filter(has_text="Contoso research")).to_be_visible()

    page.goto(f"/applications/{application['id']}")
    expect(section(page, "Writing")).to_contain_text("Contoso research")


def test_a_new_note_can_start_linked_to_an_application(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Prelinked AG")
    user.sign_in_context(page.context)
    page.goto(f"/writing?new=1&application={application['id']}")

    page.get_by_label("Title").fill("Prelinked research")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(_notes(page).filter(has_text="Prelinked research")).to_be_visible()
    [saved] = user.api.get("/api/writing").json()["items"]
    assert saved["application_ids"] == [application["id"]]


def test_a_new_user_is_told_how_to_start(user: ApiUser, page: Page) -> None:
    _open_writing(user, page)

    expect(page.get_by_text("No notes yet")).to_be_visible()


def _choose_tag(field: Locator, tag: str) -> None:
    if field.evaluate("element => element.tagName") == "SELECT":
        field.select_option(tag)
    else:
        field.fill(tag)
