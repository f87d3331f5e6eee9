"""Interviews in the private calendar feed: at their real times, with where, who and the link."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from tests.factories import ApiUser
from tests.interviews.builders import create_contact, create_interview, set_time_zone
from tests.portability.builders import create_feed, events, read_feed


def test_an_interview_is_an_event_at_its_real_time(alice: ApiUser, client: TestClient) -> None:
    application = alice.create_application(company="Acme", role="Data Engineer")
    manager = create_contact(alice, application["id"], "Manny Manager")
    create_interview(
        alice,
        application["id"],
        kind="technical",
        starts_at="2030-03-11T09:30",
        time_zone="America/Los_Angeles",
        duration_minutes=90,
        meeting_url="https://meet.example/abc-defg",
        contact_ids=[manager["id"]],
        prep_notes="System design: caching",
    )

    event = events(read_feed(client, create_feed(alice)))["Technical — Acme"]

    # 09:30 the day after Los Angeles moved its clocks forward is 16:30 UTC, not 17:30.
    assert event.decoded("DTSTART") == datetime(2030, 3, 11, 16, 30, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2030, 3, 11, 18, 0, tzinfo=UTC)
    assert str(event["LOCATION"]) == "https://meet.example/abc-defg"
    assert str(event["TRANSP"]) == "OPAQUE"
    description = str(event["DESCRIPTION"])
    assert "09:30 America/Los_Angeles, 90 minutes" in description
    assert "With Manny Manager." in description
    assert "System design: caching" in description


def test_an_address_is_the_location_and_a_cancelled_one_says_so(
    alice: ApiUser, client: TestClient
) -> None:
    application = alice.create_application(company="Acme")
    create_interview(
        alice,
        application["id"],
        kind="onsite",
        location="1 Infinite Loop, Cupertino",
        outcome="cancelled",
    )

    event = events(read_feed(client, create_feed(alice)))["Onsite — Acme"]

    assert str(event["LOCATION"]) == "1 Infinite Loop, Cupertino"
    assert str(event["STATUS"]) == "CANCELLED"


def test_the_feed_names_the_users_zone(alice: ApiUser, client: TestClient) -> None:
    set_time_zone(alice, "Pacific/Tongatapu")

    calendar = read_feed(client, create_feed(alice))

    assert str(calendar["X-WR-TIMEZONE"]) == "Pacific/Tongatapu"


def test_interviews_of_a_trashed_application_leave_the_feed(
    alice: ApiUser, client: TestClient
) -> None:
    application = alice.create_application(company="Acme")
    create_interview(alice, application["id"], kind="final")
    alice.client.delete(f"/api/applications/{application['id']}")

    assert events(read_feed(client, create_feed(alice))) == {}


def test_another_users_interviews_are_not_in_the_feed(
    alice: ApiUser, bob: ApiUser, client: TestClient
) -> None:
    application = bob.create_application(company="Bob's Co")
    create_interview(bob, application["id"])

    assert events(read_feed(client, create_feed(alice))) == {}
