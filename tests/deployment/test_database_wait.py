"""Starting against a database that cannot be used: the real cause, in the configured format.

Each test starts `python -m jobtracker serve` as the image does and reads what it logs.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import make_url

from tests.conftest import POSTGRES_URL
from tests.deployment.password_server import SUPERUSER, password_checking_server, server_binaries
from tests.live_server import free_port

JWT_SECRET = "database-wait-test-secret-0123456789-abcdefghijkl"
WRONG_PASSWORD = "the-password-from-a-newer-env-file"
# Long enough that a cause which cannot heal is seen to end the start well before it.
PATIENT_WAIT_SECONDS = 60


def _serve(tmp_path: Path, database_url: str, **environment: str) -> tuple[int, str, float]:
    """Run the image's start; answer its exit code, everything it printed and how long it ran."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV"}
    }
    started = time.monotonic()
    finished = subprocess.run(
        [sys.executable, "-m", "jobtracker", "serve", "--port", str(free_port())],
        cwd=tmp_path,
        env={
            **inherited,
            "APP_ENV": "production",
            "JWT_SECRET": JWT_SECRET,
            "DATA_DIR": str(tmp_path / "data"),
            "DATABASE_URL": database_url,
            "DATABASE_WAIT_SECONDS": str(PATIENT_WAIT_SECONDS),
            **environment,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=PATIENT_WAIT_SECONDS + 30,
        check=False,
    )
    return finished.returncode, finished.stdout, time.monotonic() - started


def _json_records(output: str) -> list[dict[str, str]]:
    """Every line is one JSON record: a traceback or a plain line would fail to parse."""
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.mark.skipif(server_binaries() is None, reason="needs PostgreSQL's server binaries")
def test_wrong_database_password_stops_the_start_at_once_naming_the_cause(
    tmp_path: Path,
) -> None:
    with password_checking_server("the-password-the-volume-was-created-with") as port:
        url = f"postgresql://{SUPERUSER}:{WRONG_PASSWORD}@127.0.0.1:{port}/postgres"
        code, output, seconds = _serve(tmp_path, url)
    assert code == 1
    assert seconds < PATIENT_WAIT_SECONDS / 2, "it waited for a password to change by itself"
    errors = [record for record in _json_records(output) if record["level"] == "error"]
    assert len(errors) == 1, output
    assert f'refused the password for user "{SUPERUSER}"' in errors[0]["message"]
    assert "POSTGRES_PASSWORD" in errors[0]["message"]
    assert WRONG_PASSWORD not in output


def test_refused_connection_is_retried_then_reported_with_its_cause(tmp_path: Path) -> None:
    closed_port = free_port()
    url = f"postgresql://{SUPERUSER}:{WRONG_PASSWORD}@127.0.0.1:{closed_port}/jobtracker"
    code, output, _seconds = _serve(tmp_path, url, DATABASE_WAIT_SECONDS="2")
    assert code == 1
    records = _json_records(output)
    cause = f"nothing accepts connections at 127.0.0.1:{closed_port} (connection refused)"
    retries = [record for record in records if record["level"] == "warning"]
    assert retries, output
    assert all(cause in record["message"] for record in retries)
    assert [record["level"] for record in records if cause in record["message"]][-1] == "error"
    assert WRONG_PASSWORD not in output


def test_refused_connection_is_reported_in_plain_text_when_logs_are_text(
    tmp_path: Path,
) -> None:
    url = f"postgresql://{SUPERUSER}@127.0.0.1:{free_port()}/jobtracker"
    code, output, _seconds = _serve(tmp_path, url, DATABASE_WAIT_SECONDS="1", LOG_FORMAT="text")
    assert code == 1
    last_line = output.strip().splitlines()[-1]
    assert last_line.startswith("ERROR:")
    assert "connection refused" in last_line
    assert "Traceback" not in output


def test_server_that_never_answers_is_retried_then_reported_as_a_timeout(tmp_path: Path) -> None:
    # Listening without ever accepting: the kernel completes the handshake, nothing answers.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        url = f"postgresql://{SUPERUSER}@127.0.0.1:{port}/jobtracker?connect_timeout=2"
        code, output, _seconds = _serve(tmp_path, url, DATABASE_WAIT_SECONDS="4")
    assert code == 1
    records = _json_records(output)
    cause = f"the database at 127.0.0.1:{port} did not answer in time"
    levels = [record["level"] for record in records if cause in record["message"]]
    assert levels[0] == "warning", output  # retried: the server may still be starting
    assert levels[-1] == "error", output


@pytest.mark.skipif(not POSTGRES_URL, reason="needs the test PostgreSQL server")
def test_missing_database_stops_the_start_at_once_naming_it(tmp_path: Path) -> None:
    url = make_url(POSTGRES_URL).set(database="jobtracker_never_created")
    code, output, seconds = _serve(tmp_path, url.render_as_string(hide_password=False))
    assert code == 1
    assert seconds < PATIENT_WAIT_SECONDS / 2
    errors = [record for record in _json_records(output) if record["level"] == "error"]
    assert len(errors) == 1, output
    assert 'has no database "jobtracker_never_created"' in errors[0]["message"]
