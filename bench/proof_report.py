"""Benchmark of the proof-of-search report at its cap: time and peak memory of the PDF and CSV.

Fills a fresh SQLite database with one user and 2,000 applications sent in one year (the most
one report holds), each with five stage changes, a contact and the resume it was sent with,
then makes the report as the routes do (report.prepare, then render_pdf or write_csv), timing
it and measuring Python's peak allocated memory with tracemalloc (a second run: tracemalloc
slows allocation down). Writes the figures to bench/results/proof_report.json.

    .venv/bin/python -m bench.proof_report [--applications 2000]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from jobtracker import migrations
from jobtracker.applications.models import Application, StageEvent
from jobtracker.applications.stages import Stage
from jobtracker.auth import service as auth_service
from jobtracker.auth.models import User
from jobtracker.contacts.models import Contact
from jobtracker.db import build_engine, build_session_factory
from jobtracker.documents.models import DocumentKind, SentDocument
from jobtracker.insight import report
from jobtracker.insight.report_pdf import render_pdf
from jobtracker.insight.report_schemas import ReportRange

RESULTS = Path(__file__).parent / "results" / "proof_report.json"
YEAR = date(2026, 1, 1)
HISTORY = (Stage.WISHLIST, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.REJECTED)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=report.MAX_REPORT_APPLICATIONS)
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def fill(session: Session, user: User, count: int) -> None:
    """Rows written straight to the tables: the service would take minutes for 10,000 events."""
    for number in range(count):
        applied = YEAR + timedelta(days=number * 365 // count)
        created = datetime.combine(applied, datetime.min.time(), UTC) - timedelta(days=3)
        application_id = session.execute(
            insert(Application)
            .values(
                owner_id=user.id,
                company=f"Company {number} GmbH",
                role="Backend Engineer (Python, PostgreSQL)",
                stage=Stage.REJECTED,
                source="LinkedIn",
                job_url=f"https://jobs.example.com/company-{number}/backend-engineer",
                location="Berlin",
                applied_on=applied,
                created_at=created,
                updated_at=created,
            )
            .returning(Application.id)
        ).scalar_one()
        # The history written here replaces the first event the database recorded (0011).
        session.execute(delete(StageEvent).where(StageEvent.application_id == application_id))
        session.execute(
            insert(StageEvent),
            [
                {
                    "application_id": application_id,
                    "owner_id": user.id,
                    "from_stage": HISTORY[step - 1] if step else None,
                    "to_stage": stage,
                    "at": created + timedelta(days=3 * step, hours=9),
                }
                for step, stage in enumerate(HISTORY)
            ],
        )
        session.add(
            Contact(
                owner_id=user.id,
                application_id=application_id,
                name="Jana Schulz",
                role="Recruiter",
                email="jana@example.com",
            )
        )
        session.add(
            SentDocument(
                application_id=application_id,
                kind=DocumentKind.RESUME,
                owner_id=user.id,
                filename="resume-2026.pdf",
            )
        )
    session.commit()


def measure(make: Callable[[], bytes]) -> tuple[bytes, dict[str, Any]]:
    started, cpu_started = time.perf_counter(), time.process_time()
    content = make()
    figures: dict[str, Any] = {
        "seconds": round(time.perf_counter() - started, 2),
        "cpu_seconds": round(time.process_time() - cpu_started, 2),
        "bytes": len(content),
    }
    tracemalloc.start()
    make()
    figures["peak_memory_mib"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    tracemalloc.stop()
    return content, figures


def run(url: str, count: int) -> dict[str, Any]:
    engine = build_engine(url)
    factory = build_session_factory(engine)
    with factory() as session:
        user = auth_service.add_account(
            session,
            email="bench@report.example",
            password="benchmark password",  # noqa: S106 - a throwaway account
            display_name="Bench Person",
        )
        session.commit()
        fill(session, user, count)
        user_id = user.id
    whole_year = ReportRange(date_from=YEAR, date_to=date(2026, 12, 31))

    def made_with(write: Callable[[report.ProofOfSearch], bytes]) -> Callable[[], bytes]:
        def make() -> bytes:
            with factory() as session:
                user = session.get(User, user_id)
                assert user is not None
                return write(report.prepare(session, user, whole_year))

        return make

    pdf, pdf_figures = measure(made_with(render_pdf))
    pdf_figures["pages"] = len(PdfReader(io.BytesIO(pdf)).pages)
    _csv, csv_figures = measure(made_with(report.write_csv))
    engine.dispose()
    return {"pdf": pdf_figures, "csv": csv_figures}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        migrations.upgrade(url)
        results = run(url, arguments.applications)
    for name, figures in results.items():
        print(f"{arguments.applications} applications  {name}: {figures}")
    arguments.output.write_text(
        json.dumps(
            {
                "benchmark": "GET /api/reports/proof.pdf and proof.csv (bench/proof_report.py)",
                "database": "sqlite",
                "applications": arguments.applications,
                "stage_changes_per_application": len(HISTORY),
                "results": results,
                "machine": {
                    "python": sys.version.split()[0],
                    "platform": platform.platform(),
                    "cpus": os.cpu_count(),
                    "load_average_at_start": os.getloadavg()[0],
                },
                "measured_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            },
            indent=2,
        )
        + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
