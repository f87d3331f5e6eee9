"""The operator's `backup` and `restore` commands, run through `main()` as a shell would."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jobtracker.__main__ import main
from jobtracker.config import Settings
from tests.factories import DEFAULT_PASSWORD, ApiUser
from tests.portability.builders import application_count, comparable, export_backup
from tests.portability.test_backup import fill_account

# A password the policy accepts (a run of one letter is on the breached-password list).
PASSPHRASE = "a restored account's passphrase"


@pytest.fixture
def operator(monkeypatch: pytest.MonkeyPatch, settings: Settings, tmp_path: Path) -> Path:
    """The command line's environment: the tests' database; answers a working directory."""
    workdir = tmp_path / "operator"
    workdir.mkdir()
    monkeypatch.chdir(workdir)  # no stray .env is read
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("JWT_SECRET", settings.jwt_secret)
    monkeypatch.setenv("MAX_APPLICATIONS_PER_USER", "0")
    return workdir


def _read(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text())
    return document


def test_backup_writes_one_file_per_account(
    operator: Path, alice: ApiUser, bob: ApiUser, capsys: pytest.CaptureFixture[str]
) -> None:
    fill_account(alice)
    bob.create_application(company="Bob's")

    exit_code = main(["backup", "--output", "backups"])

    files = sorted((operator / "backups").glob("*.json"))
    assert exit_code == 0
    assert [path.name.split("-")[2] for path in files] == ["alice@example.com", "bob@example.com"]
    assert comparable(_read(files[0])) == comparable(export_backup(alice))
    assert comparable(_read(files[1])) == comparable(export_backup(bob))
    assert "alice@example.com" in capsys.readouterr().out


def test_backup_files_are_readable_by_their_owner_only(operator: Path, alice: ApiUser) -> None:
    main(["backup", "--output", "backups"])

    [path] = (operator / "backups").glob("*.json")
    assert path.stat().st_mode & 0o077 == 0


def test_backup_of_one_account_to_a_named_file(
    operator: Path, alice: ApiUser, bob: ApiUser
) -> None:
    alice.create_application(company="Acme")

    assert main(["backup", "--email", "Alice@Example.com", "--output", "alice.json"]) == 0

    document = _read(operator / "alice.json")
    assert document["user"]["email"] == "alice@example.com"
    assert [application["company"] for application in document["applications"]] == ["Acme"]


def test_backup_of_one_account_to_standard_output(
    operator: Path, alice: ApiUser, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    alice.create_application(company="Acme")

    assert main(["backup", "--email", "alice@example.com", "--output", "-"]) == 0

    assert json.loads(capsysbinary.readouterr().out)["applications"][0]["company"] == "Acme"


def test_backup_of_every_account_into_one_file_is_refused(operator: Path, alice: ApiUser) -> None:
    assert main(["backup", "--output", "all.json"]) == 2
    assert not (operator / "all.json").exists()


def test_backup_of_an_unknown_account_fails(
    operator: Path, alice: ApiUser, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--email", "nobody@example.com", "--output", "x.json"]) == 1
    assert "nobody@example.com" in capsys.readouterr().err


def _backup_of(user: ApiUser, operator: Path) -> Path:
    path = operator / f"{user.email}.json"
    assert main(["backup", "--email", user.email, "--output", str(path)]) == 0
    return path


def test_restore_into_an_existing_empty_account(
    operator: Path, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    fill_account(alice)
    path = _backup_of(alice, operator)
    newcomer = make_user(email="newcomer@example.com")

    exit_code = main(["restore", str(path), "--email", "newcomer@example.com"])

    assert exit_code == 0
    assert comparable(export_backup(newcomer)) == comparable(export_backup(alice))


def test_restore_with_create_makes_an_account_that_can_sign_in(
    operator: Path, alice: ApiUser, client: TestClient
) -> None:
    fill_account(alice)
    path = _backup_of(alice, operator)

    exit_code = main(
        ["restore", str(path), "--email", "moved@example.com", "--create", "--password", PASSPHRASE]
    )
    login = client.post(
        "/api/auth/login", json={"email": "moved@example.com", "password": PASSPHRASE}
    )

    assert exit_code == 0
    assert login.status_code == 200, login.text
    assert login.json()["user"]["display_name"] == "Alice"
    assert login.json()["user"]["role"] == "user"
    token = login.json()["access_token"]
    applications = client.get("/api/applications", headers={"Authorization": f"Bearer {token}"})
    assert applications.json()["total"] == 3


def test_restore_with_create_asks_for_the_password_when_not_given(
    operator: Path, alice: ApiUser, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _backup_of(alice, operator)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "typed password 123")

    assert main(["restore", str(path), "--email", "prompted@example.com", "--create"]) == 0

    login = {"email": "prompted@example.com", "password": "typed password 123"}
    assert client.post("/api/auth/login", json=login).status_code == 200


def test_restore_with_create_refuses_an_existing_account(
    operator: Path, alice: ApiUser, bob: ApiUser
) -> None:
    path = _backup_of(alice, operator)

    exit_code = main(
        ["restore", str(path), "--email", bob.email, "--create", "--password", DEFAULT_PASSWORD]
    )

    assert exit_code == 1


def test_restore_into_an_account_with_data_is_refused_and_changes_nothing(
    operator: Path, alice: ApiUser, bob: ApiUser, capsys: pytest.CaptureFixture[str]
) -> None:
    fill_account(alice)
    path = _backup_of(alice, operator)
    bob.create_application(company="Bob's")

    exit_code = main(["restore", str(path), "--email", bob.email])

    assert exit_code == 1
    assert "empty account" in capsys.readouterr().err
    assert application_count(bob) == 1


def test_restore_into_an_unknown_account_without_create_fails(
    operator: Path, alice: ApiUser
) -> None:
    path = _backup_of(alice, operator)

    assert main(["restore", str(path), "--email", "nobody@example.com"]) == 1


def test_a_failed_create_and_restore_leaves_no_account_behind(
    operator: Path, alice: ApiUser, client: TestClient
) -> None:
    path = _backup_of(alice, operator)
    document = _read(path)
    document["documents"] = [{"filename": "x"}]
    path.write_text(json.dumps(document))

    exit_code = main(
        ["restore", str(path), "--email", "ghost@example.com", "--create", "--password", PASSPHRASE]
    )
    login = client.post(
        "/api/auth/login", json={"email": "ghost@example.com", "password": PASSPHRASE}
    )

    assert exit_code == 2
    assert login.status_code == 401


def test_restore_of_a_damaged_file_names_the_problem(
    operator: Path, alice: ApiUser, bob: ApiUser, capsys: pytest.CaptureFixture[str]
) -> None:
    alice.create_application(company="Acme")
    path = _backup_of(alice, operator)
    document = _read(path)
    document["applications"][0]["stage"] = "dreaming"
    path.write_text(json.dumps(document))

    exit_code = main(["restore", str(path), "--email", bob.email])

    assert exit_code == 2
    assert "applications.0.stage" in capsys.readouterr().err
    assert application_count(bob) == 0


def test_the_operator_s_restore_is_not_held_to_the_quota(
    operator: Path,
    alice: ApiUser,
    bob: ApiUser,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for company in ["A", "B", "C"]:
        alice.create_application(company=company)
    path = _backup_of(alice, operator)
    monkeypatch.setenv("MAX_APPLICATIONS_PER_USER", "2")
    settings.max_applications_per_user = 2

    assert main(["restore", str(path), "--email", bob.email]) == 0
    assert application_count(bob) == 3
