"""Issue 22: a board of 2,000 applications loads them all, renders only the cards in view, and
still takes a drag."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import card, card_in, column, drag, wait_until

pytestmark = pytest.mark.e2e

COLUMNS = {"wishlist": 1200, "applied": 500, "interview": 300}
TOTAL = sum(COLUMNS.values())


@pytest.fixture
def many(admin: ApiUser, user: ApiUser) -> Iterator[ApiUser]:
    """The user with 2,000 applications, imported in one request (the instance's limit raised
    for the test and put back after)."""
    before = admin.api.get("/api/admin/settings").json()["max_applications_per_user"]
    admin.api.patch(
        "/api/admin/settings", json={"max_applications_per_user": TOTAL + 10}
    ).raise_for_status()
    try:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["Company", "Role", "Stage", "Location"])
        number = 0
        for stage, count in COLUMNS.items():
            for _ in range(count):
                number += 1
                writer.writerow([f"Company {number:04d}", "Engineer", stage, "Berlin"])
        response = user.api.post(
            "/api/import/applications",
            files={"file": ("many.csv", buffer.getvalue().encode(), "text/csv")},
            data={"confirm": "true"},
            timeout=60,
        )
        assert response.status_code == 201, response.text
        yield user
    finally:
        admin.api.patch(
            "/api/admin/settings", json={"max_applications_per_user": before}
        ).raise_for_status()


def test_a_board_of_2000_shows_its_first_cards_quickly_and_renders_only_those_in_view(
    many: ApiUser, page: Page
) -> None:
    many.sign_in_context(page.context)
    started = time.monotonic()
    page.goto("/")
    expect(column(page, "Wishlist").get_by_role("article").first).to_be_visible()
    shown_after = time.monotonic() - started

    expect(column(page, "Wishlist").get_by_label("1200 in Wishlist")).to_be_visible()
    expect(column(page, "Applied").get_by_label("500 in Applied")).to_be_visible()
    rendered = page.get_by_role("article").count()
    assert rendered < 200, f"{rendered} cards rendered for {TOTAL} applications"
    assert shown_after < 8, f"the first cards took {shown_after:.1f} s"

    # Scrolled to its end, the column renders its last cards (the oldest first imported).
    column(page, "Wishlist").locator(".board-cards").evaluate(
        "(list) => { list.scrollTop = list.scrollHeight; }"
    )
    expect(card_in(page, "Wishlist", "Company 0001")).to_be_visible()
    assert page.get_by_role("article").count() < 200


def test_a_drag_still_lands_on_a_board_of_2000(many: ApiUser, page: Page) -> None:
    many.sign_in_context(page.context)
    page.goto("/")
    source = card_in(page, "Interview", "Company 2000")
    expect(source).to_be_visible()

    drag(page, source, column(page, "Screening"))

    expect(card_in(page, "Screening", "Company 2000")).to_be_visible()
    expect(column(page, "Interview").get_by_label("299 in Interview")).to_be_visible()

    def moved_on_the_server() -> bool:
        cards = many.api.get("/api/board/cards", params={"limit": 1000, "offset": 1000}).json()
        return any(
            entry["company"] == "Company 2000" and entry["stage"] == "screening"
            for entry in cards["items"]
        )

    wait_until(page, moved_on_the_server)


def test_move_down_from_the_keyboard_works_in_a_column_of_1200(many: ApiUser, page: Page) -> None:
    many.sign_in_context(page.context)
    page.goto("/")
    top = column(page, "Wishlist").get_by_role("article").first
    expect(top).to_contain_text("Company 1200")

    down = page.get_by_role("button", name="Move Company 1200 down")
    down.focus()
    page.keyboard.press("Enter")

    expect(column(page, "Wishlist").get_by_role("article").first).to_contain_text("Company 1199")
    expect(down).to_be_focused()

    def reordered_on_the_server() -> bool:
        items = many.api.get("/api/board/cards").json()["items"]
        return [entry["company"] for entry in items[:2]] == ["Company 1199", "Company 1200"]

    wait_until(page, reordered_on_the_server)


def test_the_boards_cards_are_asked_for_as_soon_as_the_session_is_known(
    user: ApiUser, page: Page
) -> None:
    """Not after the page around them is drawn (which asks for /api/meta first)."""
    user.create_application(company="Acme")
    user.sign_in_context(page.context)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))

    page.goto("/")
    expect(card(page, "Acme")).to_be_visible()

    def first(path: str) -> int:
        return next(index for index, url in enumerate(asked) if url.endswith(path))

    assert first("/api/board/cards?limit=1000") < first("/api/meta"), asked
