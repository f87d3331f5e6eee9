"""The API's speed beside a reference server written the simplest way (bench/reference_server.py).

Both run with 2 workers on the same database, side by side: the app as production serves it
(uvicorn), the reference as a bare WSGI function under gunicorn. Users and applications are
made through the app's API, and both servers accept its tokens. wrk (32 connections, 2 threads)
drives six calls: health, a list of 50, a list of 5, reading one, changing a stage and creating
one. Rounds interleave the two servers call by call, the first of each pair alternating, and
the medians are reported with the workers' CPU time per request (where the time goes, as one
figure per server), each worker's memory and the time to the first answer. Results
go to bench/results/api.json; the run always exits 0 once written and says which targets held.

    .venv/bin/python -m bench.api [--databases sqlite,postgresql] [--seconds 15] [--rounds 3]
        [--calls health,list_50,...] [--database-url URL] [--output bench/results/api.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import statistics
import sys
import tempfile
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from requests import Session
from sqlalchemy import make_url

from bench import wrk
from bench.harness import (
    RESULTS,
    RunningServer,
    free_port,
    machine,
    prepare_database,
    run_server,
    serve_process,
)
from jobtracker import migrations

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/jobtracker_api"
DATABASES = ("sqlite", "postgresql")
CALLS = ("health", "list_50", "list_5", "read_one", "update_stage", "create")
SERVERS = ("ours", "reference")
PASSWORD = "api benchmark password"  # noqa: S105 - throwaway accounts in a throwaway database
WORKERS = 2
WARMUP_SECONDS = 2
COLD_STARTS = 3
REPOSITORY = Path(__file__).resolve().parent.parent
# Ours runs its quota check on every create, as a real instance with a limit does.
OURS_ENVIRONMENT = {"MAX_APPLICATIONS_PER_USER": "1000000"}
TARGETS = {
    "ours_over_reference_min": 1.0,
    "ours_over_reference_aim": 2.0,
    "ours_p99_over_p50_max": 3.0,
    "worker_rss_mib_max": 120,
    "cold_start_seconds_max": 1.5,
}


@dataclass(frozen=True)
class Accounts:
    """The benchmark's users, made through our API: tokens both servers accept."""

    fifty_token: str  # user A, 50 applications: lists, reads and updates
    fifty_ids: list[int]
    five_token: str  # user B, 5 applications
    creator_token: str  # user C, who creates


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    token: str
    mode: str  # how wrk_calls.lua builds the request: plain, update or create

    def load(self, server: RunningServer, accounts: Accounts, seconds: int) -> dict[str, Any]:
        """wrk's figures for this call, sent without pause for `seconds`, and the CPU time the
        server's workers spent per request meanwhile (where the time goes, as one number)."""
        ids = ",".join(str(application_id) for application_id in accounts.fifty_ids)
        cpu_before = worker_cpu_seconds(server.process.pid)
        figures = wrk.run(
            server.base + self.path, [self.method, self.token, self.mode, ids], seconds
        )
        cpu = worker_cpu_seconds(server.process.pid) - cpu_before
        figures["cpu_ms_per_request"] = round(1000 * cpu / max(figures["requests"], 1), 3)
        return figures


def calls_for(accounts: Accounts) -> dict[str, Call]:
    first = accounts.fifty_ids[0]
    return {
        "health": Call("GET", "/api/health", accounts.fifty_token, "plain"),
        "list_50": Call("GET", "/api/applications?limit=50", accounts.fifty_token, "plain"),
        "list_5": Call("GET", "/api/applications?limit=50", accounts.five_token, "plain"),
        "read_one": Call("GET", f"/api/applications/{first}", accounts.fifty_token, "plain"),
        "update_stage": Call("PATCH", "/api/applications", accounts.fifty_token, "update"),
        "create": Call("POST", "/api/applications", accounts.creator_token, "create"),
    }


def register(session: Session, base: str, email: str) -> str:
    answer = session.post(f"{base}/api/auth/register", json={"email": email, "password": PASSWORD})
    answer.raise_for_status()
    token: str = answer.json()["access_token"]
    return token


