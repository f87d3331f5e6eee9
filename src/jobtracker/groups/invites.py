"""Invitations: links that let people register while registration is closed, never past the
instance's limit of users.

The admin invites anyone, into any group as a coach or a member; a coach invites members into a
group they coach. A link carries a random token; only its SHA-256 is stored. Each use is taken
by one conditional UPDATE under the instance's registration lock, so when two people race for
the last use exactly one gets it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from jobtracker.auth import service as auth_service
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.db import page_of, utcnow
from jobtracker.errors import Conflict, Forbidden, InvalidInput, NotFound, QuotaExceeded
from jobtracker.groups import audit
from jobtracker.groups import service as groups_service
from jobtracker.groups.models import Group, GroupRole, Invite
from jobtracker.groups.schemas import MyGroup

MAX_USES = 500
# Links one person may have working at once: plenty for a career centre, and a bound on the
# rows a coach's script could make.
MAX_ACTIVE_PER_CREATOR = 200
MIN_LIFETIME = timedelta(hours=1)
MAX_LIFETIME = timedelta(days=90)
# The link's secret: 256 bits, base64url, so it cannot be guessed or enumerated.
_TOKEN_BYTES = 32
# Longer than any token we make; a longer one is refused before it is hashed or looked up.
MAX_TOKEN_LENGTH = 100

UNKNOWN = (
    "This invitation link is not valid. Check that you copied all of it, "
    "or ask whoever invited you for a new one."
)
WRONG_EMAIL = (
    "This invitation is for {email}. Sign up with that address, or ask for an invitation for yours."
)
WRONG_ACCOUNT = (
    "This invitation is for {email}, and you are signed in as {yours}. Sign in with that "
    "account, or ask for an invitation for yours."
)
FOR_NEW_ACCOUNTS = "You already have an account; this link is for creating one."
ALREADY_IN = {
    GroupRole.MEMBER: (
        "You are already in {group} as a member; Settings, Sharing shows what you share with it."
    ),
    GroupRole.COACH: "You are already in {group} as a coach; Coaching shows its members.",
}
NOT_FOUND = "Invitation {invite_id} was not found."
ROLE_WITHOUT_GROUP = "Choose a group for the role, or leave the role out."
COACHES_INVITE_MEMBERS = "A coach can invite members only; the admin invites coaches."


class InviteState(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"
    USED_UP = "used_up"


REFUSALS = {
    InviteState.EXPIRED: ("This invitation has expired. Ask whoever invited you for a new link."),
    InviteState.REVOKED: ("This invitation was withdrawn. Ask whoever invited you for a new link."),
    InviteState.USED_UP: (
        "This invitation has already been used as many times as it allows. "
        "Ask whoever invited you for a new link."
    ),
}


@dataclass(frozen=True)
class InviteView:
    """An invitation with its group's name, as its creator sees it."""

    invite: Invite
    group_name: str | None

    @property
    def state(self) -> InviteState:
        return state_of(self.invite, utcnow())


@dataclass(frozen=True)
class InviteCheck:
    """What a signed-out visitor with the link may know: whether it works, and for whom."""

    valid: bool
    message: str | None
    email: str | None
    group_name: str | None
    group_role: GroupRole | None
    expires_at: datetime | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def state_of(invite: Invite, now: datetime) -> InviteState:
    if invite.revoked_at is not None:
        return InviteState.REVOKED
    if invite.uses >= invite.max_uses:
        return InviteState.USED_UP
    if invite.expires_at <= now:
        return InviteState.EXPIRED
    return InviteState.ACTIVE


def _view(session: Session, invite: Invite) -> InviteView:
    group = session.get(Group, invite.group_id) if invite.group_id is not None else None
    return InviteView(invite, group.name if group else None)


