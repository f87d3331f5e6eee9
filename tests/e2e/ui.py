"""What a person does in the browser, in the words of the UI contract, shared by the e2e tests."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import BrowserContext, Locator, Page, expect

from jobtracker.auth import totp

if TYPE_CHECKING:
    from tests.e2e.api import ApiUser

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
README_SCREENSHOT = REPO_ROOT / "docs" / "screenshot-board.png"


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    mobile: bool = False
    scale: float = 1


DESKTOP = Viewport("desktop", 1280, 900)
PHONE = Viewport("phone", 390, 844, mobile=True, scale=2)


def shoot(page: Page, name: str, viewport: Viewport) -> Path:
    """Save a full-page screenshot to test-artifacts/ (uploaded by CI, ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}-{viewport.name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def containing(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text))


# --- accounts ---------------------------------------------------------------------------


def main_nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Main")


def sign_up(page: Page, *, email: str, password: str, display_name: str) -> None:
    page.goto("/signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Display name").fill(display_name)
    page.get_by_role("button", name="Create account").click()
    expect(main_nav(page)).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text(display_name)


def sign_in(page: Page, *, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(main_nav(page)).to_be_visible()


def authenticator_code(secret: str, steps_ahead: int = 0) -> str:
    """What the user's phone app shows now (or a step later: each step's code works once)."""
    return totp.code_for_step(secret, totp.step_at(time.time()) + steps_ahead)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def go_to(page: Page, link: str, heading: str | None = None) -> None:
    """Follow a link of the main navigation, as a person would, and wait for the page."""
    main_nav(page).get_by_role("link", name=link, exact=True).click()
    if heading:
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()


# --- board ------------------------------------------------------------------------------


def column(page: Page, stage_label: str) -> Locator:
    return page.get_by_role("region", name=stage_label, exact=True)


def card(page: Page, company: str) -> Locator:
    return page.get_by_role("article", name=containing(company))


def card_in(page: Page, stage_label: str, company: str) -> Locator:
    return column(page, stage_label).get_by_role("article", name=containing(company))


def create_application(page: Page, *, company: str, role: str) -> None:
    page.get_by_role("button", name="New application").click()
    page.get_by_label("Company", exact=True).fill(company)
    page.get_by_label("Role", exact=True).fill(role)
    page.get_by_role("button", name="Save application").click()
    expect(page.get_by_label("Company", exact=True)).to_be_hidden()
    if "/applications/" in page.url:  # some forms open the new application's page
        page.goto("/")
    expect(card(page, company)).to_be_visible()


def drag(page: Page, source: Locator, target: Locator) -> None:
    """A real mouse drag: press, move in small steps (dnd-kit waits for a few pixels of
    movement before it starts dragging), hover the target, release."""
    source.scroll_into_view_if_needed()
    start = source.bounding_box()
    assert start is not None, "the card to drag is not on screen"
    # Grab the card by its padding, near the top-right corner: away from its link and select.
    x, y = start["x"] + start["width"] - 6, start["y"] + 6
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 8, y + 8, steps=4)
    end = target.bounding_box()
    assert end is not None, "the column to drop on is not on screen"
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + min(end["height"] / 2, 120), steps=20)
    page.mouse.up()


# --- forms ------------------------------------------------------------------------------


def section(page: Page, heading: str) -> Locator:
    """The innermost <section> holding a heading with this name."""
    return page.locator("section").filter(has=page.get_by_role("heading", name=heading)).last


def fill_date(field: Locator, moment: datetime) -> None:
    """Fill a date, datetime-local or text input with the value format it expects."""
    kind = field.get_attribute("type") or "text"
    if kind == "datetime-local":
        field.fill(moment.strftime("%Y-%m-%dT%H:%M"))
    else:
        field.fill(moment.strftime("%Y-%m-%d"))


def page_scroll_width(page: Page) -> int:
    width: int = page.evaluate("document.scrollingElement.scrollWidth")
    return width


def choose_option_containing(select: Locator, text: str) -> None:
    """Pick the option whose label contains `text` (labels may add a role or a date)."""
    option = select.locator("option").filter(has_text=text).first
    value = option.get_attribute("value")
    assert value is not None, f"no option containing {text!r}"
    select.select_option(value=value)


def open_signed_in(
    new_context: Callable[[Viewport], BrowserContext], user: ApiUser, viewport: Viewport
) -> Page:
    """A new page at this size, signed in as the user, once the app's navigation is there."""
    context = new_context(viewport)
    user.sign_in_context(context)
    page = context.new_page()
    page.goto("/")
    expect(main_nav(page)).to_be_attached()
    return page


def wait_until(page: Page, condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
    """Let the page run until `condition` holds (it reads what the page's handlers recorded)."""
    for _ in range(timeout_ms // 20):
        if condition():
            return
        page.wait_for_timeout(20)
    raise AssertionError("the page did not get there in time")
