"""The private calendar feed: valid iCalendar with the right events, and a revocable address."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from jobtracker.app import create_app
from jobtracker.auth.models import User
from jobtracker.config import Environment, Settings
from tests.deliverables.builders import create_deliverable
from tests.factories import ApiUser
from tests.portability.builders import create_feed, events, read_feed

DUE = "2026-12-01T17:00:00+01:00"
FORGED = {"Host": "attacker.example"}


@pytest.fixture
def testserver_allowed(settings: Settings) -> None:
    """The test client's host name allowed, as 127.0.0.1 is on `make run`."""
    settings.allowed_hosts = "testserver"


def test_there_is_no_feed_until_one_is_created(alice: ApiUser) -> None:
    response = alice.client.get("/api/calendar")

    assert response.json() == {"active": False, "url": None, "webcal_url": None}


@pytest.mark.usefixtures("testserver_allowed")
def test_creating_a_feed_answers_its_private_address_once(alice: ApiUser) -> None:
    response = alice.client.post("/api/calendar/token")
    status = alice.client.get("/api/calendar").json()

    feed = response.json()
    assert response.status_code == 201
    assert feed["active"] is True
    assert feed["url"].startswith("http://testserver/calendar/")
    assert feed["url"].endswith(".ics")
    assert feed["webcal_url"] == "webcal://" + feed["url"].removeprefix("http://")
    assert status == {"active": True, "url": None, "webcal_url": None}


def test_the_address_uses_public_url_when_set(alice: ApiUser, settings: Settings) -> None:
    settings.public_url = "https://jobs.example.org"

    url = create_feed(alice)

    assert url.startswith("https://jobs.example.org/calendar/")


def test_the_local_address_of_make_run_gets_whole_links(alice: ApiUser) -> None:
    feed = alice.client.post("/api/calendar/token", headers={"Host": "127.0.0.1:8000"}).json()

    assert feed["url"].startswith("http://127.0.0.1:8000/calendar/")
    assert feed["webcal_url"].startswith("webcal://127.0.0.1:8000/calendar/")


@pytest.mark.parametrize(
    "host", ["attacker.example", "127.0.0.1@attacker.example", "127.0.0.1:8000/x", "localhost."]
)
def test_a_host_not_allowed_gets_the_address_as_a_path(alice: ApiUser, host: str) -> None:
    response = alice.client.post("/api/calendar/token", headers={"Host": host})

    feed = response.json()
    assert response.status_code == 201
    assert feed["url"].startswith("/calendar/")
    assert feed["webcal_url"] is None


def test_a_forged_host_never_reaches_the_feed(alice: ApiUser, client: TestClient) -> None:
    application = alice.create_application(company="Acme", deadline="2026-12-15")
    create_deliverable(alice, application["id"], title="Essay", due_at=DUE)
    url = create_feed(alice)

    response = client.get(url, headers=FORGED)

    assert response.status_code == 200
    assert b"attacker" not in response.content
    assert b"\r\nURL:" not in response.content
    assert "Acme" in str(events(read_feed(client, url))["Essay — Acme"]["SUMMARY"])


def test_public_url_wins_over_a_forged_host(
    alice: ApiUser, client: TestClient, settings: Settings
) -> None:
    settings.public_url = "https://jobs.example.org/"
    application = alice.create_application(company="Acme", deadline="2026-12-15")

    feed = alice.client.post("/api/calendar/token", headers=FORGED).json()
    calendar = client.get(feed["url"].removeprefix("https://jobs.example.org"), headers=FORGED)

    assert feed["url"].startswith("https://jobs.example.org/calendar/")
    assert b"attacker" not in calendar.content
    assert f"URL:https://jobs.example.org/applications/{application['id']}".encode() in (
        calendar.content
    )


