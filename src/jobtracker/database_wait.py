"""Waiting for the database at start, and saying in one line why it cannot be used."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from jobtracker.db import build_engine

log = logging.getLogger(__name__)

FIRST_RETRY_DELAY_SECONDS = 0.5
MAX_RETRY_DELAY_SECONDS = 5.0
COMPOSE_VOLUME_ADVICE = (
    "with Docker Compose, POSTGRES_PASSWORD only takes effect when the db volume is first "
    "created: see 'Changing the database password' in the README"
)


class DatabaseUnavailable(Exception):
    """The database cannot be used; the message says why and what to do, never the password."""


@dataclass(frozen=True)
class ConnectionProblem:
    reason: str  # what went wrong, in a person's words
    advice: str  # what to do about it
    can_heal: bool  # waiting may fix it: the server or its name is still coming up


def diagnose(error: OperationalError, url: URL) -> ConnectionProblem:
    """Name the cause behind a failed connection from the driver's message.

    psycopg reports connection failures without an SQLSTATE, so its message is all there is.
    Causes that a person must fix come first: with several addresses for one host, one may
    refuse while another rejects the password, and the rejection is the one to report.
    """
    message = str(error.orig).lower()
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    if url.get_backend_name() == "sqlite":
        return ConnectionProblem(
            f"cannot open the SQLite database {url.database} ({_first_line(error)})",
            "check that DATA_DIR is a directory this user can write to",
            can_heal=False,
        )
    if "password authentication failed" in message:
        return ConnectionProblem(
            f'the database at {where} refused the password for user "{url.username}"',
            f"set the user's real password in DATABASE_URL ({COMPOSE_VOLUME_ADVICE})",
            can_heal=False,
        )
    if "role" in message and "does not exist" in message:
        return ConnectionProblem(
            f'the database at {where} has no user "{url.username}"',
            "check the user name in DATABASE_URL",
            can_heal=False,
        )
    if "database" in message and "does not exist" in message:
        return ConnectionProblem(
            f'the database server at {where} has no database "{url.database}"',
            "create it, or check the database name at the end of DATABASE_URL",
            can_heal=False,
        )
    if "no pg_hba.conf entry" in message:
        return ConnectionProblem(
            f"the database at {where} does not accept this user from this address",
            "allow it in the server's pg_hba.conf, or check DATABASE_URL",
            can_heal=False,
        )
    if any(
        words in message
        for words in (
            "failed to resolve host",
            "could not translate host name",
            "name or service not known",
            "temporary failure in name resolution",
        )
    ):
        return ConnectionProblem(
            f'the database host "{url.host}" is unknown',
            "check the host name in DATABASE_URL",
            can_heal=True,  # in a fresh stack the database's name appears when it starts
        )
    if "connection refused" in message:
        return ConnectionProblem(
            f"nothing accepts connections at {where} (connection refused)",
            "check that the database server runs, and the host and port in DATABASE_URL",
            can_heal=True,
        )
    if "timeout expired" in message or "timed out" in message:
        return ConnectionProblem(
            f"the database at {where} did not answer in time",
            "check the host and port in DATABASE_URL, and any firewall on the way",
            can_heal=True,
        )
    if "starting up" in message or "shutting down" in message or "recovery" in message:
        return ConnectionProblem(
            f"the database at {where} is starting up", "wait for it", can_heal=True
        )
    return ConnectionProblem(
        f"the database at {where} failed: {_first_line(error)}",
        "check DATABASE_URL and the database server's log",
        can_heal=True,
    )


def _first_line(error: OperationalError) -> str:
    lines = str(error.orig).strip().splitlines() or [type(error.orig).__name__]
    return lines[0].removeprefix("connection failed: ")


def wait_for_database(database_url: str, timeout_seconds: float) -> None:
    """Retry while the database may still come up (a fresh stack starts it beside the app).

    Raises DatabaseUnavailable at once for what waiting cannot fix (a wrong password, a
    missing database), and when the time is up for the rest.
    """
    try:
        url = make_url(database_url)
        engine = build_engine(database_url)
    except ArgumentError as error:
        raise DatabaseUnavailable(
            f"DATABASE_URL is not a database address this app can use ({error}); "
            "it looks like postgresql://user:password@host:5432/name"
        ) from None
    deadline = time.monotonic() + timeout_seconds
    delay = FIRST_RETRY_DELAY_SECONDS
    try:
        while True:
            try:
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
                return
            except OperationalError as error:
                problem = diagnose(error, url)
            if not problem.can_heal:
                raise DatabaseUnavailable(
                    f"Cannot use the database: {problem.reason}; {problem.advice}."
                )
            if time.monotonic() + delay > deadline:
                raise DatabaseUnavailable(
                    f"The database did not answer within {timeout_seconds:.0f} s: "
                    f"{problem.reason}; {problem.advice} (DATABASE_WAIT_SECONDS waits longer)."
                )
            log.warning("database not reachable yet: %s; retrying in %.1f s", problem.reason, delay)
            time.sleep(delay)
            delay = min(delay * 2, MAX_RETRY_DELAY_SECONDS)
    finally:
        engine.dispose()
