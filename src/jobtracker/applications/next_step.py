"""An application's next step: the soonest of its next interview, its next open deliverable and
its deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from jobtracker.applications.schemas import NextDeliverable, NextStep
from jobtracker.applications.stages import Stage
from jobtracker.interviews.models import InterviewKind

# A deadline to apply by matters until the application is sent.
_DEADLINE_STAGES = frozenset({Stage.WISHLIST, Stage.DRAFTING})

INTERVIEW_TITLES = {
    InterviewKind.RECRUITER_CALL: "Recruiter call",
    InterviewKind.PHONE_SCREEN: "Phone screen",
    InterviewKind.VIDEO: "Video interview",
    InterviewKind.TECHNICAL: "Technical interview",
    InterviewKind.TAKE_HOME: "Take-home interview",
    InterviewKind.ONSITE: "Onsite interview",
    InterviewKind.PANEL: "Panel interview",
    InterviewKind.FINAL: "Final round",
}


@dataclass(frozen=True)
class NextInterview:
    id: int
    kind: InterviewKind
    starts_at: datetime


def _deliverable_or_deadline(
    stage: Stage, deadline: date | None, deliverable: NextDeliverable | None
) -> NextStep | None:
    """The deadline wins when it falls on an earlier day than the deliverable is due, or the
    deliverable has no due date; on the same day the deliverable, the more specific, does."""
    if deadline is not None and stage in _DEADLINE_STAGES:
        due = deliverable.due_at if deliverable else None
        if deliverable is None or due is None or deadline < due.date():
            return NextStep(
                kind="deadline",
                title="Apply",
                deliverable_id=None,
                interview_id=None,
                due_at=None,
                due_on=deadline,
            )
    if deliverable is None:
        return None
    return NextStep(
        kind="deliverable",
        title=deliverable.title,
        deliverable_id=deliverable.id,
        interview_id=None,
        due_at=deliverable.due_at,
        due_on=None,
    )


def _when(step: NextStep) -> datetime:
    if step.due_at is not None:
        return step.due_at
    if step.due_on is not None:
        return datetime.combine(step.due_on, time.max, UTC)
    return datetime.max.replace(tzinfo=UTC)  # an undated deliverable comes last


def next_step_of(
    stage: Stage,
    deadline: date | None,
    deliverable: NextDeliverable | None,
    interview: NextInterview | None = None,
) -> NextStep | None:
    """The soonest of them; an interview, a fixed appointment, wins a tie."""
    step = _deliverable_or_deadline(stage, deadline, deliverable)
    if interview is None or (step is not None and _when(step) < interview.starts_at):
        return step
    return NextStep(
        kind="interview",
        title=INTERVIEW_TITLES[interview.kind],
        deliverable_id=None,
        interview_id=interview.id,
        due_at=interview.starts_at,
        due_on=None,
    )
