"""Routes for coaches: the members who share with them and, per member, what they share, read
through the member's own services; and the group dashboard. Anything not shared is a 404."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlalchemy.orm import Session

from jobtracker.analytics.schemas import Analytics
from jobtracker.applications import board
from jobtracker.applications.board_schemas import MAX_BOARD_PAGE, BoardCardOut
from jobtracker.assistant import service as assistant_service
from jobtracker.assistant.schemas import Conversation
from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.auth.models import User
from jobtracker.common import DEFAULT_PAGE_SIZE, MAX_ID, Page, PageLimit, PageOffset, PathId
from jobtracker.db import SessionDep
from jobtracker.documents import routes as documents_routes
from jobtracker.documents import service as documents_service
from jobtracker.documents.schemas import DocumentOut
from jobtracker.documents.service import DocumentFilters
from jobtracker.errors import NotFound
from jobtracker.groups import coaching, sharing
from jobtracker.groups.schemas import GroupDashboard, MemberDeadlines, SharedMember
from jobtracker.groups.sharing import NOTHING_SHARED, SharedPart

router = APIRouter(prefix="/api/groups", tags=["coaching"])
MEMBER = "/{group_id}/members/{member_id}"


def _open(session: Session, coach: User, group_id: int, member_id: int, part: SharedPart) -> User:
    """The member whose work the coach opens, once the share is checked; the look is noted."""
    sharing.require_shared(session, coach.id, group_id, member_id, part)
    member = session.get(User, member_id)
    if member is None:
        raise NotFound(NOTHING_SHARED)
    sharing.note_view(session, coach.id, member_id)
    return member


@router.get("/coaching/members")
def list_sharing_members(
    coach: CurrentUser,
    session: SessionDep,
    group_id: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only this group")] = None,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[SharedMember]:
    """Members who share something with you, in the groups you coach, and what they share."""
    members, total = sharing.list_sharing_members(
        session, coach.id, group_id=group_id, limit=limit, offset=offset
    )
    return Page(items=members, total=total, limit=limit, offset=offset)


@router.get("/{group_id}/dashboard")
def read_group_dashboard(
    group_id: PathId, coach: CurrentUser, session: SessionDep
) -> GroupDashboard:
    """Figures over the members who share their board, together; only counts of the others."""
    return coaching.group_dashboard(session, coach.id, group_id)


@router.get(MEMBER + "/board")
def read_member_board(
    group_id: PathId,
    member_id: PathId,
    coach: CurrentUser,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=MAX_BOARD_PAGE)] = MAX_BOARD_PAGE,
    offset: PageOffset = 0,
) -> Page[BoardCardOut]:
    """The member's board cards, read-only."""
    member = _open(session, coach, group_id, member_id, SharedPart.BOARD)
    cards, total = board.list_cards(session, member.id, limit=limit, offset=offset)
    return Page(items=cards, total=total, limit=limit, offset=offset)


@router.get(MEMBER + "/deadlines")
def read_member_deadlines(
    group_id: PathId, member_id: PathId, coach: CurrentUser, session: SessionDep
) -> MemberDeadlines:
    """The member's open deliverables and coming application deadlines."""
    member = _open(session, coach, group_id, member_id, SharedPart.BOARD)
    return coaching.member_deadlines(session, member)


@router.get(MEMBER + "/dashboard")
def read_member_dashboard(
    group_id: PathId, member_id: PathId, coach: CurrentUser, session: SessionDep
) -> Analytics:
    """The member's dashboard figures, as they see them."""
    member = _open(session, coach, group_id, member_id, SharedPart.BOARD)
    return coaching.member_dashboard(session, member)


@router.get(MEMBER + "/documents")
def list_member_documents(
    group_id: PathId,
    member_id: PathId,
    coach: CurrentUser,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[DocumentOut]:
    """The member's documents, when they share them."""
    member = _open(session, coach, group_id, member_id, SharedPart.DOCUMENTS)
    documents, total = documents_service.list_documents(
        session, member.id, DocumentFilters(), limit=limit, offset=offset
    )
    return Page(
        items=documents_service.present(session, member.id, documents),
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get(
    MEMBER + "/documents/{document_id}/content",
    response_class=Response,
    responses={200: {"description": "The file's bytes, exactly as uploaded"}},
)
def download_member_document(
    group_id: PathId,
    member_id: PathId,
    document_id: PathId,
    coach: CurrentUser,
    session: SessionDep,
) -> Response:
    """One of the member's documents, as a download, when they share their documents."""
    member = _open(session, coach, group_id, member_id, SharedPart.DOCUMENTS)
    # The documents' own download, as the member: the same headers that keep a file inert.
    return documents_routes.download_document(document_id, member, session, inline=False)


@router.get(MEMBER + "/applications/{application_id}/assistant")
def read_member_conversation(
    group_id: PathId,
    member_id: PathId,
    application_id: PathId,
    coach: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=assistant_service.MAX_CONVERSATION_PAGE)] = (
        assistant_service.MAX_CONVERSATION_PAGE
    ),
    before: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Only messages before this id")
    ] = None,
) -> Conversation:
    """The member's conversation with the assistant about one application, when shared."""
    member = _open(session, coach, group_id, member_id, SharedPart.CONVERSATIONS)
    return assistant_service.conversation(
        session, settings, member.id, application_id, limit=limit, before=before
    )
