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
    # The caller's own limits: the admin may have set them apart from the instance's.
    max_applications: int = Field(
        description="The applications the caller may keep: the admin's override for them, "
        "else max_applications_per_user; 0 means unlimited"
    )
    max_storage_mb: int = Field(
        description="The caller's storage limit in MB: the admin's override for them, else "
        "max_storage_mb_per_user; 0 means unlimited"
    )
    max_assistant_messages_per_day: int = Field(
        description="The caller's daily assistant messages: the admin's override for them, "
        "else the instance's; 0 means unlimited"
    )


class SignOn(BaseModel):
    """How people sign in here, for the sign-in and sign-up pages."""

    password: bool = Field(description="Password sign-in and registration are on")
    oidc: bool = Field(description="Single sign-on with an OpenID Connect provider is set up")
    oidc_label: str | None = Field(description="The single sign-on button's words")


class Meta(BaseModel):
    version: str
    limits: Limits
    ai_provider: str
    email: bool = Field(
        description="Whether the instance sends email (SMTP is set): password resets, digests"
    )
    stages: list[StageChoice]
    work_modes: list[Choice]
    priorities: list[Choice]
    deliverable_kinds: list[Choice]
    deliverable_states: list[Choice]
    writing_kinds: list[Choice]
    usage: Usage | None = Field(default=None, description="Present when signed in")
    sign_on: SignOn


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
