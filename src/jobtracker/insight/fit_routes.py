"""Route for the fit between an application's posting and a resume."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jobtracker.auth.deps import CurrentUser
from jobtracker.common import MAX_ID, PathId
from jobtracker.db import SessionDep
from jobtracker.insight import fit_service
from jobtracker.insight.fit_schemas import FitOut

router = APIRouter(prefix="/api", tags=["fit"])


@router.get("/applications/{application_id}/fit")
def read_fit(
    application_id: PathId,
    user: CurrentUser,
    session: SessionDep,
    document_id: Annotated[
        int | None,
        Query(ge=1, le=MAX_ID, description="A document of yours; the default resume when left out"),
    ] = None,
) -> FitOut:
    """How well a resume covers what the posting asks for, computed offline.

    The default resume is the one sent with this application, else the newest one linked to it,
    else your newest resume. Without a job description, a resume or its text, `state` says why
    and `message` what to do; `analysis` is then null.
    """
    return fit_service.fit_for_application(session, user.id, application_id, document_id)
