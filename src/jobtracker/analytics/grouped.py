"""Results by group: the dashboard's response, interview and offer rates by resume version,
source, work mode and month applied, each with its 95% interval, and what stands out.

The counts come from one statement (`grouped_queries`); this module names the groups, merges
sources written differently ("LinkedIn", " linkedin "), orders and caps them, and adds the
intervals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from jobtracker.analytics.grouped_queries import GroupCounts, grouped_counts
from jobtracker.analytics.intervals import wilson_interval
from jobtracker.analytics.queries import Scope
from jobtracker.analytics.schemas import (
    AnalyticsFilters,
    GroupDimension,
    GroupedDimension,
    GroupedResults,
    RateName,
    RateWithInterval,
    ResultGroup,
)
from jobtracker.analytics.service import DEFINITIONS
from jobtracker.analytics.standouts import standouts
from jobtracker.applications.stages import WorkMode
from jobtracker.db import utcnow
from jobtracker.time_zones import zone

# Below this many applications a rate's interval is too wide to say anything.
MIN_GROUP_SIZE = 5
# A table a person can read; the rest are counted as left out.
MAX_GROUPS = 24
NOT_RECORDED = ""

DIMENSION_LABELS = {
    GroupDimension.RESUME: "Resume",
    GroupDimension.SOURCE: "Source",
    GroupDimension.WORK_MODE: "Work mode",
    GroupDimension.MONTH: "Month",
}
NOT_RECORDED_LABELS = {
    GroupDimension.RESUME: "No resume recorded",
    GroupDimension.SOURCE: "Not recorded",
    GroupDimension.WORK_MODE: "Not recorded",
    GroupDimension.MONTH: "Not recorded",
}
GROUP_DEFINITIONS = {
    GroupDimension.RESUME: "The resume recorded as sent with each application, chosen when it "
    "moved to Applied. Versions of one document are numbered by upload order; a deleted "
    "resume is grouped by its file name.",
    GroupDimension.SOURCE: "Where each application was found, as recorded in its Source "
    "field; spellings that differ only in capitals or spaces count as one.",
    GroupDimension.WORK_MODE: "Each application's work mode: on-site, hybrid or remote.",
    GroupDimension.MONTH: "The month each application was applied in: its applied date, or "
    "when it first moved to Applied or a later stage, in your time zone.",
}
INTERVAL_NOTE = (
    " Each group's rate comes with a 95% Wilson score interval: the range the rate would "
    f"likely fall in with many more applications. Groups of fewer than {MIN_GROUP_SIZE} "
    "applications are too few to tell."
)
RESULTS_DEFINITION = (
    "Of the applications sent in each group, how many got a response (moved on to Screening, "
    "Interview, Offer, Accepted or Rejected), reached an interview and got an offer, by stage "
    "history, as in the rates above." + INTERVAL_NOTE
)
WORK_MODE_ORDER = [mode.value for mode in WorkMode]


@dataclass
class _Tally:
    """A group being counted up from the database's rows."""

    key: str
    label: str
    recorded: bool
    applied: int = 0
    responded: int = 0
    interviewed: int = 0
    offered: int = 0
    spellings: dict[str, int] = field(default_factory=dict)

    def add(self, counts: GroupCounts) -> None:
        self.applied += counts.applied
        self.responded += counts.responded
        self.interviewed += counts.interviewed
        self.offered += counts.offered


def grouped_results(
    session: Session,
    owner_id: int,
    filters: AnalyticsFilters,
    *,
    now: datetime | None = None,
    time_zone: str = "UTC",
) -> GroupedResults:
    """Rates by group for the owner's applications the dashboard's filters pick."""
    now = (now or utcnow()).astimezone(zone(time_zone))
    scope = Scope(owner_id, filters, session.get_bind().dialect.name, now)
    rows_by_dimension: dict[GroupDimension, list[GroupCounts]] = defaultdict(list)
    for row in grouped_counts(session, scope):
        rows_by_dimension[row.dimension].append(row)
    dimensions = [
        _dimension(dimension, rows_by_dimension[dimension]) for dimension in GroupDimension
    ]
    return GroupedResults(
        generated_at=now,
        filters=filters,
        min_group_size=MIN_GROUP_SIZE,
        dimensions=dimensions,
        standouts=standouts(dimensions),
        definition=RESULTS_DEFINITION,
        definitions={rate: DEFINITIONS[rate.value] + INTERVAL_NOTE for rate in RateName},
    )


