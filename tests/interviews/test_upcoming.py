"""GET /api/interviews: the owner's interviews across applications in a window, for Upcoming."""

from __future__ import annotations

from tests.factories import ApiUser
from tests.interviews.builders import create_interview


def _starts(page: dict[str, object]) -> list[str]:
    items = page["items"]
    assert isinstance(items, list)
    return [item["local_start"] for item in items]


def test_interviews_in_the_window_soonest_first(alice: ApiUser) -> None:
    first = alice.create_application(company="Acme")
    second = alice.create_application(company="Globex")
    create_interview(alice, first["id"], starts_at="2030-05-10T09:00:00Z")
    create_interview(alice, second["id"], starts_at="2030-05-03T09:00:00Z")
    create_interview(alice, first["id"], starts_at="2030-06-01T09:00:00Z")
    create_interview(alice, second["id"], starts_at="2030-04-01T09:00:00Z")

    page = alice.client.get(
        "/api/interviews",
        params={"starts_after": "2030-05-01T00:00:00Z", "starts_before": "2030-06-01T09:00:00Z"},
    ).json()

    assert _starts(page) == ["2030-05-03T09:00", "2030-05-10T09:00"]
    assert [item["application"]["company"] for item in page["items"]] == ["Globex", "Acme"]


def test_without_a_window_every_interview_is_listed(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application()
    create_interview(alice, application["id"])
    create_interview(bob, bob.create_application()["id"])

    page = alice.client.get("/api/interviews").json()

    assert page["total"] == 1


def test_a_window_bound_without_a_zone_is_refused(alice: ApiUser) -> None:
    response = alice.client.get("/api/interviews", params={"starts_after": "2030-05-01T00:00"})

    assert response.status_code == 422
    assert "query.starts_after" in response.json()["error"]["fields"]


def test_trashed_applications_interviews_are_not_listed(alice: ApiUser) -> None:
    application = alice.create_application()
    create_interview(alice, application["id"])
    alice.client.delete(f"/api/applications/{application['id']}")

    assert alice.client.get("/api/interviews").json()["items"] == []
