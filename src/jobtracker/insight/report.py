"""The proof-of-search report: every application sent in a range of days, with where it was
found, its contacts, the resume sent and its stage history, for a benefits office or a visa
authority. This module gathers it and writes the CSV; report_pdf lays out the PDF."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from jobtracker.applications import applied
from jobtracker.applications.applied import Period, SentApplication, StageHistory, StageMove
from jobtracker.auth.models import User
from jobtracker.contacts import service as contacts_service
from jobtracker.db import utcnow
from jobtracker.documents import sent as sent_documents
from jobtracker.documents.schemas import SentDocumentOut, SentDocuments
from jobtracker.errors import InvalidInput
from jobtracker.insight.report_schemas import ReportRange
from jobtracker.portability.columns import neutralise
from jobtracker.security.ratelimit import Allowance, FailureLimiter, TooManyAttempts
from jobtracker.time_zones import zone

# A report is read by a person: past this many applications it is more than anyone checks,
# and the PDF's memory and time grow with it.
MAX_REPORT_APPLICATIONS = 2_000
# Stage moves printed per application; a card dragged back and forth all day is not a history.
MAX_MOVES_SHOWN = 100
BATCH_SIZE = 100
# Reports one user may make in the limiter's window (LOGIN_WINDOW_SECONDS, 15 minutes by
# default): a PDF at the cap takes seconds of CPU, far more than a person asks for.
MAX_REPORTS_PER_WINDOW = 20
NOTHING_SENT = SentDocuments(resume=None, cover_letter=None)
BOM = "\ufeff"


@dataclass(frozen=True)
class ReportContact:
    name: str
    role: str | None
    email: str | None


@dataclass(frozen=True)
class ReportEntry:
    application: SentApplication
    contacts: list[ReportContact]
    sent: SentDocuments
    history: StageHistory


@dataclass(frozen=True)
class ReportHeading:
    """Who, which days, how many: what the report says about itself."""

    display_name: str
    email: str
    period: Period
    count: int
    generated_at: datetime


@dataclass(frozen=True)
class ProofOfSearch:
    """The heading, and the entries read a batch at a time as they are written, so only one
    batch of contacts and histories is in memory. Written once."""

    heading: ReportHeading
    batches: Iterator[list[ReportEntry]] = field(repr=False)


def count_report(limiter: FailureLimiter, window_seconds: int, owner_id: int) -> None:
    """Refuse a report past the user's allowance for the window (429, with how long to wait)."""
    allowance = Allowance(f"proof-report:user:{owner_id}", MAX_REPORTS_PER_WINDOW)
    wait = limiter.seconds_until_allowed((allowance,))
    if wait > 0:
        minutes = math.ceil(wait / 60)
        window = math.ceil(window_seconds / 60)
        raise TooManyAttempts(
            f"You made {MAX_REPORTS_PER_WINDOW} reports in the last {window} minutes. "
            f"Wait {minutes} minute{'s' * (minutes != 1)} and try again.",
            retry_after=math.ceil(wait),
        )
    limiter.record_failure((allowance,))


def prepare(session: Session, user: User, chosen: ReportRange) -> ProofOfSearch:
    """The report of the user's applications sent in the range; too many answer 422."""
    period = Period(chosen.date_from, chosen.date_to, user.time_zone)
    count = applied.count_sent(session, user.id, period)
    if count > MAX_REPORT_APPLICATIONS:
        raise InvalidInput(
            f"{count:,} applications were sent in this range; a report holds at most "
            f"{MAX_REPORT_APPLICATIONS:,}. Choose a shorter range and make several reports.",
            fields={"date_to": "choose an earlier last day"},
        )
    applications = applied.sent_in_period(session, user.id, period)
    heading = ReportHeading(
        display_name=user.display_name,
        email=user.email,
        period=period,
        count=len(applications),
        generated_at=utcnow(),
    )
    return ProofOfSearch(heading, _batches(session, user.id, applications))


def _batches(
    session: Session, owner_id: int, applications: Sequence[SentApplication]
) -> Iterator[list[ReportEntry]]:
    for start in range(0, len(applications), BATCH_SIZE):
        yield _entries(session, owner_id, applications[start : start + BATCH_SIZE])


