"""The operator's command line on a machine that has never run the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobtracker.__main__ import main


def test_db_upgrade_creates_the_data_directory_and_the_sqlite_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "not-yet" / "data"
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setenv("JWT_SECRET", "")
    monkeypatch.chdir(tmp_path)  # no stray .env is read

    assert main(["db", "upgrade"]) == 0

    assert (data_dir / "jobtracker.sqlite3").is_file()


def test_a_configuration_mistake_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("JWT_SECRET", "")

    assert main(["db", "current"]) == 2

    error = capsys.readouterr().err
    assert "JWT_SECRET" in error
    assert "Traceback" not in error
