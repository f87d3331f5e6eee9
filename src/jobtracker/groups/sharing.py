"""What each member shares with their group's coaches, and the one check every coach's read
goes through: coach of the group, the person a member of it, and that part switched on."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Select, and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from jobtracker.auth.models import User
from jobtracker.db import utcnow
from jobtracker.errors import NotFound
from jobtracker.groups.models import CoachView, Group, GroupMember, GroupRole, Share
from jobtracker.groups.schemas import CoachSeen, SharedMember, ShareOut, ShareUpdate

# Said for a group the caller does not coach, a person not in it, and a part not shared alike:
# a coach learns nothing from the difference.
NOTHING_SHARED = "Nothing is shared with you here."
# The coaches listed with each of the member's groups; groups are capped well above this.
MAX_COACHES_LISTED = 50


class SharedPart(StrEnum):
    BOARD = "board"
    DOCUMENTS = "documents"
    CONVERSATIONS = "conversations"


def _member_groups(member_id: int) -> Select[int, str]:
    return (
        select(Group.id, Group.name)
        .join(GroupMember, GroupMember.group_id == Group.id)
        .where(GroupMember.user_id == member_id, GroupMember.role == GroupRole.MEMBER)
    )


def list_shares(
    session: Session, member_id: int, *, limit: int, offset: int
) -> tuple[list[ShareOut], int]:
    """The member's groups, what they share with each, its coaches and when each last looked."""
    query = _member_groups(member_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    groups = session.execute(
        query.order_by(func.lower(Group.name), Group.id).limit(limit).offset(offset)
    ).all()
    group_ids = [group.id for group in groups]
    shares = {
        share.group_id: share
        for share in session.scalars(
            select(Share).where(Share.member_id == member_id, Share.group_id.in_(group_ids))
        )
    }
    coaches = _coaches_of(session, member_id, group_ids)
    return [
        _share_out(group.id, group.name, shares.get(group.id), coaches.get(group.id, []))
        for group in groups
    ], total


def _coaches_of(
    session: Session, member_id: int, group_ids: list[int]
) -> dict[int, list[CoachSeen]]:
    if not group_ids:
        return {}
    rows = session.execute(
        select(GroupMember.group_id, User.id, User.display_name, CoachView.last_viewed_at)
        .join(User, User.id == GroupMember.user_id)
        .outerjoin(
            CoachView,
            and_(CoachView.coach_id == User.id, CoachView.member_id == member_id),
        )
        .where(GroupMember.group_id.in_(group_ids), GroupMember.role == GroupRole.COACH)
        .order_by(func.lower(User.display_name), User.id)
    ).all()
    coaches: dict[int, list[CoachSeen]] = {}
    for row in rows:
        listed = coaches.setdefault(row.group_id, [])
        if len(listed) < MAX_COACHES_LISTED:
            listed.append(
                CoachSeen(
                    id=row.id, display_name=row.display_name, last_viewed_at=row.last_viewed_at
                )
            )
    return coaches


def _share_out(
    group_id: int, group_name: str, share: Share | None, coaches: list[CoachSeen]
) -> ShareOut:
    return ShareOut(
        group_id=group_id,
        group_name=group_name,
        board=share.board if share else False,
        documents=share.documents if share else False,
        conversations=share.conversations if share else False,
        coaches=coaches,
        updated_at=share.updated_at if share else None,
    )


def update_share(session: Session, member_id: int, group_id: int, changes: ShareUpdate) -> ShareOut:
    """Switch parts on or off for one group's coaches; in force from their next request."""
    group = session.execute(_member_groups(member_id).where(Group.id == group_id)).first()
    if group is None:
        raise NotFound(f"You are not a member of group {group_id}.")
    share = session.get(Share, (group_id, member_id))
    if share is None:
        share = Share(
            group_id=group_id,
            member_id=member_id,
            board=False,
            documents=False,
            conversations=False,
        )
        session.add(share)
    for part in SharedPart:
        value = getattr(changes, part.value)
        if value is not None:
            setattr(share, part.value, value)
    share.updated_at = utcnow()
    session.commit()
    coaches = _coaches_of(session, member_id, [group_id]).get(group_id, [])
    return _share_out(group.id, group.name, share, coaches)


def require_shared(
    session: Session, coach_id: int, group_id: int, member_id: int, part: SharedPart
) -> None:
    """Pass only when the caller coaches the group, the person is a member of it, and they
    share this part with it now; otherwise 404, exactly like something missing."""
    coach = aliased(GroupMember)
    member = aliased(GroupMember)
    shared = session.scalar(
        select(getattr(Share, part.value))
        .join(coach, and_(coach.group_id == Share.group_id, coach.user_id == coach_id))
        .join(member, and_(member.group_id == Share.group_id, member.user_id == Share.member_id))
        .where(
            Share.group_id == group_id,
            Share.member_id == member_id,
            coach.role == GroupRole.COACH,
            member.role == GroupRole.MEMBER,
        )
    )
    if not shared:
        raise NotFound(NOTHING_SHARED)


def _shares_with(coach_id: int) -> Select[Share]:
    """Shares of members, in groups the coach coaches, with anything switched on."""
    coach = aliased(GroupMember)
    member = aliased(GroupMember)
    return (
        select(Share)
        .join(coach, and_(coach.group_id == Share.group_id, coach.user_id == coach_id))
        .join(member, and_(member.group_id == Share.group_id, member.user_id == Share.member_id))
        .where(coach.role == GroupRole.COACH, member.role == GroupRole.MEMBER)
    )


def board_sharers(coach_id: int) -> Select[int]:
    """Ids of the members who share their board with this coach, as a subquery."""
    shares = _shares_with(coach_id).where(Share.board.is_(True)).subquery()
    return select(shares.c.member_id)


def list_sharing_members(
    session: Session, coach_id: int, *, group_id: int | None, limit: int, offset: int
) -> tuple[list[SharedMember], int]:
    """The members who share something with the coach, by group then name."""
    shares = _shares_with(coach_id).where(
        or_(Share.board.is_(True), Share.documents.is_(True), Share.conversations.is_(True))
    )
    if group_id is not None:
        shares = shares.where(Share.group_id == group_id)
    query = (
        shares.add_columns(Group.name, User.display_name, User.email)
        .join(Group, Group.id == Share.group_id)
        .join(User, User.id == Share.member_id)
    )
    total = session.scalar(select(func.count()).select_from(shares.subquery())) or 0
    rows = session.execute(
        query.order_by(func.lower(Group.name), Group.id, func.lower(User.display_name), User.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return [
        SharedMember(
            group_id=share.group_id,
            group_name=group_name,
            member_id=share.member_id,
            display_name=display_name,
            email=email,
            board=share.board,
            documents=share.documents,
            conversations=share.conversations,
        )
        for share, group_name, display_name, email in rows
    ], total


def member_name(session: Session, member_id: int) -> str:
    name = session.scalar(select(User.display_name).where(User.id == member_id))
    return name or "A member"


def note_view(session: Session, coach_id: int, member_id: int, at: datetime | None = None) -> None:
    """Record that the coach opened the member's work now: the member sees it."""
    at = at or utcnow()
    seen = update(CoachView).where(CoachView.coach_id == coach_id, CoachView.member_id == member_id)
    if session.execute(seen.values(last_viewed_at=at)).rowcount:  # type: ignore[attr-defined]
        session.commit()
        return
    try:
        session.add(CoachView(coach_id=coach_id, member_id=member_id, last_viewed_at=at))
        session.commit()
    except IntegrityError:  # two of the coach's requests at once: the other one inserted it
        session.rollback()
        session.execute(seen.values(last_viewed_at=at))
        session.commit()
