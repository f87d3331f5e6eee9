"""Routes for health, readiness, the instance's limits (/meta) and the admin's settings."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text

from jobtracker.auth.deps import CurrentAdmin, OptionalUser, SettingsDep
from jobtracker.db import SessionDep
from jobtracker.instance import meta, service
from jobtracker.instance.schemas import AdminSettings, AdminSettingsUpdate, Meta

router = APIRouter(prefix="/api", tags=["instance"])


class Health(BaseModel):
    status: str


@router.get("/health")
def health() -> Health:
    return Health(status="ok")


@router.get("/ready", responses={503: {"description": "The database is not reachable"}})
def ready(session: SessionDep) -> Health:
    session.execute(text("SELECT 1"))  # a failure becomes a 503 in the error handler
    return Health(status="ready")


@router.get("/meta")
def read_meta(
    request: Request, user: OptionalUser, session: SessionDep, settings: SettingsDep
) -> Meta:
    return meta.describe(session, settings, user, version=request.app.version)


@router.get("/admin/settings")
def read_admin_settings(
    _admin: CurrentAdmin, session: SessionDep, settings: SettingsDep
) -> AdminSettings:
    return meta.admin_settings(session, settings)


@router.patch("/admin/settings")
def update_admin_settings(
    body: AdminSettingsUpdate, admin: CurrentAdmin, session: SessionDep, settings: SettingsDep
) -> AdminSettings:
    service.update_limits(
        session,
        settings,
        max_users=body.max_users,
        max_applications_per_user=body.max_applications_per_user,
        registration_open=body.registration_open,
        admins_require_two_factor=body.admins_require_two_factor,
        admin_has_two_factor=admin.two_factor_enabled,
    )
    return meta.admin_settings(session, settings)
