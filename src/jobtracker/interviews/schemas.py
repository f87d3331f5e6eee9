"""Request and response shapes for interviews."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from jobtracker.applications.schemas import ApplicationSummary, JobUrl
from jobtracker.common import EARLIEST_DAY, LATEST_DAY, MAX_ID, MOMENT_OUT_OF_RANGE
from jobtracker.interviews.models import InterviewKind, InterviewOutcome
from jobtracker.time_zones import ZoneName, zone

MIN_DURATION_MINUTES = 5
# A week: long enough for a take-home exercise, short enough to be a date and not a typo.
MAX_DURATION_MINUTES = 7 * 24 * 60
MAX_CONTACTS = 20
MAX_NOTES = 20_000
STARTS_AT_HELP = (
    "When it starts. With an offset (2027-03-14T10:00:00-07:00) it is that moment; without one "
    "(2027-03-14T10:00) it is that wall-clock time in time_zone"
)
TIME_ZONE_HELP = "IANA name of the zone it was arranged in; the user's own zone when left out"

Duration = Annotated[int, Field(ge=MIN_DURATION_MINUTES, le=MAX_DURATION_MINUTES, strict=True)]
Location = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
InterviewNotes = Annotated[str, StringConstraints(max_length=MAX_NOTES)]
ContactIds = Annotated[
    list[Annotated[int, Field(ge=1, le=MAX_ID)]],
    Field(max_length=MAX_CONTACTS),
    AfterValidator(lambda ids: list(dict.fromkeys(ids))),
]


def _in_range(moment: datetime) -> datetime:
    if not EARLIEST_DAY.year < moment.year < LATEST_DAY.year:
        raise ValueError(MOMENT_OUT_OF_RANGE)
    return moment


StartsAt = Annotated[datetime, AfterValidator(_in_range)]


def in_zone(starts_at: datetime, zone_name: str) -> datetime:
    """The UTC moment of a start: as given when it has an offset, else read in the zone.

    A wall-clock time the zone skips (the hour the clocks go forward) is refused rather than
    moved: the person would be an hour off without noticing.
    """
    if starts_at.tzinfo is not None:
        return starts_at.astimezone(UTC)
    local = starts_at.replace(tzinfo=zone(zone_name))
    moment = local.astimezone(UTC)
    if moment.astimezone(local.tzinfo).replace(tzinfo=None) != starts_at:
        raise ValueError(
            f"{starts_at:%H:%M} does not exist on {starts_at:%Y-%m-%d} in {zone_name} "
            "(the clocks go forward then). Choose another time."
        )
    return moment


class InterviewFields(BaseModel):
    """Fields a user may set; owner, ids and timestamps are the server's and are refused."""

    model_config = ConfigDict(extra="forbid")

    location: Location | None = Field(default=None, description="An address or a room")
    meeting_url: JobUrl | None = Field(default=None, description="http(s) link to the meeting")
    prep_notes: InterviewNotes | None = None
    outcome: InterviewOutcome | None = Field(default=None, description="How it went; null: not yet")
    debrief: InterviewNotes | None = None


class InterviewCreate(InterviewFields):
    kind: InterviewKind = InterviewKind.VIDEO
    starts_at: StartsAt = Field(description=STARTS_AT_HELP)
    time_zone: ZoneName | None = Field(default=None, description=TIME_ZONE_HELP)
    duration_minutes: Duration = 60
    contact_ids: ContactIds = Field(default_factory=list, description="The application's contacts")


class InterviewUpdate(InterviewFields):
    """Only the fields sent are changed; send null to clear an optional one.

    A new time_zone without starts_at keeps the wall-clock time and moves the moment.
    """

    kind: InterviewKind | None = None
    starts_at: StartsAt | None = Field(default=None, description=STARTS_AT_HELP)
    time_zone: ZoneName | None = Field(default=None, description=TIME_ZONE_HELP)
    duration_minutes: Duration | None = None
    contact_ids: ContactIds | None = None

    @field_validator("kind", "starts_at", "time_zone", "duration_minutes", "contact_ids")
    @classmethod
    def _cannot_be_cleared(cls, value: object) -> object:
        # Runs only on values sent: leaving a field out is fine, sending null is not.
        if value is None:
            raise ValueError("cannot be cleared")
        return value


class InterviewContact(BaseModel):
    id: int
    name: str
    role: str | None
    email: str | None


class InterviewOut(BaseModel):
    id: int
    application_id: int
    kind: InterviewKind
    starts_at: datetime = Field(description="The start, in UTC")
    ends_at: datetime = Field(description="starts_at plus the duration, in UTC")
    time_zone: str
    local_start: str = Field(
        description="The wall-clock start in time_zone, ISO 8601 without an offset"
    )
    duration_minutes: int
    location: str | None
    meeting_url: str | None
    prep_notes: str | None
    outcome: InterviewOutcome | None
    debrief: str | None
    contacts: list[InterviewContact]
    upcoming: bool = Field(description="It has not ended yet")
    application: ApplicationSummary
    created_at: datetime
    updated_at: datetime
