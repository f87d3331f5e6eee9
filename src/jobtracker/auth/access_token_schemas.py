"""Request and response shapes for personal access tokens."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from jobtracker.auth.models import AccessTokenScope

_NOT_IN_A_NAME = {"Cc", "Zl", "Zp"}


class AccessTokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, description="What the token is for")
    scope: AccessTokenScope = Field(description="`read`, or `write` (read and write)")
    expires_in_days: Literal[30, 90, 365] | None = Field(
        default=None, description="Days until it stops working; none for no expiry"
    )
    allow_delete: bool = Field(
        default=False,
        description="Whether it may delete applications (the MCP server's delete tool); "
        "only for a read-and-write token",
    )

    @field_validator("name")
    @classmethod
    def _one_line(cls, name: str) -> str:
        name = name.strip()
        if not name:
            raise PydanticCustomError("blank_name", "Give the token a name.")
        if any(unicodedata.category(character) in _NOT_IN_A_NAME for character in name):
            raise PydanticCustomError(
                "control_characters", "The name can't contain line breaks or control characters."
            )
        return name

    @field_validator("allow_delete")
    @classmethod
    def _deleting_needs_write(cls, allow_delete: bool, info: ValidationInfo) -> bool:
        # scope is declared first, so it is in info.data when it was valid.
        if allow_delete and info.data.get("scope") is not AccessTokenScope.WRITE:
            raise PydanticCustomError(
                "delete_needs_write",
                "Only a read-and-write token can be allowed to delete. Choose read and write, "
                "or leave deleting off.",
            )
        return allow_delete


class AccessTokenOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    scope: AccessTokenScope
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    allow_delete: bool = Field(description="Whether it may delete applications")


class AccessTokenCreated(AccessTokenOut):
    token: str = Field(description="The token itself: shown this once, never again")


class AccessTokenList(BaseModel):
    tokens: list[AccessTokenOut]
    max_tokens: int = Field(description="How many tokens one account may have")
