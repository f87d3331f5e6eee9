"""The busiest calls stay at a few SQL statements each, sign-in check and quotas included.

Each statement is a round trip and SQLAlchemy's work around it; they used to creep up one
helper at a time (a second look at the user, the instance settings read twice, the row read
again after a write). The stage history costs none: the database records it (0011).
"""

from __future__ import annotations

import pytest

from jobtracker.config import Settings
from tests.applications.builders import stage_events
from tests.factories import ApiUser


@pytest.fixture
def with_quotas(settings: Settings) -> None:
    """Both per-user quotas on, as on a shared instance, so their checks are counted too."""
    settings.max_applications_per_user = 1000
    settings.max_storage_mb_per_user = 100


@pytest.mark.usefixtures("with_quotas")
def test_the_list_takes_at_most_two_statements(alice: ApiUser, statements: list[str]) -> None:
    for _ in range(3):
        alice.create_application(tags=["python"])
    statements.clear()

    response = alice.client.get("/api/applications", params={"limit": 50})

    assert response.status_code == 200
    assert response.json()["total"] == 3
    assert len(statements) <= 2, statements


@pytest.mark.usefixtures("with_quotas")
def test_reading_one_takes_at_most_two_statements(alice: ApiUser, statements: list[str]) -> None:
    created = alice.create_application(tags=["python"])
    statements.clear()

    response = alice.client.get(f"/api/applications/{created['id']}")

    assert response.json()["tags"] == ["python"]
    assert len(statements) <= 2, statements


@pytest.mark.usefixtures("with_quotas")
def test_a_move_to_applied_takes_at_most_four_statements_and_is_recorded(
    alice: ApiUser, statements: list[str]
) -> None:
    created = alice.create_application(tags=["python"])
    statements.clear()

    response = alice.client.patch(f"/api/applications/{created['id']}", json={"stage": "applied"})

    assert response.status_code == 200
    assert (response.json()["stage"], response.json()["tags"]) == ("applied", ["python"])
    # One more than a move that does not send it (below): moving into Applied records the
    # resume and cover letter sent, one INSERT ... SELECT of whatever is linked to it.
    assert len(statements) <= 4, statements
    history = [
        (event["from_stage"], event["to_stage"]) for event in stage_events(alice, created["id"])
    ]
    assert history == [(None, "wishlist"), ("wishlist", "applied")]


@pytest.mark.usefixtures("with_quotas")
def test_a_stage_change_that_does_not_send_it_takes_at_most_three_statements(
    alice: ApiUser, statements: list[str]
) -> None:
    created = alice.create_application(tags=["python"])
    statements.clear()

    response = alice.client.patch(f"/api/applications/{created['id']}", json={"stage": "drafting"})

    assert response.json()["stage"] == "drafting"
    assert len(statements) <= 3, statements


@pytest.mark.usefixtures("with_quotas")
def test_a_create_takes_at_most_four_statements_with_both_quotas_checked(
    alice: ApiUser, statements: list[str]
) -> None:
    response = alice.client.post(
        "/api/applications", json={"company": "Acme", "role": "Engineer", "notes": "Met at a fair"}
    )

    assert response.status_code == 201
    assert len(statements) <= 4, statements
    history = [
        (event["from_stage"], event["to_stage"])
        for event in stage_events(alice, response.json()["id"])
    ]
    assert history == [(None, "wishlist")]
