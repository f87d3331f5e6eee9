"""Request and response shapes for two-factor sign-in."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from jobtracker.auth.passwords import MAX_LENGTH as PASSWORD_MAX

# Room for a recovery code typed with spaces; a TOTP code is 6 digits.
Code = Field(min_length=1, max_length=40, description="A 6-digit code or a recovery code")


class TwoFactorStatus(BaseModel):
    enabled: bool
    recovery_codes_left: int
    required: bool = Field(description="This instance requires it of this (admin) account")


class TwoFactorSetup(BaseModel):
    secret: str = Field(description="Base32, for typing into an app; shown this once")
    otpauth_uri: str = Field(description="The same secret as an otpauth:// address for a QR code")


class TwoFactorCode(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Code


class TwoFactorDisable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(max_length=PASSWORD_MAX, description="Confirms the change")
    code: str = Code


class RecoveryCodes(BaseModel):
    recovery_codes: list[str] = Field(description="Single-use; shown this once")


class TwoFactorChallenge(BaseModel):
    """The password was right; the sign-in finishes at /api/auth/login/2fa with a code."""

    two_factor_required: Literal[True] = True
    challenge: str = Field(description="Send back with the code; valid for 5 minutes")


class TwoFactorLogin(BaseModel):
    model_config = ConfigDict(extra="forbid")

    challenge: str | None = Field(
        default=None,
        max_length=2000,
        description="The login's challenge; left out after single sign-on, whose challenge "
        "the browser carries in a cookie",
    )
    code: str = Code
