"""Request and response shapes for password resets (by email, or by the admin)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from jobtracker.auth.schemas import Password, acceptable_password


class ForgotPassword(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr = Field(max_length=254)


class ResetPassword(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=200)
    new_password: str = Password

    @field_validator("new_password")
    @classmethod
    def _acceptable_password(cls, password: str) -> str:
        # The account's email is not in the request; the service checks that part.
        return acceptable_password(password, email="")


class AdminPasswordSet(BaseModel):
    """The admin sets a new password for a user (when there is no email for resets)."""

    model_config = ConfigDict(extra="forbid")

    email: EmailStr = Field(max_length=254)
    new_password: str = Password

    @field_validator("new_password")
    @classmethod
    def _acceptable_password(cls, password: str) -> str:
        return acceptable_password(password, email="")


class Message(BaseModel):
    message: str
