"""`python -m jobtracker worker` runs the scheduler on its own: it sends what the web queued,
and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from jobtracker import mail, migrations
from jobtracker.db import build_engine, build_session_factory, utcnow
from jobtracker.scheduler import outbox
from tests.mail_server import HOST, MailServer, body_of, smtp_server

WAIT_SECONDS = 30


def _queue_one(database_url: str) -> None:
    engine = build_engine(database_url)
    with build_session_factory(engine)() as session:
        email = mail.Email(to="ada@example.com", subject="Queued by the web", text="Hello.\n")
        outbox.queue(session, email, kind="test", now=utcnow())
        session.commit()
    engine.dispose()


def _wait_for(mailbox: MailServer, worker: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not mailbox.messages:
        assert worker.poll() is None, worker.communicate()[1]
        assert time.monotonic() < deadline, "the worker sent nothing"
        time.sleep(0.1)


def test_the_worker_sends_the_outbox_and_stops_on_sigterm(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'worker.sqlite3'}"
    migrations.upgrade(database_url)
    _queue_one(database_url)
    with smtp_server() as mailbox:
        environment = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DATA_DIR": str(tmp_path),
            "JWT_SECRET": "worker-test-secret-that-is-long-enough-0123456789",
            "SMTP_HOST": HOST,
            "SMTP_PORT": str(mailbox.port),
            "SMTP_FROM": "Job Tracker <jobs@example.test>",
            "SMTP_SECURITY": "none",
            "PUBLIC_URL": "http://jobs.example.test",
            "SCHEDULER_INTERVAL_SECONDS": "1",
        }
        worker = subprocess.Popen(
            [sys.executable, "-m", "jobtracker", "worker"],
            cwd=tmp_path,  # no stray .env is read
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_for(mailbox, worker)
        finally:
            worker.send_signal(signal.SIGTERM)
            exit_code = worker.wait(timeout=WAIT_SECONDS)

    [message] = mailbox.messages
    assert message["Subject"] == "Queued by the web"
    assert body_of(message) == "Hello.\n"
    assert exit_code == 0
