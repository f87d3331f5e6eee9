"""Dashboard: figures that match the API, every chart drawn, data tables, filters, PNG downloads."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Locator, Page, expect

from tests.e2e.api import ApiUser, due_in
from tests.e2e.ui import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    Viewport,
    go_to,
    main_nav,
    page_scroll_width,
    shoot,
)

pytestmark = pytest.mark.e2e

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHARTS = ["Applications over time", "Current stages", "Funnel", "Stage flows"]


def _days_ago(days: int) -> str:
    return (datetime.now(UTC).date() - timedelta(days=days)).isoformat()


def _move(user: ApiUser, application: dict[str, Any], *stages: str) -> None:
    """Move an application through these stages, one PATCH each, as the board would."""
    for stage in stages:
        response = user.api.patch(f"/api/applications/{application['id']}", json={"stage": stage})
        assert response.status_code == 200, response.text


def _seed(user: ApiUser) -> None:
    """Five applications (the live server's limit) with a history that fills every chart:
    an offer, a rejection, a move back and forth, one waiting and one not yet sent."""
    northwind = user.create_application(
        company="Northwind", stage="applied", applied_on=_days_ago(20), tags=["remote"]
    )
    _move(user, northwind, "screening", "interview", "offer")
    globex = user.create_application(
        company="Globex", stage="applied", applied_on=_days_ago(19), tags=["remote"]
    )
    _move(user, globex, "screening", "rejected")
    initech = user.create_application(
        company="Initech", stage="applied", applied_on=_days_ago(60), tags=["onsite"]
    )
    _move(user, initech, "interview", "applied", "interview")
    user.create_application(
        company="Umbrella", stage="applied", applied_on=_days_ago(4), tags=["onsite"]
    )
    user.create_application(company="Acme", stage="wishlist")

    user.add_deliverable(northwind["id"], title="Reference list", due_at=due_in(2))
    user.add_deliverable(initech["id"], title="Late essay", due_at=due_in(-3))
    done = user.add_deliverable(globex["id"], title="Online form", due_at=due_in(-5))
    response = user.api.patch(f"/api/deliverables/{done['id']}", json={"state": "done"})
    assert response.status_code == 200, response.text


def _analytics(user: ApiUser, **filters: str) -> dict[str, Any]:
    response = user.api.get("/api/analytics", params=filters)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _open_dashboard(user: ApiUser, page: Page) -> None:
    user.sign_in_context(page.context)
    page.goto("/")
    go_to(page, "Dashboard", heading="Dashboard")


def _figure(page: Page, label: str) -> Locator:
    """The number shown on the tile named `label`."""
    return page.get_by_role("group", name=label, exact=True).locator(".stat-value")


def _chart(page: Page, title: str) -> Locator:
    return page.get_by_role("region", name=title, exact=True)


def _drawn_chart(page: Page, title: str) -> Locator:
    """The chart's card scrolled into view: the charts load and draw as they come near it."""
    expect(page.locator(".chart-grid").first).to_be_attached()  # their place, or the charts
    page.evaluate("document.querySelector('.chart-grid-pending')?.scrollIntoView()")
    chart = _chart(page, title)
    chart.scroll_into_view_if_needed()
    return chart


@pytest.fixture
def seeded_user(user: ApiUser) -> ApiUser:
    _seed(user)
    return user


def test_every_chart_is_drawn_for_a_user_with_data(seeded_user: ApiUser, page: Page) -> None:
    _open_dashboard(seeded_user, page)

    for title in CHARTS:
        expect(_drawn_chart(page, title).locator("svg.recharts-surface")).to_have_count(1)
    over_time = _chart(page, "Applications over time")
    expect(over_time.locator(".recharts-bar-rectangle")).not_to_have_count(0)
    expect(over_time.locator("path.recharts-line-curve")).to_have_count(1)
    expect(_chart(page, "Current stages").locator(".recharts-bar-rectangle")).not_to_have_count(0)
    # Applied, Screening, Interview and Offer: four steps, each drawn as a bar.
    funnel = _chart(page, "Funnel")
    expect(funnel.locator(".recharts-bar-rectangle path")).not_to_have_count(0)
    expect(funnel.locator("svg")).to_contain_text("Offer")
    flows = _chart(page, "Stage flows")
    expect(flows.locator("path.recharts-sankey-link")).not_to_have_count(0)
    expect(flows.locator("svg")).to_contain_text("Screening")


def test_the_figures_match_the_api(seeded_user: ApiUser, page: Page) -> None:
    expected = _analytics(seeded_user)

    _open_dashboard(seeded_user, page)

    totals, rates = expected["totals"], expected["rates"]
    expect(_figure(page, "Applications")).to_have_text(str(totals["applications"]["value"]))
    expect(_figure(page, "Active")).to_have_text(str(totals["active"]["value"]))
    expect(_figure(page, "Offers")).to_have_text(str(totals["offers"]["value"]))
    response_rate = round(rates["response"]["value"] * 100)
    expect(_figure(page, "Response rate")).to_have_text(f"{response_rate}%")
    overdue = expected["deliverables"]["overdue"]["value"]
    expect(_figure(page, "Overdue")).to_have_text(str(overdue))
    # What the seed made: the page is not compared with an empty answer.
    assert totals["applications"]["value"] == 5
    assert overdue == 1


def test_a_rate_explains_itself_on_keyboard_focus(seeded_user: ApiUser, page: Page) -> None:
    definition = _analytics(seeded_user)["rates"]["interview"]["definition"]
    _open_dashboard(seeded_user, page)
    explain = page.get_by_role("group", name="Interview rate", exact=True).get_by_role("button")
    tooltip = page.get_by_role("tooltip").filter(has_text=definition)
    expect(tooltip).to_be_hidden()

    explain.focus()

    expect(tooltip).to_be_visible()
    expect(explain).to_have_accessible_description(definition)
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()


def test_the_data_table_toggle_shows_the_numbers_in_a_table(
    seeded_user: ApiUser, page: Page
) -> None:
    steps = _analytics(seeded_user)["funnel"]["steps"]
    _open_dashboard(seeded_user, page)
    funnel = _drawn_chart(page, "Funnel")
    expect(funnel.get_by_role("table")).to_be_hidden()

    funnel.get_by_role("button", name="Show data table").click()

    table = funnel.get_by_role("table")
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name="Applications")).to_be_visible()
    for step in steps:
        row = table.get_by_role("row", name=re.compile(step["stage"], re.IGNORECASE))
        expect(row.get_by_role("cell").first).to_have_text(str(step["count"]))
    expect(funnel.get_by_role("button", name="Hide data table")).to_have_attribute(
        "aria-expanded", "true"
    )