def _dimension(dimension: GroupDimension, rows: list[GroupCounts]) -> GroupedDimension:
    tallies = _tallies(dimension, rows)
    # The largest groups are kept (by month, the latest), then listed in the dimension's order.
    kept = sorted(tallies, key=_newest_first if dimension is GroupDimension.MONTH else _by_size)
    shown, left_out = kept[:MAX_GROUPS], kept[MAX_GROUPS:]
    return GroupedDimension(
        dimension=dimension,
        label=DIMENSION_LABELS[dimension],
        groups=[_group(tally) for tally in sorted(shown, key=_ORDER[dimension])],
        groups_left_out=len(left_out),
        applications_left_out=sum(tally.applied for tally in left_out),
        definition=GROUP_DEFINITIONS[dimension],
    )


def _tallies(dimension: GroupDimension, rows: Iterable[GroupCounts]) -> list[_Tally]:
    tallies: dict[str, _Tally] = {}
    for row in rows:
        key, label = _name(dimension, row)
        tally = tallies.get(key)
        if tally is None:
            tally = tallies[key] = _Tally(key, label, recorded=key != NOT_RECORDED)
        tally.add(row)
        tally.spellings[label] = tally.spellings.get(label, 0) + row.applied
    for tally in tallies.values():
        # Sources merged from several spellings are called by the one used most.
        tally.label = min(tally.spellings, key=lambda label: (-tally.spellings[label], label))
    return list(tallies.values())


def _name(dimension: GroupDimension, row: GroupCounts) -> tuple[str, str]:
    """The group's key and label for one row of counts."""
    if dimension is GroupDimension.RESUME:
        return _resume_name(row)
    if dimension is GroupDimension.SOURCE:
        written = " ".join(row.key.split())
        if not written:
            return NOT_RECORDED, NOT_RECORDED_LABELS[dimension]
        return written.casefold(), written
    if not row.key:
        return NOT_RECORDED, NOT_RECORDED_LABELS[dimension]
    if dimension is GroupDimension.WORK_MODE:
        return row.key, "On-site" if row.key == WorkMode.ONSITE else row.key.capitalize()
    return row.key, f"{date.fromisoformat(row.key):%B %Y}"


def _resume_name(row: GroupCounts) -> tuple[str, str]:
    if row.document_id is not None:
        numbered = row.versions is not None and row.versions > 1
        label = f"{row.key} (v{row.version})" if numbered else row.key
        return f"document:{row.document_id}", label
    if row.key:
        return f"file:{row.key}", f"{row.key} (deleted)"
    return NOT_RECORDED, NOT_RECORDED_LABELS[GroupDimension.RESUME]


def _by_size(tally: _Tally) -> tuple[bool, int, str]:
    return (not tally.recorded, -tally.applied, tally.label.casefold())


def _by_label(tally: _Tally) -> tuple[bool, str, str]:
    return (not tally.recorded, tally.label.casefold(), tally.key)


def _by_work_mode(tally: _Tally) -> tuple[bool, int]:
    position = WORK_MODE_ORDER.index(tally.key) if tally.key in WORK_MODE_ORDER else 0
    return (not tally.recorded, position)


def _newest_first(tally: _Tally) -> tuple[bool, int]:
    return (not tally.recorded, -date.fromisoformat(tally.key).toordinal() if tally.recorded else 0)


_ORDER: dict[GroupDimension, Callable[[_Tally], tuple[object, ...]]] = {
    GroupDimension.RESUME: _by_label,
    GroupDimension.SOURCE: _by_size,
    GroupDimension.WORK_MODE: _by_work_mode,
    GroupDimension.MONTH: _newest_first,
}


def _group(tally: _Tally) -> ResultGroup:
    return ResultGroup(
        key=tally.key,
        label=tally.label,
        recorded=tally.recorded,
        applications=tally.applied,
        too_few=tally.applied < MIN_GROUP_SIZE,
        response=_rate(tally.responded, tally.applied),
        interview=_rate(tally.interviewed, tally.applied),
        offer=_rate(tally.offered, tally.applied),
    )


def _rate(numerator: int, denominator: int) -> RateWithInterval:
    bounds = wilson_interval(numerator, denominator)
    return RateWithInterval(
        numerator=numerator,
        denominator=denominator,
        value=round(numerator / denominator, 4) if denominator else None,
        low=round(bounds.low, 4) if bounds else None,
        high=round(bounds.high, 4) if bounds else None,
    )
