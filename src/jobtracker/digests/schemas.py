"""Request and response shapes for the digest settings and unsubscribing."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from jobtracker.digests.models import DigestFrequency


class DigestSettings(BaseModel):
    enabled: bool
    frequency: DigestFrequency
    hour: int  # local, 0-23, in the user's time zone
    weekday: int  # weekly digests: Monday 0 ... Sunday 6
    time_zone: str
    # False when the instance has no email: the UI then says digests are off.
    email_available: bool


class DigestSettingsUpdate(BaseModel):
    """Only the fields sent change."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool | None = None
    frequency: DigestFrequency | None = None
    hour: Annotated[int, Field(ge=0, le=23)] | None = None
    weekday: Annotated[int, Field(ge=0, le=6)] | None = None

    @model_validator(mode="after")
    def _no_nulls(self) -> DigestSettingsUpdate:
        for name in self.model_fields_set:
            if getattr(self, name) is None:
                raise ValueError(f"{name} can't be null; leave it out to keep it.")
        return self


class Unsubscribed(BaseModel):
    message: str
