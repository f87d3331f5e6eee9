"""Issue 22's own columns: rename, collapse and hide a stage's column from its menu, bring
hidden ones back or reset from "Customise board"; final stages start folded into narrow lanes
that still take drops; the order within a column is dragged or moved by keyboard and kept."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, Route, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import card, card_in, column, wait_until

pytestmark = pytest.mark.e2e


def _board(user: ApiUser, page: Page) -> Page:
    user.sign_in_context(page.context)
    page.goto("/")
    expect(page.get_by_role("article").first).to_be_visible()
    return page


def _menu(page: Page, label: str, item: str) -> None:
    page.get_by_role("button", name=f"{label} column options").click()
    page.get_by_role("menu", name=f"{label} column").get_by_role("menuitem", name=item).click()


def _titles(page: Page, label: str) -> Locator:
    """The company names in a column, top to bottom."""
    return column(page, label).locator("article h3")


def _layout(user: ApiUser) -> dict[str, dict[str, object]]:
    return {entry["stage"]: entry for entry in user.api.get("/api/board/layout").json()["stages"]}


def _wait_for(condition: Callable[[], bool], timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the server never saw the change"
        time.sleep(0.1)


def test_a_renamed_column_keeps_its_name_after_a_reload(user: ApiUser, page: Page) -> None:
    user.create_application(company="Acme", stage="wishlist")
    _board(user, page)

    _menu(page, "Wishlist", "Rename")
    name = page.get_by_role("textbox", name="Name of the Wishlist column")
    name.fill("Dream jobs")
    name.press("Enter")

    expect(column(page, "Dream jobs")).to_be_visible()
    _wait_for(lambda: _layout(user)["wishlist"]["label"] == "Dream jobs")
    page.reload()
    expect(card_in(page, "Dream jobs", "Acme")).to_be_visible()
    expect(column(page, "Wishlist")).to_have_count(0)
    # The card's Stage select says it too.
    expect(card(page, "Acme").get_by_role("combobox")).to_contain_text("Dream jobs")


def test_escape_cancels_a_rename(user: ApiUser, page: Page) -> None:
    user.create_application(company="Acme", stage="wishlist")
    _board(user, page)

    _menu(page, "Wishlist", "Rename")
    name = page.get_by_role("textbox", name="Name of the Wishlist column")
    name.fill("Never mind")
    name.press("Escape")

    expect(column(page, "Wishlist")).to_be_visible()
    assert _layout(user)["wishlist"]["label"] is None


def test_a_collapsed_column_stays_a_lane_after_a_reload_and_unfolds_on_a_click(
    user: ApiUser, page: Page
) -> None:
    user.create_application(company="Globex", stage="applied")
    _board(user, page)

    _menu(page, "Applied", "Collapse")
    lane = page.get_by_role("button", name="Unfold Applied, 1 card")
    expect(lane).to_be_visible()
    expect(card(page, "Globex")).to_have_count(0)
    _wait_for(lambda: _layout(user)["applied"]["collapsed"] is True)
    page.reload()
    lane.click()

    expect(card_in(page, "Applied", "Globex")).to_be_visible()
    _wait_for(lambda: _layout(user)["applied"]["collapsed"] is False)


def test_a_hidden_column_comes_back_from_customise_board(user: ApiUser, page: Page) -> None:
    user.create_application(company="Initech", stage="drafting")
    user.create_application(company="Acme", stage="wishlist")
    _board(user, page)

    _menu(page, "Drafting", "Hide")
    expect(column(page, "Drafting")).to_have_count(0)
    _wait_for(lambda: _layout(user)["drafting"]["hidden"] is True)
    page.reload()
    expect(card(page, "Acme")).to_be_visible()
    expect(column(page, "Drafting")).to_have_count(0)

    page.get_by_text("Customise board").click()
    page.get_by_role("button", name="Show Drafting").click()

    expect(card_in(page, "Drafting", "Initech")).to_be_visible()
    _wait_for(lambda: _layout(user)["drafting"]["hidden"] is False)


def test_reset_board_brings_back_every_default(user: ApiUser, page: Page) -> None:
    user.create_application(company="Acme", stage="wishlist")
    user.api.put(
        "/api/board/layout",
        json={
            "stages": [{"stage": "wishlist", "label": "Maybe"}, {"stage": "offer", "hidden": True}]
        },
    ).raise_for_status()
    _board(user, page)
    expect(column(page, "Maybe")).to_be_visible()

    page.get_by_text("Customise board").click()
    page.get_by_role("button", name="Reset board").click()

    expect(card_in(page, "Wishlist", "Acme")).to_be_visible()
    expect(column(page, "Offer")).to_be_visible()
    _wait_for(lambda: _layout(user)["offer"]["hidden"] is False)


def test_final_stages_start_as_lanes_that_take_a_dropped_card(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Hooli", stage="interview")
    _board(user, page)
    for label in ("Accepted", "Rejected", "Withdrawn", "Ghosted"):
        expect(page.get_by_role("button", name=f"Unfold {label}, 0 cards")).to_be_visible()
    expect(column(page, "Offer").get_by_role("heading", name="Offer")).to_be_visible()

    column(page, "Rejected").scroll_into_view_if_needed()  # past the right edge at first
    _drag_to(page, card(page, "Hooli"), column(page, "Rejected"))

    expect(page.get_by_role("button", name="Unfold Rejected, 1 card")).to_be_visible()
    _wait_for(
        lambda: user.api.get(f"/api/applications/{application['id']}").json()["stage"] == "rejected"
    )


def test_a_card_dragged_within_its_column_keeps_its_place_after_a_reload(
    user: ApiUser, page: Page
) -> None:
    for company in ("First Co", "Second Co", "Third Co"):
        user.create_application(company=company, stage="applied")
    _board(user, page)
    expect(_titles(page, "Applied")).to_have_text(["Third Co", "Second Co", "First Co"])

    _drag_to(page, card(page, "First Co"), card(page, "Third Co"), above=True)

    expect(column(page, "Applied").locator("article h3").first).to_have_text("First Co")
    _wait_for(lambda: _server_order(user, "applied") == ["First Co", "Third Co", "Second Co"])
    page.reload()
    expect(_titles(page, "Applied")).to_have_text(["First Co", "Third Co", "Second Co"])


def test_a_card_dropped_between_two_cards_of_another_column_lands_between_them(
    user: ApiUser, page: Page
) -> None:
    for company in ("Lower Co", "Upper Co"):
        user.create_application(company=company, stage="screening")
    user.create_application(company="Mover Co", stage="applied")
    _board(user, page)

    _drag_to(page, card(page, "Mover Co"), card(page, "Lower Co"), above=True)

    _wait_for(lambda: _server_order(user, "screening") == ["Upper Co", "Mover Co", "Lower Co"])
    page.reload()
    expect(_titles(page, "Screening")).to_have_text(["Upper Co", "Mover Co", "Lower Co"])


def test_move_up_and_down_buttons_reorder_from_the_keyboard(user: ApiUser, page: Page) -> None:
    for company in ("Bottom Co", "Middle Co", "Top Co"):
        user.create_application(company=company, stage="offer")
    _board(user, page)

    down = page.get_by_role("button", name="Move Top Co down")
    down.focus()
    page.keyboard.press("Enter")

    expect(column(page, "Offer").locator("article h3").first).to_have_text("Middle Co")
    expect(down).to_be_focused()
    page.keyboard.press("Enter")
    expect(column(page, "Offer").locator("article h3").last).to_have_text("Top Co")
    _wait_for(lambda: _server_order(user, "offer") == ["Middle Co", "Bottom Co", "Top Co"])
    page.reload()
    expect(_titles(page, "Offer")).to_have_text(["Middle Co", "Bottom Co", "Top Co"])
    expect(page.get_by_role("button", name="Move Top Co down")).to_be_disabled()

    page.get_by_role("button", name="Move Bottom Co up").click()
    _wait_for(lambda: _server_order(user, "offer") == ["Bottom Co", "Middle Co", "Top Co"])


# --- helpers ------------------------------------------------------------------------------


def test_quick_moves_reach_the_server_in_the_order_they_were_made(
    user: ApiUser, page: Page
) -> None:
    """Each move names the card it lands after as the server has it: the second of two quick
    moves, were it sent while the first is still on its way, could land first and be undone."""
    for company in ("Bottom Co", "Middle Co", "Top Co"):
        user.create_application(company=company, stage="offer")
    _board(user, page)
    moves: list[Route] = []
    page.route(re.compile(r"/api/board/cards/\d+/move$"), lambda route: moves.append(route))

    down = page.get_by_role("button", name="Move Top Co down")
    down.click()
    expect(_titles(page, "Offer")).to_have_text(["Middle Co", "Top Co", "Bottom Co"])
    down.click()
    expect(_titles(page, "Offer")).to_have_text(["Middle Co", "Bottom Co", "Top Co"])
    page.wait_for_timeout(500)  # time enough for a second move sent too early to leave
    assert len(moves) == 1
    answer = moves[0].fetch()  # the first move reaches the server only now
    moves[0].fulfill(response=answer)
    wait_until(page, lambda: len(moves) == 2)
    moves[1].continue_()

    _wait_for(lambda: _server_order(user, "offer") == ["Middle Co", "Bottom Co", "Top Co"])
    page.reload()
    expect(_titles(page, "Offer")).to_have_text(["Middle Co", "Bottom Co", "Top Co"])


def _server_order(user: ApiUser, stage: str) -> list[str]:
    cards = user.api.get("/api/board/cards").json()["items"]
    return [entry["company"] for entry in cards if entry["stage"] == stage]


def _drag_to(page: Page, source: Locator, target: Locator, *, above: bool = False) -> None:
    """Press on the card's padding, move in steps, let go over the target (its top quarter when
    `above`, to land before a card), as a person drags."""
    start = source.bounding_box()
    assert start is not None
    x, y = start["x"] + start["width"] - 6, start["y"] + 6
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 8, y + 8, steps=4)
    end = target.bounding_box()
    assert end is not None
    to_y = end["y"] + (end["height"] / 4 if above else min(end["height"] / 2, 120))
    page.mouse.move(end["x"] + end["width"] / 2, to_y, steps=20)
    page.mouse.up()
