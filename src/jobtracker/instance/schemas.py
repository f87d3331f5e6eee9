"""Shapes of /api/meta and /api/admin/settings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Limits(BaseModel):
    max_users: int = Field(description="0 means unlimited")
    max_applications_per_user: int = Field(description="0 means unlimited")
    max_upload_mb: int
    max_storage_mb_per_user: int = Field(description="0 means unlimited")
    registration_open: bool


class Choice(BaseModel):
    id: str
    label: str


class StageChoice(Choice):
    final: bool = Field(description="No further movement is expected from this stage")


class Usage(BaseModel):
    applications: int
    storage_bytes: int = Field(
        description="Bytes of everything stored, counted against max_storage_mb_per_user: "
        "documents (each file once) and their extracted text, writing, applications' job "
        "descriptions and notes, deliverables, contacts' notes and assistant conversations "
        "(text as UTF-8)"
    )
    users: int | None = Field(default=None, description="Shown to admins only")


class Meta(BaseModel):
    version: str
    limits: Limits
    ai_provider: str
    stages: list[StageChoice]
    work_modes: list[Choice]
    priorities: list[Choice]
    deliverable_kinds: list[Choice]
    deliverable_states: list[Choice]
    writing_kinds: list[Choice]
    usage: Usage | None = Field(default=None, description="Present when signed in")


class AdminSettings(BaseModel):
    max_users: int
    max_applications_per_user: int
    registration_open: bool
    admins_require_two_factor: bool = Field(
        description="Admins must turn on two-factor sign-in before anything else works"
    )
    users: int


class AdminSettingsUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_users: int | None = Field(default=None, ge=0, le=1_000_000)
    max_applications_per_user: int | None = Field(default=None, ge=0, le=1_000_000)
    registration_open: bool | None = None
    admins_require_two_factor: bool | None = None
