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


def _identify(request: Request, session: Session, settings: Settings) -> User | None:
    """The caller's account, from an access token or a session; None when they sent neither."""
    # Told apart by its prefix, so a session's JWT path gains no query and no decoding attempt.
    secret = _access_token(request)
    if secret is not None:
        user, scope = access_tokens.authenticate(session, secret)
        request.state.access_token_scope = scope
        return user
    caller = _caller_session(request, session, settings)
    return caller.user if caller else None


def _signed_in(
    request: Request,
    session: Session,
    settings: Settings,
    *,
    writing: bool,
    session_only: bool = False,
) -> User:
    """The signed-in caller, held to the token rules and then to the admin rule.

    `writing`: a read-only access token is refused a change. `session_only`: any access
    token is refused (a sensitive route).
    """
    user = _identify(request, session, settings)
    if user is None:
        raise NotAuthenticated("Please sign in.")
    # After the sign-in check (a scope comes only with a valid token), and session-only
    # first, so a read-only token learns what would actually let it through.
    scope = _access_token_scope(request)
    if session_only and scope is not None:
        raise Forbidden(SESSION_ONLY)
    if writing and scope is AccessTokenScope.READ and request.method not in SAFE_METHODS:
        raise Forbidden(READ_ONLY)
    if user.is_admin:
        # Only admins can be held to two-factor: everyone else skips this (blocking) query.
        two_factor.enforce_admin_rule(request, session, settings, user)
    return user


# The checks below are plain functions: FastAPI runs each on a worker thread, one hand-off
# for the whole check (and its one query).


def optional_user(request: Request, session: SessionDep, settings: SettingsDep) -> User | None:
    return _identify(request, session, settings)


def user_if_signed_in(
    request: Request, response: Response, session: SessionDep, settings: SettingsDep
) -> User | None:
    """The caller's account, or None for anyone not signed in, including with an expired or
    ended session; such a session's cookies are cleared, so the browser's next calls go as
    signed out instead of refused."""
    try:
        return _identify(request, session, settings)
    except NotAuthenticated:
        if _bearer_token(request) is None:  # the stale session came as cookies
            end_session(response)
        return None


def current_user(request: Request, session: SessionDep, settings: SettingsDep) -> User:
    return _signed_in(request, session, settings, writing=True)


def current_reader(request: Request, session: SessionDep, settings: SettingsDep) -> User:
    """The signed-in user for a POST that changes nothing (capture): a read-only token will do."""
    return _signed_in(request, session, settings, writing=False)


def current_user_by_session(request: Request, session: SessionDep, settings: SettingsDep) -> User:
    """The signed-in user, refused when they came with an access token (sensitive routes)."""
    return _signed_in(request, session, settings, writing=True, session_only=True)


async def current_admin(user: Annotated[User, Depends(current_user_by_session)]) -> User:
    if not user.is_admin:
        raise Forbidden("Only the instance's admin can do this.")
    return user


OptionalUser = Annotated[User | None, Depends(optional_user)]
# Never refuses: for asking who is signed in (a stale session is treated as none).
UserIfSignedIn = Annotated[User | None, Depends(user_if_signed_in)]
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
