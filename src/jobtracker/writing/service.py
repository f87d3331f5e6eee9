"""Writing: owner-scoped queries for notes and reusable writing, their tags and their links."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ScalarSelect, Select, delete, exists, func, insert, select
from sqlalchemy.orm import Session, lazyload
from sqlalchemy.orm.attributes import set_committed_value

from jobtracker.applications import service as applications_service
from jobtracker.config import Settings
from jobtracker.db import contains_text, page_of, sort_order, tag_counts, utcnow
from jobtracker.errors import NotFound
from jobtracker.instance import usage
from jobtracker.writing.models import Writing, WritingKind, WritingTag, writing_links
from jobtracker.writing.schemas import WritingCreate, WritingOut, WritingUpdate

SORTABLE = {
    "updated_at": Writing.updated_at,
    "created_at": Writing.created_at,
    "title": func.lower(Writing.title),
}
# What counts against the storage quota (titles are short and bounded).
STORED_TEXT = (Writing.body,)


@dataclass(frozen=True)
class WritingFilters:
    """What a list may narrow by; empty means all of the owner's writing."""

    text: str | None = None
    tags: Sequence[str] = ()
    kinds: Sequence[WritingKind] = ()
    application_id: int | None = None
    sort: str = "-updated_at"


def get_writing(session: Session, owner_id: int, writing_id: int) -> Writing:
    writing = session.scalar(
        select(Writing).where(Writing.id == writing_id, Writing.owner_id == owner_id)
    )
    if writing is None:
        raise NotFound(f"Writing {writing_id} was not found.")
    return writing


def _filtered(owner_id: int, filters: WritingFilters) -> Select[Writing]:
    query = select(Writing).where(Writing.owner_id == owner_id)
    if filters.kinds:
        query = query.where(Writing.kind.in_(filters.kinds))
    for tag in filters.tags:
        query = query.where(
            exists().where(
                WritingTag.writing_id == Writing.id, WritingTag.name == tag.strip().lower()
            )
        )
    if filters.application_id is not None:
        query = query.where(
            exists().where(
                writing_links.c.writing_id == Writing.id,
                writing_links.c.application_id == filters.application_id,
            )
        )
    if filters.text and filters.text.strip():
        query = query.where(contains_text(filters.text.strip(), Writing.title, Writing.body))
    return query


def _ordering(sort: str) -> list[Any]:
    return sort_order(sort, SORTABLE, Writing.id)


def list_writing(
    session: Session, owner_id: int, filters: WritingFilters, *, limit: int, offset: int
) -> tuple[list[Writing], int]:
    if filters.application_id is not None:
        # A foreign application answers 404 rather than an empty list that looks like "none".
        applications_service.require_owned(session, owner_id, [filters.application_id])
    query = _filtered(owner_id, filters)
    return page_of(session, query, _ordering(filters.sort), limit=limit, offset=offset)


def list_tags(session: Session, owner_id: int) -> list[tuple[str, int]]:
    return tag_counts(session, WritingTag.name, WritingTag.owner_id, owner_id)


def create_writing(
    session: Session, settings: Settings, owner_id: int, data: WritingCreate
) -> Writing:
    # Checked before anything is added, so a foreign application leaves no trace.
    application_ids = applications_service.require_owned(session, owner_id, data.application_ids)
    adding = usage.record_bytes(data, STORED_TEXT)
    usage.reserve_storage(session, settings, owner_id, adding, what="This writing")
    writing = Writing(owner_id=owner_id, **data.model_dump(exclude={"tags", "application_ids"}))
    _set_tags(writing, owner_id, data.tags)
    session.add(writing)
    session.flush()
    _link(session, writing.id, application_ids)
    session.commit()
    return writing


def update_writing(
    session: Session, settings: Settings, owner_id: int, writing_id: int, changes: WritingUpdate
) -> Writing:
    writing = get_writing(session, owner_id, writing_id)
    values = changes.model_dump(exclude_unset=True)
    adding = usage.growth(writing, values, STORED_TEXT)
    usage.reserve_storage(session, settings, owner_id, adding, what="This change")
    new_tags = values.pop("tags", None)
    new_application_ids = values.pop("application_ids", None)
    if new_application_ids is not None:
        application_ids = applications_service.require_owned(session, owner_id, new_application_ids)
        # Links to applications in the trash are kept, for when they are restored.
        session.execute(
            delete(writing_links).where(
                writing_links.c.writing_id == writing.id,
                writing_links.c.application_id.not_in(applications_service.trashed_ids(owner_id)),
            )
        )
        _link(session, writing.id, application_ids)
    for name, value in values.items():
        setattr(writing, name, value)
    if new_tags is not None:
        _set_tags(writing, owner_id, new_tags)
    writing.updated_at = utcnow()
    session.commit()
    return writing


