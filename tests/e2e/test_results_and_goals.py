"""Dashboard: the results-by-group table with a greyed small group, what stands out, and a
weekly goal set on the card that then shows the week's progress; on a phone too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import (
    ARTIFACTS,
    DESKTOP,
    Viewport,
    open_signed_in,
    page_scroll_width,
    section,
    shoot,
)

pytestmark = pytest.mark.e2e


def _seed(user: ApiUser) -> None:
    """Five applications sent this week (the live server's limit): two from referrals, one of
    them answered, and three from a job board."""
    today = datetime.now(UTC).date().isoformat()
    answered = user.create_application(
        company="Northwind", stage="applied", applied_on=today, source="Referral"
    )
    response = user.api.patch(f"/api/applications/{answered['id']}", json={"stage": "screening"})
    assert response.status_code == 200, response.text
    user.create_application(
        company="Globex", stage="applied", applied_on=today, source=" referral "
    )
    for company in ("Initech", "Umbrella", "Hooli"):
        user.create_application(company=company, stage="applied", applied_on=today, source="Indeed")


def _dashboard(
    user: ApiUser, new_context: Callable[[Viewport], BrowserContext], viewport: Viewport
) -> Page:
    _seed(user)
    page = open_signed_in(new_context, user, viewport)
    page.goto("/analytics")
    return page


def test_the_group_table_greys_a_small_group_and_says_so(
    user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    page = _dashboard(user, new_context, DESKTOP)
    results = section(page, "Results by group")
    results.scroll_into_view_if_needed()  # asked for as it comes near the screen
    picker = results.get_by_role("group", name="Group by")
    picker.get_by_role("button", name="Month").click()
    this_month = results.get_by_role("row").nth(1)
    expect(this_month).to_contain_text("1 of 5 · 20% (4\N{EN DASH}62%)")
    expect(this_month).not_to_contain_text("too few to tell")
    normal = this_month.get_by_role("cell").nth(1).evaluate("cell => getComputedStyle(cell).color")

    picker.get_by_role("button", name="Source").click()

    expect(results.get_by_role("button", name="Source")).to_have_attribute("aria-pressed", "true")
    referral = results.get_by_role("row", name="Referral")
    expect(referral).to_contain_text("too few to tell")
    expect(referral).to_have_class("too-few")
    expect(referral.get_by_role("cell").nth(1)).to_have_text("1 of 2 · 50% (9\N{EN DASH}91%)")
    indeed = results.get_by_role("row", name="Indeed")
    expect(indeed).to_contain_text("0 of 3 · 0% (0\N{EN DASH}56%)")
    results.scroll_into_view_if_needed()
    shoot(page, "dashboard-results-by-group", DESKTOP)
    greyed = referral.get_by_role("cell").nth(1).evaluate("cell => getComputedStyle(cell).color")
    assert greyed != normal
    expect(section(page, "What stands out")).to_contain_text(
        "No difference is clear yet: the groups are too small or too alike."
    )


def test_setting_a_weekly_goal_shows_the_weeks_progress(
    user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    page = _dashboard(user, new_context, DESKTOP)
    goal = section(page, "Weekly goal")

    goal.get_by_label("Applications per week").fill("0")
    goal.get_by_role("button", name="Save goal").click()
    expect(goal.get_by_text("Use a value of 1 or more.")).to_be_visible()

    goal.get_by_label("Applications per week").fill("2")
    goal.get_by_role("button", name="Save goal").click()

    expect(goal.get_by_text("This week: 5 of 2 applications")).to_be_visible()
    expect(goal.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "2")
    expect(goal.get_by_text("Streak: 1 week in a row")).to_be_visible()
    goal.screenshot(path=ARTIFACTS / "dashboard-weekly-goal-desktop.png")
    goal.get_by_role("button", name="Change goal").click()
    goal.get_by_label("Applications per week").fill("5")
    goal.get_by_role("button", name="Save goal").click()
    expect(goal.get_by_text("This week: 5 of 5 applications")).to_be_visible()
    expect(goal.get_by_text("Streak: 1 week in a row")).to_be_visible()
    goal.get_by_role("button", name="Change goal").click()
    goal.get_by_label("Applications per week").fill("6")
    goal.get_by_role("button", name="Save goal").click()
    expect(goal.get_by_text("No streak yet")).to_be_visible()


def test_on_a_phone_the_results_are_asked_for_when_scrolled_to_and_the_cards_fit(
    user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    phone = Viewport("phone-360", 360, 740, mobile=True, scale=2)
    _seed(user)
    page = open_signed_in(new_context, user, phone)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto("/analytics")
    expect(section(page, "Weekly goal").get_by_label("Applications per week")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert not [url for url in asked if "/api/analytics/results" in url]

    results = section(page, "Results by group")
    results.scroll_into_view_if_needed()

    expect(results.get_by_role("table")).to_be_visible()
    assert len([url for url in asked if "/api/analytics/results" in url]) == 1
    page.wait_for_load_state("networkidle")
    assert page_scroll_width(page) <= phone.width, f"wider than {phone.width} px"
    section(page, "Results by group").scroll_into_view_if_needed()
    shoot(page, "dashboard-results-by-group", phone)
