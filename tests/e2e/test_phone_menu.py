"""On a phone the main navigation folds into a Menu button; wide, it stays a row of links."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import PHONE, Viewport, main_nav, open_signed_in, page_scroll_width

pytestmark = pytest.mark.e2e

SMALL_PHONE = Viewport("small-phone", 360, 740, mobile=True, scale=2)
WIDE = Viewport("wide", 1366, 900)

# Every link of the main navigation, with the heading its page shows.
MAIN_PAGES = [
    ("Board", "Applications"),
    ("Dashboard", "Dashboard"),
    ("Upcoming", "Upcoming"),
    ("Writing", "Writing"),
    ("Contacts", "Contacts"),
    ("Documents", "Documents"),
    ("Settings", "Settings"),
]


def _signed_in(
    new_context: Callable[[Viewport], BrowserContext], user: ApiUser, viewport: Viewport
) -> Page:
    page = open_signed_in(new_context, user, viewport)
    expect(main_nav(page)).to_be_visible()
    return page


def _menu_button(page: Page) -> Locator:
    return main_nav(page).get_by_role("button", name="Menu", exact=True)


def _open_menu(page: Page) -> None:
    button = _menu_button(page)
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    panel_id = button.get_attribute("aria-controls")
    assert panel_id, "the Menu button does not say which element it opens"
    expect(page.locator(f"[id='{panel_id}']")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=lambda viewport: viewport.name)
def test_on_a_phone_every_page_is_reached_through_the_menu(
    viewport: Viewport, user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    page = _signed_in(new_context, user, viewport)
    button = _menu_button(page)
    expect(button).to_have_attribute("aria-expanded", "false")
    # Closed, the menu hides the other pages' links, so the bar fits the screen.
    expect(main_nav(page).get_by_role("link", name="Contacts", exact=True)).to_be_hidden()

    for link, heading in MAIN_PAGES:
        _open_menu(page)
        expect(page.get_by_label("Theme")).to_be_visible()
        assert page_scroll_width(page) <= viewport.width, (
            f"the open menu is wider than a {viewport.width} px phone"
        )
        main_nav(page).get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        # Choosing a link closes the menu.
        expect(button).to_have_attribute("aria-expanded", "false")
        page.wait_for_load_state("networkidle")
        assert page_scroll_width(page) <= viewport.width, (
            f"{link} is wider than a {viewport.width} px phone"
        )


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=lambda viewport: viewport.name)
def test_escape_and_a_click_outside_close_the_menu(
    viewport: Viewport, user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    page = _signed_in(new_context, user, viewport)
    button = _menu_button(page)
    contacts = main_nav(page).get_by_role("link", name="Contacts", exact=True)

    _open_menu(page)
    contacts.focus()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(contacts).to_be_hidden()
    expect(button).to_be_focused()

    _open_menu(page)
    page.get_by_role("main").click(position={"x": 5, "y": 5})
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(contacts).to_be_hidden()


def test_on_a_wide_screen_the_links_show_without_a_menu_button(
    user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    page = _signed_in(new_context, user, WIDE)
    expect(_menu_button(page)).to_be_hidden()
    for link, _heading in MAIN_PAGES:
        expect(main_nav(page).get_by_role("link", name=link, exact=True)).to_be_visible()
    expect(page.get_by_label("Theme")).to_be_visible()
    assert page_scroll_width(page) <= WIDE.width
