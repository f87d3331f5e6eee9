"""Routes for contacts: per application, and one by one."""

from __future__ import annotations

from fastapi import APIRouter, status

from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.common import DEFAULT_PAGE_SIZE, Page, PageLimit, PageOffset, PathId
from jobtracker.contacts import service
from jobtracker.contacts.schemas import ContactCreate, ContactOut, ContactUpdate
from jobtracker.db import SessionDep

router = APIRouter(prefix="/api", tags=["contacts"])


@router.get("/applications/{application_id}/contacts")
def list_contacts(
    application_id: PathId,
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[ContactOut]:
    contacts, total = service.list_contacts(
        session, user.id, application_id, limit=limit, offset=offset
    )
    return Page(
        items=[ContactOut.model_validate(contact) for contact in contacts],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.post("/applications/{application_id}/contacts", status_code=status.HTTP_201_CREATED)
def create_contact(
    application_id: PathId,
    body: ContactCreate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> ContactOut:
    contact = service.create_contact(session, settings, user.id, application_id, body)
    return ContactOut.model_validate(contact)


@router.get("/contacts/{contact_id}")
def read_contact(contact_id: PathId, user: CurrentUser, session: SessionDep) -> ContactOut:
    return ContactOut.model_validate(service.get_contact(session, user.id, contact_id))


@router.patch("/contacts/{contact_id}")
def update_contact(
    contact_id: PathId,
    body: ContactUpdate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> ContactOut:
    contact = service.update_contact(session, settings, user.id, contact_id, body)
    return ContactOut.model_validate(contact)


@router.delete("/contacts/{contact_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_contact(contact_id: PathId, user: CurrentUser, session: SessionDep) -> None:
    service.delete_contact(session, user.id, contact_id)
