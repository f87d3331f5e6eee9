"""Nudges for one user: computed from their data and rules on read, with their stored state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobtracker.applications.models import Application
from jobtracker.auth.models import User
from jobtracker.deliverables.models import Deliverable, DeliverableState
from jobtracker.errors import InvalidInput, NotFound
from jobtracker.interviews import service as interviews_service
from jobtracker.nudges import rules as nudge_rules
from jobtracker.nudges.models import NudgeRules, NudgeState
from jobtracker.nudges.rules import (
    ApplicationFacts,
    DeliverableFacts,
    InterviewFacts,
    Nudge,
    NudgeKind,
)
from jobtracker.time_zones import local_date

# Bounds on what one read computes: far above a real job search, and the quota caps it anyway.
MAX_APPLICATIONS_READ = 2_000
MAX_DELIVERABLES_READ = 2_000
# Snoozing further ahead than this is dismissing; the API refuses it and says so.
MAX_SNOOZE = timedelta(days=366)
NOT_FOUND = "This notification is no longer there. Reload the list."


@dataclass(frozen=True)
class NudgeWithState:
    nudge: Nudge
    company: str
    role: str
    state: NudgeState | None

    def is_open(self, now: datetime) -> bool:
        state = self.state
        if state is None:
            return True
        if state.done_at is not None or state.dismissed_at is not None:
            return False
        return state.snoozed_until is None or state.snoozed_until <= now


def rules_for(session: Session, user_id: int) -> NudgeRules:
    """The user's rules, their defaults until they change one (not added to the session)."""
    found = session.get(NudgeRules, user_id)
    if found is not None:
        return found
    return NudgeRules.defaults(user_id)


def set_rules(session: Session, user_id: int, changes: dict[str, object]) -> NudgeRules:
    """Change the user's rules in the session, for the caller to commit."""
    rules = session.get(NudgeRules, user_id)
    if rules is None:
        rules = rules_for(session, user_id)
        session.add(rules)
    for name, value in changes.items():
        setattr(rules, name, value)
    return rules


def update_rules(session: Session, user_id: int, changes: dict[str, object]) -> NudgeRules:
    rules = set_rules(session, user_id, changes)
    session.commit()
    return rules


def _application_facts(session: Session, user: User) -> dict[int, ApplicationFacts]:
    rows = session.execute(
        select(
            Application.id,
            Application.company,
            Application.role,
            Application.stage,
            Application.applied_on,
            Application.deadline,
            Application.stage_entered_at,
            Application.created_at,
        )
        .where(
            Application.owner_id == user.id,
            Application.deleted_at.is_(None),
            Application.archived_at.is_(None),
        )
        .order_by(Application.id)
        .limit(MAX_APPLICATIONS_READ)
    )
    return {
        row.id: ApplicationFacts(
            id=row.id,
            company=row.company,
            role=row.role,
            stage=row.stage,
            applied_on=row.applied_on,
            deadline=row.deadline,
            stage_entered_on=local_date(row.stage_entered_at or row.created_at, user.time_zone),
        )
        for row in rows
    }


def _deliverable_facts(session: Session, user: User, now: datetime) -> list[DeliverableFacts]:
    # Due by the end of the user's today: anything later is not yet a nudge.
    rows = session.execute(
        select(Deliverable.id, Deliverable.application_id, Deliverable.title, Deliverable.due_at)
        .where(
            Deliverable.owner_id == user.id,
            Deliverable.state != DeliverableState.DONE,
            Deliverable.due_at.is_not(None),
            Deliverable.due_at < now + timedelta(days=2),
        )
        .order_by(Deliverable.due_at, Deliverable.id)
        .limit(MAX_DELIVERABLES_READ)
    )
    return [
        DeliverableFacts(
            id=row.id,
            application_id=row.application_id,
            title=row.title,
            due_on=local_date(row.due_at, user.time_zone),
        )
        for row in rows
    ]


def _interview_facts(session: Session, user: User, now: datetime) -> list[InterviewFacts]:
    # Started in the last two days: long enough for any interview to end a day ago.
    recent = interviews_service.between(session, user.id, now - timedelta(days=2), now)
    return [
        InterviewFacts(
            id=interview.id,
            application_id=interview.application_id,
            ends_at=interviews_service.ends_at(interview),
        )
        for interview in recent
    ]


