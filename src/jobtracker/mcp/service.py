"""The MCP server's rules: who is calling (the access token, checked again on every call), what
the token may do and how often, the log line each call leaves, and how big an answer may be."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from jobtracker.auth import access_tokens, two_factor
from jobtracker.auth.deps import READ_ONLY
from jobtracker.auth.models import AccessTokenScope, User
from jobtracker.auth.two_factor import TwoFactorSetupRequired
from jobtracker.capture.ai_fill import PostingFiller
from jobtracker.capture.policy import FetchPolicy
from jobtracker.capture.service import FetchPage
from jobtracker.config import Settings
from jobtracker.errors import AppError, Forbidden, NotAuthenticated
from jobtracker.mcp.schemas import MAX_RESULT_CHARS
from jobtracker.security.ratelimit import (
    Allowance,
    FailureLimiter,
    InProcessLimiter,
    count_use,
)
from jobtracker.validation_messages import field_label, plain_message

if TYPE_CHECKING:
    # The SDK costs a second and tens of MB to import: the web app loads it on the first
    # request to /mcp (routes.py), so nothing here needs it at import time.
    from mcp.server.context import ServerRequestContext
    from mcp.server.mcpserver import Context

log = logging.getLogger("jobtracker.mcp")

# Tool calls, resource reads and prompts per access token per minute: generous for an
# assistant working through a chore, a wall for a runaway loop.
CALLS_PER_MINUTE = 120
BEARER_NEEDED = (
    "Send a personal access token as 'Authorization: Bearer jtpat_...'. "
    "Create one in Settings > Access tokens."
)
NO_DELETING = (
    "This access token may not delete. Create a read-and-write token with "
    "'Allow it to delete applications' in Settings > Access tokens, or delete it in the app."
)
ADMIN_TWO_FACTOR = (
    "This instance requires admins to use two-factor sign-in. Set it up in Settings under "
    "Two-factor sign-in, then try again."
)
SOMETHING_WENT_WRONG = "Something went wrong on our side. Try again in a moment."
DATABASE_UNAVAILABLE = "The database is not reachable right now. Try again shortly."


class Access(Enum):
    """What a call does, and so which tokens may make it."""

    READ = "read"
    WRITE = "write"
    DELETE = "delete"


@dataclass
class Backend:
    """What every call needs: the database, the settings, the limits and capture's fetcher.

    Not frozen: tests point the fetch policy at their loopback site, as they do for capture.
    """

    settings: Settings
    session_factory: sessionmaker[Session]
    call_limiter: FailureLimiter
    capture_limiter: FailureLimiter
    fetch_page: FetchPage
    fetch_policy: FetchPolicy
    filler: PostingFiller | None
    calls_per_minute: int = CALLS_PER_MINUTE
    # Over stdio the token comes from the environment; over HTTP from each request's header.
    stdio_token: str | None = None


def build_call_limiter(settings: Settings) -> FailureLimiter:
    """Calls per token per minute, shared by every app process when Redis is configured."""
    if settings.redis_url:
        # Imported only here: the redis client costs start-up time and memory in every worker.
        from jobtracker.security.redis_limiter import RedisLimiter

        return RedisLimiter(settings.redis_url, 60, f"{settings.redis_key_prefix}mcp:")
    return InProcessLimiter(60)


@dataclass(frozen=True)
class Call:
    """One call in progress: its own database session, the token's user and the instance."""

    session: Session
    user: User
    settings: Settings
    backend: Backend


def bearer_secret(authorization: str | None) -> str | None:
    """The access token in an Authorization header; None for anything else."""
    scheme, _, credentials = (authorization or "").partition(" ")
    secret = credentials.strip()
    if scheme.lower() != "bearer" or not access_tokens.is_access_token(secret):
        return None
    return secret


def presented_token(backend: Backend, ctx: Context | ServerRequestContext[Any, Any]) -> str | None:
    if backend.stdio_token is not None:
        return backend.stdio_token
    from mcp.server.mcpserver import Context  # loaded by now: a call is being served

    # Over HTTP the request context carries the HTTP request itself.
    request = ctx.request_context.request if isinstance(ctx, Context) else ctx.request
    headers = getattr(request, "headers", None)
    return bearer_secret(headers.get("authorization") if headers is not None else None)


