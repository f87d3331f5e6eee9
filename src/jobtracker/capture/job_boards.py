"""Job boards with a public posting API: the API URL for a posting's link, and its answer read.

A board's API is the best source there is: structured fields instead of markup. Each board's
URL shapes and answer shapes follow its public posting API:
- Greenhouse: boards-api.greenhouse.io/v1/boards/{board}/jobs/{id}?pay_transparency=true
- Lever: api.lever.co/v0/postings/{site}/{id} (api.eu.lever.co for jobs.eu.lever.co)
- Ashby: api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true, all the
  board's jobs at once; the posting is the one whose id is in the link
- Workable: apply.workable.com/api/v2/accounts/{account}/jobs/{shortcode}
- SmartRecruiters: api.smartrecruiters.com/v1/companies/{company}/postings/{id}
- Recruitee: {company}.recruitee.com/api/offers/{slug}, the posting under "offer"
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs, quote, unquote, urlsplit

from jobtracker.applications.stages import EmploymentType, SalaryPeriod, WorkMode
from jobtracker.capture.fields import MAX_URL, PostingBuilder
from jobtracker.capture.posting import ExtractedPosting, FieldSource
from jobtracker.capture.vocabulary import (
    date_from_value,
    employment_type_from_word,
    salary_period_from_code,
    work_mode_from_code,
    work_mode_from_text,
)


class JobBoard(StrEnum):
    GREENHOUSE = "Greenhouse"
    LEVER = "Lever"
    ASHBY = "Ashby"
    WORKABLE = "Workable"
    SMARTRECRUITERS = "SmartRecruiters"
    RECRUITEE = "Recruitee"


@dataclass(frozen=True)
class JobBoardRequest:
    board: JobBoard
    api_url: str  # the public API to GET (JSON) instead of the page
    posting_id: str  # the posting's id on the board; Ashby's answer lists many, this one is ours
    posting_url: str  # the link as the user gave it
    # True when the board's name was guessed from a company site carrying ?gh_jid=: a 404 then
    # only means the guess was wrong, and the page itself should be read instead.
    guessed: bool = False


# EU-hosted boards (job-boards.eu.greenhouse.io) are answered by the same global API.
_GREENHOUSE_HOSTS = frozenset(
    {
        "boards.greenhouse.io",
        "job-boards.greenhouse.io",
        "boards.eu.greenhouse.io",
        "job-boards.eu.greenhouse.io",
    }
)
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9._~%-]*"
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_GREENHOUSE_PATH = re.compile(rf"/({_SEGMENT})/jobs/(\d{{1,20}})(?:/|$)")
_LEVER_PATH = re.compile(rf"/({_SEGMENT})/({_UUID})")
_ASHBY_PATH = re.compile(rf"/({_SEGMENT})/({_UUID})")
_WORKABLE_PATH = re.compile(rf"/({_SEGMENT})/j/([A-Za-z0-9]+)")
_SMARTRECRUITERS_PATH = re.compile(rf"/({_SEGMENT})/(\d+)(?:-|/|$)")
_RECRUITEE_PATH = re.compile(rf"/o/({_SEGMENT})")
_RECRUITEE_HOST = re.compile(r"([a-z0-9][a-z0-9-]*)\.recruitee\.com")
_JOB_ID = re.compile(r"\d{1,20}")
# Host labels that name no company when guessing a Greenhouse board from a careers site.
_GENERIC_LABELS = frozenset({"www", "careers", "jobs", "job", "career", "about", "work", "join"})


def job_board_request(url: str) -> JobBoardRequest | None:
    """The board API to read for a posting's link, or None when the link is on no known board."""
    if len(url.strip()) > MAX_URL:  # no stored link is longer, nor any board's posting link
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    path = parts.path
    query = parse_qs(parts.query)
    original = url.strip()
    if host in _GREENHOUSE_HOSTS:
        return _greenhouse(path, query, original)
    if host in ("jobs.lever.co", "jobs.eu.lever.co") and (match := _LEVER_PATH.match(path)):
        api_host = "api.eu.lever.co" if host == "jobs.eu.lever.co" else "api.lever.co"
        site, posting = match.groups()
        api = f"https://{api_host}/v0/postings/{_segment(site)}/{posting}"
        return JobBoardRequest(JobBoard.LEVER, api, posting.lower(), original)
    if host == "jobs.ashbyhq.com" and (match := _ASHBY_PATH.match(path)):
        board, posting = match.groups()
        api = (
            f"https://api.ashbyhq.com/posting-api/job-board/{_segment(board)}"
            "?includeCompensation=true"
        )
        return JobBoardRequest(JobBoard.ASHBY, api, posting.lower(), original)
    if host == "apply.workable.com" and (match := _WORKABLE_PATH.match(path)):
        account, shortcode = match.groups()
        api = f"https://apply.workable.com/api/v2/accounts/{_segment(account)}/jobs/{shortcode}"
        return JobBoardRequest(JobBoard.WORKABLE, api, shortcode, original)
    if host == "jobs.smartrecruiters.com" and (match := _SMARTRECRUITERS_PATH.match(path)):
        company, posting = match.groups()
        api = f"https://api.smartrecruiters.com/v1/companies/{_segment(company)}/postings/{posting}"
        return JobBoardRequest(JobBoard.SMARTRECRUITERS, api, posting, original)
    if (company := _RECRUITEE_HOST.fullmatch(host)) and (match := _RECRUITEE_PATH.search(path)):
        slug = match.group(1)
        api = f"https://{company.group(1)}.recruitee.com/api/offers/{_segment(slug)}"
        return JobBoardRequest(JobBoard.RECRUITEE, api, slug, original)
    if (job_id := _first(query, "gh_jid")) and _JOB_ID.fullmatch(job_id):
        return _greenhouse_embedded(host, job_id, _first(query, "for"), original)
    return None


