"""Benchmark of the group dashboard at its largest, on PostgreSQL.

A group holds at most 200 people (groups/service.py), and its dashboard counts the applications
of the members who share their board, all of them together (analytics/cohort.py: the same
statements whatever the group's size; it was two per member). This fills a fresh database
with one coach and 199 members sharing their board, each with 100 applications (applied over
the last 16 weeks, in every stage), then times GET /api/groups/{id}/dashboard as a service
call and as an HTTP request through the app, counts one call's SQL statements, and
writes the figures to bench/results/group_dashboard.json.

    .venv/bin/python -m bench.group_dashboard [--database-url URL] [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from bench.harness import RESULTS, machine, prepare_database
from jobtracker.app import create_app
from jobtracker.applications import service as applications_service
from jobtracker.applications.schemas import ApplicationCreate
from jobtracker.applications.stages import Stage
from jobtracker.auth.models import Role, User
from jobtracker.auth.security import hash_password
from jobtracker.config import Settings
from jobtracker.db import build_engine, build_session_factory
from jobtracker.groups import coaching
from jobtracker.groups.models import Group, GroupMember, GroupRole, Share
from jobtracker.groups.service import MAX_MEMBERS_PER_GROUP

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/jobtracker_bench_groups"
OUTPUT = RESULTS / "group_dashboard.json"
APPLICATIONS_PER_MEMBER = 100
PASSWORD = "benchmark password"  # noqa: S105 - a throwaway account in a throwaway database
STAGES = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.REJECTED]
# What one request may take at the largest group: a coach opens the page and waits for it.
TARGET_P95_MS = 2_000


def seed(url: str, settings: Settings) -> tuple[int, int, str]:
    """The coach's id, the group's id and the coach's email."""
    engine = build_engine(url)
    sessions = build_session_factory(engine)
    rng = random.Random(26)
    today = datetime.now(UTC).date()
    password_hash = hash_password(PASSWORD)
    with sessions() as session:
        group = Group(name="Largest cohort")
        coach = User(
            email="coach@bench.example",
            display_name="Coach",
            password_hash=password_hash,
            role=Role.USER,
        )
        session.add_all([group, coach])
        session.flush()
        session.add(GroupMember(group_id=group.id, user_id=coach.id, role=GroupRole.COACH))
        for number in range(MAX_MEMBERS_PER_GROUP - 1):
            member = User(
                email=f"member{number}@bench.example",
                display_name=f"Member {number}",
                password_hash=password_hash,
            )
            session.add(member)
            session.flush()
            session.add(GroupMember(group_id=group.id, user_id=member.id, role=GroupRole.MEMBER))
            session.add(Share(group_id=group.id, member_id=member.id, board=True, documents=False))
            applications = [
                ApplicationCreate(
                    company=f"Company {index}",
                    role="Analyst",
                    stage=rng.choice(STAGES),
                    applied_on=today - timedelta(days=rng.randrange(0, 16 * 7)),
                )
                for index in range(APPLICATIONS_PER_MEMBER)
            ]
            applications_service.add_imported_batch(session, settings, member.id, applications)
        session.commit()
        ids = (coach.id, group.id, coach.email)
    engine.dispose()
    return ids


def timed(call: Callable[[], Any], runs: int) -> dict[str, float]:
    call()  # warm: the first call compiles statements and fills the pool
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    milliseconds = sorted(second * 1000 for second in seconds)
    return {
        "runs": runs,
        "median_ms": round(statistics.median(milliseconds), 1),
        "p95_ms": round(milliseconds[max(0, round(0.95 * len(milliseconds)) - 1)], 1),
        "max_ms": round(milliseconds[-1], 1),
    }


def statements_run(engine: Engine, call: Callable[[], Any]) -> int:
    """How many SQL statements one call sends: the figure that grew with the group."""
    seen: list[str] = []

    def note(_connection: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return len(seen)


def measure(url: str, runs: int) -> dict[str, Any]:
    settings = Settings(
        _env_file=None,
        database_url=url,
        scheduler_in_web=False,
        max_users=0,
        max_applications_per_user=0,
    )
    prepare_database(url)
    coach_id, group_id, coach_email = seed(url, settings)
    app = create_app(settings)
    sessions = app.state.session_factory

    def service_call() -> None:
        with sessions() as session:
            dashboard = coaching.group_dashboard(session, coach_id, group_id)
            assert dashboard.figures is not None

    with TestClient(app) as client:
        signed_in = client.post(
            "/api/auth/login", json={"email": coach_email, "password": PASSWORD}
        )
        signed_in.raise_for_status()
        client.cookies.clear()
        headers = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}

        def http_call() -> None:
            response = client.get(f"/api/groups/{group_id}/dashboard", headers=headers)
            assert response.status_code == 200, response.text

        figures = {
            "service": timed(service_call, runs),
            "http": timed(http_call, runs),
            "statements_per_service_call": statements_run(app.state.engine, service_call),
        }
    app.state.engine.dispose()
    return figures


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--runs", type=int, default=10)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    figures = measure(arguments.database_url, arguments.runs)
    result: dict[str, Any] = {
        "benchmark": "group dashboard at the largest group",
        "members_sharing": MAX_MEMBERS_PER_GROUP - 1,
        "applications_per_member": APPLICATIONS_PER_MEMBER,
        "figures": figures,
        "target": {"p95_ms": TARGET_P95_MS, "met": figures["http"]["p95_ms"] <= TARGET_P95_MS},
        "machine": machine(arguments.database_url),
    }
    OUTPUT.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result["figures"], indent=2))
    print(f"target p95 {TARGET_P95_MS} ms: {'met' if result['target']['met'] else 'missed'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
