"""What the load and API benchmarks share: a fresh PostgreSQL database, the app served by real
uvicorn workers on loopback, a locust run measured the same way, and the machine it ran on."""

from __future__ import annotations

import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import make_url

from jobtracker import migrations

RESULTS = Path(__file__).parent / "results"
START_TIMEOUT_SECONDS = 30


def prepare_database(url: str) -> None:
    """Drop and create the benchmark's own database, then migrate it."""
    target = make_url(url)
    if not target.database or not target.database.startswith("jobtracker_"):
        raise SystemExit(f"refusing to drop {target.database!r}: use a jobtracker_* database")
    maintenance = target.set(drivername="postgresql", database="postgres")
    with psycopg.connect(maintenance.render_as_string(hide_password=False), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{target.database}"')
    migrations.upgrade(url)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class RunningServer:
    """A server started on loopback: where it answers, its process, and how long it took."""

    base: str
    process: subprocess.Popen[bytes]
    seconds_to_healthy: float


@contextmanager
def serve(
    database_url: str,
    *,
    workers: int,
    jwt_secret: str | None = None,
    environment: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """The app as production runs it (`python -m jobtracker serve`), on a free loopback port.

    `jwt_secret` lets another server accept the app's tokens; `environment` overrides the
    benchmark defaults below (a quota, say).
    """
    with serve_process(
        database_url, workers=workers, jwt_secret=jwt_secret, environment=environment
    ) as server:
        yield server.base


@contextmanager
def serve_process(
    database_url: str,
    *,
    workers: int,
    jwt_secret: str | None = None,
    environment: Mapping[str, str] | None = None,
) -> Iterator[RunningServer]:
    """As serve(), with the server's process and its start-up time."""
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        settings = {
            "DATABASE_URL": database_url,
            "JWT_SECRET": jwt_secret or secrets.token_urlsafe(48),
            "DATA_DIR": data_dir,
            "MAX_USERS": "0",
            "MAX_APPLICATIONS_PER_USER": "0",
            "REGISTRATION_MAX_PER_IP": "1000000",  # every simulated user signs up from loopback
            "REDIS_URL": "",  # each benchmark measures the app alone
            **(environment or {}),
        }
        command = [sys.executable, "-m", "jobtracker", "serve", "--no-migrate"]
        command += ["--port", str(port), "--workers", str(workers), "--log-level", "warning"]
        with run_server(command, {**os.environ, **settings}, port) as server:
            yield server


@contextmanager
def run_server(
    command: Sequence[str], environment: Mapping[str, str], port: int
) -> Iterator[RunningServer]:
    """Any HTTP server command that listens on `port` and answers GET /api/health."""
    started = time.monotonic()
    process = subprocess.Popen(command, env=dict(environment))
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base, process)
        yield RunningServer(base, process, time.monotonic() - started)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_healthy(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/api/health", timeout=1):  # noqa: S310
                return
        except OSError:
            time.sleep(0.02)  # short: the API benchmark times start-up by this loop
    raise SystemExit(f"the server did not answer on {base}")


@dataclass(frozen=True)
class Figures:
    """One locust run (or one endpoint of it), as the results files record it."""

    requests: int
    failures: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float


def figures(entry: Any, seconds: float) -> Figures:
    """From a locust StatsEntry, over a run of `seconds`."""
    return Figures(
        requests=entry.num_requests,
        failures=entry.num_failures,
        requests_per_second=round(entry.num_requests / seconds, 1),
        p50_ms=entry.get_response_time_percentile(0.5),
        p95_ms=entry.get_response_time_percentile(0.95),
        p99_ms=entry.get_response_time_percentile(0.99),
        max_ms=round(entry.max_response_time or 0, 1),
    )


def machine(database_url: str) -> dict[str, Any]:
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    conninfo = make_url(database_url).set(drivername="postgresql")
    with psycopg.connect(conninfo.render_as_string(hide_password=False)) as db:
        row = db.execute("SHOW server_version").fetchone()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu_cores": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "postgresql_version": row[0] if row else "unknown",
        "python": platform.python_version(),
        "platform": platform.platform(),
        # Other work on the machine while it ran: figures from a busy machine are lower.
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
        "note": "load generator, app and PostgreSQL share these cores over loopback",
    }


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()