def create_applications(session: Session, base: str, token: str, count: int) -> list[int]:
    """`count` applications, tagged and noted like real ones; their ids."""
    ids = []
    for number in range(count):
        body = {
            "company": f"Company {number}",
            "role": "Backend Engineer",
            "location": "Berlin",
            "tags": ["python", "remote"],
            "notes": "Referred by a friend; follow up next week." * 3,
        }
        answer = session.post(
            f"{base}/api/applications", json=body, headers={"Authorization": f"Bearer {token}"}
        )
        answer.raise_for_status()
        ids.append(int(answer.json()["id"]))
    return ids


def sign_up(base: str) -> Accounts:
    with Session() as session:
        # The first account becomes the admin; A, B and C are ordinary users.
        register(session, base, "admin@bench.example")
        fifty_token = register(session, base, "fifty@bench.example")
        five_token = register(session, base, "five@bench.example")
        creator_token = register(session, base, "creator@bench.example")
        fifty_ids = create_applications(session, base, fifty_token, 50)
        create_applications(session, base, five_token, 5)
    return Accounts(fifty_token, fifty_ids, five_token, creator_token)


def reset_stages(base: str, accounts: Accounts) -> None:
    """Every one of A's applications back in "wishlist", where the update run expects them."""
    with Session() as session:
        session.headers["Authorization"] = f"Bearer {accounts.fifty_token}"
        for application_id in accounts.fifty_ids:
            url = f"{base}/api/applications/{application_id}"
            session.patch(url, json={"stage": "wishlist"}).raise_for_status()


def probe(base: str, call: Call, accounts: Accounts) -> int:
    """The status of one request shaped like the call's, to catch a route that fails outright."""
    path, body = call.path, None
    if call.mode == "update":
        path, body = f"{call.path}/{accounts.fifty_ids[0]}", {"stage": "wishlist"}
    elif call.mode == "create":
        body = {"company": "Probe Company", "role": "Backend Engineer"}
    request = urllib.request.Request(  # noqa: S310 - our own loopback server
        base + path,
        method=call.method,
        data=json.dumps(body).encode() if body else None,
        headers={"Authorization": f"Bearer {call.token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            status: int = answer.status
            return status
    except urllib.error.HTTPError as error:
        return error.code


def reference_command(port: int) -> list[str]:
    command = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    return [*command, "bench.reference_server:application"]


@contextmanager
def serve_reference(database_url: str, jwt_secret: str) -> Iterator[RunningServer]:
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "JWT_SECRET": jwt_secret,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(REPOSITORY), os.environ.get("PYTHONPATH")])
        ),
    }
    with run_server(reference_command(port), environment, port) as server:
        yield server


@contextmanager
def start(server: str, database_url: str, jwt_secret: str) -> Iterator[RunningServer]:
    if server == "ours":
        with serve_process(
            database_url, workers=WORKERS, jwt_secret=jwt_secret, environment=OURS_ENVIRONMENT
        ) as running:
            yield running
    else:
        with serve_reference(database_url, jwt_secret) as running:
            yield running


def worker_pids(server_pid: int) -> list[int]:
    """The server process's children, bar multiprocessing's helper."""
    children = []
    for task in Path(f"/proc/{server_pid}/task").iterdir():
        children += [int(pid) for pid in (task / "children").read_text().split()]
    return [
        pid
        for pid in children
        if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def worker_cpu_seconds(server_pid: int) -> float:
    """User and system CPU time the workers (all their threads) have used so far."""
    ticks = 0
    for pid in worker_pids(server_pid):
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        ticks += int(fields[11]) + int(fields[12])  # utime and stime, fields 14 and 15
    return ticks / os.sysconf("SC_CLK_TCK")


def worker_rss_mib(server_pid: int) -> list[float]:
    """VmRSS of each worker."""
    sizes = []
    for pid in worker_pids(server_pid):
        status = Path(f"/proc/{pid}/status").read_text()
        kilobytes = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))  # type: ignore[union-attr]
        sizes.append(round(kilobytes / 1024, 1))
    return sizes


