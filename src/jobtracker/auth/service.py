"""Accounts: registration under the instance's limits, sign-in, password and revocation rules."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jobtracker.auth.models import RevokedToken, Role, User
from jobtracker.auth.passwords import password_problem
from jobtracker.auth.security import TokenClaims, hash_password, needs_rehash, verify_password
from jobtracker.config import Settings
from jobtracker.db import utcnow
from jobtracker.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotAuthenticated,
    QuotaExceeded,
)
from jobtracker.instance import service as instance_service
from jobtracker.time_zones import zone_or_default

WRONG_CREDENTIALS = "Email or password is wrong."
ACCOUNT_DISABLED = (
    "This account has been disabled by the instance's admin (its data is kept). "
    "Ask the admin to re-enable it."
)
# Leaves room below the column's 32-bit limit for a lifetime of revocations.
_TOKEN_VERSION_START_RANGE = 2**30


def normalise_email(email: str) -> str:
    return email.strip().lower()


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def find_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def _first_token_version() -> int:
    """Where a new account's token version starts: a random number, not 0.

    SQLite gives the next account the id of a deleted one when it was the highest; a token
    of the deleted account then names the new one, and only the version tells them apart.
    """
    return secrets.randbelow(_TOKEN_VERSION_START_RANGE)


def list_accounts(session: Session) -> list[User]:
    """Every account, oldest first (an operator's view; users are few per instance)."""
    return list(session.scalars(select(User).order_by(User.id)))


# One statement on every signed-in request: the user, the revocation list and the instance's
# settings together. A revocation (sign-out, sign out everywhere, a new password) is a row
# in the database, so every process and replica refuses the token from the next request on.
_ACTIVE_USER = instance_service.with_instance_settings(
    select(User).where(
        User.id == bindparam("user_id"),
        User.token_version == bindparam("token_version"),
        ~select(RevokedToken.token_id)
        .where(RevokedToken.token_id == bindparam("token_id"))
        .exists(),
    )
)


def get_active_user(session: Session, claims: TokenClaims) -> User | None:
    """The token's user, unless the token was revoked (one by one, or all at once)."""
    found = session.execute(
        _ACTIVE_USER,
        {
            "user_id": claims.user_id,
            "token_version": claims.token_version,
            "token_id": claims.token_id,
        },
    ).first()
    if found is None:
        return None
    user: User = found[0]
    # Checked on every request (no cache), so disabling takes effect on the very next one.
    if user.disabled_at is not None:
        raise NotAuthenticated(ACCOUNT_DISABLED)
    instance_service.keep_for_the_request(session, found[1])
    return user


def ensure_enabled(user: User) -> None:
    """Refuse a disabled account, in words its owner understands."""
    if user.disabled_at is not None:
        raise Forbidden(ACCOUNT_DISABLED)


def record_sign_in(session: Session, user: User) -> None:
    """Every way in (password, two-factor, single sign-on) ends here: a disabled account is
    refused, else the moment is kept for the admin's list of users."""
    ensure_enabled(user)
    user.last_sign_in_at = utcnow()
    session.commit()


def revoke_session(session: Session, claims: TokenClaims) -> None:
    """Sign out one session: its token is refused from now on, on every app process."""
    now = utcnow()
    # Tokens past their expiry are refused anyway, so their entries can go.
    session.execute(delete(RevokedToken).where(RevokedToken.expires_at <= now))
    if claims.expires_at > now and session.get(RevokedToken, claims.token_id) is None:
        session.add(RevokedToken(token_id=claims.token_id, expires_at=claims.expires_at))
    try:
        session.commit()
    except IntegrityError:  # the same token signed out twice at once: once is enough
        session.rollback()


def register(
    session: Session,
    settings: Settings,
    *,
    email: str,
    password: str,
    display_name: str | None,
    time_zone: str | None = None,
) -> User:
    # Hashed before taking the instance lock: argon2 is slow on purpose, and on SQLite the
    # lock is the database's one write lock, which every other writer would wait behind.
    password_hash = hash_password(password)
    user = add_registered_account(
        session,
        settings,
        email=email,
        password_hash=password_hash,
        display_name=display_name,
        time_zone=time_zone,
    )
    session.commit()
    return user


def ensure_registration_allowed(
    session: Session, settings: Settings, *, invited: bool = False
) -> int:
    """Refuse when registration is closed or the instance is full; else how many users there are.

    Neither depends on the address, so saying so reveals nothing about who has an account.
    `invited`: the person came with a valid invitation, which lets them in while registration
    is closed, never past the instance's limit of users.
    """
    limits = instance_service.current_limits(session, settings)
    users = count_users(session)
    if users and not limits.registration_open and not invited:
        raise Forbidden("Registration is closed on this instance. Ask its admin for an account.")
    if limits.max_users and users >= limits.max_users:
        raise QuotaExceeded(
            f"This instance has reached its limit of {limits.max_users} users. "
            "Its admin can raise the limit in Settings or with MAX_USERS."
        )
    return users


def add_registered_account(
    session: Session,
    settings: Settings,
    *,
    email: str,
    password_hash: str,
    display_name: str | None,
    time_zone: str | None = None,
    invited: bool = False,
) -> User:
    """A new account under the instance's rules (open, MAX_USERS, one per email); not committed."""
    email = normalise_email(email)
    instance_service.lock_instance(session)
    users = ensure_registration_allowed(session, settings, invited=invited)
    if find_by_email(session, email) is not None:
        raise Conflict("An account with this email already exists. Sign in instead.")
    user = User(
        email=email,
        display_name=display_name or email.split("@")[0],
        password_hash=password_hash,
        role=Role.USER if users else Role.ADMIN,  # the first account runs the instance
        token_version=_first_token_version(),
        # The browser's guess; a zone this server does not know must not refuse the sign-up.
        time_zone=zone_or_default(time_zone),
    )
    session.add(user)
    return user


def authenticate(session: Session, *, email: str, password: str) -> User:
    user = find_by_email(session, email)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        raise NotAuthenticated(WRONG_CREDENTIALS)
    # Only after the password: whether an account is disabled is no one else's business.
    ensure_enabled(user)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.commit()
    return user


def create_admin(session: Session, *, email: str, password: str, display_name: str | None) -> User:
    """An operator's command: makes (or promotes) an admin, regardless of registration limits."""
    user = find_by_email(session, email)
    if user is None:
        user = User(
            email=normalise_email(email),
            display_name=display_name or normalise_email(email).split("@")[0],
            token_version=_first_token_version(),
        )
        session.add(user)
    user.role = Role.ADMIN
    user.password_hash = hash_password(password)
    user.token_version = (user.token_version or 0) + 1
    session.commit()
    return user


def time_zone_of(session: Session, user_id: int) -> str:
    """The user's IANA zone, for domains that word dates for them without the User at hand."""
    return session.scalar(select(User.time_zone).where(User.id == user_id)) or "UTC"


def update_profile(
    session: Session, user: User, *, display_name: str | None, time_zone: str | None
) -> User:
    if display_name is not None:
        user.display_name = display_name.strip()
    if time_zone is not None:
        user.time_zone = time_zone
    session.commit()
    return user


def change_password(session: Session, user: User, *, current: str, new: str) -> User:
    if not verify_password(user.password_hash, current):
        raise Forbidden("The current password is wrong.", fields={"current_password": "wrong"})
    problem = password_problem(new, email=user.email)
    if problem:
        raise InvalidInput(problem, fields={"new_password": problem})
    user.password_hash = hash_password(new)
    _end_every_session(user)  # the caller gets a fresh token
    session.commit()
    return user


def revoke_all_sessions(session: Session, user: User) -> None:
    _end_every_session(user)
    session.commit()


def _end_every_session(user: User) -> None:
    user.token_version += 1
    # The calendar address is a credential too: whoever is being locked out may have copied it.
    user.calendar_token_hash = None


def delete_account(session: Session, user: User, *, password: str) -> None:
    if not verify_password(user.password_hash, password):
        raise Forbidden("The password is wrong; the account was not deleted.")
    # Every owned table cascades from users.id, so one delete removes all of it.
    session.execute(delete(User).where(User.id == user.id))
    if user.is_admin:
        _ensure_an_admin_remains(session)
    session.commit()


def _ensure_an_admin_remains(session: Session) -> None:
    if session.scalar(select(User.id).where(User.role == Role.ADMIN).limit(1)) is not None:
        return
    longest_standing = session.scalar(select(User).order_by(User.id).limit(1))
    if longest_standing is not None:
        longest_standing.role = Role.ADMIN


def _calendar_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_calendar_token(session: Session, user: User) -> str:
    """A new private calendar token for the user; the one before it stops working at once.

    Only its hash is kept, so this is the one moment the token can be shown.
    """
    token = secrets.token_urlsafe(32)
    user.calendar_token_hash = _calendar_token_hash(token)
    session.commit()
    return token


def revoke_calendar_token(session: Session, user: User) -> None:
    user.calendar_token_hash = None
    session.commit()


def find_by_calendar_token(session: Session, token: str) -> User | None:
    # A lookup by hash: the database never sees the token, and there is nothing to time.
    return session.scalar(
        select(User).where(
            User.calendar_token_hash == _calendar_token_hash(token), User.disabled_at.is_(None)
        )
    )


def add_account(session: Session, *, email: str, password: str, display_name: str | None) -> User:
    """An operator's command: a new account (not admin) regardless of registration limits.

    Added to the session but not committed, so it can be filled in the same transaction.
    """
    email = normalise_email(email)
    if find_by_email(session, email) is not None:
        raise Conflict(f"An account with the email {email} already exists.")
    user = User(
        email=email,
        display_name=display_name or email.split("@")[0],
        password_hash=hash_password(password),
        role=Role.USER if count_users(session) else Role.ADMIN,
        token_version=_first_token_version(),
    )
    session.add(user)
    session.flush()
    return user
