"""What the browser benchmarks share: the built UI served by the app on loopback (SQLite in a
temporary directory), users with hundreds or thousands of applications restored from a
generated backup (with stage history, deliverables and tags, dated over two years), and the
Chromium they drive."""

from __future__ import annotations

import random
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from bench.analytics import TAGS, history_lengths, stage_path
from bench.harness import serve_process
from jobtracker import migrations

REPO_ROOT = Path(__file__).resolve().parents[1]
STATIC_INDEX = REPO_ROOT / "src" / "jobtracker" / "static" / "index.html"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking")
PASSWORD = "browser benchmark password"  # noqa: S105 - throwaway accounts in a throwaway database
SESSION_COOKIE = "jt_session"
CSRF_COOKIE = "jt_csrf"
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"]
ROLES = ["Backend Engineer", "Data Analyst", "Product Designer", "Site Reliability Engineer"]
LOCATIONS = ["Berlin", "London", "Remote (EU)", "Lisbon", "New York", None]
WORK_MODES = ["onsite", "hybrid", "remote", None]


@dataclass(frozen=True)
class SeededUser:
    email: str
    session_cookie: str  # the values of the jt_session and jt_csrf cookies
    csrf_cookie: str
    applications: int


def require_built_ui() -> None:
    if not STATIC_INDEX.is_file():
        raise SystemExit(f"{STATIC_INDEX} is missing: run `make ui` first")


@contextmanager
def serve_ui() -> Iterator[str]:
    """The app with its built UI on a free loopback port, on a fresh SQLite file; its base URL."""
    require_built_ui()
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{directory}/jobtracker.db"
        migrations.upgrade(url)
        with serve_process(url, workers=1) as server:
            # The instance's first account is its admin; the measured users are everyone else.
            seed_user(server.base, 0)
            yield server.base


def backup(applications: int, seed: int, now: datetime) -> dict[str, Any]:
    """A backup with `applications` applications, about four stage events each."""
    rng = random.Random(seed)
    records = []
    for number, length in enumerate(history_lengths(rng, applications, None), start=1):
        created_at = now - timedelta(days=rng.uniform(1, 730))
        moment, previous, events, applied_on = created_at, None, [], None
        for stage in stage_path(rng, length):
            if stage.value == "applied" and applied_on is None:
                applied_on = moment.date().isoformat()
            events.append({"from_stage": previous, "to_stage": stage.value, "at": _iso(moment)})
            previous = stage.value
            moment = min(moment + timedelta(days=rng.uniform(0.2, 20)), now)
        salary = rng.choice([None, 50_000, 65_000, 80_000, 95_000])
        deliverables = [
            {
                "title": rng.choice(["Cover letter", "Take-home task", "Portfolio"]),
                "kind": "cover_letter",
                "state": "not_started",
                "due_at": _iso(now + timedelta(days=rng.uniform(-5, 30))),
                "created_at": _iso(created_at),
                "updated_at": _iso(created_at),
            }
            for _ in range(rng.choice([0, 0, 1]))
        ]
        records.append(
            {
                "ref": f"a{number}",
                "company": f"{rng.choice(COMPANIES)} {number:04d}",  # no name inside another
                "role": rng.choice(ROLES),
                "stage": events[-1]["to_stage"],
                "location": rng.choice(LOCATIONS),
                "work_mode": rng.choice(WORK_MODES),
                "salary_min": salary,
                "salary_max": salary + 15_000 if salary else None,
                "salary_currency": "EUR" if salary else None,
                "applied_on": applied_on,
                "tags": rng.sample(TAGS, k=rng.choice([0, 1, 2])),
                "created_at": _iso(created_at),
                "updated_at": _iso(moment),
                "stage_events": events,
                "deliverables": deliverables,
            }
        )
    return {
        "format": "jobtracker-backup",
        "version": 1,
        "exported_at": _iso(now),
        "user": {"email": "bench@example.com", "display_name": "Bench"},
        "applications": records,
    }


def seed_user(base: str, applications: int, *, seed: int = 22) -> SeededUser:
    """A new user signed up through the API, with `applications` restored from a backup."""
    email = f"bench-{uuid.uuid4().hex[:10]}@example.com"
    with httpx.Client(base_url=base, timeout=120) as client:
        signed_up = client.post(
            "/api/auth/register",
            json={"email": email, "password": PASSWORD, "display_name": "Bench User"},
        )
        signed_up.raise_for_status()
        token = signed_up.json()["access_token"]
        if applications:
            restored = client.post(
                "/api/import/backup",
                json=backup(applications, seed, datetime.now(UTC)),
                headers={"Authorization": f"Bearer {token}"},
            )
            if restored.status_code != 201:
                raise SystemExit(f"restoring the benchmark's backup failed: {restored.text}")
        session, csrf = client.cookies.get(SESSION_COOKIE), client.cookies.get(CSRF_COOKIE)
    if not session or not csrf:
        raise SystemExit("signing up set no session or CSRF cookie")
    return SeededUser(email, session, csrf, applications)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
