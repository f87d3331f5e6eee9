"""The contacts page's list: every application's contacts, searchable, each with its application."""

from __future__ import annotations

from typing import Any

import pytest

from tests.contacts.builders import create_contact
from tests.factories import ApiUser


def search(user: ApiUser, **query: Any) -> dict[str, Any]:
    response = user.client.get("/api/contacts", params=query)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def names(page: dict[str, Any]) -> list[str]:
    return [contact["name"] for contact in page["items"]]


def test_lists_contacts_of_every_application_by_name(alice: ApiUser) -> None:
    acme = alice.create_application(company="Acme")
    globex = alice.create_application(company="Globex")
    create_contact(alice, acme["id"], name="zoe Walker")
    create_contact(alice, globex["id"], name="Adam Smith")
    create_contact(alice, acme["id"], name="Maya Lin")

    page = search(alice)

    assert names(page) == ["Adam Smith", "Maya Lin", "zoe Walker"]
    assert page["total"] == 3


def test_each_contact_comes_with_its_application(alice: ApiUser) -> None:
    application = alice.create_application(company="Acme", role="Data Engineer")
    contact = create_contact(alice, application["id"], name="Dana", email="dana@example.com")

    (listed,) = search(alice)["items"]

    assert listed["application"] == {
        "id": application["id"],
        "company": "Acme",
        "role": "Data Engineer",
    }
    assert {key: listed[key] for key in contact} == contact


def test_the_same_person_on_two_applications_is_listed_once_for_each(alice: ApiUser) -> None:
    acme = alice.create_application(company="Acme")
    globex = alice.create_application(company="Globex")
    create_contact(alice, acme["id"], name="Dana", email="dana@example.com")
    create_contact(alice, globex["id"], name="Dana", email="dana@example.com")

    companies = [contact["application"]["company"] for contact in search(alice)["items"]]

    assert companies == ["Acme", "Globex"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("scully", ["Dana Scully"]),
        ("RECRUITER", ["Fox Mulder"]),
        ("@fbi.example", ["Dana Scully"]),
        ("555 01", ["Fox Mulder"]),
        ("globex", ["Walter Skinner"]),
        ("platform", ["Walter Skinner"]),
        ("  ", ["Dana Scully", "Fox Mulder", "Walter Skinner"]),
        ("nobody", []),
    ],
)
def test_search_matches_name_role_email_phone_company_and_the_applications_role(
    alice: ApiUser, text: str, expected: list[str]
) -> None:
    acme = alice.create_application(company="Acme", role="Backend Engineer")
    globex = alice.create_application(company="Globex", role="Platform Lead")
    create_contact(alice, acme["id"], name="Dana Scully", email="dana@fbi.example.com")
    create_contact(alice, acme["id"], name="Fox Mulder", role="Recruiter", phone="+1 555 0100")
    create_contact(alice, globex["id"], name="Walter Skinner")

    page = search(alice, q=text)

    assert names(page) == expected
    assert page["total"] == len(expected)


def test_search_takes_wildcards_literally(alice: ApiUser) -> None:
    application = alice.create_application(company="Acme")
    create_contact(alice, application["id"], name="100% Recruiting")
    create_contact(alice, application["id"], name="1000 Talents")

    assert names(search(alice, q="100%")) == ["100% Recruiting"]


def test_pages_through_the_list_with_the_total(alice: ApiUser) -> None:
    application = alice.create_application()
    for number in range(5):
        create_contact(alice, application["id"], name=f"Contact {number}")

    first = search(alice, limit=2, offset=0)
    last = search(alice, limit=2, offset=4)

    assert names(first) == ["Contact 0", "Contact 1"]
    assert names(last) == ["Contact 4"]
    assert first["total"] == last["total"] == 5
    assert (first["limit"], first["offset"]) == (2, 0)


def test_a_long_search_is_refused(alice: ApiUser) -> None:
    response = alice.client.get("/api/contacts", params={"q": "x" * 201})

    assert response.status_code == 422


def test_lists_none_of_another_users_contacts(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application(company="Acme")
    create_contact(alice, application["id"], name="Dana Scully")

    assert search(bob) == {"items": [], "total": 0, "limit": 50, "offset": 0}
    assert search(bob, q="Acme")["items"] == []
