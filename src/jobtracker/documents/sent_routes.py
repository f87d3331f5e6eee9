"""Routes for the resume and cover letter an application went out with."""

from __future__ import annotations

from fastapi import APIRouter

from jobtracker.auth.deps import CurrentUser
from jobtracker.common import PathId
from jobtracker.db import SessionDep
from jobtracker.documents import sent
from jobtracker.documents.schemas import SentDocuments, SentDocumentsUpdate

router = APIRouter(prefix="/api/applications", tags=["documents"])


@router.get("/{application_id}/sent-documents")
def read_sent_documents(
    application_id: PathId, user: CurrentUser, session: SessionDep
) -> SentDocuments:
    """Recorded when it moved to Applied (the most recent linked resume and cover letter), or
    as you chose since; a deleted document is still named."""
    return sent.read_sent(session, user.id, application_id)


@router.patch("/{application_id}/sent-documents")
def update_sent_documents(
    application_id: PathId, body: SentDocumentsUpdate, user: CurrentUser, session: SessionDep
) -> SentDocuments:
    """Record which of your resumes and cover letters went out with it; null records none."""
    return sent.update_sent(session, user.id, application_id, body)
