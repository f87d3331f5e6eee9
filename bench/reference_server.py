"""The reference bench/api.py measures the app against: the same calls written the simplest way.

A bare WSGI function, no framework: the token's `sub` claim read with PyJWT and trusted without
a database lookup, one SQLAlchemy Core statement per call on the app's own tables, and stdlib
json. It skips what the app does on purpose (revocation checks, quotas, stage history, tags),
so it shows what that work and the framework cost. Served by gunicorn with sync workers:

    DATABASE_URL=... JWT_SECRET=... .venv/bin/python -m gunicorn --workers 2 \\
        bench.reference_server:application
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from functools import cache
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import parse_qs

import jwt
from sqlalchemy import Engine, RowMapping, Table, create_engine, func, insert, select, update

from jobtracker.applications.models import Application
from jobtracker.applications.stages import Stage
from jobtracker.db import utcnow

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
# Typed as the FromClause any mapped class may have; this one is a plain Table.
applications = cast(Table, Application.__table__)
COLLECTION = "/api/applications"
DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class HttpError(Exception):
    def __init__(self, status: HTTPStatus) -> None:
        super().__init__(status.phrase)
        self.status = status


@cache
def engine() -> Engine:
    # Made on first use, in the worker: gunicorn forks workers after importing this module.
    url = os.environ["DATABASE_URL"]
    for prefix in ("postgres://", "postgresql://"):  # as jobtracker.config names the driver
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url.removeprefix(prefix)
    if url.startswith("sqlite"):
        # Four processes write one file (the app's two workers and these two): wait for the lock.
        return create_engine(url, connect_args={"timeout": 30})
    return create_engine(url)


def application(environ: Mapping[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    try:
        status, body = route(environ)
    except HttpError as error:
        status, body = error.status, {"detail": error.status.phrase}
    payload = json.dumps(body, default=_iso).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))]
    start_response(f"{status.value} {status.phrase}", headers)
    return [payload]


def route(environ: Mapping[str, Any]) -> tuple[HTTPStatus, Any]:
    method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
    if path == "/api/health" and method == "GET":
        return HTTPStatus.OK, {"status": "ok"}
    owner_id = _signed_in_user(environ)
    if path == COLLECTION and method == "GET":
        query = parse_qs(environ.get("QUERY_STRING", ""))
        return HTTPStatus.OK, list_applications(owner_id, _limit(query))
    if path == COLLECTION and method == "POST":
        return HTTPStatus.CREATED, create_application(owner_id, _json_body(environ))
    if path.startswith(COLLECTION + "/"):
        application_id = _id(path.removeprefix(COLLECTION + "/"))
        if method == "GET":
            return HTTPStatus.OK, read_application(owner_id, application_id)
        if method == "PATCH":
            stage = _stage(_json_body(environ).get("stage"))
            return HTTPStatus.OK, update_stage(owner_id, application_id, stage)
    raise HttpError(HTTPStatus.NOT_FOUND)


def list_applications(owner_id: int, limit: int) -> dict[str, Any]:
    # The total comes from a window count over the same rows, so one statement answers both.
    statement = (
        select(applications, func.count().over().label("total"))
        .where(applications.c.owner_id == owner_id)
        .order_by(applications.c.updated_at.desc(), applications.c.id.desc())
        .limit(limit)
    )
    with engine().connect() as connection:
        rows = connection.execute(statement).mappings().all()
    total = rows[0]["total"] if rows else 0
    items = [{key: value for key, value in row.items() if key != "total"} for row in rows]
    return {"items": items, "total": total}


def read_application(owner_id: int, application_id: int) -> dict[str, Any]:
    statement = select(applications).where(
        applications.c.id == application_id, applications.c.owner_id == owner_id
    )
    with engine().connect() as connection:
        return _found(connection.execute(statement).mappings().first())


def update_stage(owner_id: int, application_id: int, stage: Stage) -> dict[str, Any]:
    statement = (
        update(applications)
        .where(applications.c.id == application_id, applications.c.owner_id == owner_id)
        .values(stage=stage, updated_at=utcnow())
        .returning(*applications.c)
    )
    with engine().begin() as connection:
        return _found(connection.execute(statement).mappings().first())


def create_application(owner_id: int, body: Mapping[str, Any]) -> dict[str, Any]:
    company, role = body.get("company"), body.get("role")
    if not isinstance(company, str) or not isinstance(role, str) or not company or not role:
        raise HttpError(HTTPStatus.UNPROCESSABLE_ENTITY)
    # Core fills the columns' Python defaults (stage, priority, timestamps) itself.
    statement = (
        insert(applications)
        .values(owner_id=owner_id, company=company[:200], role=role[:200])
        .returning(*applications.c)
    )
    with engine().begin() as connection:
        return _found(connection.execute(statement).mappings().first())


def _signed_in_user(environ: Mapping[str, Any]) -> int:
    scheme, _, token = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HttpError(HTTPStatus.UNAUTHORIZED)
    try:
        claims = jwt.decode(token, os.environ["JWT_SECRET"], algorithms=["HS256"])
        return int(claims["sub"])
    except (jwt.InvalidTokenError, KeyError, ValueError) as error:
        raise HttpError(HTTPStatus.UNAUTHORIZED) from error


def _json_body(environ: Mapping[str, Any]) -> dict[str, Any]:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = json.loads(environ["wsgi.input"].read(length))
    except ValueError as error:
        raise HttpError(HTTPStatus.UNPROCESSABLE_ENTITY) from error
    if not isinstance(body, dict):
        raise HttpError(HTTPStatus.UNPROCESSABLE_ENTITY)
    return body


def _limit(query: Mapping[str, list[str]]) -> int:
    try:
        limit = int(query.get("limit", [str(DEFAULT_LIMIT)])[0])
    except ValueError as error:
        raise HttpError(HTTPStatus.UNPROCESSABLE_ENTITY) from error
    if not 1 <= limit <= MAX_LIMIT:
        raise HttpError(HTTPStatus.UNPROCESSABLE_ENTITY)
    return limit


def _id(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise HttpError(HTTPStatus.NOT_FOUND)
    return int(text)


def _stage(value: Any) -> Stage:
    try:
        return Stage(value)
    except ValueError as error:
        raise HttpError(HTTPStatus.UNPROCESSABLE_ENTITY) from error


def _found(row: RowMapping | None) -> dict[str, Any]:
    if row is None:
        raise HttpError(HTTPStatus.NOT_FOUND)
    return dict(row)


def _iso(value: object) -> str:
    if isinstance(value, date | datetime):  # datetime is a date: both have isoformat()
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
