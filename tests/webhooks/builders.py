"""Small helpers for webhook tests: make one through the API, read deliveries, run a round."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from jobtracker.db import utcnow
from jobtracker.webhooks import delivery
from jobtracker.webhooks.models import WebhookDelivery
from tests.factories import ApiUser

ALL_EVENTS = [
    "application.created",
    "application.stage_changed",
    "deliverable.due",
    "interview.scheduled",
]


def create_webhook(user: ApiUser, url: str, **fields: Any) -> dict[str, Any]:
    body = {"url": url, "events": ALL_EVENTS, **fields}
    response = user.client.post("/api/webhooks", json=body)
    assert response.status_code == 201, response.text
    webhook: dict[str, Any] = response.json()
    return webhook


def queued(app: FastAPI, webhook_id: int | None = None) -> list[WebhookDelivery]:
    """Deliveries in the order they were queued (of one webhook, or all)."""
    query = select(WebhookDelivery).order_by(WebhookDelivery.id)
    if webhook_id is not None:
        query = query.where(WebhookDelivery.webhook_id == webhook_id)
    with app.state.session_factory() as session:
        return list(session.scalars(query))


def events_of(app: FastAPI, webhook_id: int | None = None) -> list[str]:
    return [row.event.value for row in queued(app, webhook_id)]


def body_of(row: WebhookDelivery) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(row.body)
    return body


def send_round(app: FastAPI) -> int:
    """One round of the scheduler's webhook work, at the server's clock."""
    factory, settings, now = app.state.session_factory, app.state.settings, utcnow()
    delivery.queue_due_deliverables(factory, now)
    return delivery.deliver_due(factory, settings, now)


def attempts(user: ApiUser, webhook_id: int) -> list[dict[str, Any]]:
    response = user.client.get(f"/api/webhooks/{webhook_id}/attempts")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items
