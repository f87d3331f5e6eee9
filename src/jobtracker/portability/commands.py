"""The operator's backup and restore commands (`python -m jobtracker backup` / `restore`)."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from jobtracker.auth import service as auth_service
from jobtracker.auth.models import User
from jobtracker.auth.schemas import RegisterRequest
from jobtracker.config import Settings
from jobtracker.db import build_engine, build_session_factory, utcnow
from jobtracker.errors import AppError
from jobtracker.portability.backup import export_backup
from jobtracker.portability.restore import read_backup, restore_backup
from jobtracker.portability.schemas import Backup
from jobtracker.validation_messages import field_label, plain_message

STDOUT = "-"


class CommandFailed(Exception):
    """A refusal to show the operator, with the exit code to leave with."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@contextmanager
def _session(settings: Settings) -> Iterator[Session]:
    engine = build_engine(settings.effective_database_url)
    try:
        with build_session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def backup_accounts(
    settings: Settings, *, email: str | None, output: str | None, out: TextIO | None = None
) -> list[str]:
    """Write one backup file per account (or the one account's); answers where each went."""
    if output is None:
        output = str(settings.data_dir / "backups")
    single_file = output == STDOUT or output.lower().endswith(".json")
    if single_file and email is None:
        raise CommandFailed("Backing up every account writes one file each: give a directory.", 2)
    written = []
    with _session(settings) as session:
        users = _accounts(session, email)
        for user in users:
            if output == STDOUT:
                _write(session, user, sys.stdout.buffer)
                written.append(STDOUT)
                continue
            target = Path(output) if single_file else Path(output) / _file_name(user)
            _write_file(session, user, target)
            print(f"{user.email}: {target}", file=out or sys.stdout)
            written.append(str(target))
    if not users:
        print("There are no accounts to back up.", file=out or sys.stdout)
    return written


def _accounts(session: Session, email: str | None) -> list[User]:
    if email is None:
        return auth_service.list_accounts(session)
    user = auth_service.find_by_email(session, email)
    if user is None:
        raise CommandFailed(f"There is no account with the email {email}.")
    return [user]


def _file_name(user: User) -> str:
    safe = re.sub(r"[^A-Za-z0-9._@-]", "_", user.email)
    return f"jobtracker-backup-{safe}-{utcnow().strftime('%Y%m%dT%H%M%SZ')}.json"


def _write(session: Session, user: User, stream: BinaryIO) -> None:
    for chunk in export_backup(session, user):
        stream.write(chunk)
    stream.flush()
    # Each account is read in a transaction of its own (one snapshot each).
    session.rollback()


def _write_file(session: Session, user: User, target: Path) -> None:
    # Written aside and renamed into place, readable by its owner only: a file that is
    # there is complete, and backups hold personal data.
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, draft = tempfile.mkstemp(dir=target.parent, prefix=".backup-", suffix=".json")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            _write(session, user, stream)
        os.replace(draft, target)
    except BaseException:
        Path(draft).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class RestoreRequest:
    backup_file: Path
    email: str
    create: bool  # make the account; it must not exist yet
    password: str | None  # for a created account; asked for when None
    display_name: str | None  # for a created account; the backup's when None


def restore_account(
    settings: Settings,
    request: RestoreRequest,
    *,
    ask_password: Callable[[], str],
    out: TextIO | None = None,
) -> None:
    """Restore a backup file into an empty account, or into a new one.

    Not held to the per-user quotas: they protect an instance from its users, and this is
    its operator.
    """
    try:
        backup = read_backup(request.backup_file.read_bytes())
    except OSError as error:
        raise CommandFailed(f"Cannot read {request.backup_file}: {error.strerror}.", 2) from None
    except AppError as error:
        raise CommandFailed(_described(error), 2) from None
    try:
        with _session(settings) as session:
            user = _account_to_fill(session, request, backup, ask_password)
            result = restore_backup(session, settings, user, backup, within_quotas=False)
            email = user.email
    except AppError as error:
        raise CommandFailed(_described(error)) from None
    print(
        f"Restored into {email}: {result.applications} applications, "
        f"{result.deliverables} deliverables, {result.contacts} contacts, "
        f"{result.writing} pieces of writing, {result.documents} documents, "
        f"{result.assistant_messages} assistant messages.",
        file=out or sys.stdout,
    )


def _account_to_fill(
    session: Session, request: RestoreRequest, backup: Backup, ask_password: Callable[[], str]
) -> User:
    user = auth_service.find_by_email(session, request.email)
    if not request.create:
        if user is None:
            raise CommandFailed(
                f"There is no account with the email {request.email}; add --create to make one."
            )
        return user
    if user is not None:
        raise CommandFailed(
            f"An account with the email {request.email} already exists; leave out --create "
            "to restore into it (it must be empty)."
        )
    account = _new_account(
        request.email,
        request.password or ask_password(),
        request.display_name or backup.user.display_name,
    )
    # Not committed yet: a restore that fails leaves no empty account behind.
    return auth_service.add_account(
        session,
        email=account.email,
        password=account.password,
        display_name=account.display_name,
    )


def _new_account(email: str, password: str, display_name: str) -> RegisterRequest:
    try:
        return TypeAdapter(RegisterRequest).validate_python(
            {"email": email, "password": password, "display_name": display_name[:100]}
        )
    except ValidationError as error:
        problems = "; ".join(
            f"{field_label(problem['loc'])}: {plain_message(problem)}" for problem in error.errors()
        )
        raise CommandFailed(f"The new account is not valid ({problems}).", 2) from None


def _described(error: AppError) -> str:
    details = "".join(f"\n  {path}: {problem}" for path, problem in error.fields.items())
    return error.message + details