def create(
    session: Session,
    actor: User,
    *,
    max_uses: int,
    lifetime: timedelta,
    email: str | None,
    group_id: int | None,
    group_role: GroupRole | None,
) -> tuple[InviteView, str]:
    """A new invitation and its token (shown this once). The route decides who may call it:
    the admin for any group, a coach for a group they coach (members only)."""
    if group_role is not None and group_id is None:
        raise InvalidInput(ROLE_WITHOUT_GROUP, fields={"group_role": ROLE_WITHOUT_GROUP})
    if group_id is not None:
        groups_service.get_group(session, group_id)
        group_role = group_role or GroupRole.MEMBER
    if group_role is GroupRole.COACH and not actor.is_admin:
        raise Forbidden(COACHES_INVITE_MEMBERS, fields={"group_role": COACHES_INVITE_MEMBERS})
    _ensure_room(session, actor)
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    invite = Invite(
        token_hash=token_hash(token),
        created_by_id=actor.id,
        group_id=group_id,
        group_role=group_role,
        email=auth_service.normalise_email(email) if email else None,
        max_uses=max_uses,
        uses=0,
        expires_at=utcnow() + lifetime,
    )
    session.add(invite)
    session.flush()
    audit.record(
        session,
        actor,
        "invite.create",
        details={
            "invite_id": invite.id,
            "email": invite.email,
            "group_id": group_id,
            "group_role": group_role.value if group_role else None,
            "max_uses": max_uses,
            "expires_at": invite.expires_at.isoformat(),
        },
    )
    session.commit()
    return _view(session, invite), token


def _ensure_room(session: Session, actor: User) -> None:
    now = utcnow()
    active = session.scalar(
        select(func.count())
        .select_from(Invite)
        .where(
            Invite.created_by_id == actor.id,
            Invite.revoked_at.is_(None),
            Invite.expires_at > now,
            Invite.uses < Invite.max_uses,
        )
    )
    if (active or 0) >= MAX_ACTIVE_PER_CREATOR:
        raise QuotaExceeded(
            f"You have {MAX_ACTIVE_PER_CREATOR} invitation links working already. "
            "Withdraw some you no longer need, or invite more people with one link."
        )


def ensure_coach_or_admin(session: Session, actor: User, group_id: int) -> None:
    """Only the admin and the group's coaches manage its invitations; to anyone else the group
    does not exist (404), so its id reveals nothing."""
    if actor.is_admin:
        groups_service.get_group(session, group_id)
    elif not groups_service.is_coach(session, actor.id, group_id):
        raise NotFound(groups_service.NOT_FOUND.format(group_id=group_id))


def list_invites(
    session: Session, *, group_id: int | None, limit: int, offset: int
) -> tuple[list[InviteView], int]:
    """Invitations newest first: every one (the admin's list) or one group's."""
    query = select(Invite)
    if group_id is not None:
        query = query.where(Invite.group_id == group_id)
    invites, total = page_of(
        session, query, (Invite.created_at.desc(), Invite.id.desc()), limit=limit, offset=offset
    )
    group_ids = {invite.group_id for invite in invites if invite.group_id is not None}
    names = {
        row.id: row.name
        for row in session.execute(select(Group.id, Group.name).where(Group.id.in_(group_ids)))
    }
    return [InviteView(invite, names.get(invite.group_id or 0)) for invite in invites], total


def revoke(session: Session, actor: User, invite_id: int, *, group_id: int | None) -> InviteView:
    """Withdraw an invitation: its link stops working at once; accounts made with it stay."""
    query = select(Invite).where(Invite.id == invite_id)
    if group_id is not None:
        query = query.where(Invite.group_id == group_id)
    invite = session.scalar(query)
    if invite is None:
        raise NotFound(NOT_FOUND.format(invite_id=invite_id))
    if invite.revoked_at is None:
        invite.revoked_at = utcnow()
        audit.record(
            session,
            actor,
            "invite.revoke",
            details={"invite_id": invite.id, "email": invite.email, "group_id": invite.group_id},
        )
        session.commit()
    return _view(session, invite)


def _find(session: Session, token: str) -> Invite | None:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return session.scalar(select(Invite).where(Invite.token_hash == token_hash(token)))


def check(session: Session, token: str) -> InviteCheck:
    """Whether a link works and for which email and group; nothing about who made it or how
    many have used it."""
    invite = _find(session, token)
    if invite is None:
        return InviteCheck(False, UNKNOWN, None, None, None, None)
    state = state_of(invite, utcnow())
    if state is not InviteState.ACTIVE:
        return InviteCheck(False, REFUSALS[state], None, None, None, None)
    view = _view(session, invite)
    role = _role_given(invite) if invite.group_id is not None else None
    return InviteCheck(True, None, invite.email, view.group_name, role, invite.expires_at)


