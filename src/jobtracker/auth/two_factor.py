"""Two-factor sign-in: TOTP setup and checks, recovery codes, the sign-in challenge, the admin rule.

The TOTP secret is stored encrypted with a key derived from the signing secret and is shown
only once, at setup. Recovery codes are random, single-use and stored as SHA-256 hashes (they
carry 50 random bits each, so a slow password hash would add nothing). A password that is right
for an account with two-factor on earns a short-lived signed challenge, not a session; so does a
single sign-on. A known device never skips the code.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import timedelta

import jwt
from cryptography.fernet import Fernet, InvalidToken
from fastapi import Request
from sqlalchemy import CursorResult, delete, func, or_, select, update
from sqlalchemy.orm import Session

from jobtracker.auth import service, totp
from jobtracker.auth.models import RecoveryCode, User
from jobtracker.auth.security import ALGORITHM, verify_password
from jobtracker.config import Settings
from jobtracker.db import utcnow
from jobtracker.errors import Conflict, Forbidden, InvalidInput, NotAuthenticated
from jobtracker.instance import service as instance_service

ISSUER = "Job Tracker"
RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: a person copies these from paper.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_HALF = 5
CHALLENGE_LIFETIME = timedelta(minutes=5)
WRONG_CODE = "That code is not right. Enter the 6-digit code your authenticator app shows now."
WRONG_SIGN_IN_CODE = (
    "That code is not right. Enter the 6-digit code your authenticator app shows now, "
    "or one of your recovery codes."
)
WRONG_PASSWORD_OR_CODE = "Email, password or two-factor code is wrong."  # noqa: S105 - a message


class TwoFactorSetupRequired(Forbidden):
    code = "two_factor_setup_required"


def _derived_key(settings: Settings, purpose: str) -> bytes:
    return hmac.new(settings.signing_secret().encode(), purpose.encode(), hashlib.sha256).digest()


def _fernet(settings: Settings) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derived_key(settings, "two-factor secret")))


def _sealed(settings: Settings, secret: str) -> str:
    return _fernet(settings).encrypt(secret.encode()).decode()


def _opened(settings: Settings, sealed: str | None) -> str | None:
    # None after the signing secret changed: recovery codes still sign the user in.
    if sealed is None:
        return None
    try:
        return _fernet(settings).decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None


def begin_setup(session: Session, settings: Settings, user: User) -> tuple[str, str]:
    """A new secret for the user's authenticator, not in force until confirmed with a code."""
    if user.two_factor_enabled:
        raise Conflict(
            "Two-factor sign-in is already on. Turn it off first to move to a new authenticator."
        )
    secret = totp.new_secret()
    user.two_factor_secret = _sealed(settings, secret)
    user.two_factor_last_step = None
    session.commit()
    return secret, totp.provisioning_uri(secret, account=user.email, issuer=ISSUER)


def enable(session: Session, settings: Settings, user: User, *, code: str) -> list[str]:
    """Turn two-factor on once the user proves their app has the secret; the recovery codes."""
    if user.two_factor_enabled:
        raise Conflict("Two-factor sign-in is already on.")
    secret = _opened(settings, user.two_factor_secret)
    if secret is None:
        raise InvalidInput("Start the setup first, then enter the code your app shows.")
    step = totp.matching_step(secret, code, after_step=None)
    if step is None:
        raise InvalidInput(WRONG_CODE, fields={"code": WRONG_CODE})
    user.two_factor_enabled_at = utcnow()
    user.two_factor_last_step = step
    return _replace_recovery_codes(session, user)


def disable(session: Session, settings: Settings, user: User, *, password: str, code: str) -> None:
    if not user.two_factor_enabled:
        raise Conflict("Two-factor sign-in is already off.")
    # The rule first: refused anyway, a code typed for it would be used up for nothing.
    if (
        user.is_admin
        and instance_service.current_limits(session, settings).admins_require_two_factor
    ):
        raise Forbidden(
            "This instance requires two-factor sign-in for admins, so it cannot be turned off."
        )
    if not verify_password(user.password_hash, password):
        raise Forbidden("The password is wrong.", fields={"password": "The password is wrong."})
    if not passes_second_factor(session, settings, user, code):
        raise Forbidden(WRONG_SIGN_IN_CODE, fields={"code": WRONG_SIGN_IN_CODE})
    user.two_factor_secret = None
    user.two_factor_enabled_at = None
    user.two_factor_last_step = None
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    session.commit()


def regenerate_recovery_codes(
    session: Session, settings: Settings, user: User, *, code: str
) -> list[str]:
    """A new set of recovery codes; every earlier one stops working."""
    if not user.two_factor_enabled:
        raise Conflict("Turn on two-factor sign-in first.")
    if not _uses_current_code(session, settings, user, code):
        raise Forbidden(WRONG_CODE, fields={"code": WRONG_CODE})
    return _replace_recovery_codes(session, user)


def recovery_codes_left(session: Session, user: User) -> int:
    count = select(func.count()).where(RecoveryCode.user_id == user.id)
    return session.scalar(count) or 0


