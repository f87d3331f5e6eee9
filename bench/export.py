"""Benchmark of the streamed exports on SQLite: peak memory of the CSV export (and the backup).

Fills a fresh SQLite database with one user and 1,000, then 10,000 applications (each with
a job description of about 2 KB, tags, and a deliverable on every second one), then reads
the whole CSV export, and the whole JSON backup, through the service and through the HTTP
route, measuring Python's peak allocated memory with tracemalloc. Memory that stays flat
from 1,000 to 10,000 rows means the export streams; the file itself is tens of megabytes.
Writes the figures to bench/results/export.json.

    .venv/bin/python -m bench.export [--rows 10000] [--output bench/results/export.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from jobtracker import migrations
from jobtracker.app import create_app
from jobtracker.applications import service as applications_service
from jobtracker.applications.schemas import ApplicationCreate
from jobtracker.applications.service import ApplicationFilters
from jobtracker.auth import service as auth_service
from jobtracker.auth.models import User
from jobtracker.auth.security import issue_token
from jobtracker.config import Settings
from jobtracker.deliverables import service as deliverables_service
from jobtracker.deliverables.schemas import DeliverableCreate
from jobtracker.portability.backup import export_backup
from jobtracker.portability.csv_export import export_applications

RESULTS = Path(__file__).parent / "results" / "export.json"
EMAIL = "bench@export.example"
DESCRIPTION = (
    "We are looking for an engineer to build and run the APIs behind our logistics "
    "platform: event-driven services in Python and PostgreSQL, observability, on-call. "
) * 12  # about 2 KB, like a real job posting


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def fill(session: Session, settings: Settings, user: User, count: int) -> None:
    """`count` more applications for the user, with deliverables on every second one."""
    start = applications_service.count_applications(session, user.id)
    applications = [
        ApplicationCreate(
            company=f"Company {start + n}",
            role="Backend Engineer",
            stage="applied",
            tags=["python", "remote", f"batch-{(start + n) // 1000}"],
            job_description=DESCRIPTION,
            notes="=SUM(A1:A9) looks like a formula and is exported as text",
            salary_min=60_000,
            salary_max=80_000,
            salary_currency="EUR",
        )
        for n in range(count)
    ]
    for first in range(0, count, 1_000):
        created = applications_service.create_applications(
            session, settings, user, applications[first : first + 1_000]
        )
        for application in created[::2]:
            deliverables_service.create_deliverable(
                session, settings, user.id, application.id, DeliverableCreate(title="Essay")
            )


def measure(chunks: Callable[[], Iterable[bytes]]) -> dict[str, Any]:
    """Time, then peak memory, of reading the chunks and throwing them away as a client would.

    Two reads: tracemalloc slows every allocation down several times, so it is off while
    the time is taken.
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    size = count = 0
    for chunk in chunks():
        size += len(chunk)
        count += 1
    seconds = time.perf_counter() - started
    # CPU time of the whole process (server and client alike); less swayed by other load.
    cpu_seconds = time.process_time() - cpu_started
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    for _chunk in chunks():
        pass
    peak = tracemalloc.get_traced_memory()[1] - baseline
    tracemalloc.stop()
    return {
        "bytes": size,
        "chunks": count,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "rows_per_cpu_second": None,
        "peak_memory_mib": round(peak / 2**20, 2),
    }


def run(settings: Settings, rows: int) -> dict[str, Any]:
    app = create_app(settings)
    factory = app.state.session_factory
    with factory() as session:
        user = auth_service.add_account(
            session,
            email=EMAIL,
            password="benchmark password",  # noqa: S106 - a throwaway account in a temporary database
            display_name="Bench",
        )
        session.commit()
        user_id = user.id
        token = issue_token(
            user.id, user.token_version, settings.signing_secret(), timedelta(hours=1)
        )
    results: dict[str, Any] = {}
    client = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    filled = 0
    for target in sorted({min(1_000, rows), rows}):
        with factory() as session:
            user = session.get(User, user_id)
            assert user is not None
            fill(session, settings, user, target - filled)
        filled = target
        figures: dict[str, Any] = {}
        for name, read in _readers(factory, client, user_id).items():
            figures[name] = measure(read)
            figures[name]["rows_per_cpu_second"] = round(target / figures[name]["cpu_seconds"])
            print(f"{target:>6} applications  {name:12} {figures[name]}")
        results[str(target)] = figures
    client.close()
    app.state.engine.dispose()
    return results


def _readers(
    factory: Callable[[], Session], client: TestClient, user_id: int
) -> dict[str, Callable[[], Iterable[bytes]]]:
    def service_csv() -> Iterable[bytes]:
        with factory() as session:
            yield from export_applications(session, user_id, ApplicationFilters())

    def service_backup() -> Iterable[bytes]:
        with factory() as session:
            user = session.get(User, user_id)
            assert user is not None
            yield from export_backup(session, user)

    def http(path: str) -> Callable[[], Iterable[bytes]]:
        def read() -> Iterable[bytes]:
            with client.stream("GET", path) as response:
                assert response.status_code == 200, response.read()
                yield from response.iter_raw()

        return read

    return {
        "csv_service": service_csv,
        "csv_http": http("/api/export/applications.csv"),
        "backup_service": service_backup,
        "backup_http": http("/api/export/backup.json"),
    }


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        migrations.upgrade(url)
        settings = Settings(
            _env_file=None,
            database_url=url,
            data_dir=Path(directory),
            jwt_secret="benchmark-secret-that-is-long-enough-0123456789",  # noqa: S106
            max_applications_per_user=0,
            static_dir=Path(directory) / "no-ui",
        )
        results = run(settings, arguments.rows)
    largest = results[str(arguments.rows)]
    report = {
        "benchmark": "GET /api/export/applications.csv and backup.json (bench/export.py)",
        "database": "sqlite",
        "rows": arguments.rows,
        "results_by_applications": results,
        "csv_peak_memory_mib_at_largest": largest["csv_http"]["peak_memory_mib"],
        "csv_megabytes_at_largest": round(largest["csv_http"]["bytes"] / 2**20, 1),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average_at_end": [round(load, 1) for load in os.getloadavg()],
        "machine": {
            "platform": platform.platform(),
            "machine": platform.machine(),
            "python": platform.python_version(),
        },
    }
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
