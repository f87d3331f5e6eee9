"""Load test: simulated job seekers against 2 uvicorn workers on PostgreSQL, over loopback.

Each simulated user signs up, signs in, then lists, creates and edits applications and
deliverables with a second or so between actions. The run is bounded (60 s by default) and
records requests per second, p50/p95/p99 latency and errors; afterwards every record each
user was told was saved is looked up. A second, shorter run cuts the database off for 5 s in
the middle (through a TCP proxy, like a restart): requests must answer 503 while it is down
and succeed after, and again no acknowledged write may be missing. Results go to
bench/results/load.json.

    .venv/bin/python -m bench.load [--users 100] [--seconds 60] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import gevent  # type: ignore[import-untyped]
from locust import FastHttpUser, between, events, task
from locust.env import Environment
from requests import Session
from sqlalchemy import make_url
from tests.test_database_outage import DatabaseProxy

from bench.harness import RESULTS, figures, machine, prepare_database, serve

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/jobtracker_load"
PASSWORD = "load test password"  # noqa: S105 - throwaway accounts in a throwaway database
STAGES = ["wishlist", "drafting", "applied", "screening", "interview", "offer", "rejected"]
STATES = ["not_started", "in_progress", "done"]
P99_TARGET_MS = 200
SPAWN_RATE = 10  # new users per second
RAMP_TIMEOUT_SECONDS = 120


@dataclass
class Ledger:
    """What one simulated user was told was saved, to look for once the run is over."""

    token: str = ""
    ready: bool = False  # signed up and in
    # Application id -> the last acknowledged notes, then any sent since without an answer.
    notes: dict[int, list[str]] = field(default_factory=dict)
    deliverables: set[int] = field(default_factory=set)


LEDGERS: list[Ledger] = []


class JobSeeker(FastHttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.ledger = Ledger()
        LEDGERS.append(self.ledger)
        self.email = f"load-{uuid.uuid4().hex[:12]}@bench.example"
        account = {"email": self.email, "password": PASSWORD}
        self.client.post("/api/auth/register", json=account)
        self.sign_in()
        self.ledger.ready = True

    def sign_in(self) -> None:
        account = {"email": self.email, "password": PASSWORD}
        answer = self.client.post("/api/auth/login", json=account)
        if answer.status_code == 200:
            self.ledger.token = answer.json()["access_token"]

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.ledger.token}"}

    @task(4)
    def list_applications(self) -> None:
        self.client.get("/api/applications?limit=50", headers=self._auth())

    @task(2)
    def create_application(self) -> None:
        body = {"company": f"Company {random.randrange(10**6)}", "role": "Engineer"}
        answer = self.client.post("/api/applications", json=body, headers=self._auth())
        if answer.status_code == 201:
            self.ledger.notes[answer.json()["id"]] = [""]

    @task(3)
    def edit_application(self) -> None:
        if not self.ledger.notes:
            return
        application = random.choice(list(self.ledger.notes))
        notes = uuid.uuid4().hex
        self.ledger.notes[application].append(notes)
        body = {"stage": random.choice(STAGES), "notes": notes}
        answer = self.client.patch(
            f"/api/applications/{application}",
            json=body,
            headers=self._auth(),
            name="/api/applications/{id}",
        )
        if answer.status_code == 200:
            self.ledger.notes[application] = [notes]

    @task(1)
    def create_deliverable(self) -> None:
        if not self.ledger.notes:
            return
        application = random.choice(list(self.ledger.notes))
        answer = self.client.post(
            f"/api/applications/{application}/deliverables",
            json={"title": "Cover letter", "kind": "cover_letter"},
            headers=self._auth(),
            name="/api/applications/{id}/deliverables",
        )
        if answer.status_code == 201:
            self.ledger.deliverables.add(answer.json()["id"])

    @task(1)
    def edit_deliverable(self) -> None:
        if not self.ledger.deliverables:
            return
        deliverable = random.choice(list(self.ledger.deliverables))
        self.client.patch(
            f"/api/deliverables/{deliverable}",
            json={"state": random.choice(STATES)},
            headers=self._auth(),
            name="/api/deliverables/{id}",
        )

    @task(1)
    def list_deliverables(self) -> None:
        self.client.get("/api/deliverables?limit=50", headers=self._auth())


def run(base: str, users: int, seconds: float, *, during: Any = None) -> dict[str, Any]:
    """Sign the users up (the ramp), then let them work for `seconds` while `during` runs.

    Signing up and in hashes a password with argon2id, slow on purpose (about 0.2 s of CPU
    each here), so the ramp is measured apart from the steady state that follows it.
    """
    LEDGERS.clear()
    environment = Environment(user_classes=[JobSeeker], host=base, events=events)
    runner = environment.create_local_runner()
    started = time.time()
    runner.start(users, spawn_rate=min(users, SPAWN_RATE))
    deadline = started + RAMP_TIMEOUT_SECONDS
    while sum(ledger.ready for ledger in LEDGERS) < users and time.time() < deadline:
        gevent.sleep(0.1)
    ramp_seconds = time.time() - started
    ramp = {"seconds": round(ramp_seconds, 1), **summary(environment, ramp_seconds)}
    environment.stats.reset_all()
    if during is not None:
        gevent.spawn(during, environment)
    gevent.sleep(seconds)
    runner.quit()
    return {"ramp": ramp, "steady": summary(environment, seconds)}


def _all(session: Session, base: str, path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        answer = session.get(f"{base}{path}", params={"limit": 200, "offset": len(items)})
        answer.raise_for_status()
        page = answer.json()["items"]
        items += page
        if not page:
            return items


def verify(base: str) -> dict[str, int]:
    """Look up every acknowledged record of every simulated user."""
    counts = Counter[str]()
    for ledger in LEDGERS:
        if not ledger.token:
            continue
        with Session() as session:
            session.headers["Authorization"] = f"Bearer {ledger.token}"
            stored = {
                item["id"]: item["notes"] or "" for item in _all(session, base, "/api/applications")
            }
            deliverables = {item["id"] for item in _all(session, base, "/api/deliverables")}
        for application, notes in ledger.notes.items():
            counts["applications_acknowledged"] += 1
            counts["applications_missing"] += application not in stored
            counts["edits_lost"] += application in stored and stored[application] not in notes
        counts["deliverables_acknowledged"] += len(ledger.deliverables)
        counts["deliverables_missing"] += len(ledger.deliverables - deliverables)
    return dict(counts)


def summary(environment: Environment, seconds: float) -> dict[str, Any]:
    stats = environment.stats
    endpoints = {
        f"{method} {name}": asdict(figures(entry, seconds))
        for (name, method), entry in sorted(stats.entries.items())
        if entry.num_requests
    }
    errors = {f"{e.method} {e.name}: {e.error}": e.occurrences for e in stats.errors.values()}
    return {
        "total": asdict(figures(stats.total, seconds)),
        "endpoints": endpoints,
        "errors": errors,
    }


def load_run(url: str, users: int, seconds: float) -> dict[str, Any]:
    with serve(url, workers=2) as base:
        result = run(base, users, seconds)
        result["verification"] = verify(base)
    total = result["steady"]["total"]
    lost = ("applications_missing", "deliverables_missing", "edits_lost")
    result["targets"] = {
        "zero_errors": total["failures"] == 0 and result["ramp"]["total"]["failures"] == 0,
        f"p99_under_{P99_TARGET_MS}_ms": total["p99_ms"] < P99_TARGET_MS,
        "nothing_lost": not any(result["verification"].get(key) for key in lost),
    }
    return result


@dataclass
class Outage:
    """When the database was cut off and brought back, and what each request answered."""

    cut_at: float = 0.0
    back_at: float = 0.0
    answers: list[tuple[float, float, int]] = field(default_factory=list)

    def record(
        self, start_time: float, response_time: float, response: Any = None, **_: Any
    ) -> None:
        status = getattr(response, "status_code", 0) or 0
        self.answers.append((start_time, start_time + response_time / 1000, status))

    def phases(self, grace: float) -> dict[str, dict[str, int]]:
        found: dict[str, Counter[str]] = {
            "before": Counter(),
            "down": Counter(),
            "after": Counter(),
        }
        for started, ended, status in self.answers:
            if ended < self.cut_at:
                phase = "before"
            elif started >= self.cut_at and ended < self.back_at:
                phase = "down"
            elif started >= self.back_at + grace:
                phase = "after"
            else:
                continue  # in flight as the database went or came back: either answer is fine
            found[phase][str(status)] += 1
        return {phase: dict(counts) for phase, counts in found.items()}


def outage_run(url: str, users: int, seconds: float, down_seconds: float) -> dict[str, Any]:
    target = make_url(url)
    proxy = DatabaseProxy(target.host or "127.0.0.1", target.port or 5432)
    proxy.start()
    proxied = target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    outage = Outage()
    events.request.add_listener(outage.record)  # type: ignore[no-untyped-call]

    def cut(_environment: Environment) -> None:
        gevent.sleep((seconds - down_seconds) / 2)
        outage.cut_at = time.time()
        proxy.stop()
        gevent.sleep(down_seconds)
        proxy.start()
        outage.back_at = time.time()

    try:
        with serve(proxied, workers=2) as base:
            run(base, users, seconds, during=cut)  # judged by the answers in each phase
            verification = verify(base)
    finally:
        events.request.remove_listener(outage.record)  # type: ignore[no-untyped-call]
        proxy.stop()
    phases = outage.phases(grace=2.0)
    return {
        "users": users,
        "seconds": seconds,
        "database_down_seconds": down_seconds,
        "answers_by_phase": phases,
        "verification": verification,
        "targets": {
            "all_succeed_before": set(phases["before"]) <= {"200", "201"},
            "503_while_down": set(phases["down"]) == {"503"},
            "all_succeed_after": set(phases["after"]) <= {"200", "201"},
            "nothing_lost": not verification.get("applications_missing")
            and not verification.get("deliverables_missing")
            and not verification.get("edits_lost"),
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--outage-users", type=int, default=30)
    parser.add_argument("--outage-seconds", type=float, default=25)
    args = parser.parse_args(argv)
    url = args.database_url
    prepare_database(url)
    result: dict[str, Any] = {"benchmark": "load", "machine": machine(url)}
    result["load"] = {"users": args.users, "seconds": args.seconds, "workers": 2}
    result["load"] |= load_run(url, args.users, args.seconds)
    prepare_database(url)
    result["database_outage"] = outage_run(url, args.outage_users, args.outage_seconds, 5.0)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    total = result["load"]["steady"]["total"]
    print(
        f"{total['requests_per_second']} requests/s, p50 {total['p50_ms']} ms, "
        f"p95 {total['p95_ms']} ms, p99 {total['p99_ms']} ms, {total['failures']} errors; "
        f"targets {result['load']['targets']}; outage {result['database_outage']['targets']}"
    )
    met = [*result["load"]["targets"].values(), *result["database_outage"]["targets"].values()]
    return 0 if all(met) else 1


if __name__ == "__main__":
    sys.exit(main())
