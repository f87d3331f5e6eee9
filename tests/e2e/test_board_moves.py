"""Moving cards on the board as people do: toward the right edge, by the company name, and
with the keyboard, where exactly one stage event must be recorded."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import Viewport, card, card_in, column, containing, drag

pytestmark = pytest.mark.e2e

LAPTOP = Viewport("laptop", 1366, 900)  # the size the issue was reported at
STAGE_LABELS = [
    "Wishlist",
    "Drafting",
    "Applied",
    "Screening",
    "Interview",
    "Offer",
    "Accepted",
    "Rejected",
    "Withdrawn",
    "Ghosted",
]
# Faster than this and a column slides past before a person can let go over it.
GENTLE_SCROLL_PX_PER_SECOND = 600
# How long the scroll speed is sampled while the pointer is held at the board's edge.
HOLD_MS = 500


def test_a_card_held_at_the_right_edge_scrolls_gently_and_lands_under_the_pointer(
    user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    user.create_application(company="Edge Case Ltd", stage="wishlist")
    context = new_context(LAPTOP)
    user.sign_in_context(context)
    page = context.new_page()
    page.goto("/")
    expect(card_in(page, "Wishlist", "Edge Case Ltd")).to_be_visible()

    board = column(page, "Wishlist").locator("xpath=..")
    board_box = _box(board)
    board_right = board_box["x"] + board_box["width"]
    # The column cut by the board's right edge, as a person sees it: aim at its visible part.
    cut = next(
        box
        for box in (_box(column(page, label)) for label in STAGE_LABELS)
        if box["x"] < board_right < box["x"] + box["width"]
    )
    # A person reaching for it stops near the edge, where the board starts scrolling.
    x, y = board_right - 40, cut["y"] + 60
    assert x > cut["x"], "the column at the edge shows less than 40 px"

    _press_on(page, card(page, "Edge Case Ltd").get_by_role("paragraph").first)
    page.mouse.move(x, y, steps=20)
    speed = _scroll_speed_while_held(page)
    assert 0 < speed <= GENTLE_SCROLL_PX_PER_SECOND, f"the board scrolled at {speed:.0f} px/s"
    # The column has come into view: step into it, out of the edge where the board scrolls.
    x -= 100
    page.mouse.move(x, y, steps=5)
    landed = _column_label_at(page, x, y)
    page.mouse.up()

    assert landed not in {"Wishlist", "Ghosted"}, f"the pointer ended over {landed}"
    expect(card_in(page, landed, "Edge Case Ltd")).to_be_visible()
    expect(column(page, "Wishlist").get_by_role("article")).to_have_count(0)


def test_a_card_dropped_below_a_short_column_lands_in_that_column(
    user: ApiUser, page: Page
) -> None:
    for number in range(4):
        user.create_application(company=f"Tall Column {number}", stage="applied")
    application = user.create_application(company="Short Drop Co", stage="applied")
    user.sign_in_context(page.context)
    page.goto("/")
    expect(card_in(page, "Applied", "Short Drop Co")).to_be_visible()

    # Screening is empty, so it is shorter than Applied: let go below its end, still in its lane.
    screening = _box(column(page, "Screening"))
    applied = _box(column(page, "Applied"))
    below = applied["y"] + applied["height"] - 10
    assert below > screening["y"] + screening["height"], "Screening is as tall as Applied"
    _press_on(page, card(page, "Short Drop Co").get_by_role("paragraph").first)
    page.mouse.move(screening["x"] + screening["width"] / 2, below, steps=20)
    page.mouse.up()

    expect(card_in(page, "Screening", "Short Drop Co")).to_be_visible()
    _wait_for(lambda: _stage_on_server(user, application["id"]) == "screening")


def test_a_card_can_be_dragged_by_its_company_name(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Grab Me Here Inc", stage="applied")
    user.sign_in_context(page.context)
    page.goto("/")
    name = card(page, "Grab Me Here Inc").get_by_role("link", name="Grab Me Here Inc")
    expect(name).to_be_visible()

    _press_on(page, name)
    target = _box(column(page, "Interview"))
    page.mouse.move(target["x"] + target["width"] / 2, target["y"] + 80, steps=20)
    page.mouse.up()

    expect(card_in(page, "Interview", "Grab Me Here Inc")).to_be_visible()
    assert "/applications/" not in page.url, "the drag opened the application's page"
    _wait_for(lambda: _stage_on_server(user, application["id"]) == "interview")


def test_the_company_name_still_opens_the_application_on_click(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Click Through Co", stage="applied")
    user.sign_in_context(page.context)
    page.goto("/")

    card(page, "Click Through Co").get_by_role("link", name="Click Through Co").click()

    expect(page).to_have_url(f"/applications/{application['id']}")
    expect(page.get_by_role("heading", name="Click Through Co", level=1)).to_be_visible()


def test_a_keyboard_move_records_exactly_one_stage_event(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Arrow Keys Ltd", stage="wishlist")
    user.sign_in_context(page.context)
    page.goto("/")
    stage_select = card(page, "Arrow Keys Ltd").get_by_label("Move Arrow Keys Ltd to stage")
    stage_select.focus()

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    expect(card_in(page, "Applied", "Arrow Keys Ltd")).to_be_visible()
    _wait_for(lambda: _stage_on_server(user, application["id"]) == "applied")
    assert _moves_on_server(user, application["id"]) == [("wishlist", "applied")]


def test_a_stage_picked_with_arrows_waits_for_enter_and_keeps_the_focus(
    user: ApiUser, page: Page
) -> None:
    user.create_application(company="Deliberate Co", stage="wishlist")
    user.sign_in_context(page.context)
    page.goto("/")
    stage_select = card(page, "Deliberate Co").get_by_label("Move Deliberate Co to stage")
    stage_select.focus()

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")

    expect(stage_select).to_have_value("applied")
    expect(stage_select).to_have_accessible_description(containing("Press Enter to move it"))
    expect(card_in(page, "Wishlist", "Deliberate Co")).to_be_visible()  # nothing moved yet
    page.keyboard.press("Enter")
    expect(card_in(page, "Applied", "Deliberate Co")).to_be_visible()
    moved = card(page, "Deliberate Co").get_by_label("Move Deliberate Co to stage")
    expect(moved).to_be_focused()


def test_leaving_the_stage_select_commits_the_stage_picked_with_arrows(
    user: ApiUser, page: Page
) -> None:
    application = user.create_application(company="Tab Away Co", stage="applied")
    user.sign_in_context(page.context)
    page.goto("/")
    stage_select = card(page, "Tab Away Co").get_by_label("Move Tab Away Co to stage")
    stage_select.focus()

    stage_select.press("ArrowDown")
    stage_select.press("Tab")

    expect(card_in(page, "Screening", "Tab Away Co")).to_be_visible()
    _wait_for(lambda: _stage_on_server(user, application["id"]) == "screening")
    assert _moves_on_server(user, application["id"]) == [("applied", "screening")]


def test_escape_puts_back_the_stage_picked_with_arrows(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Changed My Mind Ltd", stage="applied")
    user.sign_in_context(page.context)
    page.goto("/")
    stage_select = card(page, "Changed My Mind Ltd").get_by_label(
        "Move Changed My Mind Ltd to stage"
    )
    stage_select.focus()

    stage_select.press("ArrowDown")
    expect(stage_select).to_have_value("screening")
    stage_select.press("Escape")
    expect(stage_select).to_have_value("applied")
    stage_select.press("Tab")

    expect(card_in(page, "Applied", "Changed My Mind Ltd")).to_be_visible()
    assert _moves_on_server(user, application["id"]) == []


def test_dragging_still_moves_a_card_with_the_shared_helper(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Helper Drag Co", stage="wishlist")
    user.sign_in_context(page.context)
    page.goto("/")

    drag(page, card(page, "Helper Drag Co"), column(page, "Screening"))

    expect(card_in(page, "Screening", "Helper Drag Co")).to_be_visible()
    _wait_for(lambda: _stage_on_server(user, application["id"]) == "screening")
    assert _moves_on_server(user, application["id"]) == [("wishlist", "screening")]


# --- helpers ------------------------------------------------------------------------------


def _box(locator: Locator) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not on screen"
    return {"x": box["x"], "y": box["y"], "width": box["width"], "height": box["height"]}


def _press_on(page: Page, target: Locator) -> None:
    """Press the mouse on the middle of `target` and nudge it past dnd-kit's start distance."""
    box = _box(target)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 10, y + 4, steps=5)


