"""Request and response shapes for invitations."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from jobtracker.common import MAX_ID
from jobtracker.groups.invites import MAX_LIFETIME, MAX_USES, MIN_LIFETIME, InviteState
from jobtracker.groups.models import GroupRole

_HOUR = 3600
MIN_HOURS = int(MIN_LIFETIME.total_seconds()) // _HOUR
MAX_HOURS = int(MAX_LIFETIME.total_seconds()) // _HOUR
DEFAULT_HOURS = 7 * 24


class GroupInviteCreate(BaseModel):
    """A coach's (or the admin's) invitation into one group, as a member."""

    model_config = ConfigDict(extra="forbid")

    max_uses: int = Field(
        default=1, ge=1, le=MAX_USES, description="How many people may sign up with the link"
    )
    expires_in_hours: int = Field(
        default=DEFAULT_HOURS,
        ge=MIN_HOURS,
        le=MAX_HOURS,
        description=f"The link stops working after this many hours ({MIN_HOURS} to {MAX_HOURS})",
    )
    email: EmailStr | None = Field(
        default=None, max_length=254, description="Only this address may sign up with the link"
    )


class InviteCreate(GroupInviteCreate):
    """The admin's invitation: to the instance, or into a group as a coach or a member."""

    group_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    group_role: GroupRole | None = Field(
        default=None, description="With group_id; member when left out"
    )


class InviteOut(BaseModel):
    id: int
    email: str | None
    group_id: int | None
    group_name: str | None
    group_role: GroupRole | None
    max_uses: int
    uses: int
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    state: InviteState


class InviteCreated(InviteOut):
    token: str = Field(description="Shown this once: only its hash is kept")
    link: str = Field(description="The sign-up page with the token, to send to the people invited")


class InviteCheckOut(BaseModel):
    """What the sign-up page learns from a link, signed out."""

    valid: bool
    message: str | None = Field(description="Why the link does not work, in plain words")
    email: str | None = Field(description="The only address that may sign up with it")
    group_name: str | None = Field(
        description="The group the link joins (a new account, or a signed-in one); "
        "null when it only creates accounts"
    )
    group_role: GroupRole | None = Field(description="The role in that group")
    expires_at: datetime | None
