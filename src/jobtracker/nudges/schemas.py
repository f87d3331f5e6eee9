"""Request and response shapes for notifications (nudges), their rules and follow-up drafts."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from jobtracker.nudges.rules import NudgeKind


class NudgeApplication(BaseModel):
    id: int
    company: str
    role: str


class NudgeOut(BaseModel):
    id: str  # the nudge's key, stable across reads
    kind: NudgeKind
    title: str
    application: NudgeApplication
    about_on: date | None
    # Whether GET /api/notifications/{id}/draft writes a message for it (follow-ups, thank-yous).
    draftable: bool
    done: bool
    dismissed: bool
    snoozed_until: AwareDatetime | None


class NudgeList(BaseModel):
    items: list[NudgeOut]
    total: int  # open nudges in all, for the navigation's badge


class NudgeUpdate(BaseModel):
    """Only the fields sent change: done or dismissed (false undoes), or a snooze (null ends it)."""

    model_config = ConfigDict(extra="forbid")

    done: bool | None = None
    dismissed: bool | None = None
    snoozed_until: AwareDatetime | None = None

    @model_validator(mode="after")
    def _something_to_change(self) -> NudgeUpdate:
        if not self.model_fields_set:
            raise ValueError("Send done, dismissed or snoozed_until.")
        return self


Days = Annotated[int, Field(ge=1, le=365)]


class NudgeRulesOut(BaseModel):
    """Each number is days; null turns that rule off."""

    model_config = ConfigDict(from_attributes=True)

    follow_up_days: int | None
    follow_up_again_days: int | None
    thank_you: bool
    deadline_soon_days: int | None
    deadline_passed: bool
    deliverables_due: bool
    ghosted_days: int | None


class NudgeRulesUpdate(BaseModel):
    """Only the fields sent change; a number set to null turns its rule off."""

    model_config = ConfigDict(extra="forbid")

    follow_up_days: Days | None = None
    follow_up_again_days: Days | None = None
    thank_you: bool | None = None
    deadline_soon_days: Annotated[int, Field(ge=0, le=365)] | None = None
    deadline_passed: bool | None = None
    deliverables_due: bool | None = None
    ghosted_days: Days | None = None

    @model_validator(mode="after")
    def _switches_are_not_null(self) -> NudgeRulesUpdate:
        for name in ("thank_you", "deadline_passed", "deliverables_due"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} is on (true) or off (false), not null.")
        return self


class NudgeDraft(BaseModel):
    to: str | None  # the contact's address, when the application has one
    subject: str
    body: str
    mailto: str
    written_by: Literal["template", "assistant"]
