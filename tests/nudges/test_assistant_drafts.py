"""With a model configured, the follow-up draft is written by it from the application's data;
when the model fails, the template's draft is still there."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from jobtracker import db
from tests.assistant.fake_providers import FakeProvider
from tests.factories import ApiUser

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen(alice: ApiUser) -> Iterator[None]:
    """Accounts first: their sign-in tokens are checked against the real time."""
    db.clock.frozen_at = NOW
    yield
    db.clock.frozen_at = None


def _follow_up(alice: ApiUser) -> str:
    application = alice.create_application(
        company="Acme", role="Data Analyst", stage="applied", applied_on="2026-03-01"
    )
    alice.client.post(
        f"/api/applications/{application['id']}/contacts",
        json={"name": "Grace Hopper", "email": "grace@acme.example"},
    )
    [nudge] = alice.client.get("/api/notifications").json()["items"]
    key: str = nudge["id"]
    return key


def test_the_model_writes_the_body_from_the_applications_data(
    openai: FakeProvider, alice: ApiUser
) -> None:
    openai.script.chunks = ["Dear Grace,\n\nAny news ", "on the Data Analyst role?\n\nAlice"]
    key = _follow_up(alice)

    draft = alice.client.get(f"/api/notifications/{key}/draft").json()

    assert draft["written_by"] == "assistant"
    assert draft["body"] == "Dear Grace,\n\nAny news on the Data Analyst role?\n\nAlice\n"
    assert draft["to"] == "grace@acme.example"
    assert draft["subject"] == "Following up: Data Analyst application"
    assert "Acme" in openai.system_prompt
    assert "follow-up email" in openai.last.text
    assert "to Grace Hopper" in openai.last.text


def test_a_failing_model_leaves_the_template(openai: FakeProvider, alice: ApiUser) -> None:
    openai.script.status = 500
    key = _follow_up(alice)

    response = alice.client.get(f"/api/notifications/{key}/draft")

    assert response.status_code == 200
    assert response.json()["written_by"] == "template"
    assert response.json()["body"].startswith("Dear Grace,")
