"""Another user's contacts and applications answer 404 on every route, and stay unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from tests.contacts.builders import create_contact
from tests.factories import ApiUser

# (method, path, JSON body); {application} and {contact} are alice's ids.
ROUTES_WITH_AN_ID = [
    ("GET", "/api/applications/{application}/contacts", None),
    ("POST", "/api/applications/{application}/contacts", {"name": "Planted by bob"}),
    ("GET", "/api/contacts/{contact}", None),
    ("GET", "/api/contacts/{contact}.vcf", None),
    ("PATCH", "/api/contacts/{contact}", {"name": "Changed by bob", "email": "bob@example.com"}),
    ("DELETE", "/api/contacts/{contact}", None),
]


def alices_contacts(alice: ApiUser, application_id: int) -> list[dict[str, Any]]:
    page = alice.client.get(f"/api/applications/{application_id}/contacts").json()
    items: list[dict[str, Any]] = page["items"]
    return items


@pytest.mark.parametrize(("method", "path", "body"), ROUTES_WITH_AN_ID)
def test_other_users_get_404_and_change_nothing(
    alice: ApiUser, bob: ApiUser, method: str, path: str, body: dict[str, Any] | None
) -> None:
    application = alice.create_application()
    contact = create_contact(alice, application["id"], email="dana@example.com", notes="mine")
    before = alices_contacts(alice, application["id"])
    url = path.format(application=application["id"], contact=contact["id"])

    response = bob.client.request(method, url, json=body)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert alices_contacts(alice, application["id"]) == before


def test_foreign_and_missing_ids_get_the_same_answer(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application()
    contact = create_contact(alice, application["id"])

    foreign = bob.client.get(f"/api/contacts/{contact['id']}")
    missing = bob.client.get(f"/api/contacts/{contact['id'] + 1000}")

    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["error"]["code"] == missing.json()["error"]["code"]


def test_own_list_never_holds_another_users_contacts(alice: ApiUser, bob: ApiUser) -> None:
    alices_application = alice.create_application()
    bobs_application = bob.create_application()
    create_contact(alice, alices_application["id"], name="Alice's contact")
    create_contact(bob, bobs_application["id"], name="Bob's contact")

    page = bob.client.get(f"/api/applications/{bobs_application['id']}/contacts").json()

    assert [contact["name"] for contact in page["items"]] == ["Bob's contact"]
    assert page["total"] == 1
