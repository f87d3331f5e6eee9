"""The board: moving a card by mouse and by keyboard, and what it says at the limit."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.api import APPLICATION_LIMIT, ApiUser
from tests.e2e.ui import card, card_in, column, drag

pytestmark = pytest.mark.e2e


def _stage_on_server(user: ApiUser, application_id: int) -> str:
    response = user.api.get(f"/api/applications/{application_id}")
    assert response.status_code == 200, response.text
    stage: str = response.json()["stage"]
    return stage


def test_dragging_a_card_with_the_mouse_moves_it_to_that_stage(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Dragon Corp", stage="applied")
    user.create_application(company="Stay Put Inc", stage="applied")
    user.sign_in_context(page.context)
    page.goto("/")

    drag(page, card(page, "Dragon Corp"), column(page, "Interview"))

    expect(card_in(page, "Interview", "Dragon Corp")).to_be_visible()
    expect(card_in(page, "Applied", "Stay Put Inc")).to_be_visible()
    expect(column(page, "Applied").get_by_role("article")).to_have_count(1)
    _wait_for_stage(user, application["id"], "interview")


def test_the_stage_select_moves_a_card_without_a_mouse(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Keyboard Ltd", stage="wishlist")
    user.sign_in_context(page.context)
    page.goto("/")

    stage_select = card(page, "Keyboard Ltd").get_by_label(re.compile(r"Stage|to stage"))
    stage_select.focus()
    expect(stage_select).to_be_focused()
    stage_select.select_option(label="Screening")

    expect(card_in(page, "Screening", "Keyboard Ltd")).to_be_visible()
    _wait_for_stage(user, application["id"], "screening")


def test_at_the_limit_new_application_is_disabled_and_says_why(user: ApiUser, page: Page) -> None:
    for _ in range(APPLICATION_LIMIT):
        user.create_application()
    user.sign_in_context(page.context)
    page.goto("/")

    usage = f"{APPLICATION_LIMIT} of {APPLICATION_LIMIT} applications"
    expect(page.get_by_text(usage)).to_be_visible()
    expect(page.get_by_role("button", name="New application")).to_be_disabled()
    expect(page.get_by_role("status").filter(has_text="limit")).to_be_visible()


def _wait_for_stage(user: ApiUser, application_id: int, stage: str) -> None:
    """The card moves at once (optimistically); the server must agree shortly after."""
    deadline = time.monotonic() + 10
    while _stage_on_server(user, application_id) != stage and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _stage_on_server(user, application_id) == stage