def test_production_without_public_url_warns_at_start(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    settings.app_env = Environment.PRODUCTION
    settings.log_format = "text"
    with caplog.at_level(logging.WARNING, logger="jobtracker.app"):
        create_app(settings).state.engine.dispose()

    assert any("PUBLIC_URL is not set" in record.getMessage() for record in caplog.records)


def test_production_with_public_url_starts_without_that_warning(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    settings.app_env = Environment.PRODUCTION
    settings.log_format = "text"
    settings.public_url = "https://jobs.example.org"
    with caplog.at_level(logging.WARNING, logger="jobtracker.app"):
        create_app(settings).state.engine.dispose()

    assert not any("PUBLIC_URL" in record.getMessage() for record in caplog.records)


def test_a_stored_display_name_with_line_breaks_keeps_the_feed_one_calendar(
    alice: ApiUser, client: TestClient, app: FastAPI
) -> None:
    # A name stored before control characters were refused.
    with app.state.session_factory() as session:
        session.execute(
            update(User)
            .where(User.email == alice.email)
            .values(display_name="Alice\r\nEND:VCALENDAR\x07\x1b\u2028Evil")
        )
        session.commit()

    response = client.get(create_feed(alice))

    assert response.status_code == 200
    assert response.content.split(b"\r\n").count(b"END:VCALENDAR") == 1
    assert b"\x07" not in response.content
    assert b"\x1b" not in response.content
    name = str(read_feed(client, create_feed(alice))["X-WR-CALNAME"])
    assert name == "Job Tracker — Alice END:VCALENDAR Evil"


def test_the_feed_is_icalendar_with_a_name(alice: ApiUser, client: TestClient) -> None:
    url = create_feed(alice)

    response = client.get(url)
    calendar = read_feed(client, url)

    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Job Tracker — Alice"


@pytest.mark.usefixtures("testserver_allowed")
def test_a_deliverable_due_date_is_an_event_linking_to_its_application(
    alice: ApiUser, client: TestClient
) -> None:
    application = alice.create_application(company="Acme", role="Backend Engineer")
    deliverable = create_deliverable(alice, application["id"], title="Essay", due_at=DUE)

    event = events(read_feed(client, create_feed(alice)))["Essay — Acme"]

    assert event.decoded("DTSTART") == datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    assert str(event["UID"]) == f"deliverable-{deliverable['id']}@testserver"
    assert str(event["URL"]) == f"http://testserver/applications/{application['id']}"
    assert f"/applications/{application['id']}" in str(event["DESCRIPTION"])
    assert "Backend Engineer" in str(event["DESCRIPTION"])


def test_deliverables_without_a_due_date_are_left_out(alice: ApiUser, client: TestClient) -> None:
    application = alice.create_application(company="Acme")
    create_deliverable(alice, application["id"], title="Someday")

    assert events(read_feed(client, create_feed(alice))) == {}


def test_entering_the_interview_stage_is_no_event(alice: ApiUser, client: TestClient) -> None:
    application = alice.create_application(company="Acme", stage="screening")
    alice.client.patch(f"/api/applications/{application['id']}", json={"stage": "interview"})

    # The interviews themselves are the events (tests/interviews/test_calendar_feed.py).
    assert events(read_feed(client, create_feed(alice))) == {}


def test_an_application_deadline_is_an_all_day_event(alice: ApiUser, client: TestClient) -> None:
    alice.create_application(company="Acme", deadline="2026-12-15")

    event = events(read_feed(client, create_feed(alice)))["Application deadline — Acme"]

    assert event.decoded("DTSTART") == date(2026, 12, 15)
    assert event.decoded("DTEND") == date(2026, 12, 16)


def test_commas_semicolons_and_newlines_in_titles_survive(
    alice: ApiUser, client: TestClient
) -> None:
    application = alice.create_application(company="Smith, Jones; Partners")
    create_deliverable(alice, application["id"], title="Part 1;\nwhy, us?", due_at=DUE)

    response = client.get(create_feed(alice))
    found = events(read_feed(client, create_feed(alice)))

    assert "Part 1;\nwhy, us? — Smith, Jones; Partners" in found
    assert b"Part 1\\;\\nwhy\\, us?" in response.content


def test_regenerating_the_token_retires_the_old_address(alice: ApiUser, client: TestClient) -> None:
    old = create_feed(alice)
    new = create_feed(alice)

    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_revoked_address_answers_404(alice: ApiUser, client: TestClient) -> None:
    url = create_feed(alice)

    revoked = alice.client.delete("/api/calendar/token")

    assert revoked.status_code == 204
    assert client.get(url).status_code == 404
    assert alice.client.get("/api/calendar").json()["active"] is False


def test_a_made_up_token_answers_404(client: TestClient, alice: ApiUser) -> None:
    create_feed(alice)

    for token in ["A" * 43, "short", "../../etc", "%00"]:
        assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_each_feed_holds_only_its_owner_s_events(
    alice: ApiUser, bob: ApiUser, client: TestClient
) -> None:
    for user, company in [(alice, "Alice Co"), (bob, "Bob Co")]:
        application = user.create_application(company=company)
        create_deliverable(user, application["id"], title="Essay", due_at=DUE)

    alice_events = events(read_feed(client, create_feed(alice)))
    bob_events = events(read_feed(client, create_feed(bob)))

    assert list(alice_events) == ["Essay — Alice Co"]
    assert list(bob_events) == ["Essay — Bob Co"]


def test_bob_s_session_does_not_open_alice_s_feed_settings(
    alice: ApiUser, bob: ApiUser, client: TestClient
) -> None:
    url = create_feed(alice)

    bob.client.delete("/api/calendar/token")

    assert client.get(url).status_code == 200
    assert bob.client.get("/api/calendar").json()["active"] is False


def test_calendar_settings_need_a_session(client: TestClient) -> None:
    assert client.get("/api/calendar").status_code == 401
    assert client.post("/api/calendar/token").status_code == 401
