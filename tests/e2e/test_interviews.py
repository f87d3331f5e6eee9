"""Interviews in the browser: scheduled on an application's page in another time zone, then
seen in Upcoming and in the calendar feed at its real time; debriefed afterwards; Settings'
time zone changes how times read."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import go_to, section

pytestmark = pytest.mark.e2e

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def _two_days_ahead_in_los_angeles() -> datetime:
    """10:30 in Los Angeles two days from now: upcoming, inside Upcoming's default 14 days."""
    day = datetime.now(LOS_ANGELES).date() + timedelta(days=2)
    return datetime(day.year, day.month, day.day, 10, 30, tzinfo=LOS_ANGELES)


def _open_application(user: ApiUser, page: Page, application_id: int) -> None:
    user.sign_in_context(page.context)
    page.goto(f"/applications/{application_id}")
    expect(page.get_by_role("heading", name="Interviews")).to_be_visible()


def test_a_scheduled_interview_shows_in_upcoming_and_the_feed_at_its_time(
    user: ApiUser, page: Page
) -> None:
    user.api.patch("/api/me", json={"time_zone": "Asia/Kolkata"}).raise_for_status()
    application = user.create_application(company="Initech", role="Data Engineer")
    user.api.post(
        f"/api/applications/{application['id']}/contacts",
        json={"name": "Bill Lumbergh", "role": "Hiring manager"},
    ).raise_for_status()
    start = _two_days_ahead_in_los_angeles()

    _open_application(user, page, application["id"])
    interviews = section(page, "Interviews")
    interviews.get_by_role("button", name="Schedule interview").click()
    form = page.get_by_role("form", name="Schedule an interview")
    expect(form.get_by_label("Time zone")).to_have_value("Asia/Kolkata")  # the user's own
    form.get_by_label("Kind").select_option("technical")
    form.get_by_label("When").fill(start.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Time zone").select_option("America/Los_Angeles")
    form.get_by_label("Duration (minutes)").fill("45")
    form.get_by_label("Meeting link").fill("https://meet.example/initech")
    form.get_by_label("Bill Lumbergh (Hiring manager)").check()
    form.get_by_label("Preparation notes").fill("Read up on TPS reports")
    form.get_by_role("button", name="Schedule interview").click()

    upcoming_here = page.get_by_role("list", name="Upcoming interviews").get_by_role("listitem")
    expect(upcoming_here).to_have_count(1)
    expect(upcoming_here).to_contain_text("Technical")
    expect(upcoming_here).to_contain_text("With Bill Lumbergh")
    expect(upcoming_here).to_contain_text("America/Los Angeles")
    [saved] = user.api.get(f"/api/applications/{application['id']}/interviews").json()["items"]
    assert datetime.fromisoformat(saved["starts_at"]) == start.astimezone(UTC)

    go_to(page, "Upcoming", heading="Upcoming")
    listed = section(page, "Interviews").get_by_role("listitem")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Initech")
    expect(listed).to_contain_text("10:30")  # as arranged, in Los Angeles
    expect(listed.locator("time")).to_have_attribute("datetime", saved["starts_at"])
    listed.get_by_role("link", name="Initech").click()
    expect(page).to_have_url(re.compile(rf"/applications/{application['id']}$"))

    # Fetched as a calendar app does: the private address alone, no session.
    feed_url = user.api.post("/api/calendar/token").json()["url"]
    if feed_url.startswith("/"):
        feed_url = f"{user.base_url}{feed_url}"
    feed = Calendar.from_ical(httpx.get(feed_url).content)
    [event] = [event for event in feed.walk("VEVENT") if "Initech" in str(event["SUMMARY"])]
    assert str(event["SUMMARY"]) == "Technical — Initech"
    assert event.decoded("DTSTART") == start.astimezone(UTC)
    assert event.decoded("DTEND") == start.astimezone(UTC) + timedelta(minutes=45)
    assert str(event["LOCATION"]) == "https://meet.example/initech"


def test_a_past_interview_takes_an_outcome_and_a_debrief(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Hooli")
    yesterday = (datetime.now(UTC) - timedelta(days=1)).replace(microsecond=0)
    user.api.post(
        f"/api/applications/{application['id']}/interviews",
        json={"kind": "phone_screen", "starts_at": yesterday.isoformat()},
    ).raise_for_status()

    _open_application(user, page, application["id"])
    past = page.get_by_role("list", name="Past interviews").get_by_role("listitem")
    past.get_by_role("button", name="Edit Phone screen interview").click()
    form = page.get_by_role("form", name="Edit Phone screen interview")
    form.get_by_label("Outcome").select_option("advanced")
    form.get_by_label("Debrief").fill("Asked about scaling; next is the onsite.")
    form.get_by_role("button", name="Save interview").click()

    expect(past).to_contain_text("Moved on to the next step")
    expect(past).to_contain_text("Debrief: Asked about scaling")


def test_a_time_the_clocks_skip_is_refused_under_the_when_field(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Pied Piper")

    _open_application(user, page, application["id"])
    section(page, "Interviews").get_by_role("button", name="Schedule interview").click()
    form = page.get_by_role("form", name="Schedule an interview")
    form.get_by_label("When").fill("2030-03-10T02:30")
    form.get_by_label("Time zone").select_option("America/Los_Angeles")
    form.get_by_role("button", name="Schedule interview").click()

    when = form.get_by_label("When")
    expect(when).to_have_attribute("aria-invalid", "true")
    problem = form.locator(".field-error")
    expect(problem).to_contain_text("02:30 does not exist on 2030-03-10 in America/Los_Angeles")
    expect(problem).to_contain_text("Choose another time.")


def test_settings_changes_the_time_zone(user: ApiUser, page: Page) -> None:
    user.sign_in_context(page.context)
    page.goto("/settings")

    zone = page.get_by_label("Time zone")
    expect(zone).to_have_value("UTC")
    zone.select_option("Pacific/Honolulu")
    page.get_by_role("button", name="Save time zone").click()

    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    assert user.api.get("/api/me").json()["time_zone"] == "Pacific/Honolulu"
