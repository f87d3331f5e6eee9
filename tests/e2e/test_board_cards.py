"""Issue 22's richer board cards: avatar, role, place and work mode, salary, days in the stage
and the next step with its urgency in words, as the viewer's calendar sees them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.api import ApiUser, due_in
from tests.e2e.test_theme_and_keys import AXE_SCRIPT, contrast_violations, describe
from tests.e2e.ui import card, card_in

pytestmark = pytest.mark.e2e

DAYS_LATER = 4  # the browser's clock runs this many days after the cards were made


@pytest.fixture
def later_page(user: ApiUser, page: Page) -> Page:
    """The board in a browser whose clock says it is DAYS_LATER days from now."""
    applied = user.create_application(
        company="Umbrella Corp",
        role="Data Engineer",
        stage="applied",
        location="Lisbon",
        work_mode="remote",
        salary_min=50_000,
        salary_max=70_000,
        salary_currency="EUR",
    )
    user.add_deliverable(applied["id"], title="Take-home task", due_at=due_in(DAYS_LATER - 1))
    deadline = (datetime.now(UTC) + timedelta(days=DAYS_LATER)).date().isoformat()
    user.create_application(company="Vandelay Industries", stage="wishlist", deadline=deadline)
    drafting = user.create_application(company="Wonka", stage="drafting")
    user.add_deliverable(drafting["id"], title="Essay", due_at=due_in(DAYS_LATER + 2))
    user.create_application(
        company="Yoyodyne",
        stage="screening",
        salary_min=30,
        salary_currency="USD",
        salary_period="hour",
    )
    page.clock.set_fixed_time(datetime.now(UTC) + timedelta(days=DAYS_LATER))
    user.sign_in_context(page.context)
    page.goto("/")
    expect(card(page, "Umbrella Corp")).to_be_visible()
    return page


def test_a_card_shows_its_avatar_role_place_salary_and_days_in_stage(later_page: Page) -> None:
    umbrella = card_in(later_page, "Applied", "Umbrella Corp")

    avatar = umbrella.locator(".card-avatar")
    expect(avatar).to_have_text("U")
    assert avatar.evaluate("(element) => getComputedStyle(element).backgroundColor") != (
        card(later_page, "Wonka")
        .locator(".card-avatar")
        .evaluate("(element) => getComputedStyle(element).backgroundColor")
    ), "two companies got the same colour"
    expect(umbrella).to_contain_text("Data Engineer")
    expect(umbrella).to_contain_text("Lisbon · Remote")
    expect(umbrella.locator(".card-salary")).to_have_text(
        "€50,000\u2013€70,000 a year"
    )  # an en dash
    expect(umbrella).to_contain_text(f"{DAYS_LATER} days in stage")
    expect(card(later_page, "Yoyodyne").locator(".card-salary")).to_have_text("From $30 an hour")


def test_the_avatar_colour_of_a_company_is_the_same_after_a_reload(later_page: Page) -> None:
    colour_of = "(element) => getComputedStyle(element).backgroundColor"
    before = card(later_page, "Umbrella Corp").locator(".card-avatar").evaluate(colour_of)

    later_page.reload()

    after = card(later_page, "Umbrella Corp").locator(".card-avatar").evaluate(colour_of)
    assert before == after


def test_the_next_step_says_how_soon_it_is_due_in_words(later_page: Page) -> None:
    overdue = card(later_page, "Umbrella Corp").locator(".card-next")
    today = card(later_page, "Vandelay Industries").locator(".card-next")
    soon = card(later_page, "Wonka").locator(".card-next")

    expect(overdue).to_have_text("Overdue by 1 day: Take-home task")
    expect(overdue).to_have_class("card-next is-overdue")
    expect(today).to_have_text("Due today: Application deadline")
    expect(soon).to_have_text("Due in 2 days: Essay")
    expect(card(later_page, "Yoyodyne").locator(".card-next")).to_have_count(0)


@pytest.mark.skipif(
    not AXE_SCRIPT.is_file(), reason="axe-core is not installed (npm ci in frontend)"
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_urgency_keeps_its_contrast_in_both_themes(later_page: Page, scheme: str) -> None:
    later_page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    expect(card(later_page, "Wonka").locator(".card-next")).to_be_visible()

    violations = contrast_violations(later_page)

    assert not violations, describe(violations)


def test_an_interview_to_come_is_the_cards_next_step(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Initech", stage="interview")
    user.add_deliverable(application["id"], title="Portfolio", due_at=due_in(5))
    starts = (datetime.now(UTC) + timedelta(days=3)).replace(second=0, microsecond=0)
    response = user.api.post(
        f"/api/applications/{application['id']}/interviews",
        json={"kind": "technical", "starts_at": starts.isoformat()},
    )
    assert response.status_code == 201, response.text
    user.sign_in_context(page.context)

    page.goto("/")

    next_step = card(page, "Initech").locator(".card-next")
    expect(next_step).to_have_text("In 3 days: Technical interview")
    expect(next_step).to_have_class("card-next is-soon")
