"""Effective instance limits: the admin's run-time values over the environment's defaults."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from jobtracker.config import Settings
from jobtracker.db import lock_row
from jobtracker.errors import Conflict
from jobtracker.instance.models import SETTINGS_ROW_ID, InstanceSettings


@dataclass(frozen=True)
class InstanceLimits:
    max_users: int
    max_applications_per_user: int
    registration_open: bool
    admins_require_two_factor: bool = False


def _settings_row(session: Session) -> InstanceSettings:
    row = session.get(InstanceSettings, SETTINGS_ROW_ID)
    if row is None:
        # The first migration inserts this row; recreate it if someone deleted it by hand.
        row = InstanceSettings(id=SETTINGS_ROW_ID, registration_open=True)
        session.add(row)
        session.flush()
    return row


_READ_WITH_THE_CALLER = "jobtracker.instance_settings"


def with_instance_settings(query: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    """The query, also reading the instance's settings row (its last column, None if missing).

    Sign-in checks read it this way with the caller's account and hand it to
    `keep_for_the_request`, so `current_limits` later in the request needs no query.
    """
    return query.add_columns(InstanceSettings).outerjoin(
        InstanceSettings, InstanceSettings.id == SETTINGS_ROW_ID
    )


def keep_for_the_request(session: Session, row: InstanceSettings | None) -> None:
    # The session holds its objects weakly: this reference keeps the row for current_limits.
    session.info[_READ_WITH_THE_CALLER] = row


def current_limits(session: Session, settings: Settings) -> InstanceLimits:
    if _READ_WITH_THE_CALLER in session.info:
        row = session.info[_READ_WITH_THE_CALLER]
    else:
        row = session.get(InstanceSettings, SETTINGS_ROW_ID)
    return InstanceLimits(
        max_users=_override(row.max_users if row else None, settings.max_users),
        max_applications_per_user=_override(
            row.max_applications_per_user if row else None, settings.max_applications_per_user
        ),
        registration_open=row.registration_open if row else True,
        admins_require_two_factor=bool(row and row.admins_require_two_factor),
    )


def _override(run_time_value: int | None, environment_value: int) -> int:
    return environment_value if run_time_value is None else run_time_value


def lock_instance(session: Session) -> None:
    """Serialise instance-wide counts (users) until the transaction ends."""
    _settings_row(session)
    lock_row(session, InstanceSettings.__table__, SETTINGS_ROW_ID)


def update_limits(
    session: Session,
    settings: Settings,
    *,
    max_users: int | None,
    max_applications_per_user: int | None,
    registration_open: bool | None,
    admins_require_two_factor: bool | None = None,
    admin_has_two_factor: bool = False,
) -> InstanceLimits:
    if admins_require_two_factor and not admin_has_two_factor:
        # Otherwise the admin turning it on would be shut out of the page they turned it on in.
        raise Conflict(
            "Turn on two-factor sign-in for your own account first (Settings, Two-factor "
            "sign-in), then require it for admins.",
            fields={"admins_require_two_factor": "Turn on two-factor sign-in for yourself first."},
        )
    row = _settings_row(session)
    if max_users is not None:
        row.max_users = max_users
    if max_applications_per_user is not None:
        row.max_applications_per_user = max_applications_per_user
    if registration_open is not None:
        row.registration_open = registration_open
    if admins_require_two_factor is not None:
        row.admins_require_two_factor = admins_require_two_factor
    session.commit()
    return current_limits(session, settings)
