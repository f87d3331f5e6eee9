"""The applications as a spreadsheet (CSV), streamed a batch at a time in constant memory."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime

from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.applications.models import Application
from jobtracker.applications.service import ApplicationFilters
from jobtracker.db import read_in_one_transaction
from jobtracker.deliverables import service as deliverables_service
from jobtracker.deliverables.service import DeliverableCounts
from jobtracker.interviews import service as interviews_service
from jobtracker.interviews.service import ApplicationInterviews
from jobtracker.portability.columns import HEADERS, neutralise
from jobtracker.time_zones import zone

# Excel reads a CSV as the machine's legacy code page unless it starts with a UTF-8 BOM.
BOM = "\ufeff"
BATCH_SIZE = 500
NO_DELIVERABLES = DeliverableCounts(total=0, open=0)
NO_INTERVIEWS = ApplicationInterviews(count=0, next_start=None)


def export_applications(
    session: Session,
    owner_id: int,
    filters: ApplicationFilters,
    *,
    batch_size: int = BATCH_SIZE,
    time_zone: str = "UTC",
) -> Iterator[bytes]:
    """The owner's applications that match the filters, as CSV chunks of one batch each.

    The filters are checked now (a bad sort is refused before anything is sent); the rows
    are read as the chunks are taken. The next interview is written on the owner's clock.
    """
    batches = applications_service.iter_applications(
        session, owner_id, filters, batch_size=batch_size
    )
    read_in_one_transaction(session)
    return _chunks(session, owner_id, batches, time_zone)


def _chunks(
    session: Session, owner_id: int, batches: Iterator[list[Application]], time_zone: str
) -> Iterator[bytes]:
    buffer = io.StringIO()
    # Every cell quoted: a semicolon or tab inside one never splits it, whichever separator
    # the spreadsheet's locale expects.
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    buffer.write(BOM)
    writer.writerow(HEADERS)
    yield _take(buffer)
    for batch in batches:
        ids = [application.id for application in batch]
        counts = deliverables_service.counts_by_application(session, owner_id, ids)
        interviews = interviews_service.per_application(session, owner_id, ids)
        for application in batch:
            deliverables = counts.get(application.id, NO_DELIVERABLES)
            planned = interviews.get(application.id, NO_INTERVIEWS)
            writer.writerow(_row(application, deliverables, planned, time_zone))
        yield _take(buffer)


def _take(buffer: io.StringIO) -> bytes:
    chunk = buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    return chunk


def _row(
    application: Application,
    deliverables: DeliverableCounts,
    interviews: ApplicationInterviews,
    time_zone: str,
) -> list[str]:
    next_start = interviews.next_start
    next_interview = (
        next_start.astimezone(zone(time_zone)).replace(microsecond=0) if next_start else None
    )
    # In the order of columns.COLUMNS.
    cells: list[object] = [
        application.company,
        application.role,
        application.stage.value,
        application.priority.value,
        application.applied_on,
        application.deadline,
        ", ".join(application.tags),
        application.location,
        application.work_mode.value if application.work_mode else None,
        application.salary_min,
        application.salary_max,
        application.salary_currency,
        application.source,
        application.job_url,
        application.job_description,
        application.notes,
        application.salary_period.value if application.salary_period else None,
        application.employment_type.value if application.employment_type else None,
        application.posted_on,
        deliverables.total,
        deliverables.open,
        interviews.count,
        next_interview,
        application.created_at,
        application.updated_at,
        application.id,
    ]
    return [_text(cell) for cell in cells]


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime | date):
        return cell.isoformat()
    if isinstance(cell, int):
        return str(cell)  # a number we wrote: no formula in it, and -5 stays a number
    return neutralise(str(cell))
