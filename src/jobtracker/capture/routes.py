"""Capture: POST a posting's link, page or text and get its fields back, ready for the form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from jobtracker.auth.deps import CurrentReader, SettingsDep
from jobtracker.capture import service
from jobtracker.capture.ai_fill import PostingFiller, filler_for
from jobtracker.capture.fetcher import fetch
from jobtracker.capture.policy import FetchPolicy, policy_from_settings
from jobtracker.capture.schemas import MAX_CAPTURE_BODY_BYTES, CaptureOut, CaptureRequest
from jobtracker.db import SessionDep
from jobtracker.portability.uploads import body_limited
from jobtracker.security.ratelimit import FailureLimiter

CAPTURE_HINT = "Send at most 5 MB of HTML and 500 KB of text."

router = APIRouter(
    prefix="/api",
    tags=["capture"],
    route_class=body_limited("The posting", lambda _settings: MAX_CAPTURE_BODY_BYTES, CAPTURE_HINT),
)


async def page_fetcher() -> service.FetchPage:
    """How pages are fetched; tests put a stand-in serving their own pages here."""
    return fetch


async def fetch_policy(settings: SettingsDep) -> FetchPolicy:
    """The instance's fetch limits; tests widen the ports to reach their loopback site."""
    return policy_from_settings(settings)


async def posting_filler(settings: SettingsDep) -> PostingFiller | None:
    return filler_for(settings)


async def capture_limiter(request: Request) -> FailureLimiter:
    limiter: FailureLimiter = request.app.state.capture_limiter
    return limiter


@router.post(
    "/capture",
    responses={
        413: {"description": "More HTML or text than capture reads"},
        422: {"description": "Nothing to read, or a link that may not or cannot be fetched"},
        429: {"description": "Too many captures in a minute; see Retry-After"},
        502: {"description": "The site couldn't be reached"},
        504: {"description": "The site took too long to answer"},
    },
)
def capture_posting(
    body: CaptureRequest,
    user: CurrentReader,
    session: SessionDep,
    settings: SettingsDep,
    fetch_page: Annotated[service.FetchPage, Depends(page_fetcher)],
    policy: Annotated[FetchPolicy, Depends(fetch_policy)],
    filler: Annotated[PostingFiller | None, Depends(posting_filler)],
    limiter: Annotated[FailureLimiter, Depends(capture_limiter)],
) -> CaptureOut:
    """Read a job posting's fields from its link (fetched), its page's HTML or pasted text.

    Nothing is saved: create the application with `POST /api/applications`. A read-only
    access token may capture. `duplicate` is the caller's application for the same posting.
    """
    service.check_rate(limiter, user.id)
    found = service.capture(
        session,
        settings,
        user.id,
        body,
        fetch_page=fetch_page,
        policy=policy,
        filler=filler,
    )
    return CaptureOut.of(found.posting, found.duplicate, found.notes)
