"""Contacts: owner-scoped queries for the people met along an application."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.config import Settings
from jobtracker.contacts.models import Contact
from jobtracker.contacts.schemas import ContactCreate, ContactUpdate
from jobtracker.db import page_of, utcnow
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


def get_contact(session: Session, owner_id: int, contact_id: int) -> Contact:
    contact = session.scalar(
        select(Contact).where(Contact.id == contact_id, Contact.owner_id == owner_id)
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
