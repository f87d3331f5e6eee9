"""The admin's users: the list with what each keeps, disabling, roles, passwords, per-user
quotas and deletion. Every change is written to the audit log in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ScalarSelect, delete, func, select
from sqlalchemy.orm import Session

from jobtracker.applications.models import Application
from jobtracker.auth import password_reset
from jobtracker.auth import service as auth_service
from jobtracker.auth.models import Role, User
from jobtracker.config import Settings
from jobtracker.db import contains_pattern, like_pattern, sort_order, utcnow
from jobtracker.documents.models import Document
from jobtracker.errors import Conflict, Forbidden, InvalidInput, NotFound
from jobtracker.groups import audit
from jobtracker.instance import service as instance_service

NOT_YOURSELF = (
    "You can't {action} your own account here: another admin has to. "
    "This keeps an instance from being left without an admin by mistake."
)
LAST_ADMIN = (
    "This is the instance's last active admin. Make another user an admin first, then try again."
)
QUOTA_FIELDS = ("max_applications", "max_storage_mb", "max_assistant_messages_per_day")


@dataclass(frozen=True)
class UserRow:
    """A user with the figures the admin's list shows beside them."""

    user: User
    applications: int
    storage_bytes: int


# Correlated subqueries: the figures come in the same statement as the page of users, and the
# list can be sorted by them. Read from the tables directly, as one aggregate each, rather than
# per user through the domains' services (which take one owner at a time).
_APPLICATIONS = (
    select(func.count())
    .where(Application.owner_id == User.id, Application.deleted_at.is_(None))
    .correlate(User)
    .scalar_subquery()
)
_STORAGE: ScalarSelect[int] = (
    select(func.coalesce(func.sum(Document.size_bytes), 0))
    .where(Document.owner_id == User.id)
    .correlate(User)
    .scalar_subquery()
)
_SORTABLE: dict[str, Any] = {
    "email": User.email,
    "name": func.lower(User.display_name),
    "created": User.created_at,
    "last_sign_in": User.last_sign_in_at,
    "applications": _APPLICATIONS,
    "storage": _STORAGE,
}


def list_users(
    session: Session, *, search: str | None, sort: str, limit: int, offset: int
) -> tuple[list[UserRow], int]:
    """A page of users with their figures (one statement), and how many match (one more)."""
    conditions = []
    if search and search.strip():
        conditions.append(
            contains_pattern(like_pattern(search.strip()), User.email, User.display_name)
        )
    ordering = sort_order(sort, _SORTABLE, User.id, nulls_last=True)
    rows = session.execute(
        select(User, _APPLICATIONS, _STORAGE)
        .where(*conditions)
        .order_by(*ordering)
        .limit(limit)
        .offset(offset)
    ).all()
    total = session.scalar(select(func.count()).select_from(User).where(*conditions)) or 0
    return [UserRow(user, applications, storage) for user, applications, storage in rows], total


def get_user(session: Session, user_id: int) -> UserRow:
    found = session.execute(select(User, _APPLICATIONS, _STORAGE).where(User.id == user_id)).first()
    if found is None:
        raise NotFound(f"User {user_id} was not found.")
    user, applications, storage = found
    return UserRow(user, applications, storage)


def _account(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"User {user_id} was not found.")
    return user


def _ensure_not_self(admin: User, user: User, action: str) -> None:
    if user.id == admin.id:
        raise Forbidden(NOT_YOURSELF.format(action=action))


def _ensure_another_admin_remains(session: Session, leaving: User) -> None:
    """Refuse a change that leaves no enabled admin. The instance lock serialises two admins
    demoting each other at the same moment, which the self rule alone would let through."""
    instance_service.lock_instance(session)
    others = session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN, User.disabled_at.is_(None), User.id != leaving.id)
    )
    if not others:
        raise Conflict(LAST_ADMIN)


def update_user(session: Session, admin: User, user_id: int, changes: dict[str, Any]) -> UserRow:
    """Apply the admin's changes (disabled, role, quota overrides: only the keys given)."""
    user = _account(session, user_id)
    if "disabled" in changes and changes["disabled"] is not None:
        _set_disabled(session, admin, user, disabled=changes["disabled"])
    if "role" in changes and changes["role"] is not None:
        _set_role(session, admin, user, changes["role"])
    quotas = {key: changes[key] for key in QUOTA_FIELDS if key in changes}
    if quotas:
        _set_quotas(session, admin, user, quotas)
    session.commit()
    return get_user(session, user.id)


def _set_disabled(session: Session, admin: User, user: User, *, disabled: bool) -> None:
    if disabled == (user.disabled_at is not None):
        return
    if disabled:
        _ensure_not_self(admin, user, "disable")
        if user.is_admin:
            _ensure_another_admin_remains(session, user)
        # Nothing else to end: every session and access token checks disabled_at on each use.
        user.disabled_at = utcnow()
        audit.record(session, admin, "user.disabled", user)
        return
    user.disabled_at = None
    # Sessions from before the account was disabled stay ended: re-enabling restores signing
    # in, not whoever held a session then. Access tokens work again (their owner made them).
    user.token_version += 1
    audit.record(session, admin, "user.enabled", user)


def _set_role(session: Session, admin: User, user: User, role: Role) -> None:
    if role is user.role:
        return
    if role is not Role.ADMIN:
        _ensure_not_self(admin, user, "demote")
        if user.disabled_at is None:
            _ensure_another_admin_remains(session, user)
    before = user.role
    user.role = role
    audit.record(
        session, admin, "user.role_changed", user, {"from": before.value, "to": role.value}
    )


def _set_quotas(session: Session, admin: User, user: User, quotas: dict[str, int | None]) -> None:
    changed = {
        key: {"from": getattr(user, key), "to": value}
        for key, value in quotas.items()
        if getattr(user, key) != value
    }
    if not changed:
        return
    for key, change in changed.items():
        setattr(user, key, change["to"])
    audit.record(session, admin, "user.quotas_changed", user, changed)


def set_password(session: Session, admin: User, user_id: int, new_password: str) -> User:
    """A new password for the user; every session of theirs ends (auth's own rule)."""
    user = _account(session, user_id)
    # Recorded first: password_reset.set_password commits, and the entry goes with it.
    audit.record(session, admin, "user.password_set", user)
    password_reset.set_password(session, user, new_password)
    return user


def send_password_reset(session: Session, settings: Settings, admin: User, user_id: int) -> User:
    """Queue the usual reset email for the user (a link they open to choose a password)."""
    user = _account(session, user_id)
    audit.record(session, admin, "user.password_reset_sent", user)
    password_reset.request_reset(session, settings, email=user.email, now=utcnow())
    return user


def delete_user(session: Session, admin: User, user_id: int, *, confirm_email: str) -> None:
    """Delete the account and everything of theirs, once the admin has typed its email."""
    user = _account(session, user_id)
    if auth_service.normalise_email(confirm_email) != user.email:
        message = "Type the user's email address exactly to confirm the deletion."
        raise InvalidInput(message, fields={"confirm_email": message})
    _ensure_not_self(admin, user, "delete")
    if user.is_admin and user.disabled_at is None:
        _ensure_another_admin_remains(session, user)
    audit.record(session, admin, "user.deleted", user, {"role": user.role.value})
    # Every owned table cascades from users.id, so one delete removes all of it.
    session.execute(delete(User).where(User.id == user.id))
    session.commit()