def cold_starts(database_url: str, jwt_secret: str) -> dict[str, list[float]]:
    """Seconds from each server's process start to its first 200 from /api/health."""
    seconds: dict[str, list[float]] = {server: [] for server in SERVERS}
    for _ in range(COLD_STARTS):
        for server in SERVERS:
            with start(server, database_url, jwt_secret) as running:
                seconds[server].append(round(running.seconds_to_healthy, 3))
    return seconds


def measure_database(
    database_url: str, calls: Sequence[str], seconds: int, rounds: int
) -> dict[str, Any]:
    jwt_secret = secrets.token_urlsafe(48)
    with ExitStack() as stack:
        servers = {
            server: stack.enter_context(start(server, database_url, jwt_secret))
            for server in SERVERS
        }
        accounts = sign_up(servers["ours"].base)
        shaped = calls_for(accounts)
        probes = {
            f"{name}/{server}": probe(servers[server].base, shaped[name], accounts)
            for name in calls
            for server in SERVERS
        }
        for name in calls:  # connections open, caches warm: not counted
            for server in SERVERS:
                if name == "update_stage":
                    reset_stages(servers["ours"].base, accounts)
                shaped[name].load(servers[server], accounts, min(WARMUP_SECONDS, seconds))
        raw: list[dict[str, dict[str, Any]]] = []
        for number in range(rounds):
            order = SERVERS if number % 2 == 0 else SERVERS[::-1]
            figures: dict[str, dict[str, Any]] = {}
            for name in calls:
                for server in order:
                    if name == "update_stage":
                        reset_stages(servers["ours"].base, accounts)
                    result = shaped[name].load(servers[server], accounts, seconds)
                    figures.setdefault(name, {})[server] = result
            raw.append(figures)
            print(f"  round {number + 1} of {rounds} done", flush=True)
        memory = {server: worker_rss_mib(servers[server].process.pid) for server in SERVERS}
    starts = cold_starts(database_url, jwt_secret)
    return {
        "probe_status": probes,
        "rounds": raw,
        "medians": medians(raw, calls),
        "worker_rss_mib": memory,
        "cold_start_seconds": starts,
        "cold_start_median_seconds": {
            server: statistics.median(seconds) for server, seconds in starts.items()
        },
    }


