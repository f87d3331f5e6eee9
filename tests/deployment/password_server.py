"""A throwaway PostgreSQL server that checks passwords, as the official image's does.

The shared test server trusts every local connection, so it cannot show what a wrong
POSTGRES_PASSWORD does; this one runs from the same binaries with scram-sha-256 on a free
loopback port and is gone after the test.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.live_server import free_port

SUPERUSER = "postgres"


def server_binaries() -> Path | None:
    """The newest installed PostgreSQL's bin directory, when initdb can run from it here."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_major_version)
    if not found:
        return None
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return None  # initdb refuses root, and there is no way to become the postgres user
    return Path(found[-1]).parent


def _major_version(initdb: str) -> int:
    return int(Path(initdb).parts[-3])


@contextmanager
def password_checking_server(password: str) -> Iterator[int]:
    """Start a server whose superuser has this password; yield its port on 127.0.0.1."""
    binaries = server_binaries()
    assert binaries is not None
    home = Path(tempfile.mkdtemp(prefix="jobtracker-password-server-"))
    password_file = home / "password"
    password_file.write_text(password)
    as_owner: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
        shutil.chown(password_file, "postgres")
        as_owner = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    data = home / "data"
    pg_ctl = [*as_owner, str(binaries / "pg_ctl"), "-D", str(data)]
    try:
        subprocess.run(
            [
                *as_owner,
                str(binaries / "initdb"),
                "-D",
                str(data),
                f"--username={SUPERUSER}",
                f"--pwfile={password_file}",
                "--auth=scram-sha-256",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            [*pg_ctl, "-o", options, "-l", str(home / "log"), "-w", "start"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield port
    finally:
        subprocess.run(
            [*pg_ctl, "-m", "immediate", "stop"], check=False, capture_output=True, timeout=60
        )
        shutil.rmtree(home, ignore_errors=True)
