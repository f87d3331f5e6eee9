"""Routes for two-factor sign-in: setup, on and off, recovery codes, the second sign-in step."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response, status
from sqlalchemy.orm import Session

from jobtracker.auth import service, two_factor
from jobtracker.auth.deps import CurrentUserBySession, SettingsDep, start_session
from jobtracker.auth.devices import remember_device
from jobtracker.auth.models import User
from jobtracker.auth.schemas import SessionOut, UserOut
from jobtracker.auth.two_factor_schemas import (
    RecoveryCodes,
    TwoFactorCode,
    TwoFactorDisable,
    TwoFactorLogin,
    TwoFactorSetup,
    TwoFactorStatus,
)
from jobtracker.config import Settings
from jobtracker.db import SessionDep
from jobtracker.security.ratelimit import AttemptGuardDep, client_address

router = APIRouter(prefix="/auth", tags=["auth"])
# Wrong codes count against the same limits as wrong passwords, under their own name.
GUARDED_ACTION = "two-factor"
_LIMITED: dict[int | str, dict[str, object]] = {
    429: {"description": "Too many wrong codes for this account or address; see Retry-After"}
}
# A challenge for a sign-in that did not come through the login form (single sign-on): it
# travels in a cookie that only the second step receives, never in an address.
CHALLENGE_COOKIE = "jt_2fa"
CHALLENGE_COOKIE_PATH = "/api/auth/login/2fa"


def _challenge_cookie_options(request: Request, settings: Settings) -> dict[str, Any]:
    return {
        "path": CHALLENGE_COOKIE_PATH,
        "httponly": True,
        # Strict: only this app's own page sends it; another site can't make a browser post
        # codes against it.
        "samesite": "strict",
        "secure": settings.secure_cookies or request.url.scheme == "https",
    }


def challenge_by_cookie(
    request: Request, response: Response, settings: Settings, user: User
) -> None:
    """Start the second step for a user signed in by other means than the password form."""
    response.set_cookie(
        CHALLENGE_COOKIE,
        two_factor.issue_challenge(settings, user),
        max_age=int(two_factor.CHALLENGE_LIFETIME.total_seconds()),
        **_challenge_cookie_options(request, settings),
    )


def finish_sign_in(
    request: Request, response: Response, session: Session, settings: Settings, user: User
) -> SessionOut:
    """A full sign-in: the session, and this browser remembered as one of the user's devices."""
    service.record_sign_in(session, user)
    remember_device(request, response, settings, user)
    token, csrf = start_session(request, response, settings, user)
    return SessionOut(access_token=token, csrf_token=csrf, user=UserOut.model_validate(user))


@router.post("/login/2fa", responses=_LIMITED)
def login_second_step(
    body: TwoFactorLogin,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    guard: AttemptGuardDep,
) -> SessionOut:
    """Finish a sign-in with a code: the login's `challenge`, or after single sign-on none (the
    browser carries it in a cookie)."""
    challenge = body.challenge or request.cookies.get(CHALLENGE_COOKIE) or ""
    user = two_factor.user_for_challenge(session, settings, challenge)
    with guard.attempt(GUARDED_ACTION, user.email, client_address(request)):
        two_factor.finish_challenge(session, settings, user, body.code)
    response.delete_cookie(CHALLENGE_COOKIE, **_challenge_cookie_options(request, settings))
    return finish_sign_in(request, response, session, settings, user)


@router.get("/2fa")
def read_two_factor(
    user: CurrentUserBySession, session: SessionDep, settings: SettingsDep
) -> TwoFactorStatus:
    return TwoFactorStatus(
        enabled=user.two_factor_enabled,
        recovery_codes_left=two_factor.recovery_codes_left(session, user),
        required=two_factor.setup_required(session, settings, user),
    )


@router.post("/2fa/setup")
def set_up_two_factor(
    user: CurrentUserBySession, session: SessionDep, settings: SettingsDep
) -> TwoFactorSetup:
    secret, uri = two_factor.begin_setup(session, settings, user)
    return TwoFactorSetup(secret=secret, otpauth_uri=uri)


@router.post("/2fa/enable", responses=_LIMITED)
def enable_two_factor(
    body: TwoFactorCode,
    request: Request,
    user: CurrentUserBySession,
    session: SessionDep,
    settings: SettingsDep,
    guard: AttemptGuardDep,
) -> RecoveryCodes:
    with guard.attempt(GUARDED_ACTION, user.email, client_address(request)):
        codes = two_factor.enable(session, settings, user, code=body.code)
    return RecoveryCodes(recovery_codes=codes)


@router.post("/2fa/disable", status_code=status.HTTP_204_NO_CONTENT, responses=_LIMITED)
def disable_two_factor(
    body: TwoFactorDisable,
    request: Request,
    user: CurrentUserBySession,
    session: SessionDep,
    settings: SettingsDep,
    guard: AttemptGuardDep,
) -> None:
    with guard.attempt(GUARDED_ACTION, user.email, client_address(request)):
        two_factor.disable(session, settings, user, password=body.password, code=body.code)


@router.post("/2fa/recovery-codes", responses=_LIMITED)
def regenerate_recovery_codes(
    body: TwoFactorCode,
    request: Request,
    user: CurrentUserBySession,
    session: SessionDep,
    settings: SettingsDep,
    guard: AttemptGuardDep,
) -> RecoveryCodes:
    with guard.attempt(GUARDED_ACTION, user.email, client_address(request)):
        codes = two_factor.regenerate_recovery_codes(session, settings, user, code=body.code)
    return RecoveryCodes(recovery_codes=codes)