def medians(raw: list[dict[str, dict[str, Any]]], calls: Sequence[str]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for name in calls:
        per_server = {}
        for server in SERVERS:
            runs = [figures[name][server] for figures in raw]
            per_server[server] = {
                "requests_per_second": round(
                    statistics.median(run["requests_per_second"] for run in runs), 1
                ),
                "p50_ms": round(statistics.median(run["p50_ms"] for run in runs), 2),
                "p99_ms": round(statistics.median(run["p99_ms"] for run in runs), 2),
                "cpu_ms_per_request": round(
                    statistics.median(run["cpu_ms_per_request"] for run in runs), 3
                ),
                "errors": sum(run["errors"] for run in runs),
            }
        ours, reference = per_server["ours"], per_server["reference"]
        summary[name] = {
            **per_server,
            "ours_over_reference": round(
                ours["requests_per_second"] / reference["requests_per_second"], 2
            ),
            "ours_p99_over_p50": round(ours["p99_ms"] / ours["p50_ms"], 2),
        }
    return summary


def targets_met(result: dict[str, Any]) -> dict[str, bool]:
    summary = result["medians"].values()
    ours_rss = result["worker_rss_mib"]["ours"]
    return {
        "ours_over_reference_min": all(
            call["ours_over_reference"] >= TARGETS["ours_over_reference_min"] for call in summary
        ),
        "ours_over_reference_aim": all(
            call["ours_over_reference"] >= TARGETS["ours_over_reference_aim"] for call in summary
        ),
        "ours_p99_over_p50_max": all(
            call["ours_p99_over_p50"] <= TARGETS["ours_p99_over_p50_max"] for call in summary
        ),
        "worker_rss_mib_max": bool(ours_rss) and max(ours_rss) <= TARGETS["worker_rss_mib_max"],
        "cold_start_seconds_max": result["cold_start_median_seconds"]["ours"]
        < TARGETS["cold_start_seconds_max"],
        "no_errors": all(call[server]["errors"] == 0 for call in summary for server in SERVERS)
        and all(200 <= status < 300 for status in result["probe_status"].values()),
    }


def report(database: str, result: dict[str, Any]) -> str:
    lines = [
        f"### {database}",
        "",
        "| call | ours req/s | reference req/s | ours ÷ it | ours p50 / p99 ms "
        "| its p50 / p99 ms | ours p99 ÷ p50 | CPU ms per request, ours / its |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, call in result["medians"].items():
        ours, reference = call["ours"], call["reference"]
        lines.append(
            f"| {name} | {ours['requests_per_second']:,.0f} "
            f"| {reference['requests_per_second']:,.0f} | {call['ours_over_reference']:.2f} "
            f"| {ours['p50_ms']:.1f} / {ours['p99_ms']:.1f} "
            f"| {reference['p50_ms']:.1f} / {reference['p99_ms']:.1f} "
            f"| {call['ours_p99_over_p50']:.1f} "
            f"| {ours['cpu_ms_per_request']:.2f} / {reference['cpu_ms_per_request']:.2f} |"
        )
    memory, starts = result["worker_rss_mib"], result["cold_start_seconds"]
    errors = {
        f"{name}/{server}": call[server]["errors"]
        for name, call in result["medians"].items()
        for server in SERVERS
        if call[server]["errors"]
    }
    failed_probes = {key: code for key, code in result["probe_status"].items() if code >= 300}
    lines += [
        "",
        f"worker RSS MiB: ours {memory['ours']}, reference {memory['reference']}",
        f"cold start s (median of {COLD_STARTS}): ours {statistics.median(starts['ours']):.2f}, "
        f"reference {statistics.median(starts['reference']):.2f}",
        f"errors: {errors or 'none'}; failed probes: {failed_probes or 'none'}",
        "targets met: "
        + ", ".join(
            f"{name} {'yes' if met else 'NO'}" for name, met in result["targets_met"].items()
        ),
    ]
    return "\n".join(lines)


@contextmanager
def database_for(database: str, postgresql_url: str) -> Iterator[str]:
    """A freshly migrated database: the PostgreSQL benchmark database, or a temporary file."""
    if database == "postgresql":
        prepare_database(postgresql_url)
        yield postgresql_url
        return
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{directory}/jobtracker.db"
        migrations.upgrade(url)
        yield url


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--databases", default=",".join(DATABASES), help="comma-separated")
    parser.add_argument("--seconds", type=int, default=15, help="per call, server and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--calls", default=",".join(CALLS), help="a comma-separated subset")
    parser.add_argument("--database-url", default=DEFAULT_URL, help="the PostgreSQL one")
    parser.add_argument("--output", type=Path, default=RESULTS / "api.json")
    args = parser.parse_args(argv)
    databases, calls = args.databases.split(","), args.calls.split(",")
    unknown = (set(databases) - set(DATABASES)) | (set(calls) - set(CALLS))
    if unknown:
        parser.error(f"unknown: {', '.join(sorted(unknown))}")
    wrk.require()
    result: dict[str, Any] = {
        "benchmark": "api",
        # Through the maintenance database: the benchmark's own may not exist yet.
        "machine": machine(
            make_url(args.database_url).set(database="postgres").render_as_string(False)
        ),
        "setup": {
            "workers": WORKERS,
            "ours": "python -m jobtracker serve (uvicorn)",
            "reference": "bench/reference_server.py under gunicorn, sync workers",
            "load_generator": f"wrk, {wrk.CONNECTIONS} connections, {wrk.THREADS} threads",
            "seconds": args.seconds,
            "rounds": args.rounds,
            "calls": calls,
        },
        "targets": TARGETS,
        "databases": {},
    }
    for database in databases:
        print(f"{database}: measuring {', '.join(calls)}", flush=True)
        with database_for(database, args.database_url) as url:
            measured = measure_database(url, calls, args.seconds, args.rounds)
        measured["targets_met"] = targets_met(measured)
        result["databases"][database] = measured
        print(report(database, measured) + "\n", flush=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
