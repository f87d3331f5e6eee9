"""Routes for each user's digest settings, and the one-click unsubscribe link."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.db import SessionDep, utcnow
from jobtracker.digests import service
from jobtracker.digests.models import DigestSubscription
from jobtracker.digests.schemas import DigestSettings, DigestSettingsUpdate, Unsubscribed

router = APIRouter(prefix="/api", tags=["digests"])
UNSUBSCRIBED = "You will get no more digests. You can turn them on again in Settings."


def _out(subscription: DigestSubscription, user: User, settings: Settings) -> DigestSettings:
    return DigestSettings(
        enabled=subscription.enabled,
        frequency=subscription.frequency,
        hour=subscription.hour,
        weekday=subscription.weekday,
        time_zone=user.time_zone,
        email_available=settings.email_enabled,
    )


@router.get("/me/digest")
def read_digest_settings(
    user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> DigestSettings:
    return _out(service.subscription_for(session, user.id), user, settings)


@router.patch("/me/digest", responses={409: {"description": "No email is set up"}})
def update_digest_settings(
    body: DigestSettingsUpdate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> DigestSettings:
    subscription = service.update_subscription(
        session, settings, user, utcnow(), body.model_dump(exclude_unset=True)
    )
    return _out(subscription, user, settings)


@router.post("/digest/unsubscribe")
def unsubscribe(
    token: Annotated[str, Query(max_length=200)], session: SessionDep, settings: SettingsDep
) -> Unsubscribed:
    """Turn the digest off from its email's link, signed in or not (RFC 8058 one-click POST)."""
    service.unsubscribe_by_token(session, settings, token)
    return Unsubscribed(message=UNSUBSCRIBED)
