"""Forgot password: a single-use link, valid for a short time, mailed through the outbox.

Asking answers the same whether or not the address has an account, and takes about as long
(a token is made and the table written either way; the email itself goes later, from the
outbox, so no SMTP conversation shows in the answer's time). Using
the link sets the new password and signs out every session of the account.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from jobtracker import mail
from jobtracker.auth import service
from jobtracker.auth.models import User
from jobtracker.auth.passwords import password_problem
from jobtracker.auth.reset_models import PasswordReset
from jobtracker.auth.security import hash_password
from jobtracker.config import Settings
from jobtracker.errors import Conflict, InvalidInput, NotFound
from jobtracker.scheduler import outbox
from jobtracker.security.ratelimit import Allowance, FailureLimiter, TooManyAttempts

LINK_LIFETIME = timedelta(minutes=30)
# Requests allowed in the limiter's window: per address asked for (a person retrying), and per
# network (someone mailing strangers' inboxes).
MAX_PER_EMAIL = 3
MAX_PER_ADDRESS = 20
CHECK_YOUR_INBOX = (
    "If an account uses this address, we sent it a link to choose a new password. "
    "It works once, for 30 minutes; look in the spam folder too."
)
EMAIL_OFF = (
    "Password resets by email are off on this instance (no email is set up). "
    "Ask the instance's admin to set a new password for you."
)
LINK_NOT_VALID = "This reset link has expired or was already used. Ask for a new one."
RESET_DONE = "Your password is changed and every session is signed out. Sign in with it."


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def count_request(limiter: FailureLimiter, settings: Settings, *, email: str, address: str) -> None:
    allowances = (
        Allowance(f"reset:email:{email}", MAX_PER_EMAIL),
        Allowance(f"reset:address:{address}", MAX_PER_ADDRESS),
    )
    wait = limiter.seconds_until_allowed(allowances)
    if wait > 0:
        minutes = math.ceil(wait / 60)
        raise TooManyAttempts(
            f"Too many reset requests. Please wait {minutes} minute{'s' * (minutes != 1)} "
            "and try again.",
            retry_after=math.ceil(wait),
        )
    limiter.record_failure(allowances)


def request_reset(session: Session, settings: Settings, *, email: str, now: datetime) -> None:
    """Queue a reset link for the account with this address, if there is one."""
    if not settings.email_enabled:
        raise Conflict(EMAIL_OFF)
    # Both paths make a token and write (expired links are cleared either way), so the answer
    # takes about as long whether or not the address has an account.
    token = secrets.token_urlsafe(32)
    token_hash = _token_hash(token)
    user = service.find_by_email(session, email)
    session.execute(delete(PasswordReset).where(PasswordReset.expires_at <= now))
    if user is None:
        session.commit()
        return
    session.execute(delete(PasswordReset).where(PasswordReset.user_id == user.id))
    session.add(
        PasswordReset(user_id=user.id, token_hash=token_hash, expires_at=now + LINK_LIFETIME)
    )
    outbox.queue(
        session, _email(settings, user, token), kind="password_reset", now=now, user_id=user.id
    )
    session.commit()


def reset_password(session: Session, *, token: str, new_password: str, now: datetime) -> User:
    """Set the new password from a reset link (once), and sign out every session."""
    reset = session.scalar(
        select(PasswordReset).where(
            PasswordReset.token_hash == _token_hash(token), PasswordReset.expires_at > now
        )
    )
    user = session.get(User, reset.user_id) if reset is not None else None
    if user is None:
        raise NotFound(LINK_NOT_VALID)
    set_password(session, user, new_password)
    return user


def set_password(session: Session, user: User, new_password: str) -> None:
    """A new password for the user (reset link or admin), every session and link ended."""
    problem = password_problem(new_password, email=user.email)
    if problem:
        raise InvalidInput(problem, fields={"new_password": problem})
    user.password_hash = hash_password(new_password)
    session.execute(delete(PasswordReset).where(PasswordReset.user_id == user.id))
    service.revoke_all_sessions(session, user)  # bumps token_version; commits


def _email(settings: Settings, user: User, token: str) -> mail.Email:
    site = settings.public_url.rstrip("/")
    return mail.Email(
        to=user.email,
        subject="Choose a new Job Tracker password",
        text=(
            f"Hello {user.display_name},\n\n"
            "Someone, hopefully you, asked to reset the password of your Job Tracker account.\n"
            "Open this link to choose a new one (it works once, for 30 minutes):\n\n"
            f"{site}/reset-password?token={token}\n\n"
            "If it wasn't you, ignore this email: your password has not changed.\n"
        ),
    )