def test_the_tag_filter_changes_the_figures_and_stays_in_the_address(
    seeded_user: ApiUser, page: Page
) -> None:
    remote = _analytics(seeded_user, tag="remote")["totals"]["applications"]["value"]
    _open_dashboard(seeded_user, page)
    expect(_figure(page, "Applications")).to_have_text("5")

    page.get_by_label("Tag", exact=True).select_option("remote")

    expect(_figure(page, "Applications")).to_have_text(str(remote))
    assert remote == 2
    expect(page).to_have_url(re.compile(r"/analytics\?tag=remote$"))
    page.reload()
    expect(page.get_by_label("Tag", exact=True)).to_have_value("remote")
    expect(_figure(page, "Applications")).to_have_text(str(remote))


def test_the_date_range_applies_to_every_figure(seeded_user: ApiUser, page: Page) -> None:
    since = _days_ago(30)
    recent = _analytics(seeded_user, date_from=since)["totals"]["applications"]["value"]
    _open_dashboard(seeded_user, page)

    page.get_by_label("From", exact=True).fill(since)

    expect(_figure(page, "Applications")).to_have_text(str(recent))
    assert recent < 5  # Initech was sent 60 days ago
    expect(page).to_have_url(re.compile(rf"from={since}"))


def test_download_png_saves_a_png_of_the_chart(seeded_user: ApiUser, page: Page) -> None:
    blocked: list[str] = []  # the picture is drawn under the app's Content-Security-Policy

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", watch)
    _open_dashboard(seeded_user, page)
    funnel = _drawn_chart(page, "Funnel")
    # The step labels appear once the bars have grown in: the picture shows the whole chart.
    expect(funnel.locator("svg")).to_contain_text("100%")

    with page.expect_download() as download_info:
        funnel.get_by_role("button", name="Download PNG").click()

    download = download_info.value
    assert download.suggested_filename == "job-search-funnel.png"
    saved = ARTIFACTS / f"dashboard-{download.suggested_filename}"  # kept for people to see
    download.save_as(saved)
    picture = saved.read_bytes()
    assert picture.startswith(PNG_SIGNATURE)
    assert len(picture) > 2_000  # a drawn chart, not an empty canvas
    assert blocked == []


def test_a_new_user_is_told_to_add_applications(user: ApiUser, page: Page) -> None:
    _open_dashboard(user, page)

    expect(page.get_by_text("Add applications to see your search in numbers")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Board").click()
    expect(page).to_have_url(re.compile(r"/$"))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=lambda viewport: viewport.name)
def test_the_dashboard_fits_the_screen_with_screenshots(
    viewport: Viewport,
    seeded_user: ApiUser,
    new_context: Callable[[Viewport], BrowserContext],
) -> None:
    context = new_context(viewport)
    seeded_user.sign_in_context(context)
    page = context.new_page()
    page.goto("/analytics")

    expect(main_nav(page).get_by_role("link", name="Dashboard")).to_have_attribute(
        "aria-current", "page"
    )
    for title in CHARTS:
        expect(_drawn_chart(page, title).locator("svg.recharts-surface")).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1_600)  # let the charts' entry animations finish before the picture
    assert page_scroll_width(page) <= viewport.width, f"wider than {viewport.width} px"
    shoot(page, "dashboard", viewport)


def test_on_a_phone_the_charts_load_and_draw_as_they_come_into_view(
    seeded_user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    context = new_context(PHONE)
    seeded_user.sign_in_context(context)
    page = context.new_page()
    chart_library: list[str] = []
    page.on(
        "request",
        lambda request: (
            chart_library.append(request.url) if "DashboardCharts" in request.url else None
        ),
    )
    page.goto("/analytics")
    expect(_figure(page, "Applications")).to_have_text("5")
    page.wait_for_load_state("networkidle")
    # Below the fold: neither the chart library nor any chart yet, only the space they take.
    assert chart_library == []
    expect(page.locator("svg.recharts-surface")).to_have_count(0)

    flows = _drawn_chart(page, "Stage flows")

    expect(flows.locator("path.recharts-sankey-link")).not_to_have_count(0)
    assert len(chart_library) == 1
