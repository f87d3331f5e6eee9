"""The fixed, ordered pipeline an application moves through."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    WISHLIST = "wishlist"
    DRAFTING = "drafting"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEW = "interview"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def is_final(self) -> bool:
        return self in FINAL_STAGES


FINAL_STAGES = frozenset({Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED})
# Stages the employer sees; moving into one from elsewhere means it was sent.
SENT_STAGES = frozenset(
    {Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.ACCEPTED}
)


class WorkMode(StrEnum):
    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"


class Priority(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class SalaryPeriod(StrEnum):
    """What a salary figure is paid per; none stored means per year."""

    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class EmploymentType(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    CONTRACT = "contract"
    TEMPORARY = "temporary"
    INTERNSHIP = "internship"
    VOLUNTEER = "volunteer"
    OTHER = "other"
