"""When a digest is due: the latest local send time at or before now, in the user's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from jobtracker.digests.models import DigestFrequency, DigestSubscription
from jobtracker.time_zones import zone


def send_moment(day: date, hour: int, zone_name: str) -> datetime:
    """The UTC moment of `hour` o'clock on the local `day`.

    On the night clocks go forward an hour inside the gap does not exist; zoneinfo reads it
    with the offset from before the change, which lands an hour later on the new clock: the
    digest still goes once that day.
    """
    return datetime.combine(day, time(hour), tzinfo=zone(zone_name)).astimezone(UTC)


def latest_slot(subscription: DigestSubscription, zone_name: str, now: datetime) -> date | None:
    """The local date of the latest send time at or before now (None: none in the last week).

    Only the latest: a process that was down through several send times catches up once.
    """
    today = now.astimezone(zone(zone_name)).date()
    for back in range(8):
        day = today - timedelta(days=back)
        if subscription.frequency is DigestFrequency.WEEKLY and day.weekday() != (
            subscription.weekday
        ):
            continue
        if send_moment(day, subscription.hour, zone_name) <= now:
            return day
    return None


def is_due(subscription: DigestSubscription, zone_name: str, now: datetime) -> date | None:
    """The slot to send now, if there is one not sent yet."""
    if not subscription.enabled:
        return None
    slot = latest_slot(subscription, zone_name, now)
    if slot is None:
        return None
    if subscription.last_sent_for is not None and slot <= subscription.last_sent_for:
        return None
    return slot