def _greenhouse(path: str, query: dict[str, list[str]], original: str) -> JobBoardRequest | None:
    if match := _GREENHOUSE_PATH.match(path):
        board, job_id = match.groups()
        return _greenhouse_api(board, job_id, original)
    # The embedded board's own pages: /embed/job_app?for={board}&token={id}
    board, job_id = _first(query, "for"), _first(query, "token") or _first(query, "gh_jid")
    if path.startswith("/embed/") and board and job_id and _JOB_ID.fullmatch(job_id):
        return _greenhouse_api(board, job_id, original)
    return None


def _greenhouse_embedded(
    host: str, job_id: str, board: str | None, original: str
) -> JobBoardRequest | None:
    """A company's own careers page embedding its Greenhouse board (…/careers?gh_jid=123)."""
    if board:
        return _greenhouse_api(board, job_id, original)
    # Boards are mostly named after the company's domain (stripe.com → "stripe").
    labels = [label for label in host.split(".")[:-1] if label not in _GENERIC_LABELS]
    if not labels:
        return None
    request = _greenhouse_api(labels[-1], job_id, original)
    return JobBoardRequest(request.board, request.api_url, job_id, original, guessed=True)


def _greenhouse_api(board: str, job_id: str, original: str) -> JobBoardRequest:
    api = (
        f"https://boards-api.greenhouse.io/v1/boards/{_segment(board)}/jobs/{job_id}"
        "?pay_transparency=true"
    )
    return JobBoardRequest(JobBoard.GREENHOUSE, api, job_id, original)


def _segment(text: str) -> str:
    return quote(unquote(text), safe="")


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0].strip() if values and values[0].strip() else None


# ---- Reading the answers ----


def read_job_board_answer(request: JobBoardRequest, text: str) -> ExtractedPosting:
    """The posting in a board API's JSON text; an empty posting (board set) when the text is
    no JSON, or nests deeper than the json module allows (it raises RecursionError then)."""
    try:
        payload = json.loads(text)
    except (ValueError, RecursionError):
        return ExtractedPosting(board=request.board.value)
    return parse_job_board_answer(request, payload)


def parse_job_board_answer(request: JobBoardRequest, payload: object) -> ExtractedPosting:
    """The posting in a board API's decoded JSON answer; every field the answer lacks is None.

    An answer of an unexpected shape (or Ashby's without our posting) gives an empty posting
    with only `board` set, so the caller falls back to reading the page.
    """
    readers: dict[JobBoard, Callable[[JobBoardRequest, dict[str, object]], PostingBuilder]] = {
        JobBoard.GREENHOUSE: _read_greenhouse,
        JobBoard.LEVER: _read_lever,
        JobBoard.ASHBY: _read_ashby,
        JobBoard.WORKABLE: _read_workable,
        JobBoard.SMARTRECRUITERS: _read_smartrecruiters,
        JobBoard.RECRUITEE: _read_recruitee,
    }
    if not isinstance(payload, dict):
        return ExtractedPosting(board=request.board.value)
    posting = readers[request.board](request, payload).posting
    posting.board = request.board.value
    return posting


