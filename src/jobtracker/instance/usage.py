"""The per-user storage quota: every byte a user keeps (files, their text, long text, messages).

Each domain's service says what it stores (`stored_bytes`); this module adds them up in one
statement and refuses a write that would pass MAX_STORAGE_MB_PER_USER (or the admin's override
for that user). Text counts as its
UTF-8 bytes on both databases, so the figure is the same wherever the data lives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import reduce
from operator import add
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    ScalarSelect,
    SQLColumnExpression,
    event,
    func,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute, Session, SessionTransaction
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.db import lock_row
from jobtracker.errors import QuotaExceeded

MIB = 1024 * 1024
KIB = 1024

TextColumn = InstrumentedAttribute[str] | InstrumentedAttribute[str | None]


class utf8_bytes(FunctionElement[int]):  # noqa: N801 - named like the SQL functions it stands for
    """Bytes of a text column in UTF-8: octet_length on PostgreSQL; SQLite's length() counts
    characters, but of a BLOB it counts bytes."""

    type = Integer()
    inherit_cache = True


@compiles(utf8_bytes)
def _utf8_bytes_sqlite(element: utf8_bytes, compiler: SQLCompiler, **kw: Any) -> str:
    return f"length(CAST({compiler.process(element.clauses, **kw)} AS BLOB))"


@compiles(utf8_bytes, "postgresql")
def _utf8_bytes_postgresql(element: utf8_bytes, compiler: SQLCompiler, **kw: Any) -> str:
    return f"octet_length({compiler.process(element.clauses, **kw)})"


def bytes_stored(
    owner: ColumnElement[bool], *columns: TextColumn, also: SQLColumnExpression[int] | None = None
) -> ScalarSelect[int]:
    """The bytes of these text columns (and `also`, e.g. a file size) over the owner's rows."""
    per_row: list[SQLColumnExpression[int]] = [
        func.coalesce(utf8_bytes(column), 0) for column in columns
    ]
    if also is not None:
        per_row.append(also)
    return select(func.coalesce(func.sum(reduce(add, per_row)), 0)).where(owner).scalar_subquery()


def text_bytes(*texts: str | None) -> int:
    # surrogatepass: JSON may carry a lone surrogate, which still takes its bytes.
    return sum(len(text.encode("utf-8", "surrogatepass")) for text in texts if text)


def record_bytes(record: object, columns: Iterable[TextColumn]) -> int:
    """Bytes a record (a schema or a row) holds in the fields named like these columns."""
    return text_bytes(*(getattr(record, column.key) for column in columns))


def growth(row: object, changes: Mapping[str, Any], columns: Iterable[TextColumn]) -> int:
    """Bytes that writing `changes` over `row` adds; negative when the text gets shorter."""
    changed = [column for column in columns if column.key in changes]
    before = record_bytes(row, changed)
    return text_bytes(*(changes[column.key] for column in changed)) - before


def storage_used_query(owner_id: int) -> ScalarSelect[int]:
    """Everything the owner stores, in bytes: one scalar over every domain."""
    # Imported here rather than at the top: each of these services imports this module.
    from jobtracker.applications import service as applications_service
    from jobtracker.assistant import service as assistant_service
    from jobtracker.contacts import service as contacts_service
    from jobtracker.deliverables import service as deliverables_service
    from jobtracker.documents import service as documents_service
    from jobtracker.interviews import service as interviews_service
    from jobtracker.writing import service as writing_service

    parts = [
        documents_service.stored_bytes(owner_id),
        writing_service.stored_bytes(owner_id),
        applications_service.stored_bytes(owner_id),
        deliverables_service.stored_bytes(owner_id),
        contacts_service.stored_bytes(owner_id),
        assistant_service.stored_bytes(owner_id),
        interviews_service.stored_bytes(owner_id),
    ]
    return select(reduce(add, parts)).scalar_subquery()


def storage_used(session: Session, owner_id: int) -> int:
    """Everything the owner stores, in bytes, from one statement over every domain."""
    return int(session.scalar(select(storage_used_query(owner_id))) or 0)


_LOCKED_OWNERS = "jobtracker.locked_owners"


def lock_owner(session: Session, owner_id: int) -> None:
    """Serialise the owner's quota-counted writes until the transaction ends.

    Once per transaction: a write that checks two quotas takes the lock once.
    """
    locked: set[int] = session.info.setdefault(_LOCKED_OWNERS, set())
    if owner_id not in locked:
        lock_row(session, User.__table__, owner_id)
        locked.add(owner_id)


@event.listens_for(Session, "after_transaction_end")
def _locks_end_with_the_transaction(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost one, not a savepoint
        session.info.pop(_LOCKED_OWNERS, None)


def owner_override(session: Session, owner_id: int) -> User | None:
    """The owner's account, for the quota overrides an admin may have set on it.

    The signed-in caller is already in the session's identity map, so this usually costs no
    statement; a background job pays one.
    """
    return session.get(User, owner_id)


def storage_limit_mb(session: Session, settings: Settings, owner_id: int) -> int:
    """The owner's storage limit in MB: the admin's override for them, else the instance's."""
    owner = owner_override(session, owner_id)
    override = owner.max_storage_mb if owner is not None else None
    return settings.max_storage_mb_per_user if override is None else override


def storage_limit(session: Session, settings: Settings, owner_id: int, adding: int) -> int:
    """The storage limit in bytes that adding `adding` bytes must be checked against; 0: none.

    A write that adds nothing (or frees space) is never refused, even over a lowered quota.
    """
    if adding <= 0:
        return 0
    return storage_limit_mb(session, settings, owner_id) * MIB


def check_storage(used: int, adding: int, limit: int, *, what: str) -> None:
    if used + adding > limit:
        raise QuotaExceeded(
            f"{what} would add {readable_size(adding)} to the {readable_size(used)} you already "
            f"store, past your storage limit of {limit // MIB} MB "
            "(documents and their text, writing, job descriptions, notes, deliverables and "
            "assistant conversations all count). Nothing was saved. Delete what you no longer "
            "need, or ask the admin to raise your limit (MAX_STORAGE_MB_PER_USER)."
        )


def reserve_storage(
    session: Session, settings: Settings, owner_id: int, adding: int, *, what: str = "This"
) -> None:
    """Make sure `adding` more bytes fit in the owner's storage, holding their lock until commit.

    A write that adds nothing (or frees space) is never refused, even over a lowered quota.
    """
    limit = storage_limit(session, settings, owner_id, adding)
    if not limit:
        return
    # The same lock as the other per-user quotas: concurrent writes are counted one at a time.
    lock_owner(session, owner_id)
    check_storage(storage_used(session, owner_id), adding, limit, what=what)


def readable_size(size: int) -> str:
    if size >= MIB:
        return f"{size / MIB:.1f} MB"
    if size >= KIB:
        return f"{size / KIB:.1f} KB"
    return f"{size} bytes"
