"""JWT_SECRET: generated into the data directory when unset, kept across restarts, never weak."""

from __future__ import annotations

import stat

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError

from jobtracker.config import JWT_SECRET_FILE, Settings
from tests.auth.builders import another_app, me_status
from tests.factories import register_user


def test_unset_secret_is_generated_into_the_data_directory(
    app: FastAPI, settings: Settings
) -> None:
    with another_app(settings, jwt_secret="") as started:
        secret_file = settings.data_dir / JWT_SECRET_FILE

        assert secret_file.read_text().strip() == started.state.settings.jwt_secret
        assert len(started.state.settings.jwt_secret) >= 32


def test_generated_secret_file_is_readable_by_its_owner_only(
    app: FastAPI, settings: Settings
) -> None:
    with another_app(settings, jwt_secret=""):
        mode = stat.S_IMODE((settings.data_dir / JWT_SECRET_FILE).stat().st_mode)

    assert mode == 0o600


def test_restart_reuses_the_generated_secret_so_people_stay_signed_in(
    app: FastAPI, settings: Settings
) -> None:
    with another_app(settings, jwt_secret="") as first, TestClient(first) as client:
        token = register_user(client).token

    with another_app(settings, jwt_secret="") as restarted, TestClient(restarted) as client:
        assert me_status(client, token) == 200


def test_each_data_directory_gets_its_own_secret(
    app: FastAPI, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("other-data")
    with (
        another_app(settings, jwt_secret="") as first,
        another_app(settings, jwt_secret="", data_dir=elsewhere) as second,
    ):
        assert first.state.settings.jwt_secret != second.state.settings.jwt_secret


def test_a_secret_file_emptied_by_hand_stops_the_start_with_a_clear_error(
    app: FastAPI, settings: Settings
) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / JWT_SECRET_FILE).write_text("\n")

    with pytest.raises(RuntimeError, match="delete it"), another_app(settings, jwt_secret=""):
        pass


def test_a_short_jwt_secret_is_refused_with_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="at least 32 characters") as refused:
        Settings(_env_file=None, jwt_secret="hunter2")

    assert "hunter2" not in str(refused.value)  # a secret never reaches a log line
