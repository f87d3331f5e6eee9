"""Routes for outgoing webhooks: subscriptions, secret rotation, a test send, the delivery log.

Session-only, like access tokens: a webhook sends every future event of the account to an
address of the caller's choosing, so a leaked token must not be able to set one up.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status

from jobtracker.auth.deps import CurrentUserBySession, SettingsDep
from jobtracker.common import DEFAULT_PAGE_SIZE, Page, PageLimit, PageOffset, PathId
from jobtracker.db import SessionDep
from jobtracker.security.ratelimit import FailureLimiter
from jobtracker.webhooks import service
from jobtracker.webhooks.schemas import (
    AttemptOut,
    TestResult,
    WebhookCreate,
    WebhookList,
    WebhookOut,
    WebhookUpdate,
    WebhookWithSecret,
)

router = APIRouter(prefix="/api/webhooks", tags=["webhooks"])


async def test_limiter(request: Request) -> FailureLimiter:
    # The instance's per-minute limiter (shared across processes with Redis), own keys.
    limiter: FailureLimiter = request.app.state.capture_limiter
    return limiter


@router.get("")
def list_webhooks(
    user: CurrentUserBySession,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> WebhookList:
    """The account's webhooks, oldest first (at most 10, so one page holds them all)."""
    webhooks, total = service.list_webhooks(session, user.id, limit=limit, offset=offset)
    return WebhookList(
        items=[service.present(webhook) for webhook in webhooks],
        total=total,
        limit=limit,
        offset=offset,
        max_webhooks=service.MAX_WEBHOOKS_PER_USER,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={403: {"description": "The account has its most webhooks"}},
)
def create_webhook(
    body: WebhookCreate, user: CurrentUserBySession, session: SessionDep, settings: SettingsDep
) -> WebhookWithSecret:
    """Add a webhook; the answer carries its signing secret, shown this once."""
    webhook, secret = service.create_webhook(session, settings, user, body)
    return service.with_secret(webhook, secret)


@router.get("/{webhook_id}")
def read_webhook(webhook_id: PathId, user: CurrentUserBySession, session: SessionDep) -> WebhookOut:
    return service.present(service.get_webhook(session, user.id, webhook_id))


@router.patch("/{webhook_id}")
def update_webhook(
    webhook_id: PathId,
    body: WebhookUpdate,
    user: CurrentUserBySession,
    session: SessionDep,
    settings: SettingsDep,
) -> WebhookOut:
    webhook = service.update_webhook(session, settings, user.id, webhook_id, body)
    return service.present(webhook)


@router.delete("/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_webhook(webhook_id: PathId, user: CurrentUserBySession, session: SessionDep) -> None:
    service.delete_webhook(session, user.id, webhook_id)


@router.post("/{webhook_id}/rotate-secret")
def rotate_secret(
    webhook_id: PathId, user: CurrentUserBySession, session: SessionDep, settings: SettingsDep
) -> WebhookWithSecret:
    """A new signing secret, shown this once; the old one stops signing at once."""
    webhook, secret = service.rotate_secret(session, settings, user.id, webhook_id)
    return service.with_secret(webhook, secret)


@router.post("/{webhook_id}/test", responses={429: {"description": "Too many tests"}})
def send_test(
    webhook_id: PathId,
    user: CurrentUserBySession,
    session: SessionDep,
    settings: SettingsDep,
    limiter: Annotated[FailureLimiter, Depends(test_limiter)],
) -> TestResult:
    """Send a `ping` event now (within 5 seconds) and answer how the receiver took it."""
    service.get_webhook(session, user.id, webhook_id)  # a foreign id uses up no test
    service.check_test_rate(limiter, user.id)
    result = service.send_test(session, settings, user.id, webhook_id)
    return TestResult(
        delivered=result.delivered,
        status_code=result.status_code,
        error=result.error,
        duration_ms=result.duration_ms,
    )


@router.get("/{webhook_id}/attempts")
def list_attempts(
    webhook_id: PathId,
    user: CurrentUserBySession,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=service.LOG_SIZE)] = service.LOG_SIZE,
    offset: PageOffset = 0,
) -> Page[AttemptOut]:
    """The webhook's delivery attempts, newest first, 50 at most a page (kept 30 days)."""
    attempts, total = service.list_attempts(
        session, user.id, webhook_id, limit=limit, offset=offset
    )
    return Page(
        items=[AttemptOut.model_validate(attempt) for attempt in attempts],
        total=total,
        limit=limit,
        offset=offset,
    )
