"""Throughput of the signed-in application list (50 items) beside GET /api/health, as a ratio.

Both are measured in the same way one after the other: the same server (2 uvicorn workers on
PostgreSQL), the same locust client over loopback, the same number of users sending requests
back to back. The ratio shows what authentication, the database and serialisation cost over
the bare framework; the target is 30% or more. Results go to bench/results/api.json.

    .venv/bin/python -m bench.api [--seconds 15] [--users 32] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import gevent  # type: ignore[import-untyped]
from locust import FastHttpUser, constant, events, task
from locust.env import Environment
from requests import Session

from bench.harness import RESULTS, figures, machine, prepare_database, serve

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/jobtracker_api"
PASSWORD = "api benchmark password"  # noqa: S105 - a throwaway account in a throwaway database
APPLICATIONS = 50
RATIO_TARGET = 0.30
WARMUP_SECONDS = 3.0


def sign_up_with_applications(base: str) -> str:
    """One user with 50 applications, tagged and noted like real ones; their bearer token."""
    with Session() as session:
        answer = session.post(
            f"{base}/api/auth/register",
            json={"email": "api@bench.example", "password": PASSWORD},
        )
        answer.raise_for_status()
        token: str = answer.json()["access_token"]
        session.headers["Authorization"] = f"Bearer {token}"
        for number in range(APPLICATIONS):
            body = {
                "company": f"Company {number}",
                "role": "Backend Engineer",
                "location": "Berlin",
                "tags": ["python", "remote"],
                "notes": "Referred by a friend; follow up next week." * 3,
            }
            session.post(f"{base}/api/applications", json=body).raise_for_status()
    return token


def measure(base: str, path: str, token: str, users: int, seconds: float) -> dict[str, Any]:
    """Requests per second and latency of one GET, from `users` clients without pause."""

    class Caller(FastHttpUser):
        wait_time = constant(0)
        host = base

        @task
        def call(self) -> None:
            self.client.get(path, headers={"Authorization": f"Bearer {token}"})

    environment = Environment(user_classes=[Caller], events=events)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.sleep(WARMUP_SECONDS)  # connections open, caches warm: not counted
    environment.stats.reset_all()
    gevent.sleep(seconds)
    runner.quit()
    return asdict(figures(environment.stats.total, seconds))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args(argv)
    prepare_database(args.database_url)
    with serve(args.database_url, workers=2) as base:
        token = sign_up_with_applications(base)
        health = measure(base, "/api/health", token, args.users, args.seconds)
        # Between the two: a signed-in request that reads one row, to tell costs apart.
        me = measure(base, "/api/me", token, args.users, args.seconds)
        listing = measure(base, "/api/applications?limit=50", token, args.users, args.seconds)
    ratio = round(listing["requests_per_second"] / health["requests_per_second"], 3)
    result = {
        "benchmark": "api",
        "machine": machine(args.database_url),
        "setup": {"workers": 2, "users": args.users, "seconds": args.seconds},
        "health": health,
        "signed_in_me": me,
        "application_list_50": listing,
        "ratio": ratio,
        "target_ratio": RATIO_TARGET,
        "within_target": ratio >= RATIO_TARGET,
        "errors": health["failures"] + me["failures"] + listing["failures"],
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "api.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"health {health['requests_per_second']} requests/s, /api/me "
        f"{me['requests_per_second']} requests/s, list of {APPLICATIONS} "
        f"{listing['requests_per_second']} requests/s: ratio {ratio:.0%} "
        f"(target {RATIO_TARGET:.0%})"
    )
    return 0 if result["within_target"] and not result["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