def _builder() -> PostingBuilder:
    return PostingBuilder(FieldSource.JOB_BOARD)


def _read_greenhouse(request: JobBoardRequest, job: dict[str, object]) -> PostingBuilder:
    found = _builder()
    found.text("company", job.get("company_name"))
    found.text("role", job.get("title"))
    location = _dig(job, "location", "name")
    found.text("location", location)
    if isinstance(location, str):
        found.work_mode(work_mode_from_text(location))
    found.description(job.get("content"))
    found.url(job.get("absolute_url"))
    found.posted_on(date_from_value(job.get("first_published")))
    ranges = job.get("pay_input_ranges")
    if isinstance(ranges, list) and ranges and isinstance(ranges[0], dict):
        # Several ranges are pay zones; the first is the one Greenhouse shows first.
        first = ranges[0]
        found.salary(
            _cents(first.get("min_cents")),
            _cents(first.get("max_cents")),
            first.get("currency_type"),
        )
    return found


def _read_lever(request: JobBoardRequest, job: dict[str, object]) -> PostingBuilder:
    found = _builder()
    found.text("role", job.get("text"))
    found.text("location", _dig(job, "categories", "location"))
    found.employment_type(_word_type(_dig(job, "categories", "commitment")))
    workplace = job.get("workplaceType")
    found.work_mode(work_mode_from_code(workplace) if isinstance(workplace, str) else None)
    parts = [job.get("description")]
    lists = job.get("lists")
    for section in lists if isinstance(lists, list) else []:
        if isinstance(section, dict):
            # Each list is a heading ("What you'll do") and its <li> items.
            parts += [
                f"<h3>{section.get('text') or ''}</h3>",
                f"<ul>{section.get('content') or ''}</ul>",
            ]
    parts.append(job.get("additional"))
    found.description(_joined_html(parts))
    found.url(job.get("hostedUrl"))
    found.posted_on(date_from_value(job.get("createdAt")))
    salary = job.get("salaryRange")
    if isinstance(salary, dict):
        found.salary(salary.get("min"), salary.get("max"), salary.get("currency"))
        found.salary_period(_period(salary.get("interval")))
    return found


def _read_ashby(request: JobBoardRequest, answer: dict[str, object]) -> PostingBuilder:
    found = _builder()
    jobs = answer.get("jobs")
    job = next(
        (
            entry
            for entry in (jobs if isinstance(jobs, list) else [])
            if isinstance(entry, dict) and str(entry.get("id", "")).lower() == request.posting_id
        ),
        None,
    )
    if job is None:
        return found
    found.text("role", job.get("title"))
    found.text("location", job.get("location"))
    found.employment_type(_word_type(job.get("employmentType")))
    workplace = job.get("workplaceType")
    if isinstance(workplace, str):
        found.work_mode(work_mode_from_code(workplace))
    elif job.get("isRemote") is True:
        found.work_mode(WorkMode.REMOTE)
    found.description(job.get("descriptionHtml") or job.get("descriptionPlain"))
    found.url(job.get("jobUrl"))
    found.posted_on(date_from_value(job.get("publishedAt")))
    components = _dig(job, "compensation", "summaryComponents")
    for component in components if isinstance(components, list) else []:
        if isinstance(component, dict) and component.get("compensationType") == "Salary":
            found.salary(
                component.get("minValue"), component.get("maxValue"), component.get("currencyCode")
            )
            found.salary_period(_period(component.get("interval")))
            break
    return found


def _read_workable(request: JobBoardRequest, job: dict[str, object]) -> PostingBuilder:
    found = _builder()
    found.text("role", job.get("title"))
    location = job.get("location")
    if isinstance(location, dict):
        found.text(
            "location",
            _place(location.get("city"), location.get("region"), location.get("country")),
        )
    workplace = job.get("workplace")
    if isinstance(workplace, str):
        found.work_mode(work_mode_from_code(workplace))
    elif job.get("remote") is True:
        found.work_mode(WorkMode.REMOTE)
    found.employment_type(_workable_type(job.get("type")))
    found.description(
        _joined_html(
            [
                job.get("description"),
                _headed("Requirements", job.get("requirements")),
                _headed("Benefits", job.get("benefits")),
            ]
        )
    )
    account = urlsplit(request.api_url).path.split("/")[4]
    found.url(f"https://apply.workable.com/{account}/j/{request.posting_id}/")
    found.posted_on(date_from_value(job.get("published")))
    return found


