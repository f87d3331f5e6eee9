"""Who a single sign-on signs in: the account linked to the provider's subject, else the one
with the same verified email (then linked), else a new account when the instance allows it or
an invitation admits the person."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobtracker.auth import service as auth_service
from jobtracker.auth.models import User
from jobtracker.auth.security import hash_password
from jobtracker.config import Settings
from jobtracker.db import utcnow
from jobtracker.errors import AppError
from jobtracker.groups import audit, invites
from jobtracker.groups.models import UserIdentity
from jobtracker.groups.oidc import SignOnError, VerifiedIdentity


def _domain_allowed(settings: Settings, email: str | None) -> bool:
    allowed = settings.oidc_allowed_domain_list
    if not allowed:
        return True
    return email is not None and email.rpartition("@")[2] in allowed


def _new_account(
    session: Session, settings: Settings, identity: VerifiedIdentity, invite_token: str | None
) -> User:
    assert identity.email is not None
    # Nobody knows this password: the account signs in by the provider (or, if password
    # sign-in is on, after choosing one with "Forgot password").
    password_hash = hash_password(secrets.token_urlsafe(32))
    try:
        if invite_token is not None:
            invite = invites.usable(session, invite_token, identity.email)
            user = auth_service.add_registered_account(
                session,
                settings,
                email=identity.email,
                password_hash=password_hash,
                display_name=identity.name,
                invited=True,
            )
            invites.accept(session, invite, user)
        elif settings.oidc_create_accounts:
            user = auth_service.add_registered_account(
                session,
                settings,
                email=identity.email,
                password_hash=password_hash,
                display_name=identity.name,
            )
            session.flush()
        else:
            raise SignOnError(
                "no_account", "No account uses this email, and sign-on may not create one."
            )
    except AppError as refusal:
        session.rollback()
        reason = "invite" if invite_token is not None else "registration"
        raise SignOnError(reason, refusal.message) from refusal
    audit.record(session, user, "sso.register", target=user, details={"issuer": identity.issuer})
    return user


def _link(session: Session, user: User, identity: VerifiedIdentity) -> None:
    assert identity.email is not None
    session.add(
        UserIdentity(
            user_id=user.id,
            issuer=identity.issuer,
            subject=identity.subject,
            email=identity.email,
            last_used_at=utcnow(),
        )
    )
    audit.record(session, user, "sso.link", target=user, details={"issuer": identity.issuer})


def sign_in(
    session: Session, settings: Settings, identity: VerifiedIdentity, invite_token: str | None
) -> User:
    """The account this identity signs in to, committed with its link and last sign-in."""
    if not _domain_allowed(settings, identity.email):
        raise SignOnError("domain_not_allowed", "This email's domain may not sign in here.")
    linked = session.scalar(
        select(UserIdentity).where(
            UserIdentity.issuer == identity.issuer, UserIdentity.subject == identity.subject
        )
    )
    if linked is not None:
        # The subject is the provider's lasting name for the person; the email may change.
        user = session.get(User, linked.user_id)
        assert user is not None  # the link is deleted with the account
        linked.last_used_at = utcnow()
        if identity.email:
            linked.email = identity.email
    else:
        if identity.email is None or not identity.email_verified:
            raise SignOnError(
                "unverified_email", "The sign-on provider has not verified this email."
            )
        existing = auth_service.find_by_email(session, identity.email)
        user = existing or _new_account(session, settings, identity, invite_token)
        _link(session, user, identity)
    try:
        auth_service.ensure_enabled(user)
    except AppError as refusal:
        session.rollback()
        raise SignOnError("disabled", refusal.message) from refusal
    session.commit()
    return user
