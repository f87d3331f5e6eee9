"""Webhooks as a user manages them: the secret shown once, changes, the cap, plain refusals."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from jobtracker.auth.models import User
from jobtracker.webhooks.models import Webhook
from jobtracker.webhooks.service import MAX_WEBHOOKS_PER_USER
from tests.factories import ApiUser
from tests.webhooks.builders import create_webhook
from tests.webhooks.receiver import Receiver


def _stored(app: FastAPI, webhook_id: int) -> Webhook:
    with app.state.session_factory() as session:
        webhook = session.get(Webhook, webhook_id)
        assert webhook is not None
        return webhook


def _active_flag(app: FastAPI, user: ApiUser) -> bool:
    with app.state.session_factory() as session:
        return bool(session.scalar(select(User.webhooks_active).where(User.id == user.id)))


def test_the_secret_is_shown_once_and_then_only_its_hint(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    created = create_webhook(
        alice, receiver.url(), events=["interview.scheduled"], description="Zapier"
    )

    assert created["secret"].startswith("whsec_")
    assert created["secret_hint"] == created["secret"][-4:]
    listed = alice.client.get("/api/webhooks").json()
    assert listed["max_webhooks"] == MAX_WEBHOOKS_PER_USER
    [item] = listed["items"]
    assert item == {key: value for key, value in created.items() if key != "secret"}
    assert item["events"] == ["interview.scheduled"]
    assert item["description"] == "Zapier"
    assert created["secret"] not in alice.client.get(f"/api/webhooks/{created['id']}").text
    assert created["secret"] not in repr(vars(_stored(app, created["id"])))


def test_events_are_kept_once_each_in_a_stable_order(alice: ApiUser, receiver: Receiver) -> None:
    created = create_webhook(
        alice,
        receiver.url(),
        events=["interview.scheduled", "application.created", "interview.scheduled"],
    )

    assert created["events"] == ["application.created", "interview.scheduled"]


def test_a_change_keeps_what_was_not_sent(alice: ApiUser, receiver: Receiver) -> None:
    created = create_webhook(alice, receiver.url(), description="Mine")

    response = alice.client.patch(
        f"/api/webhooks/{created['id']}", json={"events": ["deliverable.due"], "enabled": False}
    )

    assert response.status_code == 200
    changed = response.json()
    assert (changed["events"], changed["enabled"]) == (["deliverable.due"], False)
    assert (changed["url"], changed["description"]) == (created["url"], "Mine")


def test_rotating_gives_a_new_secret_once(alice: ApiUser, receiver: Receiver) -> None:
    created = create_webhook(alice, receiver.url())

    rotated = alice.client.post(f"/api/webhooks/{created['id']}/rotate-secret").json()

    assert rotated["secret"] != created["secret"]
    assert rotated["secret_hint"] == rotated["secret"][-4:]
    assert "secret" not in alice.client.get(f"/api/webhooks/{created['id']}").json()


def test_deleting_removes_it(alice: ApiUser, receiver: Receiver) -> None:
    created = create_webhook(alice, receiver.url())

    assert alice.client.delete(f"/api/webhooks/{created['id']}").status_code == 204

    assert alice.client.get(f"/api/webhooks/{created['id']}").status_code == 404
    assert alice.client.get("/api/webhooks").json()["items"] == []


def test_the_users_flag_follows_their_enabled_webhooks(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    assert not _active_flag(app, alice)
    first = create_webhook(alice, receiver.url())
    second = create_webhook(alice, receiver.url(), enabled=False)
    assert _active_flag(app, alice)

    alice.client.patch(f"/api/webhooks/{first['id']}", json={"enabled": False})
    assert not _active_flag(app, alice)
    alice.client.patch(f"/api/webhooks/{second['id']}", json={"enabled": True})
    assert _active_flag(app, alice)
    alice.client.delete(f"/api/webhooks/{second['id']}")
    assert not _active_flag(app, alice)


def test_an_account_has_at_most_ten_webhooks(alice: ApiUser, receiver: Receiver) -> None:
    for _ in range(MAX_WEBHOOKS_PER_USER):
        create_webhook(alice, receiver.url())

    response = alice.client.post(
        "/api/webhooks", json={"url": receiver.url(), "events": ["application.created"]}
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "quota_exceeded"
    assert "at most 10 webhooks" in response.json()["error"]["message"]
    assert alice.client.get("/api/webhooks").json()["total"] == MAX_WEBHOOKS_PER_USER


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (
            {"url": "https://hooks.example/x", "events": []},
            "events",
            "Choose at least one event to send.",
        ),
        (
            {"url": "https://hooks.example/x", "events": ["application.deleted"]},
            "events.0",
            "Choose one of:",
        ),
        ({"url": "", "events": ["application.created"]}, "url", "This can't be empty."),
        (
            {"url": "https://hooks.example/x", "events": ["ping"]},
            "events.0",
            "Choose one of:",
        ),
        (
            {"url": "https://hooks.example/x", "events": ["application.created"], "secret": "s"},
            "secret",
            "This field can't be set here; leave it out.",
        ),
        (
            {"url": "https://h.example/", "events": ["application.created"], "description": "a\nb"},
            "description",
            "Use one line, without line breaks or control characters.",
        ),
    ],
)
def test_bad_fields_are_refused_by_name_in_plain_words(
    alice: ApiUser, body: dict[str, Any], field: str, message: str
) -> None:
    response = alice.client.post("/api/webhooks", json=body)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["fields"][field].startswith(message)
    assert "pydantic" not in response.text
    assert "Value error" not in response.text


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://hooks.example/x", "Enter the receiver's full address, starting with https://."),
        ("hooks.example/x", "Enter the receiver's full address, starting with https://."),
        ("http://hooks.example/x", "Use an https:// address"),
        ("https://user:pw@hooks.example/x", "Leave the user name and password out"),
        ("https://hooks.example:25/x", "Port 25 is kept for other services."),
        ("https://no-such-host.example/x", "couldn't find the host no-such-host.example"),
        ("https://10.0.0.5/x", "points inside a private network"),
        ("https://169.254.169.254/latest", "points inside a private network"),
        ("https://[::1]:8443/x", "points inside a private network"),
    ],
)
def test_a_target_that_may_not_be_reached_is_refused_on_its_field(
    alice: ApiUser, dns: dict[str, list[str]], connections: list[str], url: str, message: str
) -> None:
    dns["hooks.example"] = ["93.184.216.34"]

    response = alice.client.post(
        "/api/webhooks", json={"url": url, "events": ["application.created"]}
    )

    assert response.status_code == 422, response.text
    assert message in response.json()["error"]["fields"]["url"]
    assert connections == []
    assert alice.client.get("/api/webhooks").json()["total"] == 0


def test_a_public_https_target_is_accepted_without_connecting(
    alice: ApiUser, dns: dict[str, list[str]], connections: list[str]
) -> None:
    dns["hooks.example"] = ["93.184.216.34"]

    created = create_webhook(alice, "https://hooks.example:8443/jobtracker?key=1")

    assert created["url"] == "https://hooks.example:8443/jobtracker?key=1"
    assert connections == []


def test_a_name_resolving_to_a_private_address_is_refused_before_any_connection(
    alice: ApiUser, dns: dict[str, list[str]], connections: list[str]
) -> None:
    # One public and one private answer: the name is refused as a whole.
    dns["rebind.example"] = ["93.184.216.34", "192.168.1.10"]

    response = alice.client.post(
        "/api/webhooks", json={"url": "https://rebind.example/", "events": ["application.created"]}
    )

    assert response.status_code == 422
    assert "private network" in response.json()["error"]["fields"]["url"]
    assert connections == []


def test_a_change_of_address_is_checked_too(
    alice: ApiUser, receiver: Receiver, dns: dict[str, list[str]], connections: list[str]
) -> None:
    created = create_webhook(alice, receiver.url())
    dns["intranet.example"] = ["10.1.2.3"]

    response = alice.client.patch(
        f"/api/webhooks/{created['id']}", json={"url": "https://intranet.example/hook"}
    )

    assert response.status_code == 422
    assert alice.client.get(f"/api/webhooks/{created['id']}").json()["url"] == receiver.url()
    assert connections == []


def test_null_for_a_required_field_is_refused(alice: ApiUser, receiver: Receiver) -> None:
    created = create_webhook(alice, receiver.url())

    response = alice.client.patch(f"/api/webhooks/{created['id']}", json={"url": None})

    assert response.status_code == 422
    assert response.json()["error"]["fields"]["url"] == (
        "This can't be cleared; leave it out instead."
    )
