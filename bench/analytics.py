"""Benchmark of the analytics dashboard on PostgreSQL, at 10,000 and at 1,000 applications.

Fills a database with 1,000 users of 200 applications each, one user with 10,000 applications
and 40,000 stage events, and one with 1,000 applications and 4,000 stage events; each user has
a few resumes in versions, and most applications a source, a work mode and the resume sent
with them. Then times both requests the dashboard makes (its figures, GET /api/analytics, and
the results by group beside them, GET /api/analytics/results) as service functions and as full
HTTP requests (a real uvicorn process over loopback) for the two large users, first without
and then with the indexes proposed below, and writes the figures to
bench/results/analytics.json. The database is dropped and filled afresh unless --reuse finds
an earlier run's data.

    .venv/bin/python -m bench.analytics [--database-url URL] [--runs 50] [--reuse]

Rows are written in the order a live instance would have written them (by creation time,
across all users), so one user's rows are spread over the tables as they would be in real life.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
import sqlalchemy
from sqlalchemy import Engine, make_url, text

from jobtracker import migrations
from jobtracker.analytics import grouped, service
from jobtracker.analytics.schemas import AnalyticsFilters
from jobtracker.applications.stages import Stage
from jobtracker.auth.security import hash_password
from jobtracker.config import Settings
from jobtracker.db import build_engine, build_session_factory

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/jobtracker_bench"
RESULTS = Path(__file__).parent / "results" / "analytics.json"
PASSWORD = "benchmark password"  # noqa: S105 - a throwaway account in a throwaway database
REGULAR_USERS = 1_000
REGULAR_APPLICATIONS = 200
SERVER_NAME = "jobtracker-bench-server"
BIG = ("big@bench.example", 10_000, 40_000)
# The dashboard's two requests (its figures; the results by group, asked for when its card comes
# near the screen), each as a service call and over HTTP, and both sent at once (both_http), as
# on a screen tall enough to show the card at once.
LAYERS = ("service", "http", "results_service", "results_http", "both_http")
MEDIUM = ("medium@bench.example", 1_000, 4_000)

PIPELINE = [
    Stage.WISHLIST,
    Stage.DRAFTING,
    Stage.APPLIED,
    Stage.SCREENING,
    Stage.INTERVIEW,
    Stage.OFFER,
    Stage.ACCEPTED,
]
ENDINGS = [Stage.REJECTED, Stage.REJECTED, Stage.GHOSTED, Stage.WITHDRAWN]
# Weights of history lengths 1 to 7: about four stage events per application.
LENGTH_WEIGHTS = [10, 15, 20, 20, 15, 12, 8]
TAGS = [
    "remote",
    "python",
    "startup",
    "fintech",
    "berlin",
    "referral",
    "senior",
    "contract",
    "climate",
    "health",
]
DELIVERABLE_STATES = ["not_started", "in_progress", "done"]
# Spellings differ as people type them; the results by group merge them.
SOURCES = ["LinkedIn", "linkedin", "Referral", "Company site", "Indeed", "Job board", "", ""]
WORK_MODES = ["onsite", "hybrid", "remote", None]
# Resume families per user and versions per family; most applications went out with one.
RESUME_FAMILIES = [1, 2, 3]
RESUME_VERSIONS = [1, 2, 3, 4]
SENT_WITH_RESUME = 0.8
# What the dashboard's queries need to read one user's rows from an index alone, in order,
# instead of visiting a heap page per row. The lead turns these into migration 0003 (there,
# the deliverables one replaces ix_deliverables_owner_due, which it extends).
PROPOSED_INDEXES = {
    "ix_stage_events_owner_history": "CREATE INDEX IF NOT EXISTS ix_stage_events_owner_history "
    "ON stage_events (owner_id, application_id) INCLUDE (at, from_stage, to_stage)",
    "ix_applications_owner_applied": "CREATE INDEX IF NOT EXISTS ix_applications_owner_applied "
    "ON applications (owner_id, applied_on) INCLUDE (id, stage, created_at)",
    "ix_deliverables_owner_due_state": "CREATE INDEX IF NOT EXISTS "
    "ix_deliverables_owner_due_state ON deliverables (owner_id, due_at) "
    "INCLUDE (state, done_at, application_id)",
}


@dataclass
class Dataset:
    """Rows for every table, in the order a live instance would have inserted them."""

    users: list[tuple[Any, ...]] = field(default_factory=list)
    applications: list[tuple[Any, ...]] = field(default_factory=list)
    tags: list[tuple[Any, ...]] = field(default_factory=list)
    stage_events: list[tuple[Any, ...]] = field(default_factory=list)
    deliverables: list[tuple[Any, ...]] = field(default_factory=list)
    documents: list[tuple[Any, ...]] = field(default_factory=list)
    sent_documents: list[tuple[Any, ...]] = field(default_factory=list)


def add_resumes(
    rng: random.Random, dataset: Dataset, owner_id: int, since: datetime
) -> list[tuple[int, str]]:
    """A user's resumes, in families of versions: (document id, file name) of each."""
    resumes: list[tuple[int, str]] = []
    for family_number in range(rng.choice(RESUME_FAMILIES)):
        family_id = None
        filename = f"resume-{family_number + 1}.pdf"
        for version in range(rng.choice(RESUME_VERSIONS)):
            document_id = len(dataset.documents) + 1
            content = f"{owner_id} {filename} v{version + 1}".encode()
            uploaded_at = since + timedelta(days=rng.uniform(0, 700))
            dataset.documents.append(
                (
                    document_id,
                    owner_id,
                    filename,
                    "application/pdf",
                    "resume",
                    family_id,
                    len(content),
                    hashlib.sha256(content).hexdigest(),
                    content,
                    "",
                    uploaded_at,
                    uploaded_at,
                )
            )
            family_id = family_id or document_id
            resumes.append((document_id, filename))
    return resumes


