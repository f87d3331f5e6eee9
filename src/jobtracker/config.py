"""The one Settings object: every knob the app has, read from the environment and `.env`."""

from __future__ import annotations

import os
import secrets
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Literal, Self

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

JWT_SECRET_FILE = "jwt_secret"  # noqa: S105 - a file name
# RFC 7518 asks HS256 keys for at least 256 bits; a shorter one can be guessed from any token.
JWT_SECRET_MIN_LENGTH = 32
_RANDOM_VALUE_COMMAND = '`python -c "import secrets; print(secrets.token_urlsafe(48))"`'


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class AIProvider(StrEnum):
    OFFLINE = "offline"
    GEMINI = "gemini"
    OPENAI = "openai"


class Settings(BaseSettings):
    # Errors never echo the value: it may be a secret, and they end up in logs.
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", hide_input_in_errors=True)

    app_env: Environment = Environment.DEVELOPMENT
    # JSON lines with a request id (production's default), or plain text for a terminal.
    log_format: Literal["json", "text"] | None = None
    web_concurrency: int = Field(default=1, ge=1, le=64)
    # At start, how long to wait for the database before giving up (containers start together).
    database_wait_seconds: float = Field(default=60, ge=0, le=3600)
    # PostgreSQL stops any one statement of a request that runs longer (0: never).
    database_statement_timeout_seconds: float = Field(default=30, ge=0, le=3600)
    graceful_shutdown_seconds: int = Field(default=30, ge=1, le=600)
    # How many reverse proxies in front of the app append to X-Forwarded-For (0: people reach
    # the app directly). The client is the entry that many places from the right, the one the
    # outermost proxy wrote; entries to its left come from the client and are never believed.
    trusted_proxy_hops: int = Field(default=0, ge=0, le=10)

    data_dir: Path = Path("data")
    database_url: str = ""
    jwt_secret: str = Field(default="", repr=False)
    session_days: int = Field(default=14, ge=1, le=365)

    # Defaults for the instance; the admin can override them at run time.
    max_users: int = Field(default=10, ge=0)
    max_applications_per_user: int = Field(default=5, ge=0)
    max_upload_mb: int = Field(default=10, ge=1)
    max_storage_mb_per_user: int = Field(default=100, ge=0)

    ai_provider: AIProvider = AIProvider.OFFLINE
    ai_model: str = ""
    gemini_api_key: str = Field(default="", repr=False)
    openai_api_key: str = Field(default="", repr=False)
    openai_base_url: str = ""
    # Only to point the Gemini SDK at a proxy or a local server (the tests use one).
    gemini_base_url: str = ""
    ai_daily_messages_per_user: int = Field(default=50, ge=0)  # 0: unlimited
    ai_timeout_seconds: float = Field(default=60, gt=0, le=600)
    # Characters of application context and earlier turns sent with each message.
    ai_context_chars: int = Field(default=24_000, ge=1_000, le=2_000_000)

    redis_url: str = ""
    # Keys in a shared Redis start with this, so several instances can use one server.
    redis_key_prefix: str = "jobtracker:"
    public_url: str = ""
    # With PUBLIC_URL unset, the host names whose Host header may go into absolute links (the
    # calendar's); a request naming any other host gets none, so a forged Host is never echoed.
    allowed_hosts: str = "localhost,127.0.0.1,::1"
    static_dir: Path | None = None

    # Failed sign-ins and registrations allowed per account and per address in a sliding
    # window; past them the API answers 429 until the oldest failure leaves the window.
    login_max_failures: int = Field(default=10, ge=1)
    # Higher than per account: a class or an office signs in from one address.
    login_max_failures_per_ip: int = Field(default=50, ge=1)
    login_window_seconds: int = Field(default=900, ge=1, le=86_400)
    # Registrations allowed per address in that window, successful or not (sign-up spam).
    registration_max_per_ip: int = Field(default=20, ge=1)

    # Outgoing email. With SMTP_HOST unset there is none, and registration opens the account
    # at once (answering 409 for a taken address); with it set, registration confirms the
    # address by email first and answers the same whether or not it has an account.
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65_535)
    smtp_username: str = ""
    smtp_password: str = Field(default="", repr=False)
    smtp_from: str = ""  # the From address, e.g. "Job Tracker <jobs@example.com>"
    smtp_starttls: bool = True
    # starttls (upgrade a plain connection, port 587), tls (TLS from the start, port 465) or
    # none (a relay on the same host); unset, SMTP_STARTTLS decides between starttls and none.
    smtp_security: Literal["starttls", "tls", "none"] | None = None
    smtp_timeout_seconds: float = Field(default=10, gt=0, le=120)
    # The scheduler (digests, the mail outbox): each web process runs it unless this is off,
    # e.g. when `python -m jobtracker worker` runs it apart. It is safe to run in several.
    scheduler_in_web: bool = True
    scheduler_interval_seconds: float = Field(default=30, ge=1, le=3600)
    # Comma-separated origins (https://app.example.com) allowed to call the API from a
    # browser with credentials; empty keeps cross-origin calls closed.
    cors_origins: str = ""
    # Comma-separated host names that fetching a link (capture, webhooks) may reach although
    # they resolve to private addresses: intranet job boards. Empty: public addresses only.
    capture_allowed_private_hosts: str = ""
    # The personal access token `python -m jobtracker mcp` (MCP over stdio) acts with.
    jobtracker_token: str = Field(default="", repr=False)

    # Single sign-on with an OpenID Connect provider (groups/oidc.py): on when OIDC_ISSUER is
    # set. Only the issuer's discovery document is trusted for where the endpoints are.
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = Field(default="", repr=False)
    # Comma-separated email domains allowed to sign in (example.edu); empty: any domain.
    oidc_allowed_domains: str = ""
    # May a sign-in with no matching account create one (under MAX_USERS and only while
    # registration is open; an invitation link lifts the second rule)?
    oidc_create_accounts: bool = False
    oidc_button_label: str = Field(default="Sign in with single sign-on", max_length=60)
    oidc_timeout_seconds: float = Field(default=10, gt=0, le=60)
    # Off: nobody signs in or registers with a password (single sign-on only).
    password_signin: bool = True

    @field_validator("database_url")
    @classmethod
    def _normalise_database_url(cls, url: str) -> str:
        # Hosting platforms hand out `postgres://` URLs; SQLAlchemy wants the driver named.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url.removeprefix(prefix)
        return url

    @field_validator("jwt_secret")
    @classmethod
    def _long_enough_secret(cls, secret: str, info: ValidationInfo) -> str:
        if secret and len(secret) < JWT_SECRET_MIN_LENGTH:
            # Production refuses a generated secret (below): there, only setting one helps.
            if info.data.get("app_env") is Environment.PRODUCTION:
                advice = f"set it to a new random value made with {_RANDOM_VALUE_COMMAND}"
            else:
                advice = (
                    f"make one with {_RANDOM_VALUE_COMMAND}, "
                    "or leave it unset to have one generated into the data directory"
                )
            raise ValueError(
                f"JWT_SECRET must be at least {JWT_SECRET_MIN_LENGTH} characters; {advice}"
            )
        return secret

    @model_validator(mode="after")
    def _production_needs_its_own_secret(self) -> Self:
        # In production a generated secret would differ per container and sign people out on
        # every redeploy; a short one is refused by the field's own check above.
        if self.app_env is Environment.PRODUCTION and not self.jwt_secret:
            raise ValueError(
                "APP_ENV=production needs JWT_SECRET set to a random value of at least "
                f"{JWT_SECRET_MIN_LENGTH} characters; make one with {_RANDOM_VALUE_COMMAND}"
            )
        return self

    @model_validator(mode="after")
    def _email_needs_a_sender_and_an_address(self) -> Self:
        # Links in emails come from PUBLIC_URL, never from a request's (forgeable) Host header.
        if self.smtp_host and not (self.smtp_from and self.public_url):
            raise ValueError(
                "SMTP_HOST is set, so SMTP_FROM (the address emails come from) and PUBLIC_URL "
                "(the address of this instance, used in the links emails carry) must be set too"
            )
        return self

    @model_validator(mode="after")
    def _sign_on_is_complete(self) -> Self:
        if self.oidc_issuer:
            if not self.oidc_issuer.startswith(("https://", "http://")):
                raise ValueError("OIDC_ISSUER must be the provider's https:// address")
            if not self.oidc_client_id:
                raise ValueError("OIDC_ISSUER is set, so OIDC_CLIENT_ID must be set too")
        elif not self.password_signin:
            # Nobody could sign in at all, the admin included.
            raise ValueError(
                "PASSWORD_SIGNIN=false needs single sign-on: set OIDC_ISSUER and OIDC_CLIENT_ID"
            )
        return self

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer)

    @property
    def oidc_allowed_domain_list(self) -> frozenset[str]:
        domains = (
            domain.strip().lstrip("@").lower() for domain in self.oidc_allowed_domains.split(",")
        )
        return frozenset(domain for domain in domains if domain)

    @property
    def email_enabled(self) -> bool:
        return bool(self.smtp_host)

    @property
    def smtp_security_mode(self) -> Literal["starttls", "tls", "none"]:
        if self.smtp_security is not None:
            return self.smtp_security
        return "starttls" if self.smtp_starttls else "none"

    @property
    def json_logs(self) -> bool:
        if self.log_format is not None:
            return self.log_format == "json"
        return self.app_env is Environment.PRODUCTION

    @cached_property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'jobtracker.sqlite3').resolve()}"

    @property
    def cors_origin_list(self) -> list[str]:
        origins = (origin.strip().rstrip("/") for origin in self.cors_origins.split(","))
        return [origin for origin in origins if origin]

    @property
    def allowed_host_list(self) -> frozenset[str]:
        hosts = (host.strip().strip("[]").lower() for host in self.allowed_hosts.split(","))
        return frozenset(host for host in hosts if host)

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.lower().startswith("https://")

    def signing_secret(self) -> str:
        """JWT_SECRET, or one generated once into the data directory and kept there."""
        if self.jwt_secret:
            return self.jwt_secret
        secret_file = self.data_dir / JWT_SECRET_FILE
        if not secret_file.exists():
            _write_new_secret(secret_file)
        secret = secret_file.read_text().strip()
        if len(secret) < JWT_SECRET_MIN_LENGTH:
            # Never sign with an empty or guessable key; a fresh one is one deletion away.
            raise RuntimeError(
                f"{secret_file} holds no usable secret; delete it to have a new one generated "
                "(everyone will be signed out), or set JWT_SECRET"
            )
        self.jwt_secret = secret
        return self.jwt_secret


def _write_new_secret(secret_file: Path) -> None:
    # Written aside, then linked into place: link() refuses to replace, so when several
    # workers start at once exactly one secret wins and nobody reads a half-written file.
    secret_file.parent.mkdir(parents=True, exist_ok=True)
    draft = secret_file.with_name(f".{secret_file.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(48))
    try:
        os.link(draft, secret_file)
    except FileExistsError:
        pass
    finally:
        draft.unlink()


def get_settings() -> Settings:
    return Settings()
