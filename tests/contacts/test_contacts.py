"""Creating, reading, listing, changing and deleting the contacts of an application."""

from __future__ import annotations

from tests.contacts.builders import create_contact
from tests.factories import ApiUser


def names(page: dict[str, list[dict[str, str]]]) -> list[str]:
    return [contact["name"] for contact in page["items"]]


def test_create_answers_the_contact_with_every_field(alice: ApiUser) -> None:
    application = alice.create_application()

    response = alice.client.post(
        f"/api/applications/{application['id']}/contacts",
        json={
            "name": "  Dana Scully ",
            "role": "Hiring manager",
            "email": "dana@example.com",
            "phone": "+1 555 0100",
            "notes": "Met at the **career fair**.",
        },
    )

    assert response.status_code == 201
    contact = response.json()
    assert contact["application_id"] == application["id"]
    assert contact["name"] == "Dana Scully"
    assert contact["role"] == "Hiring manager"
    assert contact["email"] == "dana@example.com"
    assert contact["phone"] == "+1 555 0100"
    assert contact["notes"] == "Met at the **career fair**."
    assert alice.client.get(f"/api/contacts/{contact['id']}").json() == contact


def test_only_the_name_is_required(alice: ApiUser) -> None:
    application = alice.create_application()

    contact = create_contact(alice, application["id"], name="Fox")

    optional = ("role", "email", "phone", "notes")
    assert {field: contact[field] for field in optional} == dict.fromkeys(optional)


def test_blank_email_means_no_email(alice: ApiUser) -> None:
    application = alice.create_application()

    contact = create_contact(alice, application["id"], email="  ")

    assert contact["email"] is None


def test_email_domain_is_normalised(alice: ApiUser) -> None:
    application = alice.create_application()

    contact = create_contact(alice, application["id"], email="Dana@Example.COM")

    assert contact["email"] == "Dana@example.com"


def test_list_orders_by_name_ignoring_case(alice: ApiUser) -> None:
    application = alice.create_application()
    for name in ("walter", "Alice", "bob", "Zed"):
        create_contact(alice, application["id"], name=name)

    page = alice.client.get(f"/api/applications/{application['id']}/contacts").json()

    assert names(page) == ["Alice", "bob", "walter", "Zed"]
    assert page["total"] == 4


def test_list_pages_with_limit_and_offset(alice: ApiUser) -> None:
    application = alice.create_application()
    for name in ("A", "B", "C", "D", "E"):
        create_contact(alice, application["id"], name=name)

    page = alice.client.get(
        f"/api/applications/{application['id']}/contacts", params={"limit": 2, "offset": 3}
    ).json()

    assert names(page) == ["D", "E"]
    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 3)


def test_list_holds_only_that_applications_contacts(alice: ApiUser) -> None:
    first = alice.create_application()
    second = alice.create_application()
    create_contact(alice, first["id"], name="First's recruiter")
    create_contact(alice, second["id"], name="Second's recruiter")

    page = alice.client.get(f"/api/applications/{second['id']}/contacts").json()

    assert names(page) == ["Second's recruiter"]


def test_patch_changes_only_the_fields_sent(alice: ApiUser) -> None:
    application = alice.create_application()
    contact = create_contact(alice, application["id"], role="Recruiter", phone="555")

    response = alice.client.patch(f"/api/contacts/{contact['id']}", json={"role": "Manager"})

    assert response.status_code == 200
    changed = response.json()
    assert changed["role"] == "Manager"
    assert changed["name"] == contact["name"]
    assert changed["phone"] == "555"


def test_patch_with_null_clears_an_optional_field(alice: ApiUser) -> None:
    application = alice.create_application()
    contact = create_contact(alice, application["id"], email="dana@example.com", notes="n")

    changed = alice.client.patch(
        f"/api/contacts/{contact['id']}", json={"email": None, "notes": None}
    ).json()

    assert changed["email"] is None
    assert changed["notes"] is None


def test_delete_removes_the_contact(alice: ApiUser) -> None:
    application = alice.create_application()
    contact = create_contact(alice, application["id"])

    response = alice.client.delete(f"/api/contacts/{contact['id']}")

    assert response.status_code == 204
    assert alice.client.get(f"/api/contacts/{contact['id']}").status_code == 404


def test_missing_application_answers_404_on_list_and_create(alice: ApiUser) -> None:
    listed = alice.client.get("/api/applications/999999/contacts")
    created = alice.client.post("/api/applications/999999/contacts", json={"name": "x"})

    assert listed.status_code == created.status_code == 404


def test_deleting_the_application_deletes_its_contacts(alice: ApiUser) -> None:
    application = alice.create_application()
    kept_application = alice.create_application()
    contact = create_contact(alice, application["id"])
    kept = create_contact(alice, kept_application["id"])

    assert alice.client.delete(f"/api/applications/{application['id']}").status_code == 204

    assert alice.client.get(f"/api/contacts/{contact['id']}").status_code == 404
    assert alice.client.get(f"/api/contacts/{kept['id']}").status_code == 200