def history_lengths(rng: random.Random, applications: int, events: int | None) -> list[int]:
    """A length per application, adjusted to add up to exactly `events` when given."""
    lengths = rng.choices(range(1, 8), weights=LENGTH_WEIGHTS, k=applications)
    if events is not None:
        total = sum(lengths)
        while total != events:
            index = rng.randrange(applications)
            step = 1 if total < events else -1
            if 1 <= lengths[index] + step <= 7:
                lengths[index] += step
                total += step
    return lengths


def stage_path(rng: random.Random, length: int) -> list[Stage]:
    ending = rng.choice(ENDINGS) if length > 1 and rng.random() < 0.6 else None
    forward = length - (1 if ending else 0)
    start = 2 if forward <= 5 and rng.random() < 0.7 else 0
    path = PIPELINE[start : start + forward]
    if len(path) > 2 and rng.random() < 0.05:
        path[-1] = path[-3]  # moved back a step, as people do after a mistaken click
    return [*path, ending] if ending else path


def generate(seed: int, now: datetime) -> Dataset:
    rng = random.Random(seed)
    owners: list[tuple[str, int, int | None]] = [
        (f"user{number}@bench.example", REGULAR_APPLICATIONS, None)
        for number in range(1, REGULAR_USERS + 1)
    ]
    owners += [BIG, MEDIUM]
    password_hash = hash_password(PASSWORD)
    dataset = Dataset()
    planned: list[tuple[datetime, int, list[Stage]]] = []
    resumes: dict[int, list[tuple[int, str]]] = {}
    for user_id, (email, applications, events) in enumerate(owners, start=1):
        role = "admin" if user_id == 1 else "user"
        joined = now - timedelta(days=800)
        dataset.users.append((user_id, email, email.split("@")[0], password_hash, role, 0, joined))
        resumes[user_id] = add_resumes(rng, dataset, user_id, joined)
        for length in history_lengths(rng, applications, events):
            created_at = now - timedelta(days=rng.uniform(1, 730))
            planned.append((created_at, user_id, stage_path(rng, length)))
    planned.sort(key=lambda plan: plan[0])
    events_to_insert: list[tuple[datetime, int, int, Stage | None, Stage]] = []
    for application_id, (created_at, owner_id, path) in enumerate(planned, start=1):
        moment, applied_on = created_at, None
        previous: Stage | None = None
        for stage in path:
            if stage is Stage.APPLIED and applied_on is None:
                applied_on = moment.date()
            events_to_insert.append((moment, application_id, owner_id, previous, stage))
            previous = stage
            moment = min(moment + timedelta(days=rng.uniform(0.2, 20)), now)
        dataset.applications.append(
            (
                application_id,
                owner_id,
                f"Company {application_id}",
                "Engineer",
                path[-1].value,
                "medium",
                applied_on,
                created_at,
                moment,
                rng.choice(SOURCES) or None,
                rng.choice(WORK_MODES),
            )
        )
        if applied_on and resumes[owner_id] and rng.random() < SENT_WITH_RESUME:
            document_id, filename = rng.choice(resumes[owner_id])
            dataset.sent_documents.append(
                (application_id, "resume", owner_id, document_id, filename, created_at)
            )
        for name in rng.sample(TAGS, k=rng.choice([0, 1, 1, 2, 3])):
            dataset.tags.append((len(dataset.tags) + 1, application_id, owner_id, name))
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            state = rng.choice(DELIVERABLE_STATES)
            due_at = now + timedelta(days=rng.uniform(-60, 30))
            done_at = due_at - timedelta(days=rng.uniform(0, 5)) if state == "done" else None
            dataset.deliverables.append(
                (
                    len(dataset.deliverables) + 1,
                    owner_id,
                    application_id,
                    "Cover letter",
                    "cover_letter",
                    state,
                    due_at,
                    done_at,
                    created_at,
                    created_at,
                )
            )
    events_to_insert.sort(key=lambda event: event[0])
    dataset.stage_events = [
        (event_id, application_id, owner_id, previous.value if previous else None, stage.value, at)
        for event_id, (at, application_id, owner_id, previous, stage) in enumerate(
            events_to_insert, start=1
        )
    ]
    return dataset


