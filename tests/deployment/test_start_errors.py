"""A start that cannot succeed says why, in a sentence an operator can act on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SHORT_SECRET = "too-short-for-hs256"


def _start(tmp_path: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    """`python -m jobtracker serve` with only these settings (a new directory: no .env)."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV"}
    }
    return subprocess.run(
        [sys.executable, "-m", "jobtracker", "serve", "--port", "1"],
        cwd=tmp_path,
        env={**inherited, "DATA_DIR": str(tmp_path / "data"), **environment},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_short_jwt_secret_in_production_asks_for_a_longer_one_without_offering_generation(
    tmp_path: Path,
) -> None:
    started = _start(tmp_path, APP_ENV="production", JWT_SECRET=SHORT_SECRET)
    assert started.returncode == 2
    assert "JWT_SECRET must be at least 32 characters" in started.stderr
    assert "unset" not in started.stderr
    assert "Traceback" not in started.stderr
    assert SHORT_SECRET not in started.stderr + started.stdout


def test_short_jwt_secret_in_development_may_be_left_unset_instead(tmp_path: Path) -> None:
    started = _start(tmp_path, APP_ENV="development", JWT_SECRET=SHORT_SECRET)
    assert started.returncode == 2
    assert "leave it unset to have one generated" in started.stderr
