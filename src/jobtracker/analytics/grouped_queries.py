"""The SQL of results by group: response, interview and offer counts by resume, source, work mode
and month applied, in one statement.

One pass over the user's stage history gives each application its facts (ever answered,
interviewed, offered), joined to the resume recorded as sent with it
(sent_documents, read here directly for the same reason the dashboard reads the applications
domain's tables: aggregates over 10,000 rows must not travel as rows). The applied
applications' facts are then counted four ways, one GROUP BY per dimension, UNION ALL'd.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    String,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from jobtracker.analytics.queries import (
    FORWARD,
    OWNER,
    Scope,
    Shape,
    count_if,
    local_day,
    narrowed,
    selected_applications,
)
from jobtracker.analytics.schemas import GroupDimension as Dimension
from jobtracker.analytics.sql import month_start
from jobtracker.applications.models import Application, StageEvent
from jobtracker.applications.stages import Stage
from jobtracker.documents.models import Document, DocumentKind, SentDocument

# How far along the forward pipeline a stage is; every later step counts the earlier ones as
# reached, as the dashboard's rates do. A rejection is a response, counted on its own.
APPLIED_STEP, SCREENING_STEP, INTERVIEW_STEP, OFFER_STEP = 1, 2, 3, 4
PIPELINE_STEP = {
    Stage.APPLIED: APPLIED_STEP,
    Stage.SCREENING: SCREENING_STEP,
    Stage.INTERVIEW: INTERVIEW_STEP,
    Stage.OFFER: OFFER_STEP,
    Stage.ACCEPTED: OFFER_STEP,
}


@dataclass(frozen=True)
class GroupCounts:
    """One group of applied applications as the database counts it, before it is named.

    `key` is the source or work mode as stored ("" when none), the month's first day
    (YYYY-MM-DD), or the resume's file name ("" when none was recorded). A resume still kept
    has its document id, its version number and how many versions its family has.
    """

    dimension: Dimension
    key: str
    document_id: int | None
    version: int | None
    versions: int | None
    applied: int
    responded: int
    interviewed: int
    offered: int


def _facts(shape: Shape) -> Any:
    # One aggregate for how far each application got (an interview, an offer) and one for a
    # rejection: a fifth cheaper than one count per outcome over 40,000 events.
    steps = [(StageEvent.to_stage == stage, step) for stage, step in PIPELINE_STEP.items()]
    furthest = func.max(case(*steps, else_=0))
    rejected = func.max(case((StageEvent.to_stage == Stage.REJECTED, 1), else_=0))
    history = (
        select(
            StageEvent.application_id,
            furthest.label("furthest"),
            rejected.label("rejected"),
        )
        .where(StageEvent.owner_id == OWNER, *narrowed(shape, StageEvent.application_id))
        .group_by(StageEvent.application_id)
        .cte("history")
    )
    # Versions of one document share the first one's id as family_id; numbered by upload order.
    family = func.coalesce(Document.family_id, Document.id)
    versions = (
        select(
            Document.id,
            Document.filename,
            func.row_number()
            .over(partition_by=family, order_by=(Document.created_at, Document.id))
            .label("version"),
            func.count().over(partition_by=family).label("versions"),
        )
        .where(Document.owner_id == OWNER)
        .subquery("versions")
    )
    resume = (
        select(SentDocument.application_id, SentDocument.document_id, SentDocument.filename)
        .where(SentDocument.owner_id == OWNER, SentDocument.kind == DocumentKind.RESUME)
        .subquery("resume")
    )
    # Looked up only for the few applications with no applied date: COALESCE stops at the first
    # value, and the lookup is one probe of the history's application index.
    earlier = aliased(StageEvent)
    first_sent_at = (
        select(func.min(earlier.at))
        .where(earlier.application_id == Application.id, earlier.to_stage.in_(FORWARD))
        .scalar_subquery()
    )
    sent_on = func.coalesce(Application.applied_on, local_day(shape, first_sent_at))
    # The dashboard's "applied": ever in Applied or later by the history, or an applied_on date.
    applied = or_(history.c.furthest >= APPLIED_STEP, Application.applied_on.is_not(None))
    return (
        select(
            func.coalesce(Application.source, "").label("source"),
            func.coalesce(cast(Application.work_mode, String), "").label("work_mode"),
            cast(month_start(sent_on), String).label("month"),
            resume.c.document_id,
            func.coalesce(versions.c.filename, resume.c.filename, "").label("resume"),
            versions.c.version,
            versions.c.versions,
            or_(history.c.furthest >= SCREENING_STEP, history.c.rejected == 1).label("responded"),
            (history.c.furthest >= INTERVIEW_STEP).label("interviewed"),
            (history.c.furthest >= OFFER_STEP).label("offered"),
        )
        .select_from(Application)
        .outerjoin(history, history.c.application_id == Application.id)
        .outerjoin(resume, resume.c.application_id == Application.id)
        .outerjoin(versions, versions.c.id == resume.c.document_id)
        .where(*selected_applications(shape), applied)
        .cte("facts")
    )


def _counted(
    facts: Any, dimension: Dimension, key: ColumnElement[Any], *resume_columns: ColumnElement[Any]
) -> Select[Any]:
    no_number = cast(null(), Integer)
    numbers = resume_columns or (no_number, no_number, no_number)
    return select(
        literal(dimension.value).label("dimension"),
        key.label("key"),
        *numbers,
        func.count(),
        count_if(facts.c.responded),
        count_if(facts.c.interviewed),
        count_if(facts.c.offered),
    ).group_by(key, *resume_columns)


@cache
def _grouped_statement(shape: Shape) -> CompoundSelect[Any]:
    facts = _facts(shape)
    return union_all(
        _counted(
            facts,
            Dimension.RESUME,
            facts.c.resume,
            facts.c.document_id,
            facts.c.version,
            facts.c.versions,
        ),
        _counted(facts, Dimension.SOURCE, facts.c.source),
        _counted(facts, Dimension.WORK_MODE, facts.c.work_mode),
        _counted(facts, Dimension.MONTH, facts.c.month),
    )


def grouped_counts(session: Session, scope: Scope) -> list[GroupCounts]:
    """Applied applications and how many were answered, interviewed and offered, per group."""
    rows = session.execute(_grouped_statement(scope.shape), scope.parameters())
    return [
        GroupCounts(Dimension(row[0]), row[1] or "", row[2], row[3], row[4], *row[5:9])
        for row in rows
    ]