def _read_smartrecruiters(request: JobBoardRequest, job: dict[str, object]) -> PostingBuilder:
    found = _builder()
    found.text("company", _dig(job, "company", "name"))
    found.text("role", job.get("name"))
    location = job.get("location")
    if isinstance(location, dict):
        found.text(
            "location",
            location.get("fullLocation")
            or _place(location.get("city"), location.get("region"), location.get("country")),
        )
        if location.get("remote") is True:
            found.work_mode(WorkMode.REMOTE)
        elif location.get("hybrid") is True:
            found.work_mode(WorkMode.HYBRID)
    found.employment_type(_word_type(_dig(job, "typeOfEmployment", "label")))
    sections = _dig(job, "jobAd", "sections")
    if isinstance(sections, dict):
        order = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
        found.description(
            _joined_html(
                [
                    _headed(_dig(sections, name, "title"), _dig(sections, name, "text"))
                    for name in order
                ]
            )
        )
    found.url(job.get("postingUrl") or request.posting_url)
    found.posted_on(date_from_value(job.get("releasedDate")))
    return found


def _read_recruitee(request: JobBoardRequest, answer: dict[str, object]) -> PostingBuilder:
    found = _builder()
    offer = answer.get("offer")
    if not isinstance(offer, dict):
        return found
    found.text("company", offer.get("company_name"))
    found.text("role", offer.get("title"))
    found.text("location", offer.get("location") or _place(offer.get("city"), offer.get("country")))
    if offer.get("remote") is True:
        found.work_mode(WorkMode.REMOTE)
    elif offer.get("hybrid") is True:
        found.work_mode(WorkMode.HYBRID)
    elif offer.get("on_site") is True:
        found.work_mode(WorkMode.ONSITE)
    found.employment_type(_word_type(offer.get("employment_type_code")))
    found.description(
        _joined_html([offer.get("description"), _headed("Requirements", offer.get("requirements"))])
    )
    found.url(offer.get("careers_url"))
    found.posted_on(date_from_value(offer.get("published_at")))
    found.deadline(date_from_value(offer.get("close_at")))
    salary = offer.get("salary")
    if isinstance(salary, dict):
        found.salary(salary.get("min"), salary.get("max"), salary.get("currency"))
        found.salary_period(_period(salary.get("period")))
    return found


# ---- Small readers shared by the boards ----


def _dig(value: object, *keys: str) -> object:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _cents(value: object) -> float | None:
    return value / 100 if isinstance(value, int | float) and not isinstance(value, bool) else None


def _word_type(value: object) -> EmploymentType | None:
    return employment_type_from_word(value) if isinstance(value, str) else None


def _period(value: object) -> SalaryPeriod | None:
    return salary_period_from_code(value) if isinstance(value, str) else None


_WORKABLE_TYPES = {
    "full": EmploymentType.FULL_TIME,
    "part": EmploymentType.PART_TIME,
    "contract": EmploymentType.CONTRACT,
    "temporary": EmploymentType.TEMPORARY,
    "intern": EmploymentType.INTERNSHIP,
    "internship": EmploymentType.INTERNSHIP,
    "volunteer": EmploymentType.VOLUNTEER,
    "other": EmploymentType.OTHER,
}


def _workable_type(value: object) -> EmploymentType | None:
    if not isinstance(value, str):
        return None
    return _WORKABLE_TYPES.get(value.strip().lower()) or employment_type_from_word(value)


def _place(*parts: object) -> str | None:
    named = [part.strip() for part in parts if isinstance(part, str) and part.strip()]
    return ", ".join(named) or None


def _headed(title: object, body: object) -> str | None:
    if not isinstance(body, str) or not body.strip():
        return None
    heading = f"<h3>{title}</h3>" if isinstance(title, str) and title.strip() else ""
    return heading + body


def _joined_html(parts: list[object]) -> str | None:
    pieces = [f"<div>{part}</div>" for part in parts if isinstance(part, str) and part.strip()]
    return "".join(pieces) or None
