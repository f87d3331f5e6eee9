"""Another user's webhooks answer 404 on every route, and stay unchanged; routes take no token."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from tests.auth.access_token_builders import create_token
from tests.auth.builders import bearer
from tests.factories import ApiUser
from tests.webhooks.builders import attempts, create_webhook, queued
from tests.webhooks.receiver import Receiver

# (method, path, JSON body); {webhook} is alice's.
ROUTES_WITH_AN_ID = [
    ("GET", "/api/webhooks/{webhook}", None),
    ("PATCH", "/api/webhooks/{webhook}", {"enabled": False, "url": "http://127.0.0.1:9/bob"}),
    ("DELETE", "/api/webhooks/{webhook}", None),
    ("POST", "/api/webhooks/{webhook}/rotate-secret", None),
    ("POST", "/api/webhooks/{webhook}/test", None),
    ("GET", "/api/webhooks/{webhook}/attempts", None),
]


def _alices_view(alice: ApiUser, webhook_id: int) -> tuple[Any, ...]:
    return (alice.client.get("/api/webhooks").json(), attempts(alice, webhook_id))


@pytest.mark.parametrize(("method", "path", "body"), ROUTES_WITH_AN_ID)
def test_other_users_get_404_and_change_nothing(
    app: FastAPI,
    alice: ApiUser,
    bob: ApiUser,
    receiver: Receiver,
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    webhook = create_webhook(alice, receiver.url())
    before = _alices_view(alice, webhook["id"])

    response = bob.client.request(method, path.format(webhook=webhook["id"]), json=body)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert _alices_view(alice, webhook["id"]) == before
    assert receiver.received == []
    assert queued(app) == []


def test_the_list_shows_only_ones_own(alice: ApiUser, bob: ApiUser, receiver: Receiver) -> None:
    create_webhook(alice, receiver.url())

    assert bob.client.get("/api/webhooks").json()["items"] == []


def test_an_event_goes_only_to_its_owners_webhooks(
    app: FastAPI, alice: ApiUser, bob: ApiUser, receiver: Receiver
) -> None:
    alices = create_webhook(alice, receiver.url())
    bobs = create_webhook(bob, receiver.url())

    alice.create_application()

    assert [row.webhook_id for row in queued(app)] == [alices["id"]]
    assert queued(app, bobs["id"]) == []


@pytest.mark.parametrize("scope", ["read", "write"])
def test_no_access_token_reaches_the_webhook_routes(
    alice: ApiUser, receiver: Receiver, scope: str
) -> None:
    webhook = create_webhook(alice, receiver.url())
    token = create_token(alice, scope=scope)["token"]
    routes = [("GET", "/api/webhooks", None), ("POST", "/api/webhooks", {"url": receiver.url()})]
    routes += ROUTES_WITH_AN_ID

    for method, path, body in routes:
        url = path.format(webhook=webhook["id"])
        response = alice.client.request(method, url, json=body, headers=bearer(token))
        assert response.status_code == 403, f"{method} {path}"

    assert len(alice.client.get("/api/webhooks").json()["items"]) == 1
    assert receiver.received == []
