"""Contacts as vCard files: one or all, escaped and folded so address books read them back."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy.orm import Session

from jobtracker.contacts import service
from jobtracker.contacts.models import Contact
from jobtracker.contacts.vcard import escape, fold
from tests.contacts.builders import create_contact
from tests.contacts.vcard_reading import (
    physical_lines,
    read_cards,
    split_unescaped,
    text_of,
    unescape,
)
from tests.factories import ApiUser

AWKWARD = "Ortiz, Jr.; \\ back\\slash\nand a second line"


@pytest.mark.parametrize(
    "text",
    ["plain", "a, b; c \\ d", "line one\nline two\r\nline three\rfour", "\\n is not a break"],
)
def test_escaped_text_reads_back_the_same(text: str) -> None:
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert unescape(escape(text)) == expected


def test_escaping_leaves_no_raw_separator_or_line_break() -> None:
    escaped = escape("a,b;c\nd")

    assert escaped == "a\\,b\\;c\\nd"


@pytest.mark.parametrize("line", ["NOTE:" + "x" * 300, "NOTE:" + "é" * 120, "FN:" + "日本語" * 40])
def test_folded_lines_fit_75_octets_and_unfold_to_the_original(line: str) -> None:
    folded = fold(line) + "\r\n"

    physical = physical_lines(folded)
    assert all(len(part.encode()) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert "".join([physical[0], *(part[1:] for part in physical[1:])]) == line


def test_a_short_line_is_not_folded() -> None:
    assert fold("FN:Dana") == "FN:Dana"


def test_one_contact_downloads_as_a_vcard_with_every_field(alice: ApiUser) -> None:
    application = alice.create_application(company="Acme, Inc; Labs", role="Data Engineer")
    contact = create_contact(
        alice,
        application["id"],
        name="Dana Katherine Scully",
        role="Hiring manager, EMEA",
        email="dana@example.com",
        phone="+1 555 0100",
        notes=AWKWARD + " " + "long " * 40,
    )

    response = alice.client.get(f"/api/contacts/{contact['id']}.vcf")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/vcard; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="Dana Katherine Scully.vcf"')
    assert all(len(line.encode()) <= 75 for line in physical_lines(response.text))
    (card,) = read_cards(response.text)
    assert card["VERSION"] == ["3.0"]
    assert text_of(card, "FN") == "Dana Katherine Scully"
    assert split_unescaped(card["N"][0], ";") == ["Scully", "Dana Katherine", "", "", ""]
    assert text_of(card, "ORG") == "Acme, Inc; Labs"
    assert text_of(card, "TITLE") == "Hiring manager, EMEA"
    assert text_of(card, "EMAIL") == "dana@example.com"
    assert text_of(card, "TEL") == "+1 555 0100"
    note = text_of(card, "NOTE")
    assert note.startswith(AWKWARD)
    assert note.endswith("\n\nApplication: Data Engineer at Acme, Inc; Labs")


def test_a_contact_with_only_a_name_has_no_empty_properties(alice: ApiUser) -> None:
    application = alice.create_application(company="Acme", role="Engineer")
    contact = create_contact(alice, application["id"], name="Cher")

    (card,) = read_cards(alice.client.get(f"/api/contacts/{contact['id']}.vcf").text)

    assert split_unescaped(card["N"][0], ";") == ["", "Cher", "", "", ""]
    assert not {"TITLE", "EMAIL", "TEL"} & card.keys()
    assert text_of(card, "NOTE") == "Application: Engineer at Acme"


def test_a_name_outside_ascii_keeps_its_exact_file_name(alice: ApiUser) -> None:
    application = alice.create_application()
    contact = create_contact(alice, application["id"], name="Zoë Ødegård")

    response = alice.client.get(f"/api/contacts/{contact['id']}.vcf")

    assert (
        "filename*=UTF-8''Zo%C3%AB%20%C3%98deg%C3%A5rd.vcf"
        in response.headers["content-disposition"]
    )
    assert text_of(read_cards(response.text)[0], "FN") == "Zoë Ødegård"


def test_export_all_holds_every_contact_in_name_order(alice: ApiUser) -> None:
    acme = alice.create_application(company="Acme")
    globex = alice.create_application(company="Globex")
    create_contact(alice, acme["id"], name="Walter Skinner")
    create_contact(alice, globex["id"], name="Dana Scully")

    response = alice.client.get("/api/contacts.vcf")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/vcard; charset=utf-8"
    assert response.headers["content-disposition"].startswith('attachment; filename="contacts-')
    cards = read_cards(response.text)
    assert [(text_of(card, "FN"), text_of(card, "ORG")) for card in cards] == [
        ("Dana Scully", "Globex"),
        ("Walter Skinner", "Acme"),
    ]


def test_export_with_a_search_holds_only_the_matches(alice: ApiUser) -> None:
    acme = alice.create_application(company="Acme")
    globex = alice.create_application(company="Globex")
    create_contact(alice, acme["id"], name="Walter Skinner")
    create_contact(alice, globex["id"], name="Dana Scully")

    cards = read_cards(alice.client.get("/api/contacts.vcf", params={"q": "acme"}).text)

    assert [text_of(card, "FN") for card in cards] == ["Walter Skinner"]


def test_export_streams_in_batches_without_losing_any(
    alice: ApiUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    application = alice.create_application()
    for number in range(7):
        create_contact(alice, application["id"], name=f"Contact {number}")
    batch_sizes: list[int] = []
    with_applications = service._with_applications

    def counting(
        session: Session, owner_id: int, contacts: Sequence[Contact]
    ) -> list[service.ContactWithApplication]:
        batch_sizes.append(len(contacts))
        return with_applications(session, owner_id, contacts)

    monkeypatch.setattr(service, "EXPORT_BATCH_SIZE", 3)
    monkeypatch.setattr(service, "_with_applications", counting)

    cards = read_cards(alice.client.get("/api/contacts.vcf").text)

    assert [text_of(card, "FN") for card in cards] == [f"Contact {number}" for number in range(7)]
    assert batch_sizes == [3, 3, 1]


def test_another_users_contact_vcard_is_404(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application()
    contact = create_contact(alice, application["id"])

    response = bob.client.get(f"/api/contacts/{contact['id']}.vcf")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_export_all_holds_none_of_another_users_contacts(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application(company="Acme")
    create_contact(alice, application["id"], name="Dana Scully")

    assert bob.client.get("/api/contacts.vcf").text == ""
    assert bob.client.get("/api/contacts.vcf", params={"q": "Acme"}).text == ""
