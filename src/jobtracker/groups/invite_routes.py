"""Routes for invitations: the admin's (every invitation), a coach's (their group's), the
signed-out check the sign-up page makes of a link, and a signed-in account joining its group."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Request, status

from jobtracker.auth.deps import CurrentAdmin, CurrentUserBySession, SettingsDep
from jobtracker.common import DEFAULT_PAGE_SIZE, Page, PageLimit, PageOffset, PathId
from jobtracker.db import SessionDep
from jobtracker.groups import invites
from jobtracker.groups.invite_schemas import (
    GroupInviteCreate,
    InviteCheckOut,
    InviteCreate,
    InviteCreated,
    InviteOut,
)
from jobtracker.groups.invites import InviteView
from jobtracker.groups.schemas import MyGroup
from jobtracker.portability.calendar import link_base

router = APIRouter(prefix="/api", tags=["invitations"])
SIGNUP_PATH = "/signup?invite="


def _out(view: InviteView) -> InviteOut:
    invite = view.invite
    return InviteOut(
        id=invite.id,
        email=invite.email,
        group_id=invite.group_id,
        group_name=view.group_name,
        group_role=invite.group_role,
        max_uses=invite.max_uses,
        uses=invite.uses,
        created_at=invite.created_at,
        expires_at=invite.expires_at,
        revoked_at=invite.revoked_at,
        state=view.state,
    )


def _created(
    view: InviteView, token: str, request: Request, settings: SettingsDep
) -> InviteCreated:
    # A path when no trusted address is known: the UI completes it with its own origin.
    base = link_base(settings, request.url.scheme, request.headers.get("host")) or ""
    return InviteCreated(**_out(view).model_dump(), token=token, link=f"{base}{SIGNUP_PATH}{token}")


def _page(views: list[InviteView], total: int, limit: int, offset: int) -> Page[InviteOut]:
    return Page(items=[_out(view) for view in views], total=total, limit=limit, offset=offset)


@router.post("/admin/invites", status_code=status.HTTP_201_CREATED)
def create_invite(
    body: InviteCreate,
    admin: CurrentAdmin,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> InviteCreated:
    """Invite people to the instance, or into a group as coaches or members."""
    view, token = invites.create(
        session,
        admin,
        max_uses=body.max_uses,
        lifetime=timedelta(hours=body.expires_in_hours),
        email=body.email,
        group_id=body.group_id,
        group_role=body.group_role,
    )
    return _created(view, token, request, settings)


@router.get("/admin/invites")
def list_invites(
    _admin: CurrentAdmin,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[InviteOut]:
    views, total = invites.list_invites(session, group_id=None, limit=limit, offset=offset)
    return _page(views, total, limit, offset)


@router.delete("/admin/invites/{invite_id}")
def revoke_invite(invite_id: PathId, admin: CurrentAdmin, session: SessionDep) -> InviteOut:
    """Withdraw an invitation: its link stops working; accounts made with it stay."""
    return _out(invites.revoke(session, admin, invite_id, group_id=None))


@router.post("/groups/{group_id}/invites", status_code=status.HTTP_201_CREATED)
def create_group_invite(
    group_id: PathId,
    body: GroupInviteCreate,
    user: CurrentUserBySession,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> InviteCreated:
    """A coach invites members into a group they coach (the admin into any group)."""
    invites.ensure_coach_or_admin(session, user, group_id)
    view, token = invites.create(
        session,
        user,
        max_uses=body.max_uses,
        lifetime=timedelta(hours=body.expires_in_hours),
        email=body.email,
        group_id=group_id,
        group_role=None,
    )
    return _created(view, token, request, settings)


@router.get("/groups/{group_id}/invites")
def list_group_invites(
    group_id: PathId,
    user: CurrentUserBySession,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[InviteOut]:
    invites.ensure_coach_or_admin(session, user, group_id)
    views, total = invites.list_invites(session, group_id=group_id, limit=limit, offset=offset)
    return _page(views, total, limit, offset)


@router.delete("/groups/{group_id}/invites/{invite_id}")
def revoke_group_invite(
    group_id: PathId, invite_id: PathId, user: CurrentUserBySession, session: SessionDep
) -> InviteOut:
    invites.ensure_coach_or_admin(session, user, group_id)
    return _out(invites.revoke(session, user, invite_id, group_id=group_id))


InviteToken = Annotated[str, Path(min_length=1, max_length=invites.MAX_TOKEN_LENGTH)]


@router.get("/auth/invites/{token}")
def check_invite(token: InviteToken, session: SessionDep) -> InviteCheckOut:
    """Signed out: whether an invitation link works, and for which email and group."""
    found = invites.check(session, token)
    return InviteCheckOut(
        valid=found.valid,
        message=found.message,
        email=found.email,
        group_name=found.group_name,
        group_role=found.group_role,
        expires_at=found.expires_at,
    )


@router.post("/auth/invites/{token}/accept")
def accept_invite(token: InviteToken, user: CurrentUserBySession, session: SessionDep) -> MyGroup:
    """Signed in: join the group the invitation carries, in its role, taking one use."""
    return invites.join(session, user, token)
