"""The contacts page: every application's contacts, searched, followed to an application,
and taken away as vCard files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import go_to

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "frontend/node_modules/axe-core/axe.min.js"


def add_contact(user: ApiUser, application_id: int, **fields: Any) -> dict[str, Any]:
    response = user.api.post(f"/api/applications/{application_id}/contacts", json=fields)
    assert response.status_code == 201, response.text
    contact: dict[str, Any] = response.json()
    return contact


def contact_items(page: Page) -> Any:
    return page.get_by_role("list", name="Contacts").get_by_role("listitem")


def seed(user: ApiUser) -> tuple[dict[str, Any], dict[str, Any]]:
    acme = user.create_application(company="Acme Robotics", role="Data Engineer")
    globex = user.create_application(company="Globex", role="Platform Lead")
    add_contact(
        user,
        acme["id"],
        name="Dana Scully",
        role="Hiring manager",
        email="dana@acme.example",
        phone="+1 555 0100",
        notes="Prefers email; met at the fair, Tuesday",
    )
    add_contact(user, globex["id"], name="Walter Skinner", role="Recruiter")
    return acme, globex


def test_the_page_lists_every_applications_contacts_and_searches_them(
    user_page: Page, user: ApiUser
) -> None:
    acme, _ = seed(user)

    go_to(user_page, "Contacts", heading="Contacts")
    expect(contact_items(user_page)).to_have_count(2)
    dana = contact_items(user_page).filter(has_text="Dana Scully")
    expect(dana).to_contain_text("Hiring manager")
    expect(dana.get_by_role("link", name="dana@acme.example")).to_have_attribute(
        "href", "mailto:dana@acme.example"
    )
    expect(dana.get_by_role("link", name="+1 555 0100")).to_have_attribute("href", "tel:+15550100")

    user_page.get_by_label("Search contacts").fill("globex")
    expect(contact_items(user_page)).to_have_count(1)
    expect(contact_items(user_page)).to_contain_text("Walter Skinner")
    expect(user_page.get_by_role("link", name="Export these as vCard")).to_be_visible()

    user_page.get_by_label("Search contacts").fill("acme")
    expect(contact_items(user_page)).to_have_count(1)
    contact_items(user_page).get_by_role("link", name="Data Engineer at Acme Robotics").click()
    expect(user_page).to_have_url(f"{user.base_url}/applications/{acme['id']}")
    expect(user_page.get_by_role("heading", level=1)).to_contain_text("Acme Robotics")


def test_a_search_that_finds_nobody_offers_to_clear_it(user_page: Page, user: ApiUser) -> None:
    seed(user)
    go_to(user_page, "Contacts", heading="Contacts")

    user_page.get_by_label("Search contacts").fill("nobody by this name")
    expect(user_page.get_by_text("No contacts match.")).to_be_visible()
    user_page.get_by_role("button", name="Clear filters").click()

    expect(contact_items(user_page)).to_have_count(2)


def test_one_contact_downloads_as_a_vcard(user_page: Page, user: ApiUser) -> None:
    seed(user)
    go_to(user_page, "Contacts", heading="Contacts")

    with user_page.expect_download() as download_info:
        user_page.get_by_role("link", name="Download vCard for Dana Scully").click()
    download = download_info.value

    assert download.suggested_filename == "Dana Scully.vcf"
    card = download.path().read_bytes().decode()
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "FN:Dana Scully\r\n" in card
    assert "ORG:Acme Robotics\r\n" in card
    assert "EMAIL;TYPE=INTERNET:dana@acme.example\r\n" in card
    assert "NOTE:Prefers email\\; met at the fair\\, Tuesday\\n\\nApplication: Data" in card
    assert "Walter Skinner" not in card


def test_export_all_downloads_every_contact(user_page: Page, user: ApiUser) -> None:
    seed(user)
    go_to(user_page, "Contacts", heading="Contacts")

    with user_page.expect_download() as download_info:
        user_page.get_by_role("link", name="Export all as vCard").click()
    cards = download_info.value.path().read_bytes().decode()

    assert cards.count("BEGIN:VCARD") == 2
    assert cards.index("FN:Dana Scully") < cards.index("FN:Walter Skinner")


def test_with_no_contacts_the_page_says_where_to_add_them(user_page: Page) -> None:
    go_to(user_page, "Contacts", heading="Contacts")

    expect(user_page.get_by_text("No contacts yet")).to_be_visible()
    expect(user_page.get_by_role("link", name="Export all as vCard")).to_have_count(0)


@pytest.mark.skipif(
    not AXE_SCRIPT.is_file(), reason="axe-core is not installed (npm ci in frontend)"
)
def test_axe_finds_no_violations_on_the_page(user_page: Page, user: ApiUser) -> None:
    seed(user)
    go_to(user_page, "Contacts", heading="Contacts")
    expect(contact_items(user_page)).to_have_count(2)

    # Evaluated, not added as a <script>: the app's CSP (script-src 'self') refuses inline ones.
    user_page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = user_page.evaluate("() => axe.run(document)")

    violations = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
    ]
    assert violations == []
