"""The private calendar feed (iCalendar): due dates, interview stages and application deadlines."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event
from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.applications.stages import Stage
from jobtracker.auth import service as auth_service
from jobtracker.auth.models import User
from jobtracker.deliverables import service as deliverables_service
from jobtracker.deliverables.models import Deliverable
from jobtracker.errors import NotFound
from jobtracker.portability.schemas import CalendarFeed

# secrets.token_urlsafe(32) gives 43 of these; anything else cannot be a token.
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
# How often subscribers are asked to fetch it again (Google decides for itself).
REFRESH = timedelta(hours=1)
NO_FEED = "There is no calendar at this address. It may have been revoked or regenerated."


def feed_status(user: User) -> CalendarFeed:
    return CalendarFeed(active=user.calendar_token_hash is not None, url=None, webcal_url=None)


def create_feed(session: Session, user: User, base_url: str) -> CalendarFeed:
    """A new private address for the user's feed; the previous one stops working."""
    token = auth_service.issue_calendar_token(session, user)
    url = f"{base_url.rstrip('/')}/calendar/{token}.ics"
    return CalendarFeed(active=True, url=url, webcal_url="webcal://" + url.split("://", 1)[1])


def revoke_feed(session: Session, user: User) -> None:
    auth_service.revoke_calendar_token(session, user)


def feed(session: Session, token: str, base_url: str) -> bytes:
    """The feed of whoever holds this token, as iCalendar bytes; 404 for any other token."""
    owner = (
        auth_service.find_by_calendar_token(session, token) if _TOKEN_SHAPE.match(token) else None
    )
    if owner is None:
        raise NotFound(NO_FEED)
    base_url = base_url.rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", "-//Job Tracker//Calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Job Tracker — {owner.display_name}")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    site = urlsplit(base_url).hostname or "jobtracker"
    for event in [
        *_deliverable_events(session, owner.id, base_url, site),
        *_interview_events(session, owner.id, base_url, site),
        *_deadline_events(session, owner.id, base_url, site),
    ]:
        calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics


def _event(uid: str, summary: str, description: str, url: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("description", f"{description}\n\n{url}")
    event.add("url", url)
    event.add("dtstamp", stamp)
    # A deadline or a milestone, not a meeting: it does not make the user look busy.
    event.add("transp", "TRANSPARENT")
    return event


def _deliverable_events(session: Session, owner_id: int, base_url: str, site: str) -> list[Event]:
    deliverables = deliverables_service.with_due_dates(session, owner_id)
    applications = applications_service.summaries(
        session, owner_id, [deliverable.application_id for deliverable in deliverables]
    )
    events = []
    for deliverable in deliverables:
        application = applications[deliverable.application_id]
        event = _event(
            uid=f"deliverable-{deliverable.id}@{site}",
            summary=f"{deliverable.title} — {application.company}",
            description=_deliverable_description(deliverable, application.role),
            url=f"{base_url}/applications/{application.id}",
            stamp=deliverable.updated_at,
        )
        # A moment with no duration (RFC 5545, 3.6.1): when it is due.
        event.add("dtstart", deliverable.due_at)
        event.add("last-modified", deliverable.updated_at)
        events.append(event)
    return events


def _deliverable_description(deliverable: Deliverable, role: str) -> str:
    kind = deliverable.kind.value.replace("_", " ").capitalize()
    state = deliverable.state.value.replace("_", " ")
    return f"{kind} for the {role} application. State: {state}."


def _interview_events(session: Session, owner_id: int, base_url: str, site: str) -> list[Event]:
    """When each application entered the Interview stage.

    Applications have no interview date of their own; the stage change is the best the
    tracker knows.
    """
    entries = applications_service.stage_entries(session, owner_id, Stage.INTERVIEW)
    applications = applications_service.summaries(
        session, owner_id, [entry.application_id for entry in entries]
    )
    events = []
    for entry in entries:
        application = applications[entry.application_id]
        event = _event(
            uid=f"interview-stage-{entry.id}@{site}",
            summary=f"Interview stage — {application.company}",
            description=f"The {application.role} application moved to the Interview stage.",
            url=f"{base_url}/applications/{application.id}",
            stamp=entry.at,
        )
        event.add("dtstart", entry.at)
        events.append(event)
    return events


def _deadline_events(session: Session, owner_id: int, base_url: str, site: str) -> list[Event]:
    events = []
    for application in applications_service.application_deadlines(session, owner_id):
        event = _event(
            uid=f"application-deadline-{application.id}@{site}",
            summary=f"Application deadline — {application.company}",
            description=f"Last day to apply for {application.role}.",
            url=f"{base_url}/applications/{application.id}",
            stamp=application.updated_at,
        )
        # All day: the deadline is a date, with no time of day.
        event.add("dtstart", application.deadline)
        event.add("dtend", application.deadline + timedelta(days=1))
        events.append(event)
    return events