def _set_tags(writing: Writing, owner_id: int, tags: Sequence[str]) -> None:
    kept = {tag.name: tag for tag in writing.tag_rows}
    # In the order reads load them (by name), so a write answers the tags as a read would.
    writing.tag_rows = [
        kept.get(name) or WritingTag(owner_id=owner_id, name=name) for name in sorted(tags)
    ]


def _link(session: Session, writing_id: int, application_ids: Sequence[int]) -> None:
    if application_ids:
        session.execute(
            insert(writing_links),
            [
                {"writing_id": writing_id, "application_id": application_id}
                for application_id in application_ids
            ],
        )


def delete_writing(session: Session, owner_id: int, writing_id: int) -> None:
    writing = get_writing(session, owner_id, writing_id)
    # Tags and links go with it through their foreign keys' ON DELETE CASCADE.
    session.execute(delete(Writing).where(Writing.id == writing.id))
    session.commit()


def linked_application_ids(
    session: Session, owner_id: int, writing_ids: Sequence[int]
) -> dict[int, list[int]]:
    """Each writing's linked applications, for a whole page in one query."""
    if not writing_ids:
        return {}
    rows = session.execute(
        select(writing_links.c.writing_id, writing_links.c.application_id)
        .join(Writing, Writing.id == writing_links.c.writing_id)
        .where(
            Writing.owner_id == owner_id,
            writing_links.c.writing_id.in_(set(writing_ids)),
            # An application in the trash is hidden, and so is a link to it.
            writing_links.c.application_id.not_in(applications_service.trashed_ids(owner_id)),
        )
        .order_by(writing_links.c.writing_id, writing_links.c.application_id)
    )
    links: dict[int, list[int]] = defaultdict(list)
    for writing_id, application_id in rows:
        links[writing_id].append(application_id)
    return links


def present(session: Session, owner_id: int, writings: Sequence[Writing]) -> list[WritingOut]:
    """Writing as the API shows it, each with the ids of the applications it is linked to."""
    links = linked_application_ids(session, owner_id, [writing.id for writing in writings])
    return [
        WritingOut.model_validate(writing).model_copy(
            update={"application_ids": links.get(writing.id, [])}
        )
        for writing in writings
    ]


def stored_bytes(owner_id: int) -> ScalarSelect[int]:
    """Bytes of text the owner keeps in writing, for the storage quota."""
    return usage.bytes_stored(Writing.owner_id == owner_id, *STORED_TEXT)


def count_writing(session: Session, owner_id: int) -> int:
    query = select(func.count()).select_from(Writing).where(Writing.owner_id == owner_id)
    return session.scalar(query) or 0


def iter_writing(
    session: Session, owner_id: int, *, batch_size: int = 500
) -> Iterator[list[Writing]]:
    """All of the owner's writing, oldest first, a batch at a time (streamed, tags included)."""
    query = (
        select(Writing)
        .options(lazyload(Writing.tag_rows))
        .where(Writing.owner_id == owner_id)
        .order_by(Writing.created_at, Writing.id)
        .execution_options(yield_per=batch_size)
    )
    for partition in session.scalars(query).partitions():
        batch = list(partition)
        # Tags read here, one query per batch: the relationship's own selectin loader
        # re-walks every earlier batch of a streamed result.
        tags: dict[int, list[WritingTag]] = defaultdict(list)
        for tag in session.scalars(
            select(WritingTag)
            .where(WritingTag.writing_id.in_([writing.id for writing in batch]))
            .order_by(WritingTag.name)
        ):
            tags[tag.writing_id].append(tag)
        for writing in batch:
            set_committed_value(writing, "tag_rows", tags.get(writing.id, []))
        yield batch


@dataclass(frozen=True)
class RestoredWriting:
    """Writing as a backup holds it; `fields.application_ids` are the restored applications'."""

    fields: WritingCreate
    created_at: datetime
    updated_at: datetime


def restore_writing(session: Session, owner_id: int, writings: Sequence[RestoredWriting]) -> None:
    """Add them exactly as they were, tags and links included; the caller commits."""
    applications_service.require_owned(
        session,
        owner_id,
        [app_id for restored in writings for app_id in restored.fields.application_ids],
    )
    added = []
    for restored in writings:
        writing = Writing(
            owner_id=owner_id,
            created_at=restored.created_at,
            updated_at=restored.updated_at,
            **restored.fields.model_dump(exclude={"tags", "application_ids"}),
        )
        _set_tags(writing, owner_id, restored.fields.tags)
        added.append(writing)
    session.add_all(added)
    session.flush()
    for writing, restored in zip(added, writings, strict=True):
        _link(session, writing.id, restored.fields.application_ids)
