"""Desktop and phone: the pages fit a 390 px screen, and screenshots of each for people to see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import ApiUser, due_in
from tests.e2e.ui import (
    DESKTOP,
    PHONE,
    README_SCREENSHOT,
    Viewport,
    card,
    open_signed_in,
    page_scroll_width,
    shoot,
)

pytestmark = pytest.mark.e2e

# A believable board: applications spread over the stages a 1280 px screen shows, with work
# due, and one slot left under the limit so the README shows no limit warning.
SAMPLE_APPLICATIONS: list[dict[str, Any]] = [
    {"company": "Acme Robotics", "role": "Backend Engineer", "stage": "wishlist", "tags": ["go"]},
    {"company": "Globex", "role": "Platform Engineer", "stage": "applied", "priority": "high"},
    {"company": "Initech", "role": "Senior Python Developer", "stage": "screening"},
    {"company": "Umbrella Health", "role": "Data Engineer", "stage": "interview", "tags": ["ml"]},
]


def _seed(user: ApiUser) -> dict[str, int]:
    ids = {}
    for fields in SAMPLE_APPLICATIONS:
        application = user.create_application(**fields)
        ids[application["company"]] = application["id"]
    user.add_deliverable(
        ids["Umbrella Health"],
        title="Take-home: ETL pipeline",
        kind="coding_task",
        due_at=due_in(2),
    )
    user.add_deliverable(
        ids["Initech"], title="Motivation letter", kind="cover_letter", due_at=due_in(-1)
    )
    user.add_deliverable(ids["Globex"], title="Salary form", kind="form", due_at=due_in(6))
    user.add_deliverable(ids["Acme Robotics"], title="Portfolio", kind="other", due_at=due_in(12))
    user.add_writing(
        title="Why Umbrella Health",
        kind="answer",
        body="Their **open data** work matters to me.",
        tags=["motivation"],
        application_ids=[ids["Umbrella Health"]],
    )
    return ids


@pytest.fixture
def sample_user(make_user: Callable[..., ApiUser]) -> tuple[ApiUser, dict[str, int]]:
    user = make_user(display_name="Riley Chen")
    return user, _seed(user)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=lambda viewport: viewport.name)
def test_screenshots_of_the_board_an_application_and_upcoming(
    viewport: Viewport,
    sample_user: tuple[ApiUser, dict[str, int]],
    new_context: Callable[[Viewport], BrowserContext],
) -> None:
    user, ids = sample_user
    page = open_signed_in(new_context, user, viewport)

    # Wishlist: the first column of the board, and the stage a phone's board opens on.
    expect(card(page, "Acme Robotics")).to_be_attached()
    page.wait_for_load_state("networkidle")
    shoot(page, "board", viewport)
    if viewport == DESKTOP:
        _save_readme_screenshot(page)

    page.goto(f"/applications/{ids['Umbrella Health']}")
    expect(page.get_by_role("heading", name="Umbrella Health", level=1)).to_be_visible()
    expect(page.get_by_text("Take-home: ETL pipeline")).to_be_visible()
    page.wait_for_load_state("networkidle")
    shoot(page, "application", viewport)

    page.goto("/upcoming")
    expect(page.get_by_role("listitem").filter(has_text="Motivation letter")).to_be_visible()
    page.wait_for_load_state("networkidle")
    shoot(page, "upcoming", viewport)


def _save_readme_screenshot(page: Page) -> None:
    """The board as the README shows it: the top of the screen, down to the end of the board."""
    # The main element may stretch to the window; the stage columns end where the board does.
    board_bottom: float = page.evaluate(
        "Math.max(...[...document.querySelectorAll('main section')]"
        ".map((column) => column.getBoundingClientRect().bottom))"
    )
    height = min(DESKTOP.height, board_bottom + 24)
    README_SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(
        path=README_SCREENSHOT, clip={"x": 0, "y": 0, "width": DESKTOP.width, "height": height}
    )


@pytest.mark.parametrize(
    "path", ["/", "/table", "/application", "/upcoming", "/writing", "/settings"]
)
def test_the_page_fits_a_phone_screen(
    path: str,
    sample_user: tuple[ApiUser, dict[str, int]],
    new_context: Callable[[Viewport], BrowserContext],
) -> None:
    user, ids = sample_user
    page = open_signed_in(new_context, user, PHONE)
    if path == "/application":
        path = f"/applications/{ids['Umbrella Health']}"
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")

    # The board may scroll sideways inside its own container; the page itself must not.
    assert page_scroll_width(page) <= PHONE.width, f"{path} is wider than a {PHONE.width} px phone"