def _recovery_code_hash(code: str) -> str:
    normalised = "".join(code.lower().split()).replace("-", "")
    return hashlib.sha256(normalised.encode()).hexdigest()


def _new_recovery_code() -> str:
    letters = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(2 * _RECOVERY_HALF))
    return f"{letters[:_RECOVERY_HALF]}-{letters[_RECOVERY_HALF:]}"


def _replace_recovery_codes(session: Session, user: User) -> list[str]:
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    session.add_all(RecoveryCode(user_id=user.id, code_hash=_recovery_code_hash(c)) for c in codes)
    session.commit()
    return codes


def _uses_current_code(session: Session, settings: Settings, user: User, code: str) -> bool:
    """Whether this is the app's code for a step later than any used; claims that step.

    The claim is one conditional UPDATE, so two requests racing with one code can't both win.
    """
    secret = _opened(settings, user.two_factor_secret)
    step = (
        totp.matching_step(secret, code, after_step=user.two_factor_last_step) if secret else None
    )
    if step is None:
        return False
    last = User.two_factor_last_step
    claimed = session.execute(
        update(User)
        .where(User.id == user.id, or_(last.is_(None), last < step))
        .values(two_factor_last_step=step)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    session.refresh(user)
    return isinstance(claimed, CursorResult) and claimed.rowcount == 1


def passes_second_factor(session: Session, settings: Settings, user: User, code: str) -> bool:
    """Whether the code is the user's current TOTP code or an unused recovery code; uses it up."""
    if not user.two_factor_enabled or len(code) > 40:
        return False
    if _uses_current_code(session, settings, user, code):
        return True
    used = session.execute(
        delete(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _recovery_code_hash(code),
        )
        .returning(RecoveryCode.id)
    ).first()
    session.commit()
    return used is not None


def authenticate(
    session: Session, settings: Settings, *, email: str, password: str, code: str | None
) -> tuple[User, bool]:
    """The user whose password (and code, when sent) is right, and whether a challenge follows.

    With a code, the code is checked first and every failure reads the same, so guessing
    passwords this way (it gets past an account's lock-out) says nothing about the password.
    """
    if code is None:
        user = service.authenticate(session, email=email, password=password)
        return user, user.two_factor_enabled
    user_by_email = service.find_by_email(session, email)
    if user_by_email is None or not passes_second_factor(session, settings, user_by_email, code):
        raise NotAuthenticated(WRONG_PASSWORD_OR_CODE)
    try:
        return service.authenticate(session, email=email, password=password), False
    except NotAuthenticated:
        raise NotAuthenticated(WRONG_PASSWORD_OR_CODE) from None


def finish_challenge(session: Session, settings: Settings, user: User, code: str) -> None:
    if not passes_second_factor(session, settings, user, code):
        raise NotAuthenticated(WRONG_SIGN_IN_CODE, fields={"code": WRONG_SIGN_IN_CODE})


def issue_challenge(settings: Settings, user: User) -> str:
    now = utcnow()
    claims = {
        "sub": str(user.id),
        "ver": user.token_version,  # a password change or sign-out everywhere voids it
        "iat": now,
        "exp": now + CHALLENGE_LIFETIME,
    }
    # Its own key: a challenge can never pass as a session token, nor the other way round.
    return jwt.encode(claims, _derived_key(settings, "two-factor challenge"), algorithm=ALGORITHM)


def user_for_challenge(session: Session, settings: Settings, challenge: str) -> User:
    try:
        claims = jwt.decode(
            challenge,
            _derived_key(settings, "two-factor challenge"),
            algorithms=[ALGORITHM],
            options={"require": ["sub", "ver", "exp", "iat"]},
        )
        user = session.get(User, int(claims["sub"]))
        version = int(claims["ver"])
    except (jwt.InvalidTokenError, ValueError, TypeError):
        user, version = None, None
    # A password change or "sign out everywhere" since the password step voids the challenge.
    if user is None or user.token_version != version or not user.two_factor_enabled:
        raise NotAuthenticated("This sign-in has expired. Please sign in again.")
    return user


# What an admin who must still set up two-factor can reach: enough to set it up or leave.
_OPEN_DURING_SETUP = frozenset(
    {
        ("GET", "/api/me"),
        ("GET", "/api/meta"),
        ("GET", "/api/auth/2fa"),
        ("POST", "/api/auth/2fa/setup"),
        ("POST", "/api/auth/2fa/enable"),
        ("POST", "/api/auth/logout"),
        ("POST", "/api/auth/logout-all"),
    }
)


def setup_required(session: Session, settings: Settings, user: User) -> bool:
    if not user.is_admin or user.two_factor_enabled:
        return False
    return instance_service.current_limits(session, settings).admins_require_two_factor


def enforce_admin_rule(request: Request, session: Session, settings: Settings, user: User) -> None:
    """Refuse everything but setting up two-factor to an admin who must and has not yet."""
    if (request.method, request.url.path) in _OPEN_DURING_SETUP:
        return
    if setup_required(session, settings, user):
        raise TwoFactorSetupRequired(
            "This instance requires admins to use two-factor sign-in. Set it up in Settings "
            "under Two-factor sign-in to continue."
        )
