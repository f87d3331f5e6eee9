"""Capture: a posting's fields from its link, its page or its text, and whether it is tracked.

Reading goes best source first: a job board's public API, then the page (structured data, then
its text). An AI model, when one is configured, fills only what reading left empty. Nothing is
stored: saving is the applications API's job.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from jobtracker.applications.duplicates import DuplicateFinder, TrackedApplication
from jobtracker.assistant.service import DailyLimitReached, count_ai_request
from jobtracker.capture import ai_fill
from jobtracker.capture.errors import FetchError
from jobtracker.capture.fetcher import FetchedPage
from jobtracker.capture.job_boards import JobBoardRequest, job_board_request, parse_job_board_answer
from jobtracker.capture.policy import FetchPolicy
from jobtracker.capture.posting import ExtractedPosting
from jobtracker.capture.schemas import CaptureRequest
from jobtracker.config import Settings
from jobtracker.security.ratelimit import (
    Allowance,
    FailureLimiter,
    InProcessLimiter,
    count_use,
)

FetchPage = Callable[[str, FetchPolicy], FetchedPage]

CAPTURES_PER_MINUTE = 30
AI_DID_NOT_ANSWER = "The AI provider didn't answer; fields it would fill are empty."
AI_ANSWER_UNUSABLE = "The AI provider's answer couldn't be read; fields it would fill are empty."
AI_DAILY_LIMIT = "You've used today's AI requests, so the AI filled nothing; the rest still works."
NOTHING_FOUND = (
    "No company or job title was found here. If the page needs a sign-in, open it in your "
    "browser, copy the posting and paste it instead."
)
# The model reads at most this much of the posting; the same bound keeps html_to_text cheap.
_AI_SOURCE_CHARS = 200_000

# The page readers (extract, html_text) are imported by the functions that use them: they bring
# lxml and its parsers, which a worker needs only once someone captures a posting.


class PageNotReadable(FetchError):
    """The site answered, but with an error page or something that is not a web page."""

    code = "page_not_readable"


@dataclass
class Capture:
    posting: ExtractedPosting
    duplicate: TrackedApplication | None
    notes: list[str] = field(default_factory=list)


def capture(
    session: Session,
    settings: Settings,
    owner_id: int,
    request: CaptureRequest,
    *,
    fetch_page: FetchPage,
    policy: FetchPolicy,
    filler: ai_fill.PostingFiller | None,
) -> Capture:
    """Read the posting the request points at or carries; nothing is fetched for html or text."""
    from jobtracker.capture.extract import extract_from_capture, extract_from_text

    notes: list[str] = []
    pasted = request.selected_text or request.text
    if request.html or pasted or request.json_ld:
        posting = extract_from_capture(request.url, request.html, request.json_ld, pasted)
        if request.selected_text and request.text:
            posting = posting.merged_with(extract_from_text(request.text))
    else:
        assert request.url is not None  # the request's own check: url, html or text
        posting = _read_link(request.url, fetch_page, policy)
    if filler is not None:
        posting = _fill_with_ai(session, settings, owner_id, posting, request, filler, notes)
    if posting.company is None and posting.role is None:
        notes.append(NOTHING_FOUND)
    return Capture(posting, _tracked(session, owner_id, posting, request.url), notes)


def build_limiter(settings: Settings) -> FailureLimiter:
    """Captures per user per minute, shared by every app process when Redis is configured."""
    if settings.redis_url:
        # Imported only here: the redis client costs start-up time and memory in every worker.
        from jobtracker.security.redis_limiter import RedisLimiter

        return RedisLimiter(settings.redis_url, 60, f"{settings.redis_key_prefix}capture:")
    return InProcessLimiter(60)


def check_rate(limiter: FailureLimiter, owner_id: int) -> None:
    """Refuse a capture past the user's per-minute allowance; else count it."""
    # Every capture counts, found or not: each one may cost a fetch and the parsing.
    count_use(
        limiter,
        Allowance(f"capture:user:{owner_id}", CAPTURES_PER_MINUTE),
        f"You've captured {CAPTURES_PER_MINUTE} postings in the last minute.",
    )


def _read_link(url: str, fetch_page: FetchPage, policy: FetchPolicy) -> ExtractedPosting:
    from jobtracker.capture.extract import extract_from_capture, extract_from_html

    board = job_board_request(url)
    from_board = _read_board(board, fetch_page, policy) if board else ExtractedPosting()
    if from_board.company is not None and from_board.role is not None:
        # The board's own link to the posting, or the one the user gave, as the page would.
        return from_board.merged_with(extract_from_capture(url, None, [], None))
    page = fetch_page(url, policy)
    if page.status >= 400:
        raise PageNotReadable(
            f"The site answered with an error ({page.status}) instead of the posting. Check "
            "the link, or open the page in your browser and paste the posting instead."
        )
    if page.text is None:
        raise PageNotReadable(
            "The link leads to a file, not a web page. Open it and paste the posting's text."
        )
    return from_board.merged_with(extract_from_html(page.text, page.url))


def _read_board(
    board: JobBoardRequest, fetch_page: FetchPage, policy: FetchPolicy
) -> ExtractedPosting:
    """The board API's posting; an empty one whenever the page is worth reading instead."""
    try:
        answer = fetch_page(board.api_url, policy)
    except FetchError:
        return ExtractedPosting()  # the page may still answer; its error is the one to show
    if answer.status != 200 or answer.text is None:
        return ExtractedPosting()
    try:
        payload = json.loads(answer.text)
    except ValueError:
        return ExtractedPosting()
    return parse_job_board_answer(board, payload)


def _fill_with_ai(
    session: Session,
    settings: Settings,
    owner_id: int,
    posting: ExtractedPosting,
    request: CaptureRequest,
    filler: ai_fill.PostingFiller,
    notes: list[str],
) -> ExtractedPosting:
    text = _posting_text(posting, request)
    if not text or not ai_fill.fields_to_fill(posting):
        return posting
    try:
        count_ai_request(session, settings, owner_id)
        session.commit()  # before the call: the count's row lock isn't held while waiting
    except DailyLimitReached:
        session.rollback()
        notes.append(AI_DAILY_LIMIT)
        return posting
    try:
        return ai_fill.fill_missing(posting, text, filler)
    except ai_fill.ProviderDidNotAnswer:
        notes.append(AI_DID_NOT_ANSWER)
    except ai_fill.AnswerNotUsable:
        notes.append(AI_ANSWER_UNUSABLE)
    return posting


def _posting_text(posting: ExtractedPosting, request: CaptureRequest) -> str:
    """What the model reads: the text a person gave, else the description, else the page."""
    from jobtracker.capture.html_text import html_to_text

    given = request.selected_text or request.text
    if given and given.strip():
        return html_to_text(given[:_AI_SOURCE_CHARS]) if "<" in given[:1000] else given
    if posting.job_description is not None:
        return posting.job_description.value
    if request.html:
        return html_to_text(request.html[:_AI_SOURCE_CHARS])
    return ""


def _tracked(
    session: Session, owner_id: int, posting: ExtractedPosting, given_url: str | None
) -> TrackedApplication | None:
    finder = DuplicateFinder.for_owner(session, owner_id)
    company = posting.company.value if posting.company else None
    role = posting.role.value if posting.role else None
    canonical = posting.job_url.value if posting.job_url else None
    match = finder.find(job_url=canonical or given_url, company=company, role=role)
    if match is None and given_url and canonical and given_url != canonical:
        match = finder.find(job_url=given_url, company=None, role=None)
    return match
