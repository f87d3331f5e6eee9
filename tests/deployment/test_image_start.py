"""The app started exactly as the Docker image starts it serves a person's first minutes.

No container engine runs here, so the image's own CMD and ENV run as a process on this
machine, against PostgreSQL as in production.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import POSTGRES_URL
from tests.deployment.files import parse_dockerfile
from tests.deployment.processes import wait_until_ready
from tests.factories import DEFAULT_PASSWORD
from tests.live_server import free_port
from tests.scratch_database import scratch_postgres_database
from tests.security.conftest import REDIS_URL

JWT_SECRET = "image-smoke-test-secret-0123456789-abcdefghijklmnop"

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="the image runs on PostgreSQL")


def _image_command(port: int) -> list[str]:
    command = [sys.executable if word == "python" else word for word in parse_dockerfile()[-1].cmd]
    command[command.index("--port") + 1] = str(port)
    return command


def _image_environment(database_url: str, data_dir: Path) -> dict[str, str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV"}
    }
    environment.update(parse_dockerfile()[-1].env)
    environment.update(
        DATA_DIR=str(data_dir),
        DATABASE_URL=database_url,
        JWT_SECRET=JWT_SECRET,
        # As compose.yaml runs it: the image's worker processes share limits through Redis.
        REDIS_URL=REDIS_URL,
        REDIS_KEY_PREFIX=f"jobtracker-image-test:{secrets.token_hex(8)}:",
    )
    return environment


@pytest.fixture(scope="module")
def image_process(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, subprocess.Popen[str], int]]:
    """One server for the module (it takes seconds to start); the SIGTERM test comes last."""
    tmp_path = tmp_path_factory.mktemp("image")
    port = free_port()
    with scratch_postgres_database(POSTGRES_URL, "image") as database_url:
        process = subprocess.Popen(
            _image_command(port),
            cwd=tmp_path,
            env=_image_environment(database_url, tmp_path / "data"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_until_ready(base_url, process)
            yield base_url, process, port
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)


def test_image_command_serves_sign_up_create_and_list(
    image_process: tuple[str, subprocess.Popen[str], int],
) -> None:
    base_url, _process, _port = image_process
    with httpx.Client(base_url=base_url, timeout=30) as client:
        signed_up = client.post(
            "/api/auth/register", json={"email": "first@example.com", "password": DEFAULT_PASSWORD}
        )
        assert signed_up.status_code == 201, signed_up.text
        headers = {"Authorization": f"Bearer {signed_up.json()['access_token']}"}
        created = client.post(
            "/api/applications", json={"company": "Acme", "role": "Engineer"}, headers=headers
        )
        assert created.status_code == 201, created.text
        listed = client.get("/api/applications", headers=headers)
    assert listed.status_code == 200
    assert [item["company"] for item in listed.json()["items"]] == ["Acme"]
    assert listed.headers["X-Request-ID"]


def test_image_health_check_passes_against_the_running_app(
    image_process: tuple[str, subprocess.Popen[str], int],
) -> None:
    _base_url, _process, port = image_process
    healthcheck = parse_dockerfile()[-1].healthcheck
    command = [sys.executable if word == "python" else word for word in healthcheck]
    result = subprocess.run([*command, "--port", str(port)], check=False, timeout=30)
    assert result.returncode == 0


def test_image_worker_processes_share_the_sign_in_limit_through_redis(
    image_process: tuple[str, subprocess.Popen[str], int],
) -> None:
    base_url, _process, _port = image_process
    wrong = {"email": "shared-limit@example.com", "password": "not the password"}
    # Each attempt on a fresh connection, so the kernel spreads them over both workers; with
    # per-process counting the eleventh attempt would still be let through by one of them.
    statuses = [
        httpx.post(f"{base_url}/api/auth/login", json=wrong, timeout=30).status_code
        for _ in range(11)
    ]
    assert statuses == [401] * 10 + [429]


def test_image_logs_json_lines_with_request_ids_and_stops_cleanly_on_sigterm(
    image_process: tuple[str, subprocess.Popen[str], int],
) -> None:
    base_url, process, _port = image_process
    response = httpx.get(f"{base_url}/api/health", headers={"X-Request-ID": "smoke-42"})
    assert response.headers["X-Request-ID"] == "smoke-42"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=40) == 0
    output = process.stdout.read() if process.stdout else ""
    records = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert records, output
    assert any(record["request_id"] == "smoke-42" for record in records)
    assert JWT_SECRET not in output
