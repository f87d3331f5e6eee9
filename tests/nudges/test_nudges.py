"""Nudges: every rule at its edges, in the user's time zone; done, dismiss and snooze hold."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import update

from jobtracker import db
from jobtracker.auth.models import User
from tests.factories import ApiUser

NOW = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)  # 10 March in UTC, 10 March 10:00 in Honolulu
TODAY = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def frozen(alice: ApiUser, bob: ApiUser) -> Iterator[None]:
    """Accounts first: their sign-in tokens are checked against the real time."""
    db.clock.frozen_at = NOW
    yield
    db.clock.frozen_at = None


def _days_ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def _kinds(user: ApiUser) -> list[tuple[str, str]]:
    response = user.client.get("/api/notifications")
    assert response.status_code == 200, response.text
    return [(item["kind"], item["application"]["company"]) for item in response.json()["items"]]


def _nudges(user: ApiUser) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = user.client.get("/api/notifications").json()["items"]
    return items


@pytest.mark.parametrize(
    ("waited", "expected"),
    [
        (6, []),
        (7, [("follow_up", "Acme")]),
        (13, [("follow_up", "Acme")]),
        (14, [("follow_up_again", "Acme")]),
        (29, [("follow_up_again", "Acme")]),
        (30, [("ghosted", "Acme")]),
    ],
)
def test_follow_up_then_again_then_ghosted_by_days_in_applied(
    alice: ApiUser, waited: int, expected: list[tuple[str, str]]
) -> None:
    alice.create_application(company="Acme", stage="applied", applied_on=_days_ago(waited))

    assert _kinds(alice) == expected


def test_a_rule_turned_off_gives_no_nudge(alice: ApiUser) -> None:
    alice.create_application(company="Acme", stage="applied", applied_on=_days_ago(8))
    response = alice.client.patch("/api/notification-rules", json={"follow_up_days": None})

    assert response.status_code == 200
    assert response.json()["follow_up_days"] is None
    assert _kinds(alice) == []


def test_a_changed_interval_applies(alice: ApiUser) -> None:
    alice.create_application(company="Acme", stage="applied", applied_on=_days_ago(3))
    alice.client.patch("/api/notification-rules", json={"follow_up_days": 3})

    assert _kinds(alice) == [("follow_up", "Acme")]


@pytest.mark.parametrize(
    ("days_left", "stage", "expected"),
    [
        (4, "wishlist", []),
        (3, "wishlist", ["deadline_soon"]),
        (0, "drafting", ["deadline_soon"]),
        (-1, "wishlist", ["deadline_passed"]),
        (-1, "rejected", []),  # past applying, a posting's deadline no longer matters
    ],
)
def test_deadline_soon_and_passed(
    alice: ApiUser, days_left: int, stage: str, expected: list[str]
) -> None:
    deadline = (TODAY + timedelta(days=days_left)).isoformat()
    alice.create_application(company="Acme", stage=stage, deadline=deadline)

    assert [kind for kind, _ in _kinds(alice)] == expected


def test_deliverables_due_today_or_overdue_in_the_users_own_day(
    app: FastAPI, alice: ApiUser
) -> None:
    with app.state.session_factory() as session:
        session.execute(
            update(User).where(User.id == alice.id).values(time_zone="Pacific/Honolulu")
        )
        session.commit()
    application = alice.create_application(company="Acme")
    # 11 March 05:00 UTC is still 10 March (19:00) in Honolulu: due today there.
    for title, due_at in (
        ("Essay", "2026-03-11T05:00:00Z"),
        ("Form", "2026-03-09T12:00:00Z"),
        ("Later", "2026-03-11T12:00:00Z"),
    ):
        created = alice.client.post(
            f"/api/applications/{application['id']}/deliverables",
            json={"title": title, "due_at": due_at},
        )
        assert created.status_code == 201, created.text

    titles = [(item["kind"], item["title"]) for item in _nudges(alice)]
    assert titles == [
        ("deliverable_overdue", "Overdue by 1 day: Form"),
        ("deliverable_due", "Due today: Essay"),
    ]


def test_dismissed_and_done_nudges_stay_away_and_can_come_back(alice: ApiUser) -> None:
    alice.create_application(company="Acme", stage="applied", applied_on=_days_ago(8))
    [nudge] = _nudges(alice)

    dismissed = alice.client.patch(f"/api/notifications/{nudge['id']}", json={"dismissed": True})
    assert dismissed.status_code == 200
    assert dismissed.json()["dismissed"] is True
    assert _nudges(alice) == []
    assert alice.client.get("/api/notifications").json()["total"] == 0
    alice.client.patch(f"/api/notifications/{nudge['id']}", json={"dismissed": False})
    assert [item["id"] for item in _nudges(alice)] == [nudge["id"]]


def test_a_snoozed_nudge_returns_when_the_snooze_ends(app: FastAPI, alice: ApiUser) -> None:
    alice.create_application(company="Acme", stage="applied", applied_on=_days_ago(8))
    [nudge] = _nudges(alice)
    until = (NOW + timedelta(days=2)).isoformat()

    response = alice.client.patch(
        f"/api/notifications/{nudge['id']}", json={"snoozed_until": until}
    )
    assert response.status_code == 200
    assert _nudges(alice) == []
    db.clock.frozen_at = NOW + timedelta(days=2)
    assert [item["id"] for item in _nudges(alice)] == [nudge["id"]]


def test_bad_updates_are_refused_by_field(alice: ApiUser) -> None:
    alice.create_application(company="Acme", stage="applied", applied_on=_days_ago(8))
    [nudge] = _nudges(alice)
    path = f"/api/notifications/{nudge['id']}"

    assert alice.client.patch(path, json={}).status_code == 422
    too_far = alice.client.patch(path, json={"snoozed_until": "2028-01-01T00:00:00Z"})
    assert too_far.status_code == 422
    assert "snoozed_until" in too_far.json()["error"]["fields"]
    assert alice.client.patch(path, json={"snoozed_until": "2026-03-12T00:00"}).status_code == 422
    assert alice.client.get("/api/notifications?limit=201").status_code == 422
    bad_rule = alice.client.patch("/api/notification-rules", json={"ghosted_days": 0})
    assert bad_rule.status_code == 422


def test_another_user_gets_404_and_changes_nothing(alice: ApiUser, bob: ApiUser) -> None:
    alice.create_application(company="Acme", stage="applied", applied_on=_days_ago(8))
    [nudge] = _nudges(alice)
    path = f"/api/notifications/{nudge['id']}"

    assert bob.client.patch(path, json={"dismissed": True}).status_code == 404
    assert bob.client.get(f"{path}/draft").status_code == 404
    assert bob.client.get("/api/notifications").json() == {"items": [], "total": 0}
    assert [item["id"] for item in _nudges(alice)] == [nudge["id"]]


def test_the_follow_up_draft_is_addressed_to_the_contact(alice: ApiUser) -> None:
    application = alice.create_application(
        company="Acme", role="Data Analyst", stage="applied", applied_on=_days_ago(8)
    )
    alice.client.post(
        f"/api/applications/{application['id']}/contacts",
        json={"name": "Grace Hopper", "email": "grace@acme.example"},
    )
    [nudge] = _nudges(alice)

    draft = alice.client.get(f"/api/notifications/{nudge['id']}/draft").json()
    assert draft["to"] == "grace@acme.example"
    assert draft["body"].startswith("Dear Grace,")
    assert "Data Analyst role at Acme" in draft["body"]
    assert draft["mailto"].startswith("mailto:grace@acme.example?subject=Following%20up")


def test_a_deadline_nudge_has_no_draft(alice: ApiUser) -> None:
    alice.create_application(company="Acme", stage="wishlist", deadline=TODAY.isoformat())
    [nudge] = _nudges(alice)

    assert nudge["draftable"] is False
    assert alice.client.get(f"/api/notifications/{nudge['id']}/draft").status_code == 404


@pytest.mark.parametrize(
    ("minutes_after_the_end", "expected"),
    [(-1, []), (0, ["thank_you"]), (24 * 60 - 1, ["thank_you"]), (24 * 60, [])],
)
def test_a_thank_you_within_a_day_after_an_interview_ends(
    app: FastAPI, alice: ApiUser, minutes_after_the_end: int, expected: list[str]
) -> None:
    application = alice.create_application(company="Acme", stage="interview")
    created = alice.client.post(
        f"/api/applications/{application['id']}/interviews",
        json={"starts_at": "2026-03-10T18:00:00Z", "duration_minutes": 60},
    )
    assert created.status_code == 201, created.text
    ended = datetime(2026, 3, 10, 19, 0, tzinfo=UTC)
    db.clock.frozen_at = ended + timedelta(minutes=minutes_after_the_end)

    nudges = _nudges(alice)
    assert [nudge["kind"] for nudge in nudges] == expected
    if expected:
        assert nudges[0]["draftable"] is True
        draft = alice.client.get(f"/api/notifications/{nudges[0]['id']}/draft").json()
        assert draft["subject"] == "Thank you: Software Engineer interview"


def test_an_overlong_notification_id_is_refused(alice: ApiUser) -> None:
    response = alice.client.patch(f"/api/notifications/{'x' * 101}", json={"done": True})

    assert response.status_code == 422