def compute(session: Session, user: User, now: datetime) -> list[NudgeWithState]:
    """Every nudge the user's rules give now, open or not, with its stored state."""
    rules = rules_for(session, user.id)
    today = local_date(now, user.time_zone)
    applications = _application_facts(session, user)
    nudges: list[Nudge] = []
    for application in applications.values():
        nudges.extend(nudge_rules.for_application(application, rules, today))
    for deliverable in _deliverable_facts(session, user, now):
        if deliverable.application_id in applications:
            found = nudge_rules.for_deliverable(deliverable, rules, today)
            nudges.extend([found] if found else [])
    for interview in _interview_facts(session, user, now):
        interviewed_at = applications.get(interview.application_id)
        if interviewed_at is not None:
            found = nudge_rules.for_interview(interview, interviewed_at.company, rules, now)
            nudges.extend([found] if found else [])
    states = _states(session, user.id, [nudge.key for nudge in nudges])
    return [
        NudgeWithState(
            nudge=nudge,
            company=applications[nudge.application_id].company,
            role=applications[nudge.application_id].role,
            state=states.get(nudge.key),
        )
        for nudge in nudges
    ]


def _states(session: Session, owner_id: int, keys: list[str]) -> dict[str, NudgeState]:
    if not keys:
        return {}
    found: dict[str, NudgeState] = {}
    for start in range(0, len(keys), 500):  # within every database's bound-parameter limit
        chunk = keys[start : start + 500]
        for state in session.scalars(
            select(NudgeState).where(NudgeState.owner_id == owner_id, NudgeState.key.in_(chunk))
        ):
            found[state.key] = state
    return found


# Most pressing first: what is already late, then what is due today, then what can wait.
_URGENCY = {
    NudgeKind.DELIVERABLE_OVERDUE: 0,
    NudgeKind.DEADLINE_PASSED: 1,
    NudgeKind.DELIVERABLE_DUE: 2,
    NudgeKind.THANK_YOU: 3,
    NudgeKind.DEADLINE_SOON: 4,
    NudgeKind.FOLLOW_UP_AGAIN: 5,
    NudgeKind.FOLLOW_UP: 6,
    NudgeKind.GHOSTED: 7,
}


def open_nudges(session: Session, user: User, now: datetime) -> list[NudgeWithState]:
    """The nudges waiting for the user (not done, dismissed or snoozed past now), most
    pressing first."""
    waiting = [nudge for nudge in compute(session, user, now) if nudge.is_open(now)]
    return sorted(
        waiting,
        key=lambda found: (
            _URGENCY[found.nudge.kind],
            found.nudge.about_on or date.min,
            found.nudge.key,
        ),
    )


def find(session: Session, user: User, key: str, now: datetime) -> NudgeWithState:
    """One of the user's current nudges by key; anyone else's, or a stale one, is 404."""
    for candidate in compute(session, user, now):
        if candidate.nudge.key == key:
            return candidate
    raise NotFound(NOT_FOUND)


def update_state(
    session: Session,
    user: User,
    key: str,
    now: datetime,
    *,
    changes: dict[str, object],
) -> NudgeWithState:
    """Mark the nudge done or dismissed (or undo it), or snooze it until a time."""
    current = find(session, user, key, now)
    snoozed_until = changes.get("snoozed_until")
    if isinstance(snoozed_until, datetime) and snoozed_until > now + MAX_SNOOZE:
        message = "Snooze for at most a year; to stop seeing it, dismiss it instead."
        raise InvalidInput(message, fields={"snoozed_until": message})
    state = current.state
    if state is None:
        state = NudgeState(owner_id=user.id, key=key)
        session.add(state)
    if "done" in changes:
        state.done_at = now if changes["done"] else None
    if "dismissed" in changes:
        state.dismissed_at = now if changes["dismissed"] else None
    if "snoozed_until" in changes:
        state.snoozed_until = snoozed_until if isinstance(snoozed_until, datetime) else None
    session.commit()
    return NudgeWithState(current.nudge, current.company, current.role, state)
