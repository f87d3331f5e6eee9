"""Request and response shapes for the admin's users and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from jobtracker.auth.models import Role
from jobtracker.auth.schemas import Password, acceptable_password

# An override is a count a person types: bounded so it fits the column and means something.
QuotaOverride = Annotated[int | None, Field(default=None, ge=0, le=1_000_000)]


class AdminUserOut(BaseModel):
    """One account as the admin sees it: who, since when, how much they keep, their limits."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    display_name: str
    role: Role
    created_at: datetime
    last_sign_in_at: datetime | None
    disabled_at: datetime | None
    applications: int = Field(description="Applications kept (the trash not counted)")
    storage_bytes: int = Field(description="Bytes of the user's documents (files)")
    max_applications: int | None = Field(
        description="The admin's override of the applications limit; null follows the instance"
    )
    max_storage_mb: int | None = Field(
        description="The admin's override of the storage limit in MB; null follows the instance"
    )
    max_assistant_messages_per_day: int | None = Field(
        description="The admin's override of the daily assistant messages; null follows the "
        "instance"
    )


class AdminUserUpdate(BaseModel):
    """What the admin changes on an account; a field left out stays as it is. For the quota
    overrides, null means "follow the instance" and 0 means unlimited."""

    model_config = ConfigDict(extra="forbid")

    disabled: bool | None = None
    role: Role | None = None
    max_applications: QuotaOverride
    max_storage_mb: QuotaOverride
    max_assistant_messages_per_day: QuotaOverride


class AdminUserPassword(BaseModel):
    model_config = ConfigDict(extra="forbid")

    new_password: str = Password

    @field_validator("new_password")
    @classmethod
    def _acceptable_password(cls, password: str) -> str:
        # The account's email is not in the request; the service checks that part.
        return acceptable_password(password, email="")


class AdminUserDeletion(BaseModel):
    """Deleting an account takes its email typed again, so a slip of the mouse deletes nobody."""

    model_config = ConfigDict(extra="forbid")

    confirm_email: EmailStr = Field(max_length=254)


class AdminMessage(BaseModel):
    message: str


class AuditEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor_id: int | None
    actor_email: str
    action: str
    target_user_id: int | None
    target_email: str | None
    details: dict[str, Any] | None
