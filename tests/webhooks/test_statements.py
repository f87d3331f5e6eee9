"""What the event hooks cost: nothing for a user without webhooks; with them, one query to find
them and the delivery rows' INSERT (one on PostgreSQL, which batches it; one a row on SQLite)."""

from __future__ import annotations

import re

from tests.factories import ApiUser
from tests.webhooks.builders import create_webhook
from tests.webhooks.receiver import Receiver

# A statement on a webhook table (the signed-in user's row carries users.webhooks_active too).
WEBHOOK_TABLE = re.compile(r"\b(FROM|INTO|UPDATE|JOIN)\s+webhook", re.IGNORECASE)


def _about_webhooks(statements: list[str]) -> list[str]:
    return [statement for statement in statements if WEBHOOK_TABLE.search(statement)]


def test_a_user_without_webhooks_runs_no_webhook_statement(
    alice: ApiUser, bob: ApiUser, receiver: Receiver, statements: list[str]
) -> None:
    create_webhook(bob, receiver.url())  # someone else's webhooks change nothing for alice
    statements.clear()

    created = alice.create_application()
    alice.client.patch(f"/api/applications/{created['id']}", json={"stage": "applied"})
    alice.client.post(f"/api/board/cards/{created['id']}/move", json={"stage": "screening"})

    assert _about_webhooks(statements) == []


def test_a_user_with_webhooks_pays_one_query_and_the_inserts_per_change(
    alice: ApiUser, receiver: Receiver, statements: list[str]
) -> None:
    created = alice.create_application()
    create_webhook(alice, receiver.url())
    create_webhook(alice, receiver.url())
    statements.clear()

    alice.client.patch(f"/api/applications/{created['id']}", json={"stage": "applied"})

    kinds = [statement.split()[0] for statement in _about_webhooks(statements)]
    assert kinds[0] == "SELECT"
    assert 1 <= len(kinds[1:]) <= 2
    assert set(kinds[1:]) == {"INSERT"}
