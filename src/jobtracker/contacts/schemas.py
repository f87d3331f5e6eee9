"""Request and response shapes for contacts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
)

from jobtracker.common import LongText, RequiredShortText, ShortText


def _blank_is_none(value: Any) -> Any:
    # Forms send "" for an empty field; for an email that means "none", not "invalid".
    if isinstance(value, str) and not value.strip():
        return None
    return value


Email = Annotated[EmailStr, Field(max_length=254)]
ContactEmail = Annotated[Email | None, BeforeValidator(_blank_is_none)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)]


class ContactFields(BaseModel):
    """Fields a user may set; owner, ids and timestamps are the server's and are refused."""

    model_config = ConfigDict(extra="forbid")

    role: ShortText | None = None
    email: ContactEmail = None
    phone: Phone | None = None
    notes: LongText | None = None


class ContactCreate(ContactFields):
    name: RequiredShortText


class ContactUpdate(ContactFields):
    """Only the fields sent are changed; send null to clear an optional one."""

    name: RequiredShortText | None = None

    @field_validator("name")
    @classmethod
    def _cannot_be_cleared(cls, name: str | None) -> str | None:
        # Runs only on values sent: leaving name out is fine, sending null is not.
        if name is None:
            raise ValueError("cannot be cleared")
        return name


class ContactOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    application_id: int
    name: str
    role: str | None
    email: str | None
    phone: str | None
    notes: str | None
    created_at: datetime
    updated_at: datetime


class ContactApplication(BaseModel):
    """The application a contact was added to, enough to name and link it."""

    id: int
    company: str
    role: str


class ContactListed(ContactOut):
    """A contact on the all-contacts page, with the application it belongs to."""

    application: ContactApplication
