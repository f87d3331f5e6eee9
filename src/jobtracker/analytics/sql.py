"""SQL the two databases spell differently: calendar days and buckets, durations, medians.

Each helper is one expression or query for both databases, so the analytics service keeps a
single code path; only the SQL text differs, chosen when the statement is compiled.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Float, SQLColumnExpression, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class _WeekStart(FunctionElement[date]):
    type = Date()
    inherit_cache = True
    name = "week_start"


class _MonthStart(FunctionElement[date]):
    type = Date()
    inherit_cache = True
    name = "month_start"


class _SecondsBetween(FunctionElement[float]):
    type = Float()
    inherit_cache = True
    name = "seconds_between"


def week_start(day: SQLColumnExpression[Any]) -> ColumnElement[date]:
    """The Monday of the ISO week a date falls in."""
    return _WeekStart(day)


def month_start(day: SQLColumnExpression[Any]) -> ColumnElement[date]:
    """The first day of the month a date falls in."""
    return _MonthStart(day)


def seconds_between(
    start: SQLColumnExpression[Any], end: SQLColumnExpression[Any]
) -> ColumnElement[float]:
    """Seconds from one stored moment to a later one, as a float; NULL if either is NULL."""
    return _SecondsBetween(start, end)


def _argument(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    (argument,) = element.clauses
    return compiler.process(argument, **kw)


def _arguments(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(argument, **kw) for argument in element.clauses]


# PostgreSQL. Casting to timestamp without time zone first keeps the session's TimeZone
# setting out of the answer; stored moments are UTC.
@compiles(_WeekStart, "postgresql")
def _week_start_postgresql(element: _WeekStart, compiler: SQLCompiler, **kw: Any) -> str:
    return (
        f"CAST(date_trunc('week', CAST({_argument(element, compiler, **kw)} AS TIMESTAMP)) AS DATE)"
    )


@compiles(_MonthStart, "postgresql")
def _month_start_postgresql(element: _MonthStart, compiler: SQLCompiler, **kw: Any) -> str:
    day = _argument(element, compiler, **kw)
    return f"CAST(date_trunc('month', CAST({day} AS TIMESTAMP)) AS DATE)"


@compiles(_SecondsBetween, "postgresql")
def _seconds_between_postgresql(element: _SecondsBetween, compiler: SQLCompiler, **kw: Any) -> str:
    # date_part answers a double precision; EXTRACT answers numeric, several times slower.
    start, end = _arguments(element, compiler, **kw)
    return f"date_part('epoch', {end} - {start})"


# SQLite keeps UTC moments as 'YYYY-MM-DD HH:MM:SS.ffffff' text, which its date functions read.
@compiles(_WeekStart, "sqlite")
def _week_start_sqlite(element: _WeekStart, compiler: SQLCompiler, **kw: Any) -> str:
    # 'weekday 0' moves forward to the next Sunday (or stays on one); six days back is Monday.
    return f"date({_argument(element, compiler, **kw)}, 'weekday 0', '-6 days')"


@compiles(_MonthStart, "sqlite")
def _month_start_sqlite(element: _MonthStart, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({_argument(element, compiler, **kw)}, 'start of month')"


@compiles(_SecondsBetween, "sqlite")
def _seconds_between_sqlite(element: _SecondsBetween, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = _arguments(element, compiler, **kw)
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


def median_of(dialect: str, column: ColumnElement[float]) -> ColumnElement[float]:
    """The median of one column of a CTE, NULLs left out, for a query that aggregates the CTE.

    The enclosing query must aggregate every row of the CTE once (it may join each to one row
    of another table). PostgreSQL's percentile_cont is then an aggregate like any other. SQLite
    has no median, so there it is a subquery of its own over the whole CTE: the values ranked
    in a window, and the one or two in the middle averaged, which is what percentile_cont(0.5)
    answers too.
    """
    if dialect == "postgresql":
        return func.percentile_cont(0.5).within_group(column)
    ranked = (
        select(
            column.label("value"),
            func.row_number().over(order_by=column).label("position"),
            func.count().over().label("size"),
        )
        .where(column.is_not(None))
        .subquery()
    )
    middle = ranked.c.position.between((ranked.c.size + 1) // 2, (ranked.c.size + 2) // 2)
    # The CTE is in the enclosing query's FROM too; this median is over all of its rows.
    return select(func.avg(ranked.c.value)).where(middle).correlate(None).scalar_subquery()
