"""Issue 22's phone board: at 640 px and narrower the board shows one stage at a time, chosen from
a stage switcher (with counts) or by swiping sideways; the address keeps the stage shown; a card
moves to another stage by its own Stage control; vertical scrolling still scrolls."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import Viewport, card, column, open_signed_in, page_scroll_width, wait_until

pytestmark = pytest.mark.e2e

SMALL_PHONE = Viewport("small-phone", 360, 740, mobile=True, scale=2)
WIDE = Viewport("wide", 1366, 900)


@pytest.fixture
def phone(user: ApiUser, new_context: Callable[[Viewport], BrowserContext]) -> Page:
    """A 360 px phone signed in as a user with applications in Wishlist, Applied and Screening."""
    user.create_application(company="Acme Robotics", role="Backend Engineer", stage="wishlist")
    user.create_application(company="Globex", role="Platform Engineer", stage="applied")
    user.create_application(company="Hooli", role="Site Reliability Engineer", stage="applied")
    user.create_application(company="Initech", role="Python Developer", stage="screening")
    page = open_signed_in(new_context, user, SMALL_PHONE)
    expect(card(page, "Acme Robotics")).to_be_visible()
    return page


def stage_switch(page: Page) -> Locator:
    return page.get_by_label("Stage shown")


def shown_stages(page: Page) -> list[str]:
    """The stage regions on screen (a desktop board has one per stage)."""
    names: list[str] = page.locator("main section[aria-label]").evaluate_all(
        "(sections) => sections.map((section) => section.getAttribute('aria-label'))"
    )
    return names


def swipe(
    page: Page,
    *,
    across: float,
    down: float = 0,
    before_lifting: Callable[[], None] = lambda: None,
) -> None:
    """A finger stroke over the stage's cards, as real touch events (pointerType touch)."""
    area = page.locator(".phone-stage").bounding_box()
    assert area is not None
    x, y = area["x"] + area["width"] / 2, area["y"] + min(area["height"] / 2, 200)
    session = page.context.new_cdp_session(page)

    def touch(kind: str, at_x: float, at_y: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": at_x, "y": at_y}]
        session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", x, y)
    for step in range(1, 11):
        touch("touchMove", x + across * step / 10, y + down * step / 10)
    before_lifting()
    touch("touchEnd", x + across, y + down)
    session.detach()


def test_the_phone_board_shows_one_stage_with_a_switcher_that_counts(phone: Page) -> None:
    # The first stage with applications in it; one stage at a time, not ten columns.
    expect(column(phone, "Wishlist")).to_be_visible()
    assert shown_stages(phone) == ["Wishlist"]
    switch = stage_switch(phone)
    expect(switch).to_have_value("wishlist")
    expect(switch.locator("option")).to_have_count(10)
    expect(switch.locator("option[value=applied]")).to_have_text("Applied (2)")
    expect(switch.locator("option[value=offer]")).to_have_text("Offer (0)")
    assert page_scroll_width(phone) <= SMALL_PHONE.width

    switch.select_option("applied")
    expect(column(phone, "Applied")).to_be_visible()
    expect(card(phone, "Globex")).to_be_visible()
    expect(card(phone, "Hooli")).to_be_visible()
    expect(card(phone, "Acme Robotics")).to_have_count(0)
    assert shown_stages(phone) == ["Applied"]
    assert phone.url.endswith("/?stage=applied")

    phone.reload()  # the address remembers the stage shown
    expect(card(phone, "Globex")).to_be_visible()
    expect(stage_switch(phone)).to_have_value("applied")


def test_previous_and_next_buttons_step_through_the_stages(phone: Page) -> None:
    phone.get_by_role("button", name="Next stage: Drafting").click()
    expect(column(phone, "Drafting")).to_be_visible()
    expect(phone.get_by_text("Nothing in Drafting.")).to_be_visible()
    phone.get_by_role("button", name="Next stage: Applied").click()
    expect(card(phone, "Globex")).to_be_visible()
    phone.get_by_role("button", name="Previous stage: Drafting").click()
    expect(column(phone, "Drafting")).to_be_visible()
    phone.get_by_role("button", name="Previous stage: Wishlist").click()
    expect(phone.get_by_role("button", name="Previous stage", exact=True)).to_be_disabled()


def test_swiping_sideways_changes_the_stage_and_back(phone: Page) -> None:
    stage_switch(phone).select_option("applied")
    expect(card(phone, "Globex")).to_be_visible()

    swipe(phone, across=-200)  # to the left: the next stage comes in
    expect(card(phone, "Initech")).to_be_visible()
    expect(stage_switch(phone)).to_have_value("screening")

    swipe(phone, across=200)
    expect(card(phone, "Globex")).to_be_visible()
    expect(stage_switch(phone)).to_have_value("applied")

    swipe(phone, across=30)  # too short: a tap that slipped, not a swipe
    time.sleep(0.3)
    expect(stage_switch(phone)).to_have_value("applied")


def test_the_stage_follows_the_finger_until_it_lifts(phone: Page) -> None:
    stage_switch(phone).select_option("applied")
    stage = phone.locator(".phone-stage")
    expect(card(phone, "Globex")).to_be_visible()
    offsets: list[str] = []

    swipe(
        phone,
        across=-120,
        before_lifting=lambda: offsets.append(stage.evaluate("(list) => list.style.transform")),
    )
    # About half the finger's way (it gives a little); the last move may not have landed yet.
    assert len(offsets) == 1
    moved = re.fullmatch(r"translateX\((-?\d+(?:\.\d+)?)px\)", offsets[0])
    assert moved, offsets
    assert -60 <= float(moved.group(1)) <= -30
    expect(card(phone, "Initech")).to_be_visible()
    phone.wait_for_function("document.querySelector('.phone-stage').style.transform === ''")


def test_an_upward_stroke_scrolls_the_page_and_keeps_the_stage(phone: Page) -> None:
    stage_switch(phone).select_option("applied")
    expect(card(phone, "Hooli")).to_be_visible()
    # Make the page taller than the screen, as a long stage would be.
    phone.evaluate("document.querySelector('.phone-stage').style.minHeight = '2000px'")
    assert phone.evaluate("window.scrollY") == 0

    swipe(phone, across=-70, down=-300)  # mostly up, a little sideways
    phone.wait_for_function("window.scrollY > 100")
    expect(stage_switch(phone)).to_have_value("applied")


def test_a_card_moves_by_its_stage_control_and_the_board_follows_it(
    phone: Page, user: ApiUser
) -> None:
    stage_switch(phone).select_option("applied")
    globex = card(phone, "Globex")
    globex.get_by_label("Move Globex to stage").select_option("interview")

    expect(card(phone, "Globex")).to_have_count(0)  # it left Applied
    moved = phone.get_by_role("status").filter(has_text="Globex moved to Interview.")
    expect(moved).to_be_visible()
    expect(stage_switch(phone).locator("option[value=interview]")).to_have_text("Interview (1)")
    expect(stage_switch(phone).locator("option[value=applied]")).to_have_text("Applied (1)")
    follow = phone.get_by_role("button", name="Show Interview")
    expect(follow).to_be_focused()  # the card's control went with it; the focus did not drop

    follow.click()
    expect(column(phone, "Interview")).to_be_visible()
    expect(card(phone, "Globex")).to_be_visible()

    # The card moves at once; the server has the move a moment later.
    def globex() -> dict[str, Any]:
        items = user.api.get("/api/applications").json()["items"]
        return next(item for item in items if item["company"] == "Globex")

    wait_until(phone, lambda: globex()["stage"] == "interview")
    application = globex()
    events = user.api.get(f"/api/applications/{application['id']}/events").json()["items"]
    assert [(e["from_stage"], e["to_stage"]) for e in events if e["from_stage"]] == [
        ("applied", "interview")
    ]


def test_wide_screens_keep_every_column(
    user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    user.create_application(company="Globex", stage="applied")
    page = open_signed_in(new_context, user, WIDE)
    expect(card(page, "Globex")).to_be_visible()
    assert len(shown_stages(page)) == 10
    expect(stage_switch(page)).to_have_count(0)

    page.set_viewport_size({"width": 600, "height": 900})  # narrowed: the phone board
    expect(stage_switch(page)).to_be_visible()
    assert shown_stages(page) == ["Applied"]


def test_the_phone_board_keeps_the_users_own_columns(
    user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    """A stage hidden on the board is not offered on the phone, and a renamed one keeps its name."""
    user.create_application(company="Acme Robotics", stage="wishlist")
    response = user.api.put(
        "/api/board/layout",
        json={
            "stages": [
                {"stage": "drafting", "hidden": True},
                {"stage": "applied", "label": "Sent"},
            ]
        },
    )
    assert response.status_code == 200, response.text
    page = open_signed_in(new_context, user, SMALL_PHONE)
    expect(card(page, "Acme Robotics")).to_be_visible()

    switch = stage_switch(page)
    expect(switch.locator("option")).to_have_count(9)
    expect(switch.locator("option[value=drafting]")).to_have_count(0)
    expect(switch.locator("option[value=applied]")).to_have_text("Sent (0)")
    page.get_by_role("button", name="Next stage: Sent").click()
    expect(page.get_by_text("Nothing in Sent.")).to_be_visible()
