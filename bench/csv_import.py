"""Benchmark of the spreadsheet import: wall time and peak memory of 1,000 and 10,000 rows.

Builds a CSV the way another tracker exports one (status words, US dates, a salary range,
an extra column, a notes cell of about 500 bytes), then imports it through the service into
a fresh account on SQLite and on PostgreSQL, measuring wall time, CPU time and Python's peak
allocated memory (tracemalloc, in a second run: it slows every allocation). A peak that grows
far slower than the rows means the import streams its rows and writes them in batches.
Writes the figures to bench/results/csv_import.json.

    .venv/bin/python -m bench.csv_import [--rows 10000] [--postgres URL | --no-postgres]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.harness import prepare_database
from jobtracker import migrations
from jobtracker.app import create_app
from jobtracker.auth import service as auth_service
from jobtracker.config import Settings
from jobtracker.portability import csv_import

RESULTS = Path(__file__).parent / "results" / "csv_import.json"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/jobtracker_bench_import"
STATUSES = ("Submitted", "Phone Screen", "Interviewing", "Bookmarked", "Rejected", "Ghosted")
NOTES = "Spoke with the hiring manager about the platform team and its on-call rota. " * 6


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def spreadsheet(rows: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["Company", "Job Title", "Status", "Date Applied", "Salary", "Excitement", "Notes"]
    )
    for n in range(rows):
        writer.writerow(
            [
                f"Company {n}",
                "Backend Engineer",
                STATUSES[n % len(STATUSES)],
                f"{n % 12 + 1}/{n % 28 + 1}/2026",
                "$120,000 - $150,000",
                str(n % 5 + 1),
                NOTES,
            ]
        )
    return buffer.getvalue().encode()


def measure(settings: Settings, content: bytes, email: str) -> dict[str, Any]:
    """One import timed, then another into a second fresh account under tracemalloc."""
    app = create_app(settings)
    factory = app.state.session_factory
    figures: dict[str, Any] = {}
    for traced in (False, True):
        with factory() as session:
            owner = auth_service.add_account(
                session,
                email=f"{'traced-' if traced else ''}{email}",
                password="benchmark password",  # noqa: S106 - a throwaway account
                display_name="Bench",
            )
            session.commit()
            if traced:
                tracemalloc.start()
                baseline = tracemalloc.get_traced_memory()[0]
            started, cpu_started = time.perf_counter(), time.process_time()
            result = csv_import.import_applications(session, settings, owner, content, None)
            if traced:
                figures["peak_memory_mib"] = round(
                    (tracemalloc.get_traced_memory()[1] - baseline) / 2**20, 1
                )
                tracemalloc.stop()
            else:
                figures["seconds"] = round(time.perf_counter() - started, 2)
                figures["cpu_seconds"] = round(time.process_time() - cpu_started, 2)
                figures["imported"] = result.imported
    app.state.engine.dispose()
    return figures


def settings_for(url: str, directory: Path) -> Settings:
    return Settings(
        _env_file=None,
        database_url=url,
        data_dir=directory,
        jwt_secret="benchmark-secret-that-is-long-enough-0123456789",  # noqa: S106
        max_applications_per_user=0,
        static_dir=directory / "no-ui",
    )


def run(url: str, directory: Path, sizes: list[int], name: str) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for rows in sizes:
        content = spreadsheet(rows)
        figures = measure(settings_for(url, directory), content, f"{rows}@bench.example")
        figures["file_mib"] = round(len(content) / 2**20, 1)
        print(f"{name:10} {rows:>6} rows  {figures}")
        results[str(rows)] = figures
    return results


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    sizes = sorted({min(1_000, arguments.rows), arguments.rows})
    report: dict[str, Any] = {
        "benchmark": "import_applications into a fresh account per run (bench/csv_import.py)",
        "rows": arguments.rows,
        "results": {},
    }
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        migrations.upgrade(url)
        report["results"]["sqlite"] = run(url, Path(directory), sizes, "sqlite")
        if not arguments.no_postgres:
            prepare_database(arguments.postgres)
            report["results"]["postgresql"] = run(
                arguments.postgres, Path(directory), sizes, "postgresql"
            )
    report |= {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average_at_end": [round(load, 1) for load in os.getloadavg()],
        "machine": {
            "platform": platform.platform(),
            "machine": platform.machine(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
        },
    }
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
