"""Issue 22's dark mode and keyboard shortcuts: the theme follows the system unless Light or Dark
is picked (kept across a reload), dark pages keep AA contrast, and n, / and ? work everywhere
except while typing."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import REPO_ROOT, card, go_to

pytestmark = pytest.mark.e2e

AXE_SCRIPT = REPO_ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
LIGHT_BACKGROUND = "rgb(245, 246, 248)"  # --bg in styles.css
DARK_BACKGROUND = "rgb(17, 19, 24)"


def body(page: Page) -> Locator:
    return page.locator("body")


def theme_select(page: Page) -> Locator:
    return page.get_by_role("banner").get_by_label("Theme")


def test_dark_system_setting_darkens_the_page(user_page: Page) -> None:
    expect(body(user_page)).to_have_css("background-color", LIGHT_BACKGROUND)
    user_page.emulate_media(color_scheme="dark")
    expect(body(user_page)).to_have_css("background-color", DARK_BACKGROUND)
    expect(theme_select(user_page)).to_have_value("system")


def test_chosen_dark_theme_survives_a_reload(user_page: Page) -> None:
    theme_select(user_page).select_option(label="Dark theme")
    expect(body(user_page)).to_have_css("background-color", DARK_BACKGROUND)

    user_page.reload()
    expect(theme_select(user_page)).to_have_value("dark")
    expect(body(user_page)).to_have_css("background-color", DARK_BACKGROUND)


def test_chosen_light_theme_overrides_a_dark_system(user_page: Page) -> None:
    user_page.emulate_media(color_scheme="dark")
    theme_select(user_page).select_option(label="Light theme")
    expect(body(user_page)).to_have_css("background-color", LIGHT_BACKGROUND)

    user_page.reload()
    expect(body(user_page)).to_have_css("background-color", LIGHT_BACKGROUND)
    theme_select(user_page).select_option(label="System theme")
    expect(body(user_page)).to_have_css("background-color", DARK_BACKGROUND)


def test_n_opens_new_application_and_escape_closes_it(user_page: Page) -> None:
    go_to(user_page, "Upcoming", heading="Upcoming")
    user_page.keyboard.press("n")
    dialog = user_page.get_by_role("dialog", name="New application")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Company", exact=True)).to_be_visible()

    user_page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_slash_focuses_the_search_of_the_page(user_page: Page) -> None:
    go_to(user_page, "Writing", heading="Writing")
    user_page.keyboard.press("/")
    expect(user_page.get_by_label("Search")).to_be_focused()
    assert user_page.url.endswith("/writing")


def test_slash_on_the_board_goes_to_the_table_search(user_page: Page) -> None:
    user_page.keyboard.press("/")
    expect(
        user_page.get_by_role("search", name="Filter applications").get_by_label("Search")
    ).to_be_focused()
    assert user_page.url.endswith("/table")


def test_question_mark_lists_the_shortcuts(user_page: Page) -> None:
    user_page.keyboard.press("?")
    dialog = user_page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    for description in ("New application", "Search", "Show these shortcuts", "Close a dialog"):
        expect(dialog).to_contain_text(description)

    user_page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_shortcuts_button_opens_the_list_from_the_keyboard(user_page: Page) -> None:
    shortcuts = user_page.get_by_role("button", name="Shortcuts")
    shortcuts.focus()
    user_page.keyboard.press("Enter")
    dialog = user_page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    user_page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(shortcuts).to_be_focused()  # the native dialog hands focus back


def test_shortcuts_do_not_fire_while_typing(user_page: Page) -> None:
    go_to(user_page, "Writing", heading="Writing")
    search = user_page.get_by_label("Search")
    search.click()
    user_page.keyboard.type("n/?")
    expect(search).to_have_value("n/?")

    theme_select(user_page).focus()
    user_page.keyboard.press("?")
    user_page.keyboard.press("n")
    expect(user_page.get_by_role("dialog")).to_have_count(0)
    assert user_page.url.endswith("/writing")


def test_shortcuts_do_not_fire_with_a_modifier_key(user_page: Page) -> None:
    user_page.keyboard.press("Alt+n")
    user_page.keyboard.press("Control+/")
    # A plain "?" afterwards shows the page still listens, so the silence above was the modifier.
    user_page.keyboard.press("?")
    expect(user_page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    expect(user_page.get_by_role("dialog")).to_have_count(1)
    assert not user_page.url.endswith("/table")


def contrast_violations(page: Page) -> list[dict[str, Any]]:
    # Evaluated, not added as a <script>: the app's CSP (script-src 'self') refuses inline ones.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "() => axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } })"
    )
    assert result["passes"], "axe found no text to check the contrast of"
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{node['target']}: {node['failureSummary']}"
        for violation in violations
        for node in violation["nodes"]
    )


@pytest.mark.skipif(
    not AXE_SCRIPT.is_file(), reason="axe-core is not installed (npm ci in frontend)"
)
@pytest.mark.parametrize("choice", ["system", "dark"])
def test_board_in_dark_mode_has_no_contrast_violations(
    user: ApiUser, user_page: Page, choice: str
) -> None:
    application = user.create_application(company="Northwind", role="Data Engineer")
    user.add_deliverable(application["id"], title="Take-home exercise")
    if choice == "system":
        user_page.emulate_media(color_scheme="dark")
    else:
        theme_select(user_page).select_option(value="dark")
    user_page.reload()
    expect(card(user_page, "Northwind")).to_be_visible()
    expect(body(user_page)).to_have_css("background-color", DARK_BACKGROUND)

    violations = contrast_violations(user_page)
    assert not violations, describe(violations)


@pytest.mark.skipif(
    not AXE_SCRIPT.is_file(), reason="axe-core is not installed (npm ci in frontend)"
)
@pytest.mark.parametrize(
    ("link", "heading"),
    [
        ("Dashboard", "Dashboard"),
        ("Upcoming", "Upcoming"),
        ("Writing", "Writing"),
        ("Documents", "Documents"),
        ("Settings", "Settings"),
    ],
)
def test_pages_in_dark_mode_have_no_contrast_violations(
    user: ApiUser, user_page: Page, link: str, heading: str
) -> None:
    application = user.create_application(company="Northwind", role="Data Engineer")
    user.add_deliverable(application["id"], title="Take-home exercise")
    user.add_writing(title="Cover letter for Northwind")
    theme_select(user_page).select_option(value="dark")
    go_to(user_page, link, heading=heading)
    expect(user_page.get_by_role("status").filter(has_text="Loading")).to_have_count(0)

    violations = contrast_violations(user_page)
    assert not violations, describe(violations)
