"""The user account table, session and personal access tokens, and sign-ups awaiting email."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from jobtracker.db import Base, UTCDateTime, enum_column, utcnow


class Role(StrEnum):
    USER = "user"
    ADMIN = "admin"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so the unique index is case-insensitive on both databases.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.USER)
    # Part of every token; bumping it revokes all of the user's tokens at once.
    token_version: Mapped[int] = mapped_column(Integer, default=0)
    # SHA-256 of the private calendar feed's token (the token itself is never stored, so a
    # database leak does not expose anyone's feed); null while the user has no feed.
    calendar_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Two-factor sign-in (auth/two_factor.py): the TOTP secret, encrypted, is set at setup and
    # in force once enabled_at is; the last accepted time step keeps a code from being replayed.
    two_factor_secret: Mapped[str | None] = mapped_column(String(255))
    two_factor_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    two_factor_last_step: Mapped[int | None] = mapped_column(Integer)
    # The user's own board: per stage, a label of their own, and whether it is collapsed or hidden.
    board_layout: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # IANA name of the user's zone: every "today", "due in N days" and all-day date is theirs.
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # Has at least one enabled webhook (kept by webhooks/service.py): events are queued only
    # then, so a user without webhooks pays no query when an application changes.
    webhooks_active: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Set by an admin: the account cannot sign in and its sessions and tokens stop working; its
    # data stays.
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # An admin's per-user overrides of the instance's quotas; null follows the instance.
    max_applications: Mapped[int | None] = mapped_column(Integer)
    max_storage_mb: Mapped[int | None] = mapped_column(Integer)
    max_assistant_messages_per_day: Mapped[int | None] = mapped_column(Integer)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def two_factor_enabled(self) -> bool:
        return self.two_factor_enabled_at is not None


class RecoveryCode(Base):
    """One single-use recovery code for two-factor sign-in; only its hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))


class RevokedToken(Base):
    """A session token signed out before its expiry; refused until then, then purged."""

    __tablename__ = "revoked_tokens"

    # The token's `jti` claim: looked up on every authenticated request, so it is the key.
    token_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class PendingRegistration(Base):
    """A sign-up waiting for its owner to follow the link mailed to the address (email set up)."""

    __tablename__ = "pending_registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 of the link's token, so a database leak hands out no working links.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # One waiting sign-up per address: signing up again replaces it.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class AccessTokenScope(StrEnum):
    READ = "read"
    WRITE = "write"  # read and write


class PersonalAccessToken(Base):
    """A named, scoped credential for a program (extension, script); only its hash is kept."""

    __tablename__ = "personal_access_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    scope: Mapped[AccessTokenScope] = mapped_column(enum_column(AccessTokenScope))
    # SHA-256 of the token: looked up on every request that carries one, hence unique (indexed).
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Read-and-write tokens may delete only when their owner allowed it (MCP's delete tools).
    allow_delete: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
