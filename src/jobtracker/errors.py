"""Domain exceptions, and the one place that turns every error into `{"error": {...}}` JSON."""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from jobtracker.validation_messages import field_label, plain_message

log = logging.getLogger(__name__)

# A validation problem worded as a whole sentence for a person (common.capped_filter's):
# it stands as the error's message on its own.
TOO_MANY_FILTER_VALUES = "too_many_filter_values"
SENTENCE_PROBLEMS = {TOO_MANY_FILTER_VALUES}


class AppError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, *, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class BadRequest(AppError):
    pass


class InvalidInput(AppError):
    """A rule that spans fields or stored data, found after the request itself parsed."""

    status_code = 422
    code = "validation_error"


class NotAuthenticated(AppError):
    status_code = 401
    code = "not_authenticated"


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"


class QuotaExceeded(AppError):
    status_code = 403
    code = "quota_exceeded"


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


def error_body(code: str, message: str, fields: dict[str, str] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def error_response(
    status: int, code: str, message: str, fields: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(code, message, fields), status_code=status)


async def _app_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return error_response(exc.status_code, exc.code, exc.message, exc.fields)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields: dict[str, str] = {}
    problems = exc.errors()
    for problem in problems:
        location = [str(part) for part in problem.get("loc", ()) if part != "body"]
        # A JSON syntax error's location is a character offset, not a field.
        key = "body" if problem.get("type") == "json_invalid" else ".".join(location) or "body"
        fields.setdefault(key, plain_message(problem))
    if all(problem.get("type") in SENTENCE_PROBLEMS for problem in problems):
        message = " ".join(dict.fromkeys(fields.values()))
    else:
        message = "Please correct: " + " ".join(
            f"{field_label(name.split('.'))}: {text}" for name, text in fields.items()
        )
    return error_response(422, "validation_error", message, fields)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    codes = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 415: "unsupported"}
    code = codes.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else "The request could not be handled."
    if exc.status_code == 404 and message == "Not Found":
        message = "There is nothing at this address."
    elif exc.status_code == 400:
        message = _plain_form_problem(message)
    response = error_response(exc.status_code, code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


# Starlette's form parser words its refusals for developers ("Part exceeded maximum size of
# 1024KB."); a person reads these instead.
_FORM_PROBLEMS = {
    "Part exceeded maximum size": "A field of this form is too large ({size} at most). "
    "Send less in it.",
    "Too many fields": "This form has more fields than it takes. Send only the ones it asks for.",
    "Too many files": "This form has more files than it takes. Send one at a time.",
    "Missing boundary": "The form could not be read. Send it again as multipart/form-data.",
}
_PART_SIZE = re.compile(r"(\d+)KB")


def _plain_form_problem(message: str) -> str:
    for start, plain in _FORM_PROBLEMS.items():
        if message.startswith(start):
            size = _PART_SIZE.search(message)
            kilobytes = int(size.group(1)) if size else 0
            shown = f"{kilobytes // 1024} MB" if kilobytes >= 1024 else f"{kilobytes} KB"
            return plain.format(size=shown)
    return message


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, IntegrityError):
        # Services check the rules first; this catches the race they cannot see.
        return error_response(409, "conflict", "This conflicts with data that already exists.")
    if isinstance(exc, DataError):
        # A value the schemas let through but the database refuses (PostgreSQL keeps no NUL
        # characters in text): the request's fault, so a 422 rather than a 500.
        log.warning("database refused a value: %s", type(exc.orig).__name__)
        return error_response(
            422,
            "validation_error",
            "A value in the request cannot be stored or searched for "
            "(for example, a NUL character in text).",
        )
    if _ran_too_long(exc):
        log.warning(
            "a statement ran past DATABASE_STATEMENT_TIMEOUT_SECONDS on %s %s",
            request.method,
            request.url.path,
        )
        return error_response(
            503,
            "database_timeout",
            "This took the database too long, so it was stopped and nothing was changed. "
            "Try narrower filters, or try again in a moment.",
        )
    # OperationalError covers "could not connect", "server closed the connection" and
    # SQLite's "database is locked": passing conditions, not bad input.
    unavailable = isinstance(exc, OperationalError | PoolTimeoutError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )
    if not unavailable:
        return await _unexpected(request, exc)
    log.warning("database unavailable: %s", type(exc).__name__)
    return error_response(
        503,
        "database_unavailable",
        "The database is not reachable right now. Your data is safe; please try again shortly.",
    )


# PostgreSQL's query_canceled: statement_timeout stopped the statement (db.build_engine).
QUERY_CANCELED = "57014"


def _ran_too_long(exc: Exception) -> bool:
    return isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) == QUERY_CANCELED


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "Something went wrong on our side.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(PoolTimeoutError, _database_error)
    app.add_exception_handler(Exception, _unexpected)
