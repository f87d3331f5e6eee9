"""What the read tools answer, from the domain services, as the token's user sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from jobtracker.analytics import service as analytics_service
from jobtracker.analytics.schemas import AnalyticsFilters, Rate
from jobtracker.applications import service as applications_service
from jobtracker.applications.schemas import ArchivedFilter
from jobtracker.applications.service import ApplicationFilters
from jobtracker.applications.stages import Stage
from jobtracker.auth.models import User
from jobtracker.contacts import service as contacts_service
from jobtracker.db import utcnow
from jobtracker.deliverables import service as deliverables_service
from jobtracker.deliverables.models import DeliverableState
from jobtracker.deliverables.service import DeliverableFilters
from jobtracker.documents import service as documents_service
from jobtracker.documents.service import DocumentFilters
from jobtracker.interviews import service as interviews_service
from jobtracker.mcp import records
from jobtracker.mcp.schemas import (
    MAX_ITEMS,
    MAX_RESULT_CHARS,
    ApplicationDetail,
    ApplicationPage,
    Dashboard,
    DocumentText,
    RateFigure,
    StageCount,
    TagCount,
    TagList,
    Upcoming,
    UpcomingDeadline,
    UpcomingDeliverable,
)
from jobtracker.mcp.service import TextBudget
from jobtracker.time_zones import local_date, start_of_day
from jobtracker.writing import service as writing_service
from jobtracker.writing.service import WritingFilters

OPEN_STATES = (DeliverableState.NOT_STARTED, DeliverableState.IN_PROGRESS)
# A deadline to apply by matters until the application is sent.
NOT_SENT_YET = (Stage.WISHLIST, Stage.DRAFTING)


@dataclass(frozen=True)
class Search:
    text: str | None = None
    stages: tuple[Stage, ...] = ()
    tags: tuple[str, ...] = ()
    applied_from: date | None = None
    applied_to: date | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    include_archived: bool = False
    sort: str = "-updated_at"


def search(
    session: Session, user: User, wanted: Search, *, limit: int, offset: int
) -> ApplicationPage:
    filters = ApplicationFilters(
        stages=wanted.stages,
        tags=wanted.tags,
        text=wanted.text,
        sort=wanted.sort,
        archived=ArchivedFilter.INCLUDE if wanted.include_archived else ArchivedFilter.EXCLUDE,
        applied_from=wanted.applied_from,
        applied_to=wanted.applied_to,
        deadline_from=wanted.deadline_from,
        deadline_to=wanted.deadline_to,
    )
    found, total = applications_service.list_applications(
        session, user.id, filters, limit=limit, offset=offset
    )
    items = [records.application_brief(application) for application in found]
    # Short fields are bounded, but fifty of them at their longest would still flood a
    # context: the page ends where the text budget does, and the next one starts there.
    used = 0
    for index, item in enumerate(items):
        used += len(item.model_dump_json())
        if used > MAX_RESULT_CHARS and index > 0:
            items = items[:index]
            break
    following = offset + len(items)
    return ApplicationPage(
        items=items,
        total=total,
        offset=offset,
        next_offset=following if following < total else None,
    )


def application_detail(session: Session, user: User, application_id: int) -> ApplicationDetail:
    budget = TextBudget()
    shown = applications_service.read_application(session, user.id, application_id)
    application = records.application_record(shown, budget)
    deliverables, deliverable_count = deliverables_service.list_deliverables(
        session,
        user.id,
        DeliverableFilters(application_id=application_id),
        limit=MAX_ITEMS,
        offset=0,
    )
    contacts, contact_count = contacts_service.list_contacts(
        session, user.id, application_id, limit=MAX_ITEMS, offset=0
    )
    notes, note_count = writing_service.list_writing(
        session, user.id, WritingFilters(application_id=application_id), limit=MAX_ITEMS, offset=0
    )
    documents, document_count = documents_service.list_documents(
        session, user.id, DocumentFilters(application_id=application_id), limit=MAX_ITEMS, offset=0
    )
    interviews, interview_count = interviews_service.list_for_application(
        session, user.id, application_id, limit=MAX_ITEMS, offset=0
    )
    detail = ApplicationDetail(
        application=application,
        deliverables=[
            records.deliverable_record(deliverable, budget, excerpt=True)
            for deliverable in deliverables
        ],
        contacts=[records.contact_record(contact, budget) for contact in contacts],
        notes=[
            records.note_record(note, budget, excerpt=True)
            for note in writing_service.present(session, user.id, notes)
        ],
        documents=records.document_records(session, user.id, documents),
        interviews=records.interview_records(session, user.id, interviews, budget),
        truncated=False,
    )
    counted = (deliverable_count, contact_count, note_count, document_count, interview_count)
    detail.truncated = budget.truncated or max(counted) > MAX_ITEMS
    return detail


def upcoming(session: Session, user: User, days: int) -> Upcoming:
    now = utcnow()
    today = local_date(now, user.time_zone)
    last_day = today + timedelta(days=days)
    # The end of the last day, on the user's clock.
    until = start_of_day(last_day + timedelta(days=1), user.time_zone)
    deliverables, deliverable_count = deliverables_service.list_deliverables(
        session,
        user.id,
        DeliverableFilters(due_before=until, states=OPEN_STATES),
        limit=MAX_ITEMS,
        offset=0,
    )
    labels = applications_service.summaries(
        session, user.id, [deliverable.application_id for deliverable in deliverables]
    )
    deadlines, deadline_count = applications_service.list_applications(
        session,
        user.id,
        ApplicationFilters(
            stages=NOT_SENT_YET,
            deadline_from=today,
            deadline_to=last_day,
            sort="deadline",
            archived=ArchivedFilter.EXCLUDE,
        ),
        limit=MAX_ITEMS,
        offset=0,
    )
    interviews = interviews_service.between(session, user.id, now, until)
    budget = TextBudget()
    return Upcoming(
        days=days,
        today=today,
        deliverables=[
            UpcomingDeliverable(
                id=deliverable.id,
                application_id=deliverable.application_id,
                company=labels[deliverable.application_id].company,
                role=labels[deliverable.application_id].role,
                title=deliverable.title,
                kind=deliverable.kind,
                state=deliverable.state,
                due_at=deliverable.due_at,
                overdue=deliverables_service.is_overdue(deliverable, now),
            )
            for deliverable in deliverables
        ],
        deadlines=[
            UpcomingDeadline(
                application_id=application.id,
                company=application.company,
                role=application.role,
                stage=application.stage,
                deadline=application.deadline,
            )
            for application in deadlines
            if application.deadline is not None
        ],
        interviews=records.interview_records(session, user.id, interviews[:MAX_ITEMS], budget),
        truncated=max(deliverable_count, deadline_count, len(interviews)) > MAX_ITEMS,
    )


def _rate(rate: Rate) -> RateFigure:
    return RateFigure(value=rate.value, numerator=rate.numerator, denominator=rate.denominator)


def dashboard(session: Session, user: User) -> Dashboard:
    figures = analytics_service.dashboard(
        session, user.id, AnalyticsFilters(), time_zone=user.time_zone
    )
    return Dashboard(
        applications=figures.totals.applications.value,
        active=figures.totals.active.value,
        applied_last_30_days=figures.totals.applied_last_30_days.value,
        offers=figures.totals.offers.value,
        response_rate=_rate(figures.rates.response),
        interview_rate=_rate(figures.rates.interview),
        offer_rate=_rate(figures.rates.offer),
        median_days_to_first_response=figures.time_to_first_response.median_days,
        deliverables_due_this_week=figures.deliverables.due_this_week.value,
        deliverables_overdue=figures.deliverables.overdue.value,
        interviews_this_week=figures.interviews.scheduled_this_week.value,
        stages=[
            StageCount(stage=entry.stage, count=entry.count)
            for entry in figures.stage_distribution.stages
        ],
    )


# Tags beyond these are rarely what a model needs, and each costs context.
MAX_TAGS_LISTED = 200


def tags(session: Session, user: User) -> TagList:
    counted = applications_service.list_tags(session, user.id)
    return TagList(
        tags=[TagCount(name=name, applications=count) for name, count in counted[:MAX_TAGS_LISTED]],
        truncated=len(counted) > MAX_TAGS_LISTED,
    )


def document_text(session: Session, user: User, document_id: int, offset: int) -> DocumentText:
    document = documents_service.get_document(session, user.id, document_id)
    text = document.extracted_text
    budget = TextBudget()
    part = budget.take(text[offset:]) or ""
    following = offset + min(len(text) - offset, MAX_RESULT_CHARS)
    more = following < len(text)
    return DocumentText(
        id=document.id,
        filename=document.filename,
        text_status=document.text_status.value,
        characters=len(text),
        offset=offset,
        text=part,
        truncated=more,
        next_offset=following if more else None,
    )
