"""The admin audit log: who did what to whom, and when.

Entries are only ever added and read. There is deliberately no route or service function that
changes or deletes one (tests/groups/test_audit.py checks the API offers none), so the log stays
a faithful record even of the admin who reads it. Entries keep the emails as they were, with no
foreign keys, so they outlive the accounts they name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobtracker.auth.models import User
from jobtracker.groups.models import AuditEntry

# Keys never written into an entry's details, whatever a caller passes: the log is read in the
# browser, and a secret in it would outlive its rotation.
_SECRET_WORDS = ("password", "secret", "token", "hash", "code")


def _without_secrets(details: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: value
        for key, value in details.items()
        if not any(word in key.lower() for word in _SECRET_WORDS)
    }


def record(
    session: Session,
    actor: User,
    action: str,
    target: User | None = None,
    details: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Add an entry for an admin's (or a coach's) action, in the caller's transaction, so the
    entry is kept exactly when the action is."""
    entry = AuditEntry(
        actor_id=actor.id,
        actor_email=actor.email,
        action=action,
        target_user_id=target.id if target is not None else None,
        target_email=target.email if target is not None else None,
        details=_without_secrets(details) if details else None,
    )
    session.add(entry)
    session.flush()
    return entry


def list_entries(
    session: Session,
    *,
    limit: int,
    offset: int,
    target_user_id: int | None = None,
    action: str | None = None,
) -> tuple[list[AuditEntry], int]:
    """A page of entries, newest first, with the total matching the filters."""
    conditions = []
    if target_user_id is not None:
        conditions.append(AuditEntry.target_user_id == target_user_id)
    if action is not None:
        conditions.append(AuditEntry.action == action)
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions)) or 0
    entries = session.scalars(
        select(AuditEntry)
        .where(*conditions)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return list(entries), total
