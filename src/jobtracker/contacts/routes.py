"""Routes for contacts: per application, and one by one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from fastapi.responses import StreamingResponse

from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.common import DEFAULT_PAGE_SIZE, Page, PageLimit, PageOffset, PathId
from jobtracker.contacts import service, vcard
from jobtracker.contacts.schemas import (
    ContactApplication,
    ContactCreate,
    ContactListed,
    ContactOut,
    ContactUpdate,
)
from jobtracker.db import SessionDep
from jobtracker.documents.routes import content_disposition
from jobtracker.time_zones import today_for

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


SearchText = Annotated[
    str | None,
    Query(
        max_length=200, description="Name, role, email, phone, or the application's company or role"
    ),
]
VCARD_RESPONSE = {"content": {"text/vcard": {}}, "description": "vCard 3.0 (RFC 2426)"}
# Contacts are personal data: never kept by a shared cache.
PRIVATE = "private, no-store"


def _listed(shown: service.ContactWithApplication) -> ContactListed:
    contact = ContactOut.model_validate(shown.contact)
    application = ContactApplication.model_validate(shown.application, from_attributes=True)
    return ContactListed(**contact.model_dump(), application=application)


@router.get("/contacts")
def search_contacts(
    user: CurrentUser,
    session: SessionDep,
    q: SearchText = None,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[ContactListed]:
    """Contacts on all the applications, by name, each with the application it belongs to."""
    shown, total = service.search_contacts(session, user.id, q, limit=limit, offset=offset)
    return Page(items=[_listed(item) for item in shown], total=total, limit=limit, offset=offset)


@router.get(
    "/contacts.vcf",
    response_class=StreamingResponse,
    responses={200: VCARD_RESPONSE},
)
def export_contacts_vcard(
    user: CurrentUser, session: SessionDep, q: SearchText = None
) -> StreamingResponse:
    """Every contact the search matches (all when `q` is empty) in one vCard file, streamed."""
    chunks = service.export_vcards(session, user.id, q)
    filename = f"contacts-{today_for(user).isoformat()}.vcf"
    return StreamingResponse(
        chunks,
        media_type=vcard.MEDIA_TYPE,
        headers={
            "Content-Disposition": content_disposition("attachment", filename),
            "Cache-Control": PRIVATE,
        },
    )


# Before /contacts/{contact_id}, which would otherwise take "12.vcf" as an id and refuse it.
@router.get(
    "/contacts/{contact_id}.vcf",
    response_class=Response,
    responses={200: VCARD_RESPONSE, 404: {"description": "No such contact of yours"}},
)
def contact_vcard(contact_id: PathId, user: CurrentUser, session: SessionDep) -> Response:
    """One contact as a vCard file for an address book."""
    contact, card = service.contact_vcard(session, user.id, contact_id)
    return Response(
        card,
        media_type=vcard.MEDIA_TYPE,
        headers={
            "Content-Disposition": content_disposition("attachment", f"{contact.name}.vcf"),
            "Cache-Control": PRIVATE,
        },
    )


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
