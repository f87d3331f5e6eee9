"""Health (the process answers) and readiness (the database answers)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from jobtracker.app import create_app
from jobtracker.config import Settings


def test_health_answers_ok(client: TestClient) -> None:
    response = client.get("/api/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_answers_ready_when_the_database_answers(client: TestClient) -> None:
    response = client.get("/api/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


def test_ready_answers_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    not_a_directory = tmp_path / "a-file"
    not_a_directory.write_text("the database's folder is a file, so it can never open")
    unreachable = Settings(
        _env_file=None,
        database_url=f"sqlite:///{not_a_directory / 'db.sqlite3'}",
        data_dir=tmp_path / "data",
        static_dir=tmp_path / "no-ui",
    )
    app = create_app(unreachable)
    try:
        with TestClient(app) as client:
            response = client.get("/api/ready")
    finally:
        app.state.engine.dispose()

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "database_unavailable"