COPY_COLUMNS = {
    "users": "id, email, display_name, password_hash, role, token_version, created_at",
    "applications": "id, owner_id, company, role, stage, priority, applied_on, "
    "created_at, updated_at, source, work_mode",
    "application_tags": "id, application_id, owner_id, name",
    "stage_events": "id, application_id, owner_id, from_stage, to_stage, at",
    "deliverables": "id, owner_id, application_id, title, kind, state, due_at, done_at, "
    "created_at, updated_at",
    "documents": "id, owner_id, filename, media_type, kind, family_id, size_bytes, sha256, "
    "content, extracted_text, created_at, updated_at",
    "sent_documents": "application_id, kind, owner_id, document_id, filename, chosen_at",
}
# Tables keyed by something other than a serial id.
WITHOUT_SEQUENCE = {"sent_documents"}


def load(engine: Engine, dataset: Dataset) -> None:
    """COPY every table in, then move the id sequences past the ids written."""
    rows_by_table = {
        "users": dataset.users,
        "applications": dataset.applications,
        "application_tags": dataset.tags,
        "stage_events": dataset.stage_events,
        "deliverables": dataset.deliverables,
        "documents": dataset.documents,
        "sent_documents": dataset.sent_documents,
    }
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        assert isinstance(connection, psycopg.Connection)
        with connection.cursor() as cursor:
            # The generated history is loaded as it is: the database's own stage-history
            # triggers (0011) would add a second first event to every application.
            cursor.execute("ALTER TABLE applications DISABLE TRIGGER USER")
            for table, rows in rows_by_table.items():
                with cursor.copy(f"COPY {table} ({COPY_COLUMNS[table]}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                if table not in WITHOUT_SEQUENCE:
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {len(rows)})"
                    )
            cursor.execute("ALTER TABLE applications ENABLE TRIGGER USER")
        connection.commit()
    finally:
        raw.close()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        # What autovacuum would have done by the time anyone looks at a dashboard.
        connection.execute(text("VACUUM ANALYZE"))


def prepare_database(url: str, *, reuse: bool) -> bool:
    """Create and migrate the database; True when it already holds the benchmark's data."""
    target = make_url(url)
    maintenance = target.set(drivername="postgresql", database="postgres")
    conninfo = maintenance.render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (target.database,)
        ).fetchone()
        if exists and not reuse:
            connection.execute(f'DROP DATABASE "{target.database}" WITH (FORCE)')
        if not exists or not reuse:
            connection.execute(f'CREATE DATABASE "{target.database}"')
    migrations.upgrade(url)
    if not reuse:
        return False
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            big = connection.execute(
                text("SELECT 1 FROM users WHERE email = :email"), {"email": BIG[0]}
            )
            return big.first() is not None
    finally:
        engine.dispose()


@dataclass
class Timing:
    median_ms: float
    p95_ms: float
    min_ms: float
    max_ms: float
    runs: int
    # CPU time per request of every process doing the work: unlike the wall-clock figures,
    # it hardly changes when other work competes for the machine's cores.
    cpu_ms: float | None


