"""The private calendar feed: valid iCalendar with the right events, and a revocable address."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fastapi.testclient import TestClient

from jobtracker.config import Settings
from tests.deliverables.builders import create_deliverable
from tests.factories import ApiUser
from tests.portability.builders import create_feed, events, read_feed

DUE = "2026-12-01T17:00:00+01:00"


def test_there_is_no_feed_until_one_is_created(alice: ApiUser) -> None:
    response = alice.client.get("/api/calendar")

    assert response.json() == {"active": False, "url": None, "webcal_url": None}


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


def test_the_feed_is_icalendar_with_a_name(alice: ApiUser, client: TestClient) -> None:
    url = create_feed(alice)

    response = client.get(url)
    calendar = read_feed(client, url)

    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Job Tracker — Alice"


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


def test_entering_the_interview_stage_is_an_event(alice: ApiUser, client: TestClient) -> None:
    application = alice.create_application(company="Acme", stage="screening")
    alice.client.patch(f"/api/applications/{application['id']}", json={"stage": "interview"})
    [entered] = [
        event
        for event in alice.client.get(f"/api/applications/{application['id']}/events").json()[
            "items"
        ]
        if event["to_stage"] == "interview"
    ]

    event = events(read_feed(client, create_feed(alice)))["Interview stage — Acme"]

    # iCalendar times have whole seconds.
    assert event.decoded("DTSTART") == datetime.fromisoformat(entered["at"]).replace(microsecond=0)


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
