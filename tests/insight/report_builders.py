"""Builders for the proof-of-search report's tests: a small history made through the API at
known moments, and the report read back (PDF text with pypdf, CSV with the csv module)."""

from __future__ import annotations

import csv
import io
from typing import Any

from pypdf import PdfReader

from tests.factories import ApiUser
from tests.interviews.builders import frozen_at, set_time_zone

RANGE = {"date_from": "2026-03-01", "date_to": "2026-05-31"}


def add_contact(user: ApiUser, application_id: int, **fields: Any) -> None:
    response = user.client.post(f"/api/applications/{application_id}/contacts", json=fields)
    assert response.status_code == 201, response.text


def move(user: ApiUser, application_id: int, stage: str, moment: str) -> None:
    with frozen_at(moment):
        response = user.client.patch(f"/api/applications/{application_id}", json={"stage": stage})
    assert response.status_code == 200, response.text


def build_history(alice: ApiUser) -> dict[str, int]:
    """Alice, in Athens, sent three applications between March and May 2026 and one after."""
    set_time_zone(alice, "Europe/Athens")
    with frozen_at("2026-03-01T09:00:00+00:00"):
        greek = alice.create_application(
            company="Ξενοδοχεία Δελφών",
            role="Μηχανικός λογισμικού",
            source="LinkedIn",
            job_url="https://jobs.example.gr/akropolis/42",
        )["id"]
        resume = alice.client.post(
            "/api/documents",
            files=[("files", ("resume-greek.txt", b"Resume in Greek", "text/plain"))],
            data={"application_id": str(greek)},
        )
        assert resume.status_code == 201, resume.text
    add_contact(
        alice, greek, name="Γιώργος Παπαδόπουλος", role="Recruiter", email="giorgos@example.gr"
    )
    # 22:30 UTC on 2 March is 00:30 on 3 March in Athens: the report says the 3rd.
    move(alice, greek, "applied", "2026-03-02T22:30:00+00:00")
    move(alice, greek, "screening", "2026-03-10T08:00:00+00:00")
    with frozen_at("2026-04-01T12:00:00+00:00"):
        chinese = alice.create_application(
            company="北京科技有限公司", role="Backend Engineer", stage="applied"
        )["id"]
    # Sent, but its applied date was cleared: its first move into Applied dates it.
    with frozen_at("2026-03-20T10:00:00+00:00"):
        undated = alice.create_application(
            company="Undated GmbH", role="Data Analyst", stage="applied"
        )["id"]
    alice.client.patch(f"/api/applications/{undated}", json={"applied_on": None})
    later = alice.create_application(
        company="Later Ltd", role="SRE", stage="applied", applied_on="2026-06-15"
    )["id"]
    wishlist = alice.create_application(company="Someday Inc", role="CTO")["id"]
    return {
        "greek": greek,
        "chinese": chinese,
        "undated": undated,
        "later": later,
        "wishlist": wishlist,
    }


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def csv_rows(content: bytes) -> list[dict[str, str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def report(user: ApiUser, kind: str, **params: str) -> bytes:
    response = user.client.get(f"/api/reports/proof.{kind}", params={**RANGE, **params})
    assert response.status_code == 200, response.text
    return response.content
