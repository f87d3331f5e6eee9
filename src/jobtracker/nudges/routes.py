"""Routes for the notification list (nudges), their rules and follow-up drafts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.db import SessionDep, utcnow
from jobtracker.nudges import assistant_drafts, drafts, service
from jobtracker.nudges.rules import DRAFTABLE
from jobtracker.nudges.schemas import (
    NudgeApplication,
    NudgeDraft,
    NudgeList,
    NudgeOut,
    NudgeRulesOut,
    NudgeRulesUpdate,
    NudgeUpdate,
)

router = APIRouter(prefix="/api", tags=["notifications"])
# A nudge's key, as the list gives it ("follow_up:12:2026-11-30"); longer is none of ours.
NotificationId = Annotated[str, Path(max_length=100)]


def _out(found: service.NudgeWithState) -> NudgeOut:
    state = found.state
    nudge = found.nudge
    return NudgeOut(
        id=nudge.key,
        kind=nudge.kind,
        title=nudge.title,
        application=NudgeApplication(
            id=nudge.application_id, company=found.company, role=found.role
        ),
        about_on=nudge.about_on,
        draftable=nudge.kind in DRAFTABLE,
        done=state is not None and state.done_at is not None,
        dismissed=state is not None and state.dismissed_at is not None,
        snoozed_until=state.snoozed_until if state is not None else None,
    )


@router.get("/notifications")
def list_notifications(
    user: CurrentUser,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> NudgeList:
    """The nudges waiting for the user (not done, dismissed or snoozed), most urgent first."""
    waiting = service.open_nudges(session, user, utcnow())
    return NudgeList(items=[_out(found) for found in waiting[:limit]], total=len(waiting))


@router.patch("/notifications/{notification_id}")
def update_notification(
    notification_id: NotificationId,
    body: NudgeUpdate,
    user: CurrentUser,
    session: SessionDep,
) -> NudgeOut:
    found = service.update_state(
        session,
        user,
        notification_id,
        utcnow(),
        changes=body.model_dump(exclude_unset=True),
    )
    return _out(found)


@router.get("/notifications/{notification_id}/draft")
def draft_for_notification(
    notification_id: NotificationId,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> NudgeDraft:
    """A follow-up or thank-you message to the application's contact, ready to send: written
    by the assistant's model when one is configured, else (or when it fails) from a template."""
    found = service.find(session, user, notification_id, utcnow())
    template, contact_name = drafts.template_draft(session, user, found)
    if not assistant_drafts.wanted(settings):
        return template
    return assistant_drafts.improve(
        session,
        settings,
        user.id,
        found.nudge.application_id,
        found.nudge.kind,
        template,
        contact_name,
    )


@router.get("/notification-rules")
def read_rules(user: CurrentUser, session: SessionDep) -> NudgeRulesOut:
    return NudgeRulesOut.model_validate(service.rules_for(session, user.id))


@router.patch("/notification-rules")
def update_rules(body: NudgeRulesUpdate, user: CurrentUser, session: SessionDep) -> NudgeRulesOut:
    rules = service.update_rules(session, user.id, body.model_dump(exclude_unset=True))
    return NudgeRulesOut.model_validate(rules)
