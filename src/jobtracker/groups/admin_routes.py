"""Routes for the admin's users and the audit log: admins only, and only with a session (an
access token never reaches them)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, status

from jobtracker.auth.deps import CurrentAdmin, SettingsDep
from jobtracker.common import MAX_ID, Page, PageLimit, PageOffset, PathId
from jobtracker.db import SessionDep
from jobtracker.groups import admin_users, audit
from jobtracker.groups.admin_schemas import (
    AdminMessage,
    AdminUserDeletion,
    AdminUserOut,
    AdminUserPassword,
    AdminUserUpdate,
    AuditEntryOut,
)

router = APIRouter(prefix="/api/admin", tags=["admin"])
_ADMIN_ONLY: dict[int | str, dict[str, object]] = {
    403: {"description": "The caller is not an admin, or came with an access token"}
}


def _user_out(row: admin_users.UserRow) -> AdminUserOut:
    user = row.user
    return AdminUserOut(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        created_at=user.created_at,
        last_sign_in_at=user.last_sign_in_at,
        disabled_at=user.disabled_at,
        applications=row.applications,
        storage_bytes=row.storage_bytes,
        max_applications=user.max_applications,
        max_storage_mb=user.max_storage_mb,
        max_assistant_messages_per_day=user.max_assistant_messages_per_day,
    )


@router.get("/users", responses=_ADMIN_ONLY)
def list_users(
    _admin: CurrentAdmin,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=200, description="Email or name contains")] = None,
    sort: Annotated[
        str,
        Query(
            max_length=30,
            description="email, name, created, last_sign_in, applications or storage; "
            "`-` first for descending",
        ),
    ] = "email",
    limit: PageLimit = 50,
    offset: PageOffset = 0,
) -> Page[AdminUserOut]:
    rows, total = admin_users.list_users(session, search=q, sort=sort, limit=limit, offset=offset)
    return Page(items=[_user_out(row) for row in rows], total=total, limit=limit, offset=offset)


@router.get("/users/{user_id}", responses=_ADMIN_ONLY)
def read_user(user_id: PathId, _admin: CurrentAdmin, session: SessionDep) -> AdminUserOut:
    return _user_out(admin_users.get_user(session, user_id))


@router.patch("/users/{user_id}", responses=_ADMIN_ONLY)
def update_user(
    user_id: PathId, body: AdminUserUpdate, admin: CurrentAdmin, session: SessionDep
) -> AdminUserOut:
    """Disable or re-enable, change the role, set quota overrides (null follows the instance)."""
    changes = body.model_dump(include=body.model_fields_set)
    return _user_out(admin_users.update_user(session, admin, user_id, changes))


@router.post("/users/{user_id}/password", responses=_ADMIN_ONLY)
def set_password(
    user_id: PathId, body: AdminUserPassword, admin: CurrentAdmin, session: SessionDep
) -> AdminMessage:
    """Set a new password; the user's sessions are signed out."""
    user = admin_users.set_password(session, admin, user_id, body.new_password)
    return AdminMessage(message=f"The password of {user.email} is set; their sessions ended.")


@router.post(
    "/users/{user_id}/password-reset",
    status_code=status.HTTP_202_ACCEPTED,
    responses={**_ADMIN_ONLY, 409: {"description": "No email is set up on this instance"}},
)
def send_password_reset(
    user_id: PathId,
    request: Request,
    admin: CurrentAdmin,
    session: SessionDep,
    settings: SettingsDep,
) -> AdminMessage:
    """Email the user a link to choose a new password."""
    user = admin_users.send_password_reset(session, settings, admin, user_id)
    scheduler = getattr(request.app.state, "scheduler", None)
    if scheduler is not None:  # the web process's scheduler sends it within a moment
        scheduler.wake()
    return AdminMessage(message=f"A reset link is on its way to {user.email}.")


@router.delete("/users/{user_id}", status_code=status.HTTP_204_NO_CONTENT, responses=_ADMIN_ONLY)
def delete_user(
    user_id: PathId, body: AdminUserDeletion, admin: CurrentAdmin, session: SessionDep
) -> None:
    """Delete the account and all of its data; the body repeats its email to confirm."""
    admin_users.delete_user(session, admin, user_id, confirm_email=str(body.confirm_email))


@router.get("/audit", responses=_ADMIN_ONLY)
def list_audit(
    _admin: CurrentAdmin,
    session: SessionDep,
    target_user_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Only actions on this user")
    ] = None,
    action: Annotated[
        str | None, Query(max_length=64, description="Only this action, e.g. user.disabled")
    ] = None,
    limit: PageLimit = 50,
    offset: PageOffset = 0,
) -> Page[AuditEntryOut]:
    """The audit log, newest first. It can only be read: nothing changes or deletes an entry."""
    entries, total = audit.list_entries(
        session, limit=limit, offset=offset, target_user_id=target_user_id, action=action
    )
    return Page(
        items=[AuditEntryOut.model_validate(entry) for entry in entries],
        total=total,
        limit=limit,
        offset=offset,
    )
