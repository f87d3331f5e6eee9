"""Builders for export and import tests: spreadsheets, backups and feeds through the HTTP API."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi.testclient import TestClient
from httpx2 import Response  # what the TestClient answers with
from icalendar import Calendar

from tests.factories import ApiUser

BOM = "\ufeff"


def export_csv(user: ApiUser, **params: Any) -> Response:
    response = user.client.get("/api/export/applications.csv", params=params)
    assert response.status_code == 200, response.text
    return response


def csv_records(response: Response) -> list[dict[str, str]]:
    """The exported rows as header → cell, read the way a spreadsheet reads them."""
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline="")))


def make_csv(rows: list[list[str]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return ((BOM if bom else "") + buffer.getvalue()).encode("utf-8")


def upload(
    user: ApiUser,
    path: str,
    content: bytes,
    *,
    mapping: dict[str, str | None] | None = None,
    confirm: bool | None = None,
    filename: str = "applications.csv",
) -> Response:
    data: dict[str, str] = {}
    if mapping is not None:
        data["mapping"] = json.dumps(mapping)
    if confirm is not None:
        data["confirm"] = "true" if confirm else "false"
    files = {"file": (filename, content, "text/csv")}
    return user.client.post(path, files=files, data=data)


def preview(user: ApiUser, content: bytes, **options: Any) -> dict[str, Any]:
    response = upload(user, "/api/import/applications/preview", content, **options)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def import_csv(user: ApiUser, content: bytes, **options: Any) -> Response:
    options.setdefault("confirm", True)
    return upload(user, "/api/import/applications", content, **options)


def application_count(user: ApiUser) -> int:
    response = user.client.get("/api/applications", params={"limit": 1})
    assert response.status_code == 200, response.text
    total: int = response.json()["total"]
    return total


def export_backup(user: ApiUser) -> dict[str, Any]:
    response = user.client.get("/api/export/backup.json")
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


def restore_backup(user: ApiUser, document: dict[str, Any] | bytes) -> Response:
    content = document if isinstance(document, bytes) else json.dumps(document).encode()
    files = {"file": ("backup.json", content, "application/json")}
    return user.client.post("/api/import/backup", files=files)


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """A backup without what differs between two exports of the same data."""
    return {key: value for key, value in document.items() if key not in {"exported_at", "user"}}


def create_feed(user: ApiUser) -> str:
    response = user.client.post("/api/calendar/token")
    assert response.status_code == 201, response.text
    url: str = response.json()["url"]
    return url


def read_feed(anonymous: TestClient, url: str) -> Calendar:
    """The feed as a calendar app fetches it: no session, the address alone."""
    response = anonymous.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, Any]:
    """Events by summary."""
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
