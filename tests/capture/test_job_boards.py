"""Job-board links mapped to their public posting APIs, and each board's answer read."""

from __future__ import annotations

import json
from datetime import date

import pytest

from jobtracker.applications.stages import EmploymentType, SalaryPeriod, WorkMode
from jobtracker.capture.job_boards import (
    JobBoard,
    JobBoardRequest,
    job_board_request,
    parse_job_board_answer,
    read_job_board_answer,
)
from jobtracker.capture.posting import FIELD_NAMES, FieldSource
from tests.capture.extraction_fixtures import (
    board_answer,
    description,
    expected,
    fields_and_sources,
)

BOARD = FieldSource.JOB_BOARD


@pytest.mark.parametrize(
    ("url", "board", "api_url", "posting_id"),
    [
        (
            "https://boards.greenhouse.io/acmerockets/jobs/4012345006",
            JobBoard.GREENHOUSE,
            "https://boards-api.greenhouse.io/v1/boards/acmerockets/jobs/4012345006?pay_transparency=true",
            "4012345006",
        ),
        (
            "https://job-boards.greenhouse.io/acmerockets/jobs/4012345006?gh_src=abc123",
            JobBoard.GREENHOUSE,
            "https://boards-api.greenhouse.io/v1/boards/acmerockets/jobs/4012345006?pay_transparency=true",
            "4012345006",
        ),
        (
            "https://job-boards.eu.greenhouse.io/acmerockets/jobs/4012345006",
            JobBoard.GREENHOUSE,
            "https://boards-api.greenhouse.io/v1/boards/acmerockets/jobs/4012345006?pay_transparency=true",
            "4012345006",
        ),
        (
            "https://boards.greenhouse.io/embed/job_app?for=acmerockets&token=4012345006",
            JobBoard.GREENHOUSE,
            "https://boards-api.greenhouse.io/v1/boards/acmerockets/jobs/4012345006?pay_transparency=true",
            "4012345006",
        ),
        (
            "https://www.acmerockets.example/careers/open-roles?gh_jid=4012345006&for=acme",
            JobBoard.GREENHOUSE,
            "https://boards-api.greenhouse.io/v1/boards/acme/jobs/4012345006?pay_transparency=true",
            "4012345006",
        ),
        (
            "https://jobs.lever.co/northwind/5ac21346-8e0c-4494-8e7a-3eb92ff77902/apply?lever-source=x",
            JobBoard.LEVER,
            "https://api.lever.co/v0/postings/northwind/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
            "5ac21346-8e0c-4494-8e7a-3eb92ff77902",
        ),
        (
            "https://jobs.eu.lever.co/northwind/5AC21346-8E0C-4494-8E7A-3EB92FF77902",
            JobBoard.LEVER,
            "https://api.eu.lever.co/v0/postings/northwind/5AC21346-8E0C-4494-8E7A-3EB92FF77902",
            "5ac21346-8e0c-4494-8e7a-3eb92ff77902",
        ),
        (
            "https://jobs.ashbyhq.com/lumen/7d3c2b1a-9e8f-4a6b-8c5d-2e1f0a9b8c7d/application",
            JobBoard.ASHBY,
            "https://api.ashbyhq.com/posting-api/job-board/lumen?includeCompensation=true",
            "7d3c2b1a-9e8f-4a6b-8c5d-2e1f0a9b8c7d",
        ),
        (
            "https://apply.workable.com/helios-energy/j/5A1B2C3D4E/",
            JobBoard.WORKABLE,
            "https://apply.workable.com/api/v2/accounts/helios-energy/jobs/5A1B2C3D4E",
            "5A1B2C3D4E",
        ),
        (
            "https://jobs.smartrecruiters.com/BergmannGmbH/744000012345678-data-analyst-m-f-d-",
            JobBoard.SMARTRECRUITERS,
            "https://api.smartrecruiters.com/v1/companies/BergmannGmbH/postings/744000012345678",
            "744000012345678",
        ),
        (
            "https://nordlicht.recruitee.com/o/werkstudent-marketing",
            JobBoard.RECRUITEE,
            "https://nordlicht.recruitee.com/api/offers/werkstudent-marketing",
            "werkstudent-marketing",
        ),
        (
            "https://nordlicht.recruitee.com/l/de/o/werkstudent-marketing",
            JobBoard.RECRUITEE,
            "https://nordlicht.recruitee.com/api/offers/werkstudent-marketing",
            "werkstudent-marketing",
        ),
    ],
)
def test_a_posting_link_maps_to_its_boards_public_api(
    url: str, board: JobBoard, api_url: str, posting_id: str
) -> None:
    request = job_board_request(url)

    assert request is not None
    assert (request.board, request.api_url, request.posting_id, request.guessed) == (
        board,
        api_url,
        posting_id,
        False,
    )


