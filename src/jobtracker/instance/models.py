"""Instance-wide settings the admin changes at run time (one row)."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer
from sqlalchemy.orm import Mapped, mapped_column

from jobtracker.db import Base

SETTINGS_ROW_ID = 1


class InstanceSettings(Base):
    __tablename__ = "instance_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    # NULL means "use the value from the environment".
    max_users: Mapped[int | None] = mapped_column(Integer, nullable=True)
    max_applications_per_user: Mapped[int | None] = mapped_column(Integer, nullable=True)
    registration_open: Mapped[bool] = mapped_column(Boolean, default=True)
    # Admins must turn on two-factor sign-in before they can do anything else.
    admins_require_two_factor: Mapped[bool] = mapped_column(Boolean, default=False)
