"""Registration with email set up: one answer for every address, the account made from the link.

Without SMTP_HOST the API opens the account at once and says when an address is taken (409).
With it, registering never reveals whether an address has an account: a new address gets a
link that opens the account and signs in, and one that already has an account gets an email
saying so. Either way the API answers 202 "check your inbox".
"""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from jobtracker import mail
from jobtracker.auth import service
from jobtracker.auth.models import PendingRegistration, User
from jobtracker.auth.security import hash_password
from jobtracker.config import Settings
from jobtracker.db import utcnow
from jobtracker.errors import Forbidden, NotFound
from jobtracker.security.ratelimit import Allowance, FailureLimiter, TooManyAttempts

LINK_LIFETIME = timedelta(hours=24)
CHECK_YOUR_INBOX = (
    "Check your inbox: we sent a link to finish signing up. "
    "It can take a minute to arrive; look in the spam folder too."
)
LINK_NOT_VALID = (
    "This sign-up link has expired or was already used. Sign up again, or sign in if you "
    "finished signing up before."
)


def count_registration(limiter: FailureLimiter, settings: Settings, address: str) -> None:
    """Refuse a registration past the per-address limit; else count it, whatever its outcome."""
    allowance = Allowance(f"registration:address:{address}", settings.registration_max_per_ip)
    wait = limiter.seconds_until_allowed((allowance,))
    if wait > 0:
        minutes = math.ceil(wait / 60)
        raise TooManyAttempts(
            f"Too many sign-ups from your network. Please wait {minutes} "
            f"minute{'s' * (minutes != 1)} and try again.",
            retry_after=math.ceil(wait),
        )
    # The limiter's failure count doubles as a count of every registration: successes add up
    # too, or one address could make accounts without end.
    limiter.record_failure((allowance,))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(
    session: Session, settings: Settings, *, email: str, password: str, display_name: str | None
) -> None:
    """Mail a new address its sign-up link, or an existing account's owner a reminder."""
    email = service.normalise_email(email)
    # Hashed on both paths, so the answer takes as long whether or not the account exists.
    password_hash = hash_password(password)
    service.ensure_registration_allowed(session, settings)
    if service.find_by_email(session, email) is not None:
        mail.send(
            settings, email, "You already have a Job Tracker account", _existing_body(settings)
        )
        return
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.execute(
        delete(PendingRegistration).where(
            (PendingRegistration.expires_at <= now) | (PendingRegistration.email == email)
        )
    )
    session.add(
        PendingRegistration(
            token_hash=_token_hash(token),
            email=email,
            display_name=display_name,
            password_hash=password_hash,
            expires_at=now + LINK_LIFETIME,
        )
    )
    session.commit()
    mail.send(settings, email, "Finish signing up to Job Tracker", _confirm_body(settings, token))


def confirm(session: Session, settings: Settings, token: str, time_zone: str | None = None) -> User:
    """Open the account a sign-up link stands for; the link works once."""
    pending = session.scalar(
        select(PendingRegistration).where(
            PendingRegistration.token_hash == _token_hash(token),
            PendingRegistration.expires_at > utcnow(),
        )
    )
    if pending is None:
        raise NotFound(LINK_NOT_VALID)
    user = service.add_registered_account(
        session,
        settings,
        email=pending.email,
        password_hash=pending.password_hash,
        display_name=pending.display_name,
        time_zone=time_zone,
    )
    session.delete(pending)
    session.commit()
    return user


def through_invite(
    session: Session,
    settings: Settings,
    *,
    invite: str,
    email: str,
    password: str,
    display_name: str | None,
    time_zone: str | None,
) -> User:
    """Open the account at once with an invitation link, even while registration is closed.

    No confirmation email: the invitation, not the address, is what admits the person (one
    bound to an email admits only that address).
    """
    # Imported here: groups builds on auth, not the other way round.
    from jobtracker.groups import invites

    return invites.register(
        session,
        settings,
        token=invite,
        email=email,
        # Hashed before the instance's lock is taken, like every registration.
        password_hash=hash_password(password),
        display_name=display_name,
        time_zone=time_zone,
    )


SIGNIN_OFF_MESSAGE = (
    "Signing in and signing up with a password are turned off on this instance. "
    "Use the single sign-on button instead."
)


def ensure_password_signin(settings: Settings) -> None:
    """Refuse password sign-in and registration when PASSWORD_SIGNIN is off."""
    if not settings.password_signin:
        raise Forbidden(SIGNIN_OFF_MESSAGE)


def _site(settings: Settings) -> str:
    return settings.public_url.rstrip("/")


def _confirm_body(settings: Settings, token: str) -> str:
    return (
        "Hello,\n\n"
        "Someone, hopefully you, asked to create a Job Tracker account with this address.\n"
        "Open this link to finish signing up (it works once, for 24 hours):\n\n"
        f"{_site(settings)}/signup/confirm?token={token}\n\n"
        "If it wasn't you, ignore this email: no account is made without the link.\n"
    )


def _existing_body(settings: Settings) -> str:
    return (
        "Hello,\n\n"
        "Someone, hopefully you, tried to create a Job Tracker account with this address, "
        "but you already have one.\n\n"
        f"Sign in at {_site(settings)}/login\n"
        f"Forgot your password? Choose a new one at {_site(settings)}/forgot-password\n\n"
        "If it wasn't you, ignore this email: nothing has changed.\n"
    )
