"""Each person's time zone: where "today", "due in N days" and all-day dates are computed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Annotated, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator, StringConstraints

from jobtracker.db import utcnow

DEFAULT_ZONE = "UTC"
INVALID_ZONE = (
    "Choose a time zone from the list (an IANA name such as Europe/Paris or America/New_York)."
)


class HasTimeZone(Protocol):
    time_zone: str


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """Every IANA zone this machine knows (tzdata), for validation and the Settings list."""
    return frozenset(available_timezones())


def is_zone_name(name: str) -> bool:
    return name in zone_names()


@lru_cache(maxsize=512)
def zone(name: str | None) -> ZoneInfo:
    """The zone by name; an unknown or missing one reads as UTC rather than failing a request."""
    if name and is_zone_name(name):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return ZoneInfo(DEFAULT_ZONE)


def zone_or_default(name: str | None) -> str:
    """A browser's guess at sign-up, kept when it is a real zone, else UTC."""
    return name if name and is_zone_name(name) else DEFAULT_ZONE


def _known_zone(name: str) -> str:
    if not is_zone_name(name):
        raise ValueError(INVALID_ZONE)
    return name


# An IANA name the API accepts; anything else is refused with a sentence saying what to send.
ZoneName = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=64), AfterValidator(_known_zone)
]


def local_date(moment: datetime, zone_name: str | None) -> date:
    """The calendar day `moment` falls on where the person is."""
    return moment.astimezone(zone(zone_name)).date()


def today_for(person: HasTimeZone, now: datetime | None = None) -> date:
    """Today's date where the person is."""
    return local_date(now or utcnow(), person.time_zone)


def start_of_day(day: date, zone_name: str | None) -> datetime:
    """The UTC moment the local day begins (midnight there; DST days are 23 or 25 hours long)."""
    return datetime.combine(day, time(), tzinfo=zone(zone_name)).astimezone(UTC)


def days_until(moment: datetime, zone_name: str | None, now: datetime | None = None) -> int:
    """Calendar days from today to the day of `moment`, both where the person is: 0 is today."""
    return (local_date(moment, zone_name) - local_date(now or utcnow(), zone_name)).days


def start_of_week(day: date) -> date:
    """The Monday of the week `day` falls in."""
    return day - timedelta(days=day.weekday())
