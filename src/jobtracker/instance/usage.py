"""The per-user storage quota: every byte a user keeps (files, their text, long text, messages).

Each domain's service says what it stores (`stored_bytes`); this module adds them up in one
statement and refuses a write that would pass MAX_STORAGE_MB_PER_USER. Text counts as its
UTF-8 bytes on both databases, so the figure is the same wherever the data lives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import reduce
from operator import add
from typing import Any

from sqlalchemy import ColumnElement, Integer, ScalarSelect, SQLColumnExpression, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute, Session
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


def storage_used(session: Session, owner_id: int) -> int:
    """Everything the owner stores, in bytes, from one statement over every domain."""
    # Imported here rather than at the top: each of these services imports this module.
    from jobtracker.applications import service as applications_service
    from jobtracker.assistant import service as assistant_service
    from jobtracker.contacts import service as contacts_service
    from jobtracker.deliverables import service as deliverables_service
    from jobtracker.documents import service as documents_service
    from jobtracker.writing import service as writing_service

    parts = [
        documents_service.stored_bytes(owner_id),
        writing_service.stored_bytes(owner_id),
        applications_service.stored_bytes(owner_id),
        deliverables_service.stored_bytes(owner_id),
        contacts_service.stored_bytes(owner_id),
        assistant_service.stored_bytes(owner_id),
    ]
    return int(session.scalar(select(reduce(add, parts))) or 0)


def reserve_storage(
    session: Session, settings: Settings, owner_id: int, adding: int, *, what: str = "This"
) -> None:
    """Make sure `adding` more bytes fit in the owner's storage, holding their lock until commit.

    A write that adds nothing (or frees space) is never refused, even over a lowered quota.
    """
    limit_mb = settings.max_storage_mb_per_user
    if not limit_mb or adding <= 0:
        return
    # The same lock as the other per-user quotas: concurrent writes are counted one at a time.
    lock_row(session, User.__table__, owner_id)
    used = storage_used(session, owner_id)
    if used + adding > limit_mb * MIB:
        raise QuotaExceeded(
            f"{what} would add {readable_size(adding)} to the {readable_size(used)} you already "
            f"store, past this instance's storage limit of {limit_mb} MB per user (documents "
            "and their text, writing, job descriptions, notes, deliverables and assistant "
            "conversations all count). Nothing was saved. Delete what you no longer need, or "
            "ask the admin to raise MAX_STORAGE_MB_PER_USER."
        )


def readable_size(size: int) -> str:
    if size >= MIB:
        return f"{size / MIB:.1f} MB"
    if size >= KIB:
        return f"{size / KIB:.1f} KB"
    return f"{size} bytes"
