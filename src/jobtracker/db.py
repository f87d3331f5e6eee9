"""Database engine, the per-request session, the declarative Base and shared column types."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, Request
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    DateTime,
    Dialect,
    Engine,
    Enum,
    MetaData,
    Select,
    SQLColumnExpression,
    create_engine,
    event,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InvalidatePoolError
from sqlalchemy.orm import (
    DeclarativeBase,
    InstrumentedAttribute,
    Mapped,
    Session,
    mapped_column,
    sessionmaker,
)
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.types import TypeDecorator

from jobtracker.errors import InvalidInput

log = logging.getLogger(__name__)
RowT = TypeVar("RowT")

# Stable constraint names, so migrations can name what they drop on both databases.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Clock:
    """The server's "now". Tests pin it with `clock.frozen_at`; everything asks through utcnow."""

    def __init__(self) -> None:
        self.frozen_at: datetime | None = None

    def now(self) -> datetime:
        return self.frozen_at if self.frozen_at is not None else datetime.now(UTC)


clock = Clock()


def utcnow() -> datetime:
    return clock.now()


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both databases (SQLite has no time zone type of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(enum_class: type[StrEnum]) -> Enum:
    """A StrEnum stored as its lower-case value in a plain string column (no native enum type)."""
    return Enum(
        enum_class,
        native_enum=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


# Seconds to wait for PostgreSQL to answer a new connection. psycopg's own default is 130,
# which would hold every request that long while the database hangs instead of refusing.
CONNECT_TIMEOUT = 5


def build_engine(url: str, *, statement_timeout_seconds: float = 0) -> Engine:
    """The engine for a database URL.

    On PostgreSQL, `statement_timeout_seconds` (0: none) stops any one statement that runs
    longer, so no query a request starts outlives it; the command line (migrations, restore)
    builds its engines without one.
    """
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            # A new install has no data directory yet; SQLite won't create folders itself.
            # If it cannot be made, connecting fails later with the usual 503, not at start.
            with contextlib.suppress(OSError):
                Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    connect_args: dict[str, Any] = {}
    parsed = make_url(url)
    if "connect_timeout" not in parsed.query:  # one in the URL wins (a slow link)
        connect_args["connect_timeout"] = CONNECT_TIMEOUT
    if parsed.get_driver_name() == "psycopg":
        # No server-side prepared statements. psycopg would prepare a query after its fifth
        # run on a connection, and after five more PostgreSQL may switch it to a generic
        # plan, made without the parameters' values: for the dashboard filtered by a tag that
        # plan is twenty times slower. Planning each query afresh takes a fraction of a ms.
        connect_args["prepare_threshold"] = None
    if statement_timeout_seconds:
        connect_args["options"] = _with_statement_timeout(
            parsed.query.get("options"), statement_timeout_seconds
        )
    engine = create_engine(
        url, pool_size=10, max_overflow=20, pool_timeout=10, connect_args=connect_args
    )
    _ping_connections_after_idle(engine)
    return engine


def _with_statement_timeout(options: str | tuple[str, ...] | None, seconds: float) -> str:
    # A startup option: set as the connection opens, so it costs no round trip per request.
    given = " ".join([options] if isinstance(options, str) else options or ())
    milliseconds = max(1, round(seconds * 1000))
    return f"{given} -c statement_timeout={milliseconds}".strip()


# A connection used this recently is trusted as it is. Under load every connection is, so
# requests skip a ping's round trip; one that sat idle long enough for the database to
# restart behind it is tested first. A connection lost mid-request still answers 503, and
# SQLAlchemy then discards the whole pool, so the requests after it reconnect.
PING_AFTER_IDLE_SECONDS = 1.0


def _ping_connections_after_idle(engine: Engine) -> None:
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def note_idle(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping_if_idle(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
            return  # new, or in use a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            # The pool drops every connection it holds (a restart ends them all), then
            # checks out again on a new one.
            raise InvalidatePoolError("the database closed the pooled connection") from error


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def build_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def autocommit(engine: Engine) -> Engine:
    """The engine, its connections in autocommit mode: no BEGIN and no ROLLBACK around reads."""
    return engine.execution_options(isolation_level="AUTOCOMMIT")


async def get_session(request: Request) -> AsyncIterator[Session]:
    # Async, so FastAPI does not hand it to a worker thread: making a Session sends nothing to
    # the database (it connects on its first query, in the route's own thread).
    factory: sessionmaker[Session] = request.app.state.session_factory
    # A GET only reads, and in READ COMMITTED each statement takes a fresh snapshot anyway:
    # autocommit sees the same data and saves two round trips per request. A long read that
    # needs one transaction asks for it (read_in_one_transaction).
    reading = request.method == "GET"
    session = factory(bind=request.app.state.reading_engine) if reading else factory()
    try:
        yield session
    finally:
        # Ending an open transaction is a ROLLBACK sent to the database: a worker thread's job,
        # on a thread outside the shared pool (as FastAPI does for dependencies' exits), or it
        # could wait behind requests that are themselves waiting for this connection and lock.
        # Otherwise (autocommit, or committed) closing only hands the connection back.
        if session.in_transaction() and not reading:
            await to_thread.run_sync(_close, session, limiter=CapacityLimiter(1))
        else:
            _close(session)


def _close(session: Session) -> None:
    try:
        session.close()
    except DBAPIError:
        # Closing runs after the answer was sent; a connection lost meanwhile (a database
        # restart) has nothing left to undo, and the pool discards it.
        log.warning("database connection lost while closing a session")


def read_in_one_transaction(session: Session, isolation_level: str = "READ COMMITTED") -> None:
    """Make the session's next queries one transaction, at this isolation level.

    On PostgreSQL a streamed read needs one (its server-side cursor lives in it), and
    REPEATABLE READ gives a whole export one snapshot. SQLite streams without one.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.rollback()  # ends what the request read so far; the level applies from here
        session.connection(execution_options={"isolation_level": isolation_level})


SessionDep = Annotated[Session, Depends(get_session)]


def page_of(
    session: Session, query: Select[RowT], ordering: Sequence[Any], *, limit: int, offset: int
) -> tuple[list[RowT], int]:
    """One page of a query's rows and their total; no count query when the page shows the end."""
    rows = list(session.scalars(query.order_by(*ordering).limit(limit).offset(offset)).all())
    if len(rows) < limit and (rows or offset == 0):
        return rows, offset + len(rows)
    return rows, session.scalar(select(func.count()).select_from(query.subquery())) or 0


def contains_text(text: str, *columns: SQLColumnExpression[str | None]) -> ColumnElement[bool]:
    """Any of the columns contains the text, whatever its case."""
    return contains_pattern(like_pattern(text), *columns)


def like_pattern(text: str) -> str:
    """The pattern that finds the text anywhere in a value, for `contains_pattern`.

    "100%" or "snake_case" in a search means those characters, not LIKE's wildcards.
    """
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains_pattern(
    pattern: str | BindParameter[str], *columns: SQLColumnExpression[str | None]
) -> ColumnElement[bool]:
    """Any of the columns matches a `like_pattern`, whatever its case (or a bound one)."""
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


def sort_order(
    sort: str,
    sortable: Mapping[str, SQLColumnExpression[Any]],
    tiebreak: SQLColumnExpression[Any],
    *,
    nulls_last: bool = False,
) -> list[Any]:
    """ORDER BY for a `sort` parameter: a key of `sortable`, "-" first for descending.

    The tiebreak (an id) keeps pages stable when many rows share the sort value.
    """
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    if key not in sortable:
        choices = ", ".join(sorted(sortable))
        raise InvalidInput(f"Cannot sort by {key!r}.", fields={"sort": f"one of {choices}"})
    column = sortable[key]
    primary = column.desc() if descending else column.asc()
    return [
        primary.nulls_last() if nulls_last else primary,
        tiebreak.desc() if descending else tiebreak.asc(),
    ]


def tag_counts(
    session: Session,
    name: InstrumentedAttribute[str],
    owner: InstrumentedAttribute[int],
    owner_id: int,
    *,
    limit: int = 500,
) -> list[tuple[str, int]]:
    """Each tag name in a tag table the owner uses, and how often; the most used first."""
    count = func.count()
    rows = session.execute(
        select(name, count)
        .where(owner == owner_id)
        .group_by(name)
        .order_by(count.desc(), name)
        .limit(limit)
    )
    return [(tag, uses) for tag, uses in rows]


def lock_row(session: Session, table: Any, row_id: int) -> None:
    """Serialise writers on one row until the transaction ends.

    A no-op UPDATE takes PostgreSQL's row lock and SQLite's write lock alike, so a
    count-then-insert that follows it cannot race another one on either database.
    """
    session.execute(update(table).where(table.c.id == row_id).values(id=table.c.id))
