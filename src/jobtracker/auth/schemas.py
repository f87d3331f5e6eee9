"""Request and response shapes for accounts and sessions."""

from __future__ import annotations

import unicodedata
from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from jobtracker.auth.models import Role
from jobtracker.auth.passwords import MAX_LENGTH as PASSWORD_MAX
from jobtracker.auth.passwords import MIN_LENGTH as PASSWORD_MIN
from jobtracker.auth.passwords import password_problem
from jobtracker.time_zones import DEFAULT_ZONE, ZoneName

# Categories that break a line or are invisible controls: a name shows on one line everywhere
# (the calendar feed's name among them).
_NOT_IN_A_NAME = {"Cc", "Zl", "Zp"}
NAME_PROBLEM = "The display name can't contain line breaks, tabs or other control characters."


def one_line_name(name: str | None) -> str | None:
    """The display name, or a validation error when it holds a control character."""
    if name and any(unicodedata.category(character) in _NOT_IN_A_NAME for character in name):
        raise PydanticCustomError("control_characters", NAME_PROBLEM)
    return name


# The minimum is checked with the rest of the policy, which words it for a person.
Password = Field(max_length=PASSWORD_MAX, json_schema_extra={"minLength": PASSWORD_MIN})


def acceptable_password(password: str, *, email: str) -> str:
    """The password, or a validation error saying in plain words why it can't be used."""
    problem = password_problem(password, email=email)
    if problem:
        raise PydanticCustomError("password_policy", problem)
    return password


class RegisterRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr = Field(max_length=254)
    password: str = Password
    display_name: str | None = Field(default=None, max_length=100)
    time_zone: str | None = Field(
        default=None,
        max_length=64,
        description="The browser's IANA time zone; an unknown one is taken as UTC",
    )
    invite: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="The token of an invitation link: registers even while registration is closed",
    )

    @field_validator("password")
    @classmethod
    def _acceptable_password(cls, password: str, info: ValidationInfo) -> str:
        # The email is checked first (declared first); when it failed, the rest still applies.
        return acceptable_password(password, email=str(info.data.get("email", "")))

    @field_validator("display_name")
    @classmethod
    def _strip(cls, name: str | None) -> str | None:
        return one_line_name(name.strip() or None if name else None)


class RegistrationPending(BaseModel):
    """Registration with email set up: the same answer whether or not the address has an account."""

    pending: bool = True
    message: str


class RegistrationConfirmation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=100, description="From the link in the email")
    time_zone: str | None = Field(
        default=None,
        max_length=64,
        description="The browser's IANA time zone; an unknown one is taken as UTC",
    )


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=254)
    # No minimum here: a wrong password of any length gets the same generic answer.
    password: str = Field(max_length=PASSWORD_MAX)
    code: str | None = Field(
        default=None,
        max_length=40,
        description="Two-factor code or recovery code, to sign in in one step",
    )


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    display_name: str
    role: Role
    created_at: datetime
    two_factor_enabled: bool = False
    time_zone: str = Field(default=DEFAULT_ZONE, description="IANA name; dates are worded in it")


class WhoAmI(BaseModel):
    """Who the caller is; a 200 either way, so a signed-out page load logs no failed request."""

    user: UserOut | None = Field(description="Null when nobody is signed in")


class SessionOut(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    csrf_token: str = Field(description="Send back as X-CSRF-Token on cookie-authenticated writes")
    user: UserOut


class UserUpdate(BaseModel):
    # Stripped before the length check, so a name of only spaces is refused, not stored empty.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    display_name: str | None = Field(default=None, min_length=1, max_length=100)
    time_zone: ZoneName | None = Field(default=None, description="IANA name, e.g. Europe/Paris")

    _one_line = field_validator("display_name")(one_line_name)

    @field_validator("display_name", "time_zone")
    @classmethod
    def _cannot_be_cleared(cls, value: str | None) -> str | None:
        # Runs only on values sent: leaving a field out is fine, sending null is not.
        if value is None:
            raise ValueError("cannot be cleared")
        return value


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(max_length=PASSWORD_MAX)
    new_password: str = Password

    @field_validator("new_password")
    @classmethod
    def _acceptable_password(cls, password: str) -> str:
        # The account's email is not in the request; the service checks that part.
        return acceptable_password(password, email="")


class AccountDeletion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(max_length=PASSWORD_MAX, description="Confirms the deletion")
