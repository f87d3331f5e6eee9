"""What a coach reads of a member's work, through the member's own domain services (the member
as owner, after the share is checked), and the group dashboard over those who share."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobtracker.analytics import service as analytics_service
from jobtracker.analytics.cohort import CohortFigures, cohort_figures
from jobtracker.analytics.schemas import Analytics, AnalyticsFilters
from jobtracker.applications import service as applications_service
from jobtracker.applications.stages import Stage
from jobtracker.auth.models import User
from jobtracker.db import utcnow
from jobtracker.deliverables import service as deliverables_service
from jobtracker.deliverables.models import DeliverableState
from jobtracker.deliverables.service import DeliverableFilters
from jobtracker.errors import NotFound
from jobtracker.groups import service as groups_service
from jobtracker.groups.models import GroupMember, GroupRole, Share
from jobtracker.groups.schemas import (
    Deadline,
    GroupDashboard,
    GroupFigures,
    GroupRate,
    GroupStageCount,
    MemberDeadlines,
    WeekCount,
)
from jobtracker.groups.sharing import NOTHING_SHARED
from jobtracker.time_zones import local_date, start_of_week

MAX_DEADLINES = 50
# Under this many members sharing, the group's figures would be one or two people's own.
MINIMUM_SHARING = 3
WEEKS_SHOWN = 12


def member_deadlines(session: Session, member: User) -> MemberDeadlines:
    open_work = DeliverableFilters(
        states=(DeliverableState.NOT_STARTED, DeliverableState.IN_PROGRESS)
    )
    deliverables, _ = deliverables_service.list_deliverables(
        session, member.id, open_work, limit=MAX_DEADLINES, offset=0
    )
    today = local_date(utcnow(), member.time_zone)
    upcoming = [
        deadline
        for deadline in applications_service.application_deadlines(session, member.id)
        if deadline.deadline >= today
    ][:MAX_DEADLINES]
    summaries = applications_service.summaries(
        session, member.id, [deadline.id for deadline in upcoming]
    )
    return MemberDeadlines(
        deliverables=deliverables_service.present(session, member.id, deliverables),
        application_deadlines=[
            Deadline(application=summaries[deadline.id], deadline=deadline.deadline)
            for deadline in upcoming
            if deadline.id in summaries
        ],
    )


def member_dashboard(session: Session, member: User) -> Analytics:
    return analytics_service.dashboard(
        session, member.id, AnalyticsFilters(), time_zone=member.time_zone
    )


def group_dashboard(session: Session, coach_id: int, group_id: int) -> GroupDashboard:
    """Figures over the members who share their board with this group, added together, in
    the same few statements whatever the group's size."""
    if not groups_service.is_coach(session, coach_id, group_id):
        raise NotFound(NOTHING_SHARED)
    group = groups_service.get_group(session, group_id)
    members = session.scalar(
        select(func.count())
        .select_from(GroupMember)
        .where(GroupMember.group_id == group_id, GroupMember.role == GroupRole.MEMBER)
    )
    sharers = list(
        session.scalars(
            select(User.id)
            .join(Share, Share.member_id == User.id)
            .join(
                GroupMember,
                (GroupMember.group_id == Share.group_id) & (GroupMember.user_id == User.id),
            )
            .where(
                Share.group_id == group_id,
                Share.board.is_(True),
                GroupMember.role == GroupRole.MEMBER,
            )
            .order_by(User.id)
        )
    )
    figures = None
    if len(sharers) >= MINIMUM_SHARING:
        # Only the ids just read as sharing are counted, so the figures and members_sharing
        # agree even if someone switches sharing off meanwhile.
        figures = _group_figures(cohort_figures(session, sharers), start_of_week(utcnow().date()))
    return GroupDashboard(
        group_id=group.id,
        group_name=group.name,
        members=members or 0,
        members_sharing=len(sharers),
        minimum_sharing=MINIMUM_SHARING,
        figures=figures,
    )


def _rate(numerator: int, denominator: int) -> GroupRate:
    value = round(numerator / denominator, 4) if denominator else None
    return GroupRate(value=value, numerator=numerator, denominator=denominator)


def _group_figures(counts: CohortFigures, this_week: date) -> GroupFigures:
    weeks = [this_week - timedelta(weeks=back) for back in range(WEEKS_SHOWN - 1, -1, -1)]
    return GroupFigures(
        applications=counts.applications,
        applications_per_week=[
            WeekCount(week=week, applications=counts.per_week.get(week, 0)) for week in weeks
        ],
        stages=[GroupStageCount(stage=stage, count=counts.in_stage_now[stage]) for stage in Stage],
        response_rate=_rate(counts.responded, counts.applied),
        interview_rate=_rate(counts.interviewed, counts.applied),
    )
