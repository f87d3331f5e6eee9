"""The app started exactly as the Procfile starts it, behind a platform's proxy, on SQLite.

The platform's router appends the address it was reached from to X-Forwarded-For; these
tests play that router, so the left part of the header is what a client wrote.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from tests.deployment.files import procfile
from tests.deployment.processes import wait_until_ready
from tests.live_server import free_port

PER_ADDRESS_ALLOWANCE = 5


def _command(process_type: str, port: int) -> list[str]:
    words = shlex.split(procfile()[process_type].replace("$PORT", str(port)))
    return [sys.executable if word == "python" else word for word in words]


@pytest.fixture(scope="module")
def procfile_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp_path = tmp_path_factory.mktemp("procfile")
    environment = {
        name: value
        for name, value in os.environ.items()
        if name in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV", "PYTHONPATH"}
    }
    environment["DATA_DIR"] = str(tmp_path / "data")
    # A small allowance keeps the test short: each failed sign-in costs a real password hash.
    environment["LOGIN_MAX_FAILURES_PER_IP"] = str(PER_ADDRESS_ALLOWANCE)
    port = free_port()
    subprocess.run(_command("release", port), cwd=tmp_path, env=environment, check=True)
    process = subprocess.Popen(
        _command("web", port),
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base_url, process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_forged_forwarded_for_does_not_escape_the_per_address_limit(procfile_app: str) -> None:
    statuses = []
    with httpx.Client(base_url=procfile_app, timeout=30) as client:
        for attempt in range(PER_ADDRESS_ALLOWANCE + 3):
            response = client.post(
                "/api/auth/login",
                json={"email": f"guess{attempt}@example.com", "password": "not the password"},
                # A new forged address each time, then the router's own entry.
                headers={"X-Forwarded-For": f"198.51.100.{attempt}, 203.0.113.7"},
            )
            statuses.append(response.status_code)

    assert statuses == [401] * PER_ADDRESS_ALLOWANCE + [429] * 3


def test_responses_do_not_name_the_server_software(procfile_app: str) -> None:
    response = httpx.get(f"{procfile_app}/api/health")

    assert response.status_code == 200
    assert "server" not in response.headers
    assert "camera=()" in response.headers["permissions-policy"]


def test_the_served_docs_page_loads_nothing_from_another_origin(procfile_app: str) -> None:
    page = httpx.get(f"{procfile_app}/api/docs").text

    assert 'src="/api/docs/assets/swagger-ui-bundle.js"' in page
    assert "://" not in page
    assert httpx.get(f"{procfile_app}/api/docs/assets/swagger-ui.css").status_code == 200