def test_a_careers_page_embedding_greenhouse_guesses_the_board_from_its_domain() -> None:
    request = job_board_request("https://www.acmerockets.com/careers?gh_jid=4012345006")

    assert request is not None
    assert request.guessed
    assert request.api_url == (
        "https://boards-api.greenhouse.io/v1/boards/acmerockets/jobs/4012345006"
        "?pay_transparency=true"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://boards.greenhouse.io/acmerockets",  # the board, not a posting
        "https://jobs.lever.co/northwind",
        "https://jobs.ashbyhq.com/lumen",
        "https://apply.workable.com/helios-energy/",
        "https://careers.smartrecruiters.com/BergmannGmbH",
        "https://nordlicht.recruitee.com/",
        "https://jobs.lever.co.evil.example/northwind/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
        "https://www.example.com/jobs/42",
        "ftp://boards.greenhouse.io/acme/jobs/1",
        "not a link",
        "https://www.example.com/careers?gh_jid=not-a-number",
    ],
)
def test_links_that_are_no_board_posting_have_no_request(url: str) -> None:
    assert job_board_request(url) is None


def _request(url: str) -> JobBoardRequest:
    request = job_board_request(url)
    assert request is not None
    return request


def test_greenhouse_answer() -> None:
    request = _request("https://job-boards.greenhouse.io/acmerockets/jobs/4012345006")

    posting = parse_job_board_answer(request, board_answer("greenhouse_job"))

    assert posting.board == "Greenhouse"
    assert fields_and_sources(posting) == expected(
        BOARD,
        company="Acme Rockets",
        role="Senior Backend Engineer, Payments",
        location="Remote - US",
        work_mode=WorkMode.REMOTE,
        salary_min=160_000,
        salary_max=210_000,
        salary_currency="USD",
        posted_on=date(2026, 11, 2),
        job_url="https://job-boards.greenhouse.io/acmerockets/jobs/4012345006",
    )
    # The escaped HTML of `content` becomes text: entities decoded, list items kept.
    assert description(posting).value == (
        "Acme Rockets builds reusable launch vehicles.\n\n"
        "What you'll do\n\n"
        "- Design the ledger that settles launch contracts\n"
        "- Own services in Go and PostgreSQL\n\n"
        "We value clear writing & kind reviews.\n\n"
        "US Base Salary Range\n\n"
        "$160,000\u2014$210,000 USD"
    )
    assert description(posting).source is BOARD


def test_lever_answer() -> None:
    request = _request("https://jobs.lever.co/northwind/5ac21346-8e0c-4494-8e7a-3eb92ff77902")

    posting = parse_job_board_answer(request, board_answer("lever_posting"))

    assert posting.board == "Lever"
    assert fields_and_sources(posting) == expected(
        BOARD,
        role="Site Reliability Engineer",
        location="London",
        work_mode=WorkMode.HYBRID,
        salary_min=85_000,
        salary_max=105_000,
        salary_currency="GBP",
        salary_period=SalaryPeriod.YEAR,
        employment_type=EmploymentType.FULL_TIME,
        posted_on=date(2026, 11, 3),
        job_url="https://jobs.lever.co/northwind/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
    )
    assert description(posting).value == (
        "Northwind runs the payments rail for European marketplaces.\n\n"
        "You will keep it up.\n\n"
        "What you'll do\n\n"
        "- Run Kubernetes across three regions\n"
        "- Lead incident reviews\n\n"
        "What you'll bring\n\n"
        "- Five years of on-call experience\n\n"
        "We sponsor visas.\n\n"
        "Hybrid: two days a week in our Shoreditch office."
    )


def test_ashby_answer_is_the_posting_the_link_names_among_the_boards_jobs() -> None:
    request = _request("https://jobs.ashbyhq.com/lumen/7d3c2b1a-9e8f-4a6b-8c5d-2e1f0a9b8c7d")

    posting = parse_job_board_answer(request, board_answer("ashby_job_board"))

    assert posting.board == "Ashby"
    assert fields_and_sources(posting) == expected(
        BOARD,
        role="Product Designer",
        location="Berlin",
        work_mode=WorkMode.HYBRID,
        salary_min=70_000,
        salary_max=85_000,
        salary_currency="EUR",
        salary_period=SalaryPeriod.YEAR,
        employment_type=EmploymentType.FULL_TIME,
        posted_on=date(2026, 10, 28),
        job_url="https://jobs.ashbyhq.com/lumen/7d3c2b1a-9e8f-4a6b-8c5d-2e1f0a9b8c7d",
    )
    assert description(posting).value == (
        "Lumen makes lighting software for theatres.\n\n"
        "You will\n\n"
        "- Design the cue editor\n"
        "- Test with lighting designers"
    )


def test_ashby_answer_without_the_posting_gives_nothing_but_the_board() -> None:
    request = _request("https://jobs.ashbyhq.com/lumen/00000000-0000-4000-8000-000000000000")

    posting = parse_job_board_answer(request, board_answer("ashby_job_board"))

    assert posting.board == "Ashby"
    assert posting.missing() == list(FIELD_NAMES)


