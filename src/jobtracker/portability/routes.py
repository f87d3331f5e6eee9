"""Routes for spreadsheet export and import, backup and restore, and the private calendar feed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, Response, UploadFile, status
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUploadFile

from jobtracker.applications.routes import ApplicationFiltersDep
from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.config import Settings
from jobtracker.db import SessionDep
from jobtracker.errors import AppError, InvalidInput, error_body
from jobtracker.portability import backup, calendar, csv_export, csv_import, restore
from jobtracker.portability.schemas import (
    CalendarFeed,
    ImportPreview,
    ImportProgress,
    ImportResult,
    RestoreResult,
)
from jobtracker.portability.uploads import (
    backup_limit,
    body_limited,
    spreadsheet_limit,
    too_large,
)
from jobtracker.time_zones import today_for

SPREADSHEET_HINT = "Split it into smaller files, or ask the admin to raise MAX_UPLOAD_MB."
BACKUP_HINT = "The instance's operator can restore it with `python -m jobtracker restore`."
PRIVATE = "private, no-store"
NDJSON = "application/x-ndjson"

spreadsheets = APIRouter(
    prefix="/api",
    tags=["export and import"],
    route_class=body_limited("The spreadsheet", spreadsheet_limit, SPREADSHEET_HINT),
)
backups = APIRouter(
    prefix="/api",
    tags=["export and import"],
    route_class=body_limited("The backup", backup_limit, BACKUP_HINT),
)
calendar_settings = APIRouter(prefix="/api/calendar", tags=["calendar"])
# Not under /api: calendar apps fetch it with the token alone, no session.
calendar_feed = APIRouter(tags=["calendar"])

MappingField = Annotated[
    str | None,
    Form(
        description='JSON {"CSV column": "field" or null}; leave out to have it guessed from '
        "the headers (null or unlisted columns are ignored)"
    ),
]
OptionsField = Annotated[
    str | None,
    Form(
        description="JSON with the answers to the preview's questions (ImportOptions): sheet, "
        "status_map, date_orders, extra_columns, fixes, skip_lines, duplicates"
    ),
]
SpreadsheetFile = Annotated[
    UploadFile,
    File(description="CSV: UTF-8 (with or without BOM) or Windows-1252; comma, semicolon or tab"),
]


def _download(filename: str) -> dict[str, str]:
    # Names made here, plain ASCII: no RFC 6266 encoding needed.
    return {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": PRIVATE}


def _base_url(request: Request, settings: Settings) -> str | None:
    return calendar.link_base(settings, request.url.scheme, request.headers.get("host"))


@spreadsheets.get(
    "/export/applications.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "UTF-8 with a BOM, streamed"}},
)
def export_applications_csv(
    user: CurrentUser, session: SessionDep, filters: ApplicationFiltersDep
) -> StreamingResponse:
    """The applications the board shows with the same filters, every field, as a spreadsheet."""
    chunks = csv_export.export_applications(session, user.id, filters, time_zone=user.time_zone)
    filename = f"applications-{today_for(user).isoformat()}.csv"
    return StreamingResponse(
        chunks, media_type="text/csv; charset=utf-8", headers=_download(filename)
    )


def _spreadsheet_bytes(file: UploadFile, settings: Settings) -> bytes:
    limit = spreadsheet_limit(settings)
    content = file.file.read(limit + 1)
    if len(content) > limit:
        raise too_large("The spreadsheet", limit, SPREADSHEET_HINT)
    return content


@spreadsheets.post(
    "/import/applications/preview",
    form_limits={"max_files": 1, "max_fields": 4},
    responses={
        413: {"description": "Larger than MAX_UPLOAD_MB"},
        415: {"description": "Not a text file (a workbook, a PDF, …)"},
        422: {"description": "Not valid CSV, too many rows, or a mapping that does not fit"},
    },
)
def preview_import(
    file: SpreadsheetFile,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    mapping: MappingField = None,
    options: OptionsField = None,
) -> ImportPreview:
    """What importing this file would do, row by row, and the questions to answer first."""
    content = _spreadsheet_bytes(file, settings)
    return csv_import.preview(
        session,
        settings,
        user.id,
        content,
        csv_import.read_mapping(mapping),
        csv_import.read_options(options),
    )


@spreadsheets.post(
    "/import/applications",
    status_code=status.HTTP_201_CREATED,
    response_model=ImportResult,
    form_limits={"max_files": 1, "max_fields": 4},
    responses={
        201: {
            "content": {
                "application/x-ndjson": {
                    "schema": ImportProgress.model_json_schema(),
                    "description": "With Accept: application/x-ndjson: progress lines, then "
                    "the result (or an error) as the last line",
                }
            }
        },
        403: {"description": "More new applications than fit under the quota; none imported"},
        413: {"description": "Larger than MAX_UPLOAD_MB"},
        415: {"description": "Not a text file"},
        422: {"description": "No Company or Role column, no rows, or choices that do not fit"},
    },
)
def import_applications(
    request: Request,
    file: SpreadsheetFile,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    mapping: MappingField = None,
    options: OptionsField = None,
    confirm: Annotated[bool, Form(description="Must be true: the preview was looked at")] = False,
) -> ImportResult | StreamingResponse:
    """The file's ready rows as new applications (or updates of duplicates), in one transaction.

    Rows with a problem, a status still to map, or left out are not imported and are counted.
    """
    if not confirm:
        raise InvalidInput(
            "Nothing was imported: send confirm=true once the preview looks right.",
            fields={"confirm": "must be true"},
        )
    content = _spreadsheet_bytes(file, settings)
    prepared = csv_import.prepare_import(
        session,
        settings,
        user,
        content,
        csv_import.read_mapping(mapping),
        csv_import.read_options(options),
    )
    if NDJSON in request.headers.get("accept", ""):
        return StreamingResponse(
            _progress_lines(prepared),
            status_code=status.HTTP_201_CREATED,
            media_type=NDJSON,
            headers={"Cache-Control": PRIVATE},
        )
    return csv_import.finish(prepared)


def _progress_lines(prepared: csv_import.PreparedImport) -> Iterator[bytes]:
    """Each step as one JSON line; an error after the answer began is the last line."""
    try:
        for step in prepared.run():
            yield step.model_dump_json().encode() + b"\n"
    except AppError as error:
        prepared.session.rollback()
        yield json.dumps(error_body(error.code, error.message, error.fields)).encode() + b"\n"


@spreadsheets.post(
    "/import/applications/rejected",
    form_limits={"max_files": 1, "max_fields": 4},
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/csv": {}},
            "description": "The rows left out, with the file's columns and a Problem column",
        },
        413: {"description": "Larger than MAX_UPLOAD_MB"},
        415: {"description": "Not a text file"},
        422: {"description": "Not valid CSV, or a mapping or choices that do not fit"},
    },
)
def rejected_rows(
    file: SpreadsheetFile,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    mapping: MappingField = None,
    options: OptionsField = None,
) -> StreamingResponse:
    """The rows an import of this file with these choices leaves out, as CSV to fix."""
    content = _spreadsheet_bytes(file, settings)
    chunks = csv_import.rejected_rows(
        session,
        user.id,
        content,
        csv_import.read_mapping(mapping),
        csv_import.read_options(options),
    )
    return StreamingResponse(
        chunks,
        media_type="text/csv; charset=utf-8",
        headers=_download("rows-left-out.csv"),
    )


@backups.get(
    "/export/backup.json",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/json": {}}, "description": "A backup, streamed"}},
)
def export_backup(user: CurrentUser, session: SessionDep) -> StreamingResponse:
    """Everything the account holds, as a versioned JSON document that restores elsewhere."""
    filename = f"jobtracker-backup-{today_for(user).isoformat()}.json"
    return StreamingResponse(
        backup.export_backup(session, user),
        media_type="application/json",
        headers=_download(filename),
    )


_BACKUP_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": "A backup, as GET /api/export/backup.json gives it",
                }
            },
        },
    }
}


@backups.post(
    "/import/backup",
    status_code=status.HTTP_201_CREATED,
    openapi_extra=_BACKUP_BODY,
    responses={
        403: {"description": "The applications or documents do not fit under the quotas"},
        409: {"description": "The account is not empty"},
        413: {"description": "Larger than this instance accepts"},
        415: {"description": "Neither multipart/form-data nor application/json"},
        422: {"description": "Not a valid backup (`fields` keys are paths in the document)"},
    },
)
async def restore_backup(
    request: Request, user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> RestoreResult:
    """Restore a backup into the signed-in account, which must be empty; all or nothing."""
    content = await _backup_bytes(request, settings)
    # Parsing, checking and writing a whole account is slow work: off the event loop.
    return await run_in_threadpool(restore.restore_from_bytes, session, settings, user, content)


class UnsupportedBody(AppError):
    status_code = 415
    code = "unsupported_media_type"


async def _backup_bytes(request: Request, settings: Settings) -> bytes:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/json":
        return await request.body()
    if media_type != "multipart/form-data":
        raise UnsupportedBody(
            "Send the backup as a file (multipart/form-data, field `file`) or as JSON "
            "(application/json).",
            fields={"file": "required"},
        )
    limit = backup_limit(settings)
    async with request.form(max_files=1, max_fields=1, max_part_size=1024 * 1024) as form:
        upload = form.get("file")
        if not isinstance(upload, StarletteUploadFile):
            raise InvalidInput("Choose a backup file to restore.", fields={"file": "required"})
        content = await upload.read(limit + 1)
    if len(content) > limit:
        raise too_large("The backup", limit, BACKUP_HINT)
    return content


@calendar_settings.get("")
def read_calendar_feed(user: CurrentUser) -> CalendarFeed:
    """Whether the private calendar feed is on (its address is shown only when created)."""
    return calendar.feed_status(user)


@calendar_settings.post("/token", status_code=status.HTTP_201_CREATED)
def create_calendar_token(
    request: Request, user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> CalendarFeed:
    """A new private feed address; the previous one, if any, stops working at once."""
    return calendar.create_feed(session, user, _base_url(request, settings))


@calendar_settings.delete("/token", status_code=status.HTTP_204_NO_CONTENT)
def revoke_calendar_token(user: CurrentUser, session: SessionDep) -> None:
    """Turn the feed off: its address answers 404 from now on."""
    calendar.revoke_feed(session, user)


@calendar_feed.get(
    "/calendar/{token}.ics",
    response_class=Response,
    responses={
        200: {"content": {"text/calendar": {}}, "description": "iCalendar (RFC 5545)"},
        404: {"description": "No feed has this token (revoked, regenerated or never made)"},
    },
)
def calendar_ics(
    token: str, request: Request, session: SessionDep, settings: SettingsDep
) -> Response:
    """The feed of due dates, interview stages and deadlines, for calendar apps to subscribe to."""
    ics = calendar.feed(session, token, _base_url(request, settings))
    return Response(
        ics,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": 'inline; filename="jobtracker.ics"',
            "Cache-Control": "private, max-age=300",
            # The address is the secret: keep it out of search engines and Referer headers.
            "X-Robots-Tag": "noindex",
            "Referrer-Policy": "no-referrer",
        },
    )


router = APIRouter()
for _part in (spreadsheets, backups, calendar_settings, calendar_feed):
    router.include_router(_part)