@contextmanager
def calling(
    backend: Backend,
    ctx: Context | ServerRequestContext[Any, Any],
    action: str,
    access: Access = Access.READ,
) -> Iterator[Call]:
    """Authenticate the token again (a revoked one stops at once), hold it to its scope and
    its rate, log the call, and hand over a session for the work; closed afterwards."""
    secret = presented_token(backend, ctx)
    if secret is None:
        raise NotAuthenticated(BEARER_NEEDED)
    with backend.session_factory() as session:
        found = access_tokens.authenticate_token(session, secret)
        token = found.token
        # Never the token's value: its id and the name its owner gave it say which it is.
        log.info(
            "MCP %s by access token %d %r of user %d", action, token.id, token.name, token.owner_id
        )
        if two_factor.setup_required(session, backend.settings, found.user):
            raise TwoFactorSetupRequired(ADMIN_TWO_FACTOR)  # as the API holds admins to it
        if access is not Access.READ and token.scope is not AccessTokenScope.WRITE:
            raise Forbidden(READ_ONLY)
        if access is Access.DELETE and not token.allow_delete:
            raise Forbidden(NO_DELETING)
        _count_call(backend, token.id)
        yield Call(session, found.user, backend.settings, backend)


def _count_call(backend: Backend, token_id: int) -> None:
    count_use(
        backend.call_limiter,
        Allowance(f"mcp:token:{token_id}", backend.calls_per_minute),
        f"This access token made {backend.calls_per_minute} calls in the last minute, the "
        "most allowed.",
    )


def truncation_marker(characters_left: int) -> str:
    return f"\n[... truncated: {characters_left:,} more characters]"


class TextBudget:
    """The characters of text one answer may hold; a text past them is cut, with a marker."""

    def __init__(self, characters: int = MAX_RESULT_CHARS) -> None:
        self.left = characters
        self.truncated = False

    def take(self, text: str | None, at_most: int | None = None) -> str | None:
        if text is None:
            return None
        room = self.left if at_most is None else min(self.left, at_most)
        if len(text) <= room:
            self.left -= len(text)
            return text
        self.truncated = True
        kept = text[: max(room, 0)]
        self.left -= len(kept)
        return kept + truncation_marker(len(text) - len(kept))


def plain_validation_message(error: ValidationError) -> str:
    """A validation error worded as the API words it: each field by its label, what to do."""
    problems: dict[str, str] = {}
    for problem in error.errors():
        location = [str(part) for part in problem.get("loc", ())]
        problems.setdefault(field_label(location), plain_message(problem))
    return "Please correct: " + " ".join(f"{label}: {text}" for label, text in problems.items())


# Failures a person can act on, or wait out; anything else is our fault (logged with its trace).
EXPECTED_FAILURES = (
    AppError,
    ValidationError,
    IntegrityError,
    DataError,
    OperationalError,
    PoolTimeoutError,
)


def message_for(error: BaseException) -> str:
    """What a person (or their assistant) reads when a call fails; never a stack trace."""
    if isinstance(error, AppError):
        return error.message
    if isinstance(error, ValidationError):
        return plain_validation_message(error)
    if isinstance(error, IntegrityError):
        # Services check the rules first; this is the race they cannot see.
        return "This conflicts with data that already exists. Read it again, then retry."
    if isinstance(error, DataError):
        return "A value cannot be stored (for example, a NUL character in text)."
    if isinstance(error, OperationalError | PoolTimeoutError):
        return DATABASE_UNAVAILABLE
    return SOMETHING_WENT_WRONG


def first_cause(error: BaseException, kinds: tuple[type[BaseException], ...]) -> Any:
    """The first error of these kinds in the chain of causes, starting with this one."""
    current: BaseException | None = error
    while current is not None:
        if isinstance(current, kinds):
            return current
        current = current.__cause__
    return None
