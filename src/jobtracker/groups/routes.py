"""Routes for groups (the admin's), the caller's own groups, what members share with their
coaches, and comments on applications. `router` carries the coaches' routes too."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from jobtracker.auth.deps import CurrentAdmin, CurrentUser
from jobtracker.common import DEFAULT_PAGE_SIZE, Page, PageLimit, PageOffset, PathId
from jobtracker.db import SessionDep
from jobtracker.groups import comments, service, sharing
from jobtracker.groups.coach_routes import router as coach_router
from jobtracker.groups.schemas import (
    CommentCreate,
    CommentOut,
    CommentPage,
    GroupCreate,
    GroupMemberOut,
    GroupOut,
    GroupUpdate,
    MemberAdd,
    MemberUpdate,
    MyGroup,
    ShareOut,
    ShareUpdate,
    UnreadComments,
)

groups_router = APIRouter(prefix="/api/groups", tags=["groups"])
shares_router = APIRouter(prefix="/api/shares", tags=["sharing"])
comments_router = APIRouter(prefix="/api/applications", tags=["comments"])


@groups_router.get("/mine")
def list_my_groups(
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[MyGroup]:
    """The groups you belong to, and whether you coach or are a member in each."""
    groups, total = service.my_groups(session, user.id, limit=limit, offset=offset)
    return Page(items=groups, total=total, limit=limit, offset=offset)


@groups_router.get("")
def list_groups(
    _admin: CurrentAdmin,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=100, description="Part of the name")] = None,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[GroupOut]:
    groups, total = service.list_groups(session, search=q, limit=limit, offset=offset)
    return Page(items=groups, total=total, limit=limit, offset=offset)


@groups_router.post("", status_code=status.HTTP_201_CREATED)
def create_group(body: GroupCreate, admin: CurrentAdmin, session: SessionDep) -> GroupOut:
    return service.create_group(session, admin, body.name)


@groups_router.get("/{group_id}")
def read_group(group_id: PathId, _admin: CurrentAdmin, session: SessionDep) -> GroupOut:
    return service.read_group(session, group_id)


@groups_router.patch("/{group_id}")
def rename_group(
    group_id: PathId, body: GroupUpdate, admin: CurrentAdmin, session: SessionDep
) -> GroupOut:
    return service.rename_group(session, admin, group_id, body.name)


@groups_router.delete("/{group_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_group(group_id: PathId, admin: CurrentAdmin, session: SessionDep) -> None:
    """The group, its memberships and shares; nobody's applications or documents."""
    service.delete_group(session, admin, group_id)


@groups_router.get("/{group_id}/members")
def list_members(
    group_id: PathId,
    _admin: CurrentAdmin,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[GroupMemberOut]:
    members, total = service.list_members(session, group_id, limit=limit, offset=offset)
    return Page(items=members, total=total, limit=limit, offset=offset)


@groups_router.post("/{group_id}/members", status_code=status.HTTP_201_CREATED)
def add_member(
    group_id: PathId, body: MemberAdd, admin: CurrentAdmin, session: SessionDep
) -> GroupMemberOut:
    return service.add_member(session, admin, group_id, body.email, body.group_role)


@groups_router.patch("/{group_id}/members/{user_id}")
def change_member_role(
    group_id: PathId, user_id: PathId, body: MemberUpdate, admin: CurrentAdmin, session: SessionDep
) -> GroupMemberOut:
    return service.change_role(session, admin, group_id, user_id, body.group_role)


@groups_router.delete("/{group_id}/members/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_member(
    group_id: PathId, user_id: PathId, admin: CurrentAdmin, session: SessionDep
) -> None:
    """Out of the group; what they shared with it is no longer shared."""
    service.remove_member(session, admin, group_id, user_id)


@shares_router.get("")
def list_shares(
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[ShareOut]:
    """Per group you are a member of: what you share, its coaches and when each last looked."""
    shares, total = sharing.list_shares(session, user.id, limit=limit, offset=offset)
    return Page(items=shares, total=total, limit=limit, offset=offset)


@shares_router.get("/unread-comments")
def list_unread_comments(
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> UnreadComments:
    """Your applications with coaches' comments you have not read yet."""
    return comments.unread_comments(session, user.id, limit=limit, offset=offset)


@shares_router.patch("/{group_id}")
def update_share(
    group_id: PathId, body: ShareUpdate, user: CurrentUser, session: SessionDep
) -> ShareOut:
    """Switch what this group's coaches see; in force from their next request."""
    return sharing.update_share(session, user.id, group_id, body)


@comments_router.get("/{application_id}/comments")
def list_comments(
    application_id: PathId,
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> CommentPage:
    """The thread, oldest first. Read by the owner, the coaches' comments count as read."""
    thread = comments.open_thread(session, user.id, application_id)
    return comments.list_comments(session, thread, limit=limit, offset=offset)


@comments_router.post("/{application_id}/comments", status_code=status.HTTP_201_CREATED)
def add_comment(
    application_id: PathId, body: CommentCreate, user: CurrentUser, session: SessionDep
) -> CommentOut:
    """A coach's comment, or the owner's answer."""
    thread = comments.open_thread(session, user.id, application_id)
    return comments.add_comment(session, user, thread, body.body)


# The coaches' literal paths (/api/groups/coaching/...) go before /api/groups/{group_id}.
router = APIRouter()
for part in (coach_router, groups_router, shares_router, comments_router):
    router.include_router(part)
