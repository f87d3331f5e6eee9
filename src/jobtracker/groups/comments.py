"""Comments on an application: its owner and the coaches they share their board with write in
one thread; the owner sees which coaches' comments are new."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.applications.models import Application
from jobtracker.auth.models import User
from jobtracker.db import utcnow
from jobtracker.errors import NotFound, QuotaExceeded
from jobtracker.groups import sharing
from jobtracker.groups.models import Comment
from jobtracker.groups.schemas import CommentOut, CommentPage, UnreadComments, UnreadThread

# Plenty for a conversation about one application; bounds what one thread stores.
MAX_COMMENTS_PER_APPLICATION = 500


@dataclass(frozen=True)
class Thread:
    """An application's comment thread as the caller may see it."""

    application_id: int
    owner_id: int
    by_owner: bool


def open_thread(session: Session, caller_id: int, application_id: int) -> Thread:
    """The caller's own application, or one whose owner shares their board with the caller
    (a coach); anything else answers 404 like a missing application."""
    try:
        applications_service.get_application(session, caller_id, application_id)
        return Thread(application_id, caller_id, by_owner=True)
    except NotFound:
        pass
    # Only among the owners who share their board with this coach: never an unscoped lookup.
    owner_id = session.scalar(
        select(Application.owner_id).where(
            Application.id == application_id,
            Application.owner_id.in_(sharing.board_sharers(caller_id)),
        )
    )
    if owner_id is None:
        raise NotFound(f"Application {application_id} was not found.")
    # Through the owner's service, so the trash and every other owner rule apply.
    applications_service.get_application(session, owner_id, application_id)
    sharing.note_view(session, caller_id, owner_id)
    return Thread(application_id, owner_id, by_owner=False)


def _unread_condition(owner_id: int) -> ColumnElement[bool]:
    return (Comment.author_id != owner_id) & Comment.read_by_owner_at.is_(None)


def list_comments(session: Session, thread: Thread, *, limit: int, offset: int) -> CommentPage:
    """A page of the thread, oldest first. The owner reading it marks the coaches' comments
    read: the count of new ones is what it was before this read."""
    in_thread = (Comment.owner_id == thread.owner_id) & (
        Comment.application_id == thread.application_id
    )
    total = session.scalar(select(func.count()).where(in_thread)) or 0
    unread = 0
    if thread.by_owner:
        unread = (
            session.scalar(
                select(func.count()).where(in_thread, _unread_condition(thread.owner_id))
            )
            or 0
        )
    rows = session.execute(
        select(Comment, User.display_name)
        .outerjoin(User, User.id == Comment.author_id)
        .where(in_thread)
        .order_by(Comment.created_at, Comment.id)
        .limit(limit)
        .offset(offset)
    ).all()
    items = [_comment_out(comment, name, thread.owner_id) for comment, name in rows]
    if thread.by_owner and unread:
        session.execute(
            update(Comment)
            .where(in_thread, _unread_condition(thread.owner_id))
            .values(read_by_owner_at=utcnow())
        )
        session.commit()
    return CommentPage(items=items, total=total, limit=limit, offset=offset, unread=unread)


def _comment_out(comment: Comment, author_name: str | None, owner_id: int) -> CommentOut:
    by_owner = comment.author_id == owner_id
    return CommentOut(
        id=comment.id,
        application_id=comment.application_id,
        author_id=comment.author_id,
        author_name=author_name or "A former coach",
        by_owner=by_owner,
        body=comment.body,
        created_at=comment.created_at,
        unread=not by_owner and comment.read_by_owner_at is None,
    )


def add_comment(session: Session, author: User, thread: Thread, body: str) -> CommentOut:
    count = session.scalar(
        select(func.count()).where(
            Comment.owner_id == thread.owner_id, Comment.application_id == thread.application_id
        )
    )
    if (count or 0) >= MAX_COMMENTS_PER_APPLICATION:
        raise QuotaExceeded(
            f"An application holds at most {MAX_COMMENTS_PER_APPLICATION} comments. "
            "Start the conversation elsewhere."
        )
    now = utcnow()
    comment = Comment(
        application_id=thread.application_id,
        owner_id=thread.owner_id,
        author_id=author.id,
        body=body,
        created_at=now,
        # The owner has read what they wrote themselves.
        read_by_owner_at=now if thread.by_owner else None,
    )
    session.add(comment)
    session.commit()
    return _comment_out(comment, author.display_name, thread.owner_id)


def unread_comments(session: Session, owner_id: int, *, limit: int, offset: int) -> UnreadComments:
    """The owner's applications with coaches' comments not read yet, latest first."""
    threads = (
        select(
            Comment.application_id,
            func.count().label("unread"),
            func.max(Comment.created_at).label("latest_at"),
        )
        .where(Comment.owner_id == owner_id, _unread_condition(owner_id))
        .group_by(Comment.application_id)
    )
    counted = threads.subquery()
    total, comments = session.execute(
        select(func.count(), func.coalesce(func.sum(counted.c.unread), 0))
    ).one()
    rows = session.execute(
        threads.order_by(func.max(Comment.created_at).desc(), Comment.application_id)
        .limit(limit)
        .offset(offset)
    ).all()
    summaries = applications_service.summaries(
        session, owner_id, [row.application_id for row in rows]
    )
    return UnreadComments(
        items=[
            UnreadThread(
                application=summaries[row.application_id],
                unread=row.unread,
                latest_at=row.latest_at,
            )
            for row in rows
            if row.application_id in summaries
        ],
        total=total,
        limit=limit,
        offset=offset,
        comments=int(comments),
    )
