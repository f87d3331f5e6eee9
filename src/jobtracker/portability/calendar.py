"""The private calendar feed (iCalendar): due dates, interviews and application deadlines."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.auth import service as auth_service
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.deliverables import service as deliverables_service
from jobtracker.deliverables.models import Deliverable
from jobtracker.errors import NotFound
from jobtracker.interviews import service as interviews_service
from jobtracker.interviews.models import Interview, InterviewOutcome
from jobtracker.portability.schemas import CalendarFeed
from jobtracker.time_zones import zone

# icalendar is imported when a feed is built, not at start-up: few workers ever serve one.
if TYPE_CHECKING:
    from icalendar import Event

# secrets.token_urlsafe(32) gives 43 of these; anything else cannot be a token.
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
# How often subscribers are asked to fetch it again (Google decides for itself).
REFRESH = timedelta(hours=1)
NO_FEED = "There is no calendar at this address. It may have been revoked or regenerated."
# A Host header fit to go into a link: a name or address and an optional port, nothing else.
_HOST_SHAPE = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")


def link_base(settings: Settings, scheme: str, host: str | None) -> str | None:
    """Where absolute links point: PUBLIC_URL, else this request's own address when its host
    is in ALLOWED_HOSTS (a forged Host header must never reach a link); None when neither."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    if not host or not _HOST_SHAPE.match(host):
        return None
    hostname = urlsplit(f"//{host}").hostname
    if hostname is None or hostname not in settings.allowed_host_list:
        return None
    return f"{scheme}://{host.lower()}"


def feed_status(user: User) -> CalendarFeed:
    return CalendarFeed(active=user.calendar_token_hash is not None, url=None, webcal_url=None)


def create_feed(session: Session, user: User, base_url: str | None) -> CalendarFeed:
    """A new private address for the user's feed; the previous one stops working.

    Without a trusted base the address is a path, for the UI to complete with its own origin.
    """
    token = auth_service.issue_calendar_token(session, user)
    path = f"/calendar/{token}.ics"
    if base_url is None:
        return CalendarFeed(active=True, url=path, webcal_url=None)
    url = f"{base_url}{path}"
    return CalendarFeed(active=True, url=url, webcal_url="webcal://" + url.split("://", 1)[1])


def revoke_feed(session: Session, user: User) -> None:
    auth_service.revoke_calendar_token(session, user)


def feed(session: Session, token: str, base_url: str | None) -> bytes:
    """The feed of whoever holds this token, as iCalendar bytes; 404 for any other token.

    Without a trusted base the events carry no link to the app.
    """
    owner = (
        auth_service.find_by_calendar_token(session, token) if _TOKEN_SHAPE.match(token) else None
    )
    if owner is None:
        raise NotFound(NO_FEED)
    from icalendar import Calendar, vText

    calendar = Calendar()
    calendar.add("prodid", "-//Job Tracker//Calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # One line whatever the stored name holds (names from before control characters were refused).
    calendar.add("x-wr-calname", vText(f"Job Tracker — {_one_line(owner.display_name)}"))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    # Calendar apps that read it show the feed on the user's own clock.
    calendar.add("x-wr-timezone", owner.time_zone)
    site = urlsplit(base_url or "").hostname or "jobtracker"
    for event in [
        *_deliverable_events(session, owner.id, base_url, site),
        *_interview_events(session, owner.id, base_url, site),
        *_deadline_events(session, owner.id, base_url, site),
    ]:
        calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics


def _one_line(text: str) -> str:
    return " ".join(_printable(text).split())


def _printable(text: str) -> str:
    """The text without control characters, which RFC 5545 does not allow in a value; line
    breaks stay (the writer escapes them; Unicode's line and paragraph separators become
    one), and tabs become spaces."""
    text = text.replace("\r\n", "\n").replace("\t", " ")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return "".join(
        character
        for character in text
        if character == "\n" or unicodedata.category(character) != "Cc"
    )


def _link(base_url: str | None, application_id: int) -> str | None:
    return f"{base_url}/applications/{application_id}" if base_url else None


def _event(uid: str, summary: str, description: str, url: str | None, stamp: datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("summary", _printable(summary))
    if url is None:
        event.add("description", _printable(description))
    else:
        event.add("description", f"{_printable(description)}\n\n{url}")
        event.add("url", url)
    event.add("dtstamp", stamp)
    # A deadline or a milestone, not a meeting: it does not make the user look busy.
    event.add("transp", "TRANSPARENT")
    return event


def _deliverable_events(
    session: Session, owner_id: int, base_url: str | None, site: str
) -> list[Event]:
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
            url=_link(base_url, application.id),
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


def _interview_events(
    session: Session, owner_id: int, base_url: str | None, site: str
) -> list[Event]:
    """Each interview at its real time, in UTC (unambiguous in every calendar app)."""
    interviews = interviews_service.all_of(session, owner_id)
    applications = applications_service.summaries(
        session, owner_id, [interview.application_id for interview in interviews]
    )
    people = interviews_service.contact_names(session, owner_id, interviews)
    events = []
    for interview in interviews:
        application = applications[interview.application_id]
        kind = interview.kind.value.replace("_", " ").capitalize()
        event = _event(
            uid=f"interview-{interview.id}@{site}",
            summary=f"{kind} — {application.company}",
            description=_interview_description(interview, application.role, people),
            url=_link(base_url, application.id),
            stamp=interview.updated_at,
        )
        event.add("dtstart", interview.starts_at)
        event.add("dtend", interviews_service.ends_at(interview))
        place = interview.location or interview.meeting_url
        if place:
            event.add("location", _one_line(place))
        # A meeting: it makes the user look busy, unlike a due date.
        event["transp"] = "OPAQUE"
        if interview.outcome is InterviewOutcome.CANCELLED:
            event.add("status", "CANCELLED")
        event.add("last-modified", interview.updated_at)
        events.append(event)
    return events


def _interview_description(interview: Interview, role: str, people: dict[int, list[str]]) -> str:
    arranged = interview.starts_at.astimezone(zone(interview.time_zone))
    lines = [
        f"Interview for the {role} application, "
        f"{arranged:%H:%M} {interview.time_zone}, {interview.duration_minutes} minutes."
    ]
    if people.get(interview.id):
        lines.append("With " + ", ".join(people[interview.id]) + ".")
    if interview.meeting_url:
        lines.append(f"Join: {interview.meeting_url}")
    if interview.location:
        lines.append(f"Where: {interview.location}")
    if interview.prep_notes and interview.prep_notes.strip():
        lines += ["", "Preparation notes:", interview.prep_notes.strip()]
    return "\n".join(lines)


def _deadline_events(
    session: Session, owner_id: int, base_url: str | None, site: str
) -> list[Event]:
    events = []
    for application in applications_service.application_deadlines(session, owner_id):
        event = _event(
            uid=f"application-deadline-{application.id}@{site}",
            summary=f"Application deadline — {application.company}",
            description=f"Last day to apply for {application.role}.",
            url=_link(base_url, application.id),
            stamp=application.updated_at,
        )
        # All day: the deadline is a date, with no time of day.
        event.add("dtstart", application.deadline)
        event.add("dtend", application.deadline + timedelta(days=1))
        events.append(event)
    return events
