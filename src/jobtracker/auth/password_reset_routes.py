"""Routes for "Forgot password?" (a link by email) and the admin setting a user's password."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from jobtracker.auth import password_reset, registration, service
from jobtracker.auth.deps import CurrentAdmin, SettingsDep
from jobtracker.auth.password_reset_schemas import (
    AdminPasswordSet,
    ForgotPassword,
    Message,
    ResetPassword,
)
from jobtracker.db import SessionDep, utcnow
from jobtracker.errors import NotFound
from jobtracker.security.ratelimit import client_address

router = APIRouter(prefix="/api", tags=["auth"])


def _wake_scheduler(request: Request) -> None:
    # The web process's scheduler sends the link within a moment; a separate worker polls.
    scheduler = getattr(request.app.state, "scheduler", None)
    if scheduler is not None:
        scheduler.wake()


@router.post(
    "/auth/forgot-password",
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        409: {"description": "No email is set up on this instance"},
        429: {"description": "Too many requests for this address or network; see Retry-After"},
    },
)
def forgot_password(
    body: ForgotPassword, request: Request, session: SessionDep, settings: SettingsDep
) -> Message:
    """Mail a reset link if an account uses the address; the answer is the same either way."""
    registration.ensure_password_signin(settings)  # a password would open nothing
    password_reset.count_request(
        request.app.state.failure_limiter,
        settings,
        email=service.normalise_email(body.email),
        address=client_address(request),
    )
    password_reset.request_reset(session, settings, email=body.email, now=utcnow())
    _wake_scheduler(request)
    return Message(message=password_reset.CHECK_YOUR_INBOX)


@router.post("/auth/reset-password")
def reset_password(body: ResetPassword, session: SessionDep) -> Message:
    """Choose a new password from a reset link; every session of the account is signed out."""
    password_reset.reset_password(
        session, token=body.token, new_password=body.new_password, now=utcnow()
    )
    return Message(message=password_reset.RESET_DONE)


@router.post("/admin/set-password")
def admin_set_password(
    body: AdminPasswordSet, _admin: CurrentAdmin, session: SessionDep
) -> Message:
    """Set a user's password (how people get back in when there is no email for resets)."""
    user = service.find_by_email(session, body.email)
    if user is None:
        raise NotFound("No account uses this email address.", fields={"email": "no such account"})
    password_reset.set_password(session, user, body.new_password)
    return Message(message=f"The password of {user.email} is set; their sessions are signed out.")
