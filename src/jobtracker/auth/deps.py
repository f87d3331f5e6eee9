"""Who is calling: the signed-in user from the session cookie, a bearer session token or a
personal access token, CSRF and the access token's scope included."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request, Response
from sqlalchemy.orm import Session

from jobtracker.auth import access_tokens, service, two_factor
from jobtracker.auth.models import AccessTokenScope, User
from jobtracker.auth.security import (
    TokenClaims,
    csrf_matches,
    csrf_token_for,
    issue_token,
    read_token,
)
from jobtracker.config import Settings
from jobtracker.db import SessionDep
from jobtracker.errors import Forbidden, NotAuthenticated

SESSION_COOKIE = "jt_session"
CSRF_COOKIE = "jt_csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SESSION_ONLY = (
    "Sign in with your password to do this: an access token can't manage access tokens, "
    "the password, two-factor sign-in, sign-outs or the account."
)
READ_ONLY = (
    "This access token can only read. Create one with read and write access in Settings "
    "to make changes."
)


# Dependencies that only look at what they are given are `async`: FastAPI runs a plain `def`
# one on a worker thread, a hand-off per dependency per request.


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def _bearer_token(request: Request) -> str | None:
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    return credentials.strip() or None if scheme.lower() == "bearer" else None


@dataclass(frozen=True)
class CallerSession:
    """A signed-in caller: who, and the claims of the token they came with."""

    user: User
    claims: TokenClaims


def _caller_session(request: Request, session: Session, settings: Settings) -> CallerSession | None:
    bearer = _bearer_token(request)
    token = bearer or request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    secret = settings.signing_secret()
    claims = read_token(token, secret)
    if claims is None:
        raise NotAuthenticated("Your session has expired or is not valid. Please sign in again.")
    user = service.get_active_user(session, claims)
    if user is None:
        raise NotAuthenticated("Your session has ended. Please sign in again.")
    # Browsers attach cookies to cross-site requests by themselves; a bearer header they don't.
    if bearer is None and request.method not in SAFE_METHODS:
        expected = csrf_token_for(claims.token_id, secret)
        if not csrf_matches(expected, request.headers.get(CSRF_HEADER)):
            raise Forbidden(
                f"Missing or wrong {CSRF_HEADER} header. Reload the page and try again."
            )
    return CallerSession(user, claims)


def _access_token(request: Request) -> str | None:
    bearer = _bearer_token(request)
    return bearer if bearer and access_tokens.is_access_token(bearer) else None


def _access_token_scope(request: Request) -> AccessTokenScope | None:
    """The scope of the access token the caller came with; None for a session."""
    scope: AccessTokenScope | None = getattr(request.state, "access_token_scope", None)
    return scope


def optional_user(request: Request, session: SessionDep, settings: SettingsDep) -> User | None:
    # Told apart by its prefix, so a session's JWT path gains no query and no decoding attempt.
    secret = _access_token(request)
    if secret is not None:
        user, scope = access_tokens.authenticate(session, secret)
        request.state.access_token_scope = scope
        return user
    caller = _caller_session(request, session, settings)
    return caller.user if caller else None


def session_to_end(
    request: Request, session: SessionDep, settings: SettingsDep
) -> CallerSession | None:
    """The session a sign-out ends; None when there is none left to end (nothing to refuse).

    A cookie-borne one still needs its CSRF header, so another site cannot sign anyone out.
    """
    if _access_token(request) is not None:
        raise Forbidden(SESSION_ONLY)
    try:
        return _caller_session(request, session, settings)
    except NotAuthenticated:
        return None


def _signed_in(request: Request, user: User | None, session: Session, settings: Settings) -> User:
    if user is None:
        raise NotAuthenticated("Please sign in.")
    if user.is_admin:
        # Only admins can be held to two-factor: everyone else skips this (blocking) query.
        two_factor.enforce_admin_rule(request, session, settings, user)
    return user


async def current_user(
    request: Request,
    user: Annotated[User | None, Depends(optional_user)],
    session: SessionDep,
    settings: SettingsDep,
) -> User:
    # A scope is set only beside a user, so "sign in" still comes before "read-only".
    if _access_token_scope(request) is AccessTokenScope.READ and request.method not in SAFE_METHODS:
        raise Forbidden(READ_ONLY)
    return _signed_in(request, user, session, settings)


async def current_reader(
    request: Request,
    user: Annotated[User | None, Depends(optional_user)],
    session: SessionDep,
    settings: SettingsDep,
) -> User:
    """The signed-in user for a POST that changes nothing (capture): a read-only token will do."""
    return _signed_in(request, user, session, settings)


async def current_user_by_session(
    request: Request,
    user: Annotated[User | None, Depends(optional_user)],
    session: SessionDep,
    settings: SettingsDep,
) -> User:
    """The signed-in user, refused when they came with an access token (sensitive routes)."""
    # Before the scope check, so a read-only token learns what would actually let it through.
    if _access_token_scope(request) is not None:
        raise Forbidden(SESSION_ONLY)
    return await current_user(request, user, session, settings)


async def current_admin(user: Annotated[User, Depends(current_user_by_session)]) -> User:
    if not user.is_admin:
        raise Forbidden("Only the instance's admin can do this.")
    return user


OptionalUser = Annotated[User | None, Depends(optional_user)]
CurrentUser = Annotated[User, Depends(current_user)]
CurrentReader = Annotated[User, Depends(current_reader)]
# For routes a leaked access token must never reach: tokens, password, 2FA, sign-outs, account.
CurrentUserBySession = Annotated[User, Depends(current_user_by_session)]
CurrentAdmin = Annotated[User, Depends(current_admin)]
SessionToEnd = Annotated[CallerSession | None, Depends(session_to_end)]


def start_session(
    request: Request, response: Response, settings: Settings, user: User
) -> tuple[str, str]:
    """Issue a token for the user, set the session and CSRF cookies, return both values."""
    secret = settings.signing_secret()
    lifetime = timedelta(days=settings.session_days)
    token = issue_token(user.id, user.token_version, secret, lifetime)
    claims = read_token(token, secret)
    assert claims is not None
    csrf = csrf_token_for(claims.token_id, secret)
    secure = settings.secure_cookies or request.url.scheme == "https"
    max_age = int(lifetime.total_seconds())
    response.set_cookie(
        SESSION_COOKIE, token, max_age=max_age, httponly=True, samesite="lax", secure=secure
    )
    # Readable by the page's script, which echoes it in the CSRF header.
    response.set_cookie(
        CSRF_COOKIE, csrf, max_age=max_age, httponly=False, samesite="lax", secure=secure
    )
    return token, csrf


def end_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE)
    response.delete_cookie(CSRF_COOKIE)
