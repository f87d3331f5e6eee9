"""Personal access tokens: named, scoped, hashed, revocable credentials for programs."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm import Session

from jobtracker.auth.models import AccessTokenScope, PersonalAccessToken, User
from jobtracker.auth.service import ACCOUNT_DISABLED
from jobtracker.db import utcnow
from jobtracker.errors import Conflict, NotAuthenticated, NotFound
from jobtracker.instance import service as instance_service

# Told apart from a session JWT without decoding it, and findable by secret scanners.
PREFIX = "jtpat_"
MAX_TOKENS_PER_USER = 10
# Writing last_used_at on every request would turn each read into a write.
LAST_USED_PRECISION = timedelta(minutes=1)
REFUSED = (
    "This access token is not valid, has expired or was revoked. Create a new one in Settings."
)


@dataclass(frozen=True)
class NewAccessToken:
    """A token just created: its row, and the secret itself, shown this once."""

    record: PersonalAccessToken
    secret: str


@dataclass(frozen=True)
class AuthenticatedToken:
    """Who a valid token acts for, and the token's own row (its name, scope and rights)."""

    user: User
    token: PersonalAccessToken


def is_access_token(credentials: str) -> bool:
    return credentials.startswith(PREFIX)


def _hash(secret: str) -> str:
    # A random 256-bit secret cannot be guessed, so a fast hash is enough (no argon2 needed).
    return hashlib.sha256(secret.encode()).hexdigest()


def list_tokens(session: Session, owner: User) -> list[PersonalAccessToken]:
    query = select(PersonalAccessToken).where(PersonalAccessToken.owner_id == owner.id)
    return list(session.scalars(query.order_by(PersonalAccessToken.id)))


def create_token(
    session: Session,
    owner: User,
    *,
    name: str,
    scope: AccessTokenScope,
    expires_in_days: int | None,
    allow_delete: bool = False,
) -> NewAccessToken:
    count = select(func.count()).where(PersonalAccessToken.owner_id == owner.id)
    if (session.scalar(count) or 0) >= MAX_TOKENS_PER_USER:
        raise Conflict(
            f"You already have {MAX_TOKENS_PER_USER} access tokens, the most allowed. "
            "Revoke one you no longer use, then create this one."
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    record = PersonalAccessToken(
        owner_id=owner.id,
        name=name,
        scope=scope,
        token_hash=_hash(secret),
        created_at=now,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
        # Deleting is a right of read-and-write tokens only (the schema refuses the rest).
        allow_delete=allow_delete and scope is AccessTokenScope.WRITE,
    )
    session.add(record)
    session.commit()
    return NewAccessToken(record, secret)


def revoke_token(session: Session, owner: User, token_id: int) -> None:
    revoked = session.execute(
        delete(PersonalAccessToken).where(
            PersonalAccessToken.id == token_id, PersonalAccessToken.owner_id == owner.id
        )
    )
    if not isinstance(revoked, CursorResult) or revoked.rowcount != 1:
        raise NotFound(f"Access token {token_id} was not found.")
    session.commit()


def authenticate(session: Session, secret: str) -> tuple[User, AccessTokenScope]:
    """The token's owner and scope; NotAuthenticated when it is unknown, revoked or expired."""
    found = authenticate_token(session, secret)
    return found.user, found.token.scope


def authenticate_token(session: Session, secret: str) -> AuthenticatedToken:
    """The token's owner and row; NotAuthenticated when it is unknown, revoked or expired."""
    now = utcnow()
    found = session.execute(
        instance_service.with_instance_settings(
            select(PersonalAccessToken, User)
            .join(User, User.id == PersonalAccessToken.owner_id)
            .where(PersonalAccessToken.token_hash == _hash(secret))
        )
    ).first()
    if found is None:
        raise NotAuthenticated(REFUSED)
    token, user, instance_settings = found
    instance_service.keep_for_the_request(session, instance_settings)
    if token.expires_at is not None and token.expires_at <= now:
        raise NotAuthenticated(REFUSED)
    if user.disabled_at is not None:  # kept, so re-enabling the account restores its tokens
        raise NotAuthenticated(ACCOUNT_DISABLED)
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        session.execute(
            update(PersonalAccessToken)
            .where(PersonalAccessToken.id == token.id)
            .values(last_used_at=now)
        )
        session.commit()
    return AuthenticatedToken(user, token)
