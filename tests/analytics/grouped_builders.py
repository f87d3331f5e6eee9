"""Builders for the results-by-group tests: resumes with versions, and the resume recorded as
sent with an application (written through the ORM: recording it is the documents domain's
work, and these tests only read it)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from fastapi import FastAPI

from jobtracker.documents.models import Document, DocumentKind, MediaType, SentDocument
from tests.factories import ApiUser


def add_resume(
    app: FastAPI, user: ApiUser, filename: str, uploaded_at: datetime, family_id: int | None = None
) -> int:
    content = f"{filename} {uploaded_at.isoformat()}".encode()
    with app.state.session_factory() as session:
        document = Document(
            owner_id=user.id,
            filename=filename,
            media_type=MediaType.TEXT,
            kind=DocumentKind.RESUME,
            family_id=family_id,
            size_bytes=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            extracted_text=content.decode(),
            created_at=uploaded_at,
        )
        session.add(document)
        session.commit()
        return document.id


def record_sent(
    app: FastAPI,
    user: ApiUser,
    application_id: int,
    filename: str,
    document_id: int | None,
    kind: DocumentKind = DocumentKind.RESUME,
) -> None:
    with app.state.session_factory() as session:
        session.add(
            SentDocument(
                application_id=application_id,
                kind=kind,
                owner_id=user.id,
                document_id=document_id,
                filename=filename,
            )
        )
        session.commit()


def grouped_results(user: ApiUser, **params: Any) -> dict[str, Any]:
    response = user.client.get("/api/analytics/results", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def groups(body: dict[str, Any], dimension: str) -> dict[str, dict[str, Any]]:
    """The dimension's groups by label."""
    (found,) = [part for part in body["dimensions"] if part["dimension"] == dimension]
    return {group["label"]: group for group in found["groups"]}


Interval = tuple[int, int, float | None, float | None]


def rate(group: dict[str, Any], name: str) -> Interval:
    """(numerator, denominator, low, high) of one of the group's rates."""
    found = group[name]
    return (found["numerator"], found["denominator"], found["low"], found["high"])


def same_rates(found: list[Interval], expected: list[Interval]) -> bool:
    """The counts are equal and the interval ends agree to the three places they are given."""
    return len(found) == len(expected) and all(
        actual[:2] == wanted[:2]
        and all(
            (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 6e-4)
            for a, b in zip(actual[2:], wanted[2:], strict=True)
        )
        for actual, wanted in zip(found, expected, strict=True)
    )
