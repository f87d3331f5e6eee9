"""Contacts: owner-scoped queries for the people met along an application."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, ScalarSelect, Select, func, or_, select
from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.applications.schemas import ApplicationSummary
from jobtracker.config import Settings
from jobtracker.contacts import vcard
from jobtracker.contacts.models import Contact
from jobtracker.contacts.schemas import ContactCreate, ContactUpdate
from jobtracker.db import contains_pattern, like_pattern, page_of, read_in_one_transaction, utcnow
from jobtracker.errors import NotFound
from jobtracker.instance import usage

# What counts against the storage quota (the other fields are short and bounded).
STORED_TEXT = (Contact.notes,)


def stored_bytes(owner_id: int) -> ScalarSelect[int]:
    """Bytes of notes the owner keeps on contacts, for the storage quota."""
    return usage.bytes_stored(Contact.owner_id == owner_id, *STORED_TEXT)


def list_contacts(
    session: Session, owner_id: int, application_id: int, *, limit: int, offset: int
) -> tuple[list[Contact], int]:
    applications_service.get_application(session, owner_id, application_id)
    query = select(Contact).where(
        Contact.owner_id == owner_id, Contact.application_id == application_id
    )
    ordering = (func.lower(Contact.name), Contact.id)
    return page_of(session, query, ordering, limit=limit, offset=offset)


@dataclass(frozen=True)
class ContactWithApplication:
    """A contact and the application it was added to (each contact belongs to exactly one)."""

    contact: Contact
    application: ApplicationSummary


# By name, then by when they were added: the same person on two applications sits together.
_BY_NAME = (func.lower(Contact.name), Contact.id)
EXPORT_BATCH_SIZE = 500


def _not_in_trash(owner_id: int) -> ColumnElement[bool]:
    # An application in the trash is hidden, and so are its contacts.
    return Contact.application_id.not_in(applications_service.trashed_ids(owner_id))


def _matching(owner_id: int, text: str | None) -> Select[Contact]:
    query = select(Contact).where(Contact.owner_id == owner_id, _not_in_trash(owner_id))
    wanted = (text or "").strip()
    if not wanted:
        return query
    pattern = like_pattern(wanted)
    at_applications = applications_service.ids_matching(owner_id, pattern)
    return query.where(
        or_(
            contains_pattern(pattern, Contact.name, Contact.role, Contact.email, Contact.phone),
            Contact.application_id.in_(at_applications),
        )
    )


def _with_applications(
    session: Session, owner_id: int, contacts: Sequence[Contact]
) -> list[ContactWithApplication]:
    # One query for the whole page or batch, not one per contact.
    applications = applications_service.summaries(
        session, owner_id, [contact.application_id for contact in contacts]
    )
    return [
        ContactWithApplication(contact, applications[contact.application_id])
        for contact in contacts
    ]


def search_contacts(
    session: Session, owner_id: int, text: str | None, *, limit: int, offset: int
) -> tuple[list[ContactWithApplication], int]:
    """The owner's contacts on every application whose name, role, email, phone, or
    application's company or role contains the text; all of them when it is empty."""
    contacts, total = page_of(
        session, _matching(owner_id, text), _BY_NAME, limit=limit, offset=offset
    )
    return _with_applications(session, owner_id, contacts), total


def contact_vcard(session: Session, owner_id: int, contact_id: int) -> tuple[Contact, str]:
    contact = get_contact(session, owner_id, contact_id)
    (shown,) = _with_applications(session, owner_id, [contact])
    return contact, vcard.vcard(shown.contact, shown.application)


def export_vcards(session: Session, owner_id: int, text: str | None) -> Iterator[bytes]:
    """Every matching contact as one vCard file, streamed a batch at a time in flat memory."""
    batched = {"yield_per": EXPORT_BATCH_SIZE}
    query = _matching(owner_id, text).order_by(*_BY_NAME).execution_options(**batched)
    read_in_one_transaction(session)
    return _vcard_chunks(session, owner_id, query)


def _vcard_chunks(session: Session, owner_id: int, query: Select[Contact]) -> Iterator[bytes]:
    for partition in session.scalars(query).partitions():
        shown = _with_applications(session, owner_id, partition)
        yield "".join(vcard.vcard(item.contact, item.application) for item in shown).encode()


def get_contact(session: Session, owner_id: int, contact_id: int) -> Contact:
    contact = session.scalar(
        select(Contact).where(
            Contact.id == contact_id, Contact.owner_id == owner_id, _not_in_trash(owner_id)
        )
    )
    if contact is None:
        raise NotFound(f"Contact {contact_id} was not found.")
    return contact


def create_contact(
    session: Session, settings: Settings, owner_id: int, application_id: int, data: ContactCreate
) -> Contact:
    application = applications_service.get_application(session, owner_id, application_id)
    adding = usage.record_bytes(data, STORED_TEXT)
    usage.reserve_storage(session, settings, owner_id, adding, what="This contact")
    contact = Contact(owner_id=owner_id, application_id=application.id, **data.model_dump())
    session.add(contact)
    session.commit()
    return contact


def update_contact(
    session: Session, settings: Settings, owner_id: int, contact_id: int, changes: ContactUpdate
) -> Contact:
    contact = get_contact(session, owner_id, contact_id)
    values = changes.model_dump(exclude_unset=True)
    adding = usage.growth(contact, values, STORED_TEXT)
    usage.reserve_storage(session, settings, owner_id, adding, what="This change")
    for name, value in values.items():
        setattr(contact, name, value)
    contact.updated_at = utcnow()
    session.commit()
    return contact


def delete_contact(session: Session, owner_id: int, contact_id: int) -> None:
    contact = get_contact(session, owner_id, contact_id)
    session.delete(contact)
    session.commit()


def by_application(
    session: Session, owner_id: int, application_ids: Sequence[int]
) -> dict[int, list[Contact]]:
    """The contacts of each of these applications, in the order they were added."""
    grouped: dict[int, list[Contact]] = defaultdict(list)
    if not application_ids:
        return grouped
    contacts = session.scalars(
        select(Contact)
        .where(Contact.owner_id == owner_id, Contact.application_id.in_(application_ids))
        .order_by(Contact.application_id, Contact.id)
    )
    for contact in contacts:
        grouped[contact.application_id].append(contact)
    return grouped


@dataclass(frozen=True)
class RestoredContact:
    """A contact as a backup holds it, for an application restored with the new id."""

    application_id: int
    fields: ContactCreate
    created_at: datetime
    updated_at: datetime


def restore_contacts(session: Session, owner_id: int, contacts: Sequence[RestoredContact]) -> None:
    """Add them exactly as they were; the caller commits."""
    applications_service.require_owned(
        session, owner_id, [contact.application_id for contact in contacts]
    )
    session.add_all(
        Contact(
            owner_id=owner_id,
            application_id=restored.application_id,
            created_at=restored.created_at,
            updated_at=restored.updated_at,
            **restored.fields.model_dump(),
        )
        for restored in contacts
    )