def test_workable_answer() -> None:
    request = _request("https://apply.workable.com/helios-energy/j/5A1B2C3D4E/")

    posting = parse_job_board_answer(request, board_answer("workable_job"))

    assert posting.board == "Workable"
    assert fields_and_sources(posting) == expected(
        BOARD,
        role="Customer Success Manager",
        location="Athens, Attica, Greece",
        work_mode=WorkMode.HYBRID,
        employment_type=EmploymentType.FULL_TIME,
        posted_on=date(2026, 11, 10),
        job_url="https://apply.workable.com/helios-energy/j/5A1B2C3D4E/",
    )
    assert description(posting).value == (
        "Helios builds energy-trading software for island grids.\n\n"
        "The role\n\n"
        "You will onboard utilities and keep them happy.\n\n"
        "Requirements\n\n"
        "- Three years in customer success\n"
        "- Fluent Greek and English\n\n"
        "Benefits\n\n"
        "- Private health insurance\n"
        "- Learning budget"
    )


def test_smartrecruiters_answer() -> None:
    request = _request(
        "https://jobs.smartrecruiters.com/BergmannGmbH/744000012345678-data-analyst-m-f-d-"
    )

    posting = parse_job_board_answer(request, board_answer("smartrecruiters_posting"))

    assert posting.board == "SmartRecruiters"
    assert fields_and_sources(posting) == expected(
        BOARD,
        company="Bergmann GmbH",
        role="Data Analyst (m/f/d)",
        location="München, Bayern, Germany",
        work_mode=WorkMode.HYBRID,
        employment_type=EmploymentType.FULL_TIME,
        posted_on=date(2026, 11, 12),
        job_url="https://jobs.smartrecruiters.com/BergmannGmbH/744000012345678-data-analyst-m-f-d-",
    )
    assert description(posting).value == (
        "Company Description\n\nBergmann builds gearboxes.\n\n"
        "Job Description\n\n- Build dashboards in Power BI\n- Model production data\n\n"
        "Qualifications\n\nSQL and curiosity.\n\n"
        "Additional Information\n\n30 days of holiday."
    )


def test_recruitee_answer() -> None:
    request = _request("https://nordlicht.recruitee.com/o/werkstudent-marketing")

    posting = parse_job_board_answer(request, board_answer("recruitee_offer"))

    assert posting.board == "Recruitee"
    assert fields_and_sources(posting) == expected(
        BOARD,
        company="Nordlicht Logistik GmbH",
        role="Werkstudent Marketing (m/w/d)",
        location="Hamburg, Germany",
        work_mode=WorkMode.HYBRID,
        salary_min=15,
        salary_max=18,
        salary_currency="EUR",
        salary_period=SalaryPeriod.HOUR,
        employment_type=EmploymentType.INTERNSHIP,
        deadline=date(2026, 12, 15),
        posted_on=date(2026, 11, 5),
        job_url="https://nordlicht.recruitee.com/o/werkstudent-marketing",
    )
    assert description(posting).value == (
        "Wir bringen Pakete schneller ans Ziel.\n\n"
        "Deine Aufgaben\n\n"
        "- Kampagnen planen\n"
        "- Social Media betreuen\n\n"
        "Requirements\n\n"
        "- Studium im Bereich Marketing\n"
        "- Sehr gutes Deutsch"
    )


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        "<html>Not found</html>",
        {"jobs": "none"},
        {"offer": ["x"]},
        {"title": 42, "location": "Berlin", "salaryRange": {"min": "lots", "max": -5}},
        {"title": "Engineer", "pay_input_ranges": [{"min_cents": 9e30, "max_cents": 1}]},
    ],
)
def test_an_unexpected_answer_gives_empty_fields_not_an_error(payload: object) -> None:
    for url in (
        "https://boards.greenhouse.io/acme/jobs/1",
        "https://jobs.lever.co/acme/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
        "https://jobs.ashbyhq.com/acme/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
        "https://apply.workable.com/acme/j/ABC123/",
        "https://jobs.smartrecruiters.com/Acme/123-engineer",
        "https://acme.recruitee.com/o/engineer",
    ):
        posting = parse_job_board_answer(_request(url), payload)

        assert posting.salary_min is None
        assert posting.salary_max is None
        assert posting.board is not None


@pytest.mark.parametrize("text", ["", "not json", "[" * 100_000 + "]" * 100_000, '{"a": '])
def test_board_answer_text_that_is_no_json_gives_an_empty_posting(text: str) -> None:
    request = _request("https://boards.greenhouse.io/acme/jobs/1")

    posting = read_job_board_answer(request, text)

    assert posting.board == "Greenhouse"
    assert posting.missing() == list(FIELD_NAMES)


def test_board_answer_text_is_read_like_its_decoded_json() -> None:
    request = _request("https://nordlicht.recruitee.com/o/werkstudent-marketing")
    text = json.dumps(board_answer("recruitee_offer"))

    assert read_job_board_answer(request, text) == parse_job_board_answer(
        request, board_answer("recruitee_offer")
    )
