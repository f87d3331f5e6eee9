"""Revocation is immediate everywhere: two app processes on one database, a credential ended
through one of them is refused by the other on its very next request.

Each credential is used on the other process first, so anything that process might have kept
about it is warm: no cache of who is signed in may outlive a sign-out.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.deployment.processes import wait_until_ready
from tests.live_server import free_port

PASSWORD = "a long and unusual passphrase 4 revocation"
JWT_SECRET = "revocation-test-secret-long-enough-for-hs256-0123456789"


@dataclass(frozen=True)
class TwoProcesses:
    first: str
    second: str


def _start(database_url: str, data_dir: Path) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    environment = {
        **{name: value for name, value in os.environ.items() if name in {"PATH", "HOME", "LANG"}},
        "DATABASE_URL": database_url,
        "JWT_SECRET": JWT_SECRET,
        "DATA_DIR": str(data_dir),
        "MAX_USERS": "0",
        "REGISTRATION_MAX_PER_IP": "1000",
        "REDIS_URL": "",
    }
    command = [sys.executable, "-m", "jobtracker", "serve", "--no-migrate", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--workers", "1", "--log-level", "warning"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def processes(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TwoProcesses]:
    data_dir = tmp_path_factory.mktemp("revocation")
    started = [_start(database_url, data_dir) for _ in range(2)]
    try:
        for process, base_url in started:
            wait_until_ready(base_url, process)
        yield TwoProcesses(first=started[0][1], second=started[1][1])
    finally:
        for process, _ in started:
            process.terminate()
            process.wait(timeout=30)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _me(base_url: str, token: str) -> int:
    return httpx.get(f"{base_url}/api/me", headers=_bearer(token)).status_code


def _register(processes: TwoProcesses) -> tuple[str, str]:
    """A new account, registered through the first process: its email and session token."""
    email = f"revoked-{uuid.uuid4().hex[:12]}@example.com"
    response = httpx.post(
        f"{processes.first}/api/auth/register", json={"email": email, "password": PASSWORD}
    )
    assert response.status_code == 201, response.text
    token: str = response.json()["access_token"]
    assert _me(processes.second, token) == 200
    return email, token


def _sign_in(base_url: str, email: str) -> str:
    response = httpx.post(f"{base_url}/api/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


def test_a_sign_out_on_one_process_is_refused_by_the_other(processes: TwoProcesses) -> None:
    _email, token = _register(processes)

    signed_out = httpx.post(f"{processes.first}/api/auth/logout", headers=_bearer(token))

    assert signed_out.status_code == 204
    assert _me(processes.second, token) == 401


def test_signing_out_everywhere_ends_every_session_on_every_process(
    processes: TwoProcesses,
) -> None:
    email, token = _register(processes)
    other_session = _sign_in(processes.first, email)
    assert _me(processes.first, other_session) == 200

    everywhere = httpx.post(f"{processes.second}/api/auth/logout-all", headers=_bearer(token))

    assert everywhere.status_code == 204
    assert [
        _me(base, session)
        for base in (processes.first, processes.second)
        for session in (token, other_session)
    ] == [401] * 4


def test_a_new_password_ends_the_old_sessions_on_the_other_process(
    processes: TwoProcesses,
) -> None:
    _email, token = _register(processes)

    changed = httpx.post(
        f"{processes.first}/api/auth/password",
        headers=_bearer(token),
        json={"current_password": PASSWORD, "new_password": PASSWORD + " renewed"},
    )

    assert changed.status_code == 200, changed.text
    assert _me(processes.second, token) == 401
    assert _me(processes.second, changed.json()["access_token"]) == 200


def test_a_revoked_access_token_is_refused_by_the_other_process(processes: TwoProcesses) -> None:
    _email, session_token = _register(processes)
    created = httpx.post(
        f"{processes.first}/api/tokens",
        headers=_bearer(session_token),
        json={"name": "script", "scope": "write"},
    )
    assert created.status_code == 201, created.text
    access_token = created.json()["token"]
    assert _me(processes.second, access_token) == 200

    revoked = httpx.delete(
        f"{processes.first}/api/tokens/{created.json()['id']}", headers=_bearer(session_token)
    )

    assert revoked.status_code == 204
    assert _me(processes.second, access_token) == 401


def test_a_deleted_account_is_refused_by_the_other_process(processes: TwoProcesses) -> None:
    _email, token = _register(processes)

    deleted = httpx.request(
        "DELETE", f"{processes.first}/api/me", headers=_bearer(token), json={"password": PASSWORD}
    )

    assert deleted.status_code == 204
    assert _me(processes.second, token) == 401
