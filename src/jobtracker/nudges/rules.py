"""The nudge rules, as pure functions of a user's data, their local today and their rules.

Each nudge has a key naming its rule, its subject and the date it is about, so the state a user
gives it (done, dismissed, snoozed) holds on every read, and a changed date makes a new nudge.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from jobtracker.applications.stages import Stage
from jobtracker.nudges.models import NudgeRules


class NudgeKind(StrEnum):
    FOLLOW_UP = "follow_up"
    FOLLOW_UP_AGAIN = "follow_up_again"
    THANK_YOU = "thank_you"
    DEADLINE_SOON = "deadline_soon"
    DEADLINE_PASSED = "deadline_passed"
    DELIVERABLE_DUE = "deliverable_due"
    DELIVERABLE_OVERDUE = "deliverable_overdue"
    GHOSTED = "ghosted"


# Kinds whose action is a message to the contact, drafted on request.
DRAFTABLE = frozenset({NudgeKind.FOLLOW_UP, NudgeKind.FOLLOW_UP_AGAIN, NudgeKind.THANK_YOU})
# Stages an application waits in for an answer; past these nothing is owed or expected.
WAITING_STAGES = frozenset({Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW})
# Stages before applying, where a posting's deadline still matters.
BEFORE_APPLYING = frozenset({Stage.WISHLIST, Stage.DRAFTING})


@dataclass(frozen=True)
class ApplicationFacts:
    id: int
    company: str
    role: str
    stage: Stage
    applied_on: date | None
    deadline: date | None
    # The local date it entered its current stage.
    stage_entered_on: date


@dataclass(frozen=True)
class DeliverableFacts:
    id: int
    application_id: int
    title: str
    due_on: date  # local


@dataclass(frozen=True)
class InterviewFacts:
    id: int
    application_id: int
    ends_at: datetime


@dataclass(frozen=True)
class Nudge:
    key: str
    kind: NudgeKind
    title: str
    application_id: int
    about_on: date | None  # the (local) date it is about: a deadline, a due date


def _days(count: int) -> str:
    return f"{count} day{'s' * (count != 1)}"


def _where(application: ApplicationFacts) -> str:
    return f"{application.role} at {application.company}"


def _about(application: ApplicationFacts, kind: NudgeKind, title: str, on: date) -> Nudge:
    """A nudge about an application and a date; the key names both, so a new date (a new
    wait, a moved deadline) is a new nudge, not one already dismissed."""
    return Nudge(
        key=f"{kind}:{application.id}:{on.isoformat()}",
        kind=kind,
        title=title,
        application_id=application.id,
        about_on=on,
    )


def for_application(application: ApplicationFacts, rules: NudgeRules, today: date) -> list[Nudge]:
    nudges: list[Nudge] = []
    ghosted = _ghosted(application, rules, today)
    if ghosted is not None:
        nudges.append(ghosted)
    else:  # a suggestion to give up replaces the reminders to follow up
        follow_up = _follow_up(application, rules, today)
        if follow_up is not None:
            nudges.append(follow_up)
    deadline = _deadline(application, rules, today)
    if deadline is not None:
        nudges.append(deadline)
    return nudges


def waiting_since(application: ApplicationFacts) -> date:
    """When the wait for an answer began: in Applied the day applied, when the user gave one
    (an application entered today can have been sent weeks ago), else the move to the stage."""
    if application.stage is Stage.APPLIED and application.applied_on is not None:
        return application.applied_on
    return application.stage_entered_on


def _follow_up(application: ApplicationFacts, rules: NudgeRules, today: date) -> Nudge | None:
    if application.stage is not Stage.APPLIED or rules.follow_up_days is None:
        return None
    since = waiting_since(application)
    waited = (today - since).days
    if waited < rules.follow_up_days:
        return None
    again = rules.follow_up_again_days
    if again is not None and waited >= rules.follow_up_days + again:
        return _about(
            application,
            NudgeKind.FOLLOW_UP_AGAIN,
            f"Follow up again: {_days(waited)} since you applied for {_where(application)}",
            since,
        )
    return _about(
        application,
        NudgeKind.FOLLOW_UP,
        f"Follow up: {_days(waited)} since you applied for {_where(application)}",
        since,
    )


def _ghosted(application: ApplicationFacts, rules: NudgeRules, today: date) -> Nudge | None:
    if application.stage not in WAITING_STAGES or rules.ghosted_days is None:
        return None
    since = waiting_since(application)
    quiet = (today - since).days
    if quiet < rules.ghosted_days:
        return None
    return _about(
        application,
        NudgeKind.GHOSTED,
        f"No news for {_days(quiet)} from {application.company}: mark it Ghosted?",
        since,
    )


def _deadline(application: ApplicationFacts, rules: NudgeRules, today: date) -> Nudge | None:
    if application.stage not in BEFORE_APPLYING or application.deadline is None:
        return None
    deadline = application.deadline
    left = (deadline - today).days
    if left < 0 and rules.deadline_passed:
        return _about(
            application,
            NudgeKind.DEADLINE_PASSED,
            f"The deadline for {_where(application)} passed {_days(-left)} ago",
            deadline,
        )
    if rules.deadline_soon_days is not None and 0 <= left <= rules.deadline_soon_days:
        when = "is today" if left == 0 else f"is in {_days(left)}"
        return _about(
            application,
            NudgeKind.DEADLINE_SOON,
            f"The deadline for {_where(application)} {when}",
            deadline,
        )
    return None


def for_deliverable(deliverable: DeliverableFacts, rules: NudgeRules, today: date) -> Nudge | None:
    if not rules.deliverables_due or deliverable.due_on > today:
        return None
    late = (today - deliverable.due_on).days
    on = deliverable.due_on.isoformat()
    if late == 0:
        kind, title = NudgeKind.DELIVERABLE_DUE, f"Due today: {deliverable.title}"
    else:
        kind, title = (
            NudgeKind.DELIVERABLE_OVERDUE,
            f"Overdue by {_days(late)}: {deliverable.title}",
        )
    return Nudge(
        key=f"{kind}:{deliverable.id}:{on}",
        kind=kind,
        title=title,
        application_id=deliverable.application_id,
        about_on=deliverable.due_on,
    )


THANK_YOU_WINDOW = timedelta(days=1)


def for_interview(
    interview: InterviewFacts, company: str, rules: NudgeRules, now: datetime
) -> Nudge | None:
    """Within a day after an interview ends: send a thank-you."""
    if not rules.thank_you or not interview.ends_at <= now < interview.ends_at + THANK_YOU_WINDOW:
        return None
    return Nudge(
        key=f"{NudgeKind.THANK_YOU}:{interview.id}",
        kind=NudgeKind.THANK_YOU,
        title=f"Send {company} a thank-you for today's interview",
        application_id=interview.application_id,
        about_on=None,
    )