def cpu_seconds(pids: Sequence[int]) -> float:
    """User and system CPU time used so far by these processes (Linux /proc)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def timed(
    action: Callable[[], object], runs: int, cpu: Callable[[], float], warmup: int = 5
) -> Timing:
    for _ in range(warmup):
        action()
    samples = []
    cpu_before = cpu()
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    cpu_used = cpu() - cpu_before
    samples.sort()
    return Timing(
        median_ms=round(statistics.median(samples), 2),
        p95_ms=round(samples[min(len(samples) - 1, round(0.95 * len(samples)) - 1)], 2),
        min_ms=round(samples[0], 2),
        max_ms=round(samples[-1], 2),
        runs=runs,
        cpu_ms=round(cpu_used * 1000 / runs, 1),
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def server(url: str) -> Iterator[tuple[str, int]]:
    """A real uvicorn process serving the app on a free port: its base URL and process id."""
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        environment = {
            **os.environ,
            # Named, so its database sessions can be told apart from the benchmark's own.
            "DATABASE_URL": make_url(url)
            .update_query_dict({"application_name": SERVER_NAME})
            .render_as_string(hide_password=False),
            "JWT_SECRET": secrets.token_urlsafe(48),
            "DATA_DIR": data_dir,
            "MAX_USERS": "0",
            "MAX_APPLICATIONS_PER_USER": "0",
        }
        command = [
            sys.executable,
            "-m",
            "jobtracker",
            "serve",
            "--no-migrate",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ]
        process = subprocess.Popen(command, env=environment)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    if httpx.get(f"{base}/api/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            yield base, process.pid
        finally:
            process.terminate()
            process.wait(timeout=10)


def user_id(engine: Engine, email: str) -> int:
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT id FROM users WHERE email = :email"), {"email": email}
        )
        return int(found.scalar_one())


def machine(engine: Engine) -> dict[str, Any]:
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    with engine.connect() as connection:
        version = connection.execute(text("SHOW server_version")).scalar_one()
        shared_buffers = connection.execute(text("SHOW shared_buffers")).scalar_one()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu_cores": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "postgresql_version": version,
        "postgresql_shared_buffers": shared_buffers,
        "python": platform.python_version(),
        "sqlalchemy": sqlalchemy.__version__,
        "platform": platform.platform(),
    }


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def table_sizes(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())  # noqa: S608
            for table in COPY_COLUMNS
        }


def backend_pids(engine: Engine, application_name: str) -> list[int]:
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT pid FROM pg_stat_activity WHERE application_name = :name"),
            {"name": application_name},
        )
        return [int(pid) for pid in found.scalars()]


def measure(url: str, runs: int) -> dict[str, Any]:
    # One connection, so the one PostgreSQL process serving it can be watched.
    engine = sqlalchemy.create_engine(url, pool_size=1, max_overflow=0)
    session_factory = build_session_factory(engine)
    with engine.connect() as connection:
        own_backend = int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())
    cases: dict[str, tuple[str, AnalyticsFilters, dict[str, Any]]] = {
        "10000_applications": (BIG[0], AnalyticsFilters(), {}),
        "1000_applications": (MEDIUM[0], AnalyticsFilters(), {}),
        "10000_applications_filtered": (
            BIG[0],
            AnalyticsFilters(date_from=date.today() - timedelta(days=365), tag=["remote"]),
            {"date_from": (date.today() - timedelta(days=365)).isoformat(), "tag": "remote"},
        ),
    }
    results: dict[str, Any] = {}
    load_before = os.getloadavg()
    with (
        server(url) as (base, server_pid),
        httpx.Client(base_url=base, timeout=30) as client,
        ThreadPoolExecutor(max_workers=1) as both_at_once,
    ):
        for name, (email, filters, params) in cases.items():
            owner_id = user_id(engine, email)

            def call_service(
                owner_id: int = owner_id, filters: AnalyticsFilters = filters
            ) -> object:
                with session_factory() as session:
                    return service.dashboard(session, owner_id, filters)

            def call_results_service(
                owner_id: int = owner_id, filters: AnalyticsFilters = filters
            ) -> object:
                with session_factory() as session:
                    return grouped.grouped_results(session, owner_id, filters)

            login = client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
            login.raise_for_status()
            headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
            client.cookies.clear()

            def call_http(
                path: str, headers: dict[str, str] = headers, params: dict[str, Any] = params
            ) -> Callable[[], object]:
                def call() -> object:
                    response = client.get(path, headers=headers, params=params)
                    response.raise_for_status()
                    return response

                return call

            def call_both(
                first: Callable[[], object] = call_http("/api/analytics"),
                second: Callable[[], object] = call_http("/api/analytics/results"),
            ) -> object:
                """Both requests sent at once, as a screen showing both cards at once sends them."""
                beside = both_at_once.submit(second)
                first()
                return beside.result()

            body = client.get("/api/analytics", headers=headers, params=params).json()
            grouped_body = client.get(
                "/api/analytics/results", headers=headers, params=params
            ).json()
            server_pids = [server_pid, *backend_pids(engine, SERVER_NAME)]

            def service_cpu() -> float:
                return time.process_time() + cpu_seconds([own_backend])

            def server_cpu(pids: list[int] = server_pids) -> float:
                return cpu_seconds(pids)

            results[name] = {
                "filters": params,
                "applications_counted": body["totals"]["applications"]["value"],
                "groups": {
                    part["dimension"]: len(part["groups"]) for part in grouped_body["dimensions"]
                },
                "service": timed(call_service, runs, service_cpu).__dict__,
                "http": timed(call_http("/api/analytics"), runs, server_cpu).__dict__,
                "results_service": timed(call_results_service, runs, service_cpu).__dict__,
                "results_http": timed(
                    call_http("/api/analytics/results"), runs, server_cpu
                ).__dict__,
            }
            call_both()  # so the server's second database connection is open and watched
            both_pids = [server_pid, *backend_pids(engine, SERVER_NAME)]

            def both_cpu(pids: list[int] = both_pids) -> float:
                return cpu_seconds(pids)

            results[name]["both_http"] = timed(call_both, runs, both_cpu).__dict__
    engine.dispose()
    # Other work on the machine slows every figure; the load average says how much there was.
    return {
        "cases": results,
        "load_average_1min": {"before": load_before[0], "after": os.getloadavg()[0]},
    }


def targets(figures: dict[str, Any]) -> dict[str, Any]:
    big, medium = figures["cases"]["10000_applications"], figures["cases"]["1000_applications"]
    return {
        "median_10000_under_50_ms": {layer: big[layer]["median_ms"] < 50 for layer in LAYERS},
        "ratio_1000_to_10000": {
            **{
                layer: round(medium[layer]["median_ms"] / big[layer]["median_ms"], 3)
                for layer in LAYERS
            },
            "at_most": 0.2,
        },
    }


def set_proposed_indexes(engine: Engine, *, present: bool) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for name, create in PROPOSED_INDEXES.items():
            connection.execute(text(create if present else f"DROP INDEX IF EXISTS {name}"))
        connection.execute(text("VACUUM ANALYZE applications, stage_events, deliverables"))


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the data of an earlier run if present"
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    url = Settings(_env_file=None, database_url=arguments.database_url).database_url
    already_filled = prepare_database(url, reuse=arguments.reuse)
    engine = build_engine(url)
    fill_seconds = None
    if not already_filled:
        started = time.perf_counter()
        dataset = generate(arguments.seed, datetime.now(UTC))
        generated = time.perf_counter()
        load(engine, dataset)
        fill_seconds = {
            "generate": round(generated - started, 1),
            "copy_and_vacuum": round(time.perf_counter() - generated, 1),
        }
        print(f"filled in {fill_seconds}")
    set_proposed_indexes(engine, present=False)
    without = measure(url, arguments.runs)
    set_proposed_indexes(engine, present=True)
    with_indexes = measure(url, arguments.runs)
    verdicts = {"without": targets(without), "with": targets(with_indexes)}
    report = {
        "benchmark": "GET /api/analytics and GET /api/analytics/results (bench/analytics.py)",
        "machine": machine(engine),
        "dataset": {
            "rows": table_sizes(engine),
            "fill_seconds": fill_seconds,
            "seed": arguments.seed,
        },
        "proposed_indexes": list(PROPOSED_INDEXES.values()),
        "without_proposed_indexes": without,
        "with_proposed_indexes": with_indexes,
        "targets": verdicts,
    }
    engine.dispose()
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(report, indent=2) + "\n")
    for label, figures in (("without", without), ("with", with_indexes)):
        print(f"{label} the proposed indexes:")
        for name, figure in figures["cases"].items():
            for layer in LAYERS:
                timing = figure[layer]
                print(
                    f"  {name:28} {layer:15} median {timing['median_ms']:7.2f} ms"
                    f"   p95 {timing['p95_ms']:7.2f} ms   cpu {timing['cpu_ms']:6.1f} ms"
                )
        print(f"  targets: {verdicts[label]}")
    print(f"written to {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