def _entries(
    session: Session, owner_id: int, applications: Sequence[SentApplication]
) -> list[ReportEntry]:
    ids = [application.id for application in applications]
    contacts = contacts_service.by_application(session, owner_id, ids)
    sent = sent_documents.sent_by_application(session, owner_id, ids)
    history = applied.stage_history(session, owner_id, ids, most=MAX_MOVES_SHOWN)
    return [
        ReportEntry(
            application=application,
            contacts=[
                ReportContact(contact.name, contact.role, contact.email)
                for contact in contacts.get(application.id, [])
            ],
            sent=sent.get(application.id, NOTHING_SENT),
            history=history.get(application.id, StageHistory([])),
        )
        for application in applications
    ]


# ---- Wording shared by the PDF and the CSV ----


def day_text(day: date) -> str:
    """`3 Mar 2026`: no locale, no ambiguity between day and month."""
    return f"{day.day} {day.strftime('%b')} {day.year}"


def moment_text(moment: datetime, time_zone: str) -> str:
    local = moment.astimezone(zone(time_zone))
    return f"{day_text(local.date())}, {local.strftime('%H:%M')}"


def range_text(period: Period) -> str:
    return f"{day_text(period.first)} and {day_text(period.last)}"


def summary_text(heading: ReportHeading) -> str:
    noun = "application" if heading.count == 1 else "applications"
    amount = "No" if heading.count == 0 else f"{heading.count:,}"
    return f"{amount} {noun} between {range_text(heading.period)}"


def sent_text(document: SentDocumentOut) -> str:
    """`Resume v2 (resume-2026.pdf)`; the name is the one it had when it was chosen."""
    label = "Resume" if document.kind == "resume" else "Cover letter"
    version = f" v{document.version}" if document.version else ""
    return f"{label}{version} ({document.filename})"


def sent_texts(sent: SentDocuments) -> list[str]:
    return [sent_text(document) for document in (sent.resume, sent.cover_letter) if document]


def contact_text(contact: ReportContact) -> str:
    return ", ".join(part for part in (contact.name, contact.role, contact.email) if part)


def move_text(move: StageMove, arrow: str = "→") -> str:
    if move.from_stage is None:
        return f"Added as {move.to_stage.label}"
    return f"{move.from_stage.label} {arrow} {move.to_stage.label}"


def more_moves_text(history: StageHistory) -> str | None:
    left_out = history.total - len(history.moves)
    if left_out <= 0:
        return None
    return f"…and {left_out:,} later stage changes, left out of this report"


# ---- CSV ----

CSV_HEADERS = (
    "Date applied",
    "Company",
    "Role",
    "Location",
    "Found via",
    "Job URL",
    "Stage now",
    "Contacts",
    "Resume sent",
    "Cover letter sent",
    "Stage history",
)


def write_csv(report: ProofOfSearch) -> bytes:
    """One row per application: each row is one application sent, which is what the reader
    counts and checks; its stage history is one cell, a change per line, dated."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_HEADERS)
    time_zone = report.heading.period.time_zone
    for batch in report.batches:
        for entry in batch:
            application = entry.application
            history = [
                f"{moment_text(move.at, time_zone)}: {move_text(move)}"
                for move in entry.history.moves
            ]
            more = more_moves_text(entry.history)
            cells = [
                application.applied_on.isoformat(),
                application.company,
                application.role,
                application.location or "",
                application.source or "",
                application.job_url or "",
                application.stage.label,
                "; ".join(contact_text(contact) for contact in entry.contacts),
                sent_text(entry.sent.resume) if entry.sent.resume else "",
                sent_text(entry.sent.cover_letter) if entry.sent.cover_letter else "",
                "\n".join([*history, *([more] if more else [])]),
            ]
            # Every cell guarded like the applications export: a company named "=HYPERLINK(…)"
            # stays text in a spreadsheet.
            writer.writerow([neutralise(cell) for cell in cells])
    return buffer.getvalue().encode()