def _role_given(invite: Invite) -> GroupRole:
    """The role in its group an invitation gives: a member when none is recorded."""
    return invite.group_role or GroupRole.MEMBER


def _working(session: Session, token: str) -> Invite:
    invite = _find(session, token)
    if invite is None:
        raise Forbidden(UNKNOWN, fields={"invite": UNKNOWN})
    state = state_of(invite, utcnow())
    if state is not InviteState.ACTIVE:
        raise Forbidden(REFUSALS[state], fields={"invite": REFUSALS[state]})
    return invite


def usable(session: Session, token: str, email: str) -> Invite:
    """The invitation the token names, if it still works for this email; else a refusal in
    plain words (the sign-up form shows it above the fields)."""
    invite = _working(session, token)
    if invite.email is not None and invite.email != auth_service.normalise_email(email):
        message = WRONG_EMAIL.format(email=invite.email)
        raise Forbidden(message, fields={"email": message})
    return invite


def _take_use(session: Session, invite: Invite) -> None:
    """Take one use of the invitation, in the caller's transaction (uncommitted).

    The UPDATE re-checks every condition on the row as it is now (and on PostgreSQL holds the
    row until the transaction ends), so of two people racing for the last use, the second finds
    none left and everything it did is undone.
    """
    now = utcnow()
    taken = session.execute(
        update(Invite)
        .where(
            Invite.id == invite.id,
            Invite.uses < Invite.max_uses,
            Invite.revoked_at.is_(None),
            Invite.expires_at > now,
        )
        .values(uses=Invite.uses + 1)
        .execution_options(synchronize_session=False)
    )
    if not isinstance(taken, CursorResult) or taken.rowcount != 1:
        raise Forbidden(
            REFUSALS[InviteState.USED_UP], fields={"invite": REFUSALS[InviteState.USED_UP]}
        )


def accept(session: Session, invite: Invite, user: User) -> None:
    """Take one use of the invitation for a new account and place it in the invitation's group,
    in the caller's transaction (uncommitted)."""
    _take_use(session, invite)
    session.flush()  # the new account's id, for the group and the log
    if invite.group_id is not None:
        groups_service.join_group(session, invite.group_id, user, _role_given(invite))
    audit.record(
        session,
        user,
        "invite.accept",
        target=user,
        details={"invite_id": invite.id, "group_id": invite.group_id},
    )


def join(session: Session, user: User, token: str) -> MyGroup:
    """An existing account joins the group an invitation carries, taking one of its uses;
    committed. Already in the group, the use is not taken."""
    invite = _working(session, token)
    if invite.email is not None and invite.email != auth_service.normalise_email(user.email):
        message = WRONG_ACCOUNT.format(email=invite.email, yours=user.email)
        raise Forbidden(message, fields={"invite": message})
    if invite.group_id is None:
        raise Conflict(FOR_NEW_ACCOUNTS, fields={"invite": FOR_NEW_ACCOUNTS})
    group = groups_service.get_group(session, invite.group_id)
    role = _role_given(invite)
    current = groups_service.role_in(session, group.id, user.id)
    if current is not None:
        raise Conflict(ALREADY_IN[current].format(group=group.name))
    _take_use(session, invite)
    # Asked again once the use is taken: a second click that waited on the invitation's row
    # for the first one's commit finds the membership here, and refusing undoes its use.
    if not groups_service.join_group(session, group.id, user, role):
        current = groups_service.role_in(session, group.id, user.id) or role
        raise Conflict(ALREADY_IN[current].format(group=group.name))
    audit.record(
        session,
        user,
        "invite.join",
        target=user,
        details={
            "invite_id": invite.id,
            "group_id": group.id,
            "group": group.name,
            "group_role": role.value,
        },
    )
    session.commit()
    return MyGroup(id=group.id, name=group.name, group_role=role)


def register(
    session: Session,
    settings: Settings,
    *,
    token: str,
    email: str,
    password_hash: str,
    display_name: str | None,
    time_zone: str | None,
) -> User:
    """Open an account through an invitation: allowed while registration is closed, never past
    MAX_USERS, committed with the invitation's use."""
    invite = usable(session, token, email)
    user = auth_service.add_registered_account(
        session,
        settings,
        email=email,
        password_hash=password_hash,
        display_name=display_name,
        time_zone=time_zone,
        invited=True,
    )
    accept(session, invite, user)
    session.commit()
    return user