def _scroll_speed_while_held(page: Page) -> float:
    """The board's scroll speed in px/s, sampled every frame while the pointer stays put."""
    speed: float = page.evaluate(
        """(holdMs) => new Promise((resolve) => {
            const board = document.querySelector("section.board-column").parentElement;
            const startLeft = board.scrollLeft;
            const startAt = performance.now();
            const sample = (now) => {
                if (now - startAt < holdMs) return requestAnimationFrame(sample);
                resolve(((board.scrollLeft - startLeft) * 1000) / (now - startAt));
            };
            requestAnimationFrame(sample);
        })""",
        HOLD_MS,
    )
    return speed


def _column_label_at(page: Page, x: float, y: float) -> str:
    label: str | None = page.evaluate(
        """([x, y]) => document.elementsFromPoint(x, y)  // under the dragged card's overlay
            .find((element) => element.matches("section.board-column"))
            ?.getAttribute("aria-label") ?? null""",
        [x, y],
    )
    assert label, f"no column under the pointer at ({x:.0f}, {y:.0f})"
    return label


def _stage_on_server(user: ApiUser, application_id: int) -> str:
    response = user.api.get(f"/api/applications/{application_id}")
    assert response.status_code == 200, response.text
    stage: str = response.json()["stage"]
    return stage


def _moves_on_server(user: ApiUser, application_id: int) -> list[tuple[str, str]]:
    """The stage changes in the application's history, leaving out the event that created it."""
    response = user.api.get(f"/api/applications/{application_id}/events")
    assert response.status_code == 200, response.text
    return [
        (event["from_stage"], event["to_stage"])
        for event in response.json()["items"]
        if event["from_stage"] is not None
    ]


def _wait_for(condition: Callable[[], bool]) -> None:
    """The board moves a card at once (optimistically); the server agrees shortly after."""
    deadline = time.monotonic() + 10
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert condition()
