"""Request and response shapes for accounts and sessions."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from jobtracker.auth.models import Role

PASSWORD_MIN = 8
PASSWORD_MAX = 128

Password = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)


class RegisterRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr = Field(max_length=254)
    password: str = Password
    display_name: str | None = Field(default=None, max_length=100)

    @field_validator("display_name")
    @classmethod
    def _strip(cls, name: str | None) -> str | None:
        return name.strip() or None if name else None


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


class SessionOut(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    csrf_token: str = Field(description="Send back as X-CSRF-Token on cookie-authenticated writes")
    user: UserOut


class UserUpdate(BaseModel):
    # Stripped before the length check, so a name of only spaces is refused, not stored empty.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    display_name: str = Field(min_length=1, max_length=100)


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(max_length=PASSWORD_MAX)
    new_password: str = Password


class AccountDeletion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(max_length=PASSWORD_MAX, description="Confirms the deletion")
