"""POST /api/capture: a posting's fields from pasted HTML or text, or from its fetched link."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI

from jobtracker.capture.errors import FetchRefused, FetchTimedOut, SiteUnreachable
from jobtracker.capture.routes import fetch_policy
from jobtracker.capture.schemas import MAX_HTML_BYTES
from jobtracker.capture.service import CAPTURES_PER_MINUTE, NOTHING_FOUND
from tests.capture.builders import LoopbackSite, html
from tests.capture.capture_builders import (
    capture,
    html_page,
    posting_page,
    sources,
    stub_fetcher,
    values,
)
from tests.capture.extraction_fixtures import board_answer
from tests.factories import ApiUser

GREENHOUSE_LINK = "https://job-boards.greenhouse.io/acmerockets/jobs/4012345006"
GREENHOUSE_API = (
    "https://boards-api.greenhouse.io/v1/boards/acmerockets/jobs/4012345006?pay_transparency=true"
)


def test_pasted_html_with_json_ld_fills_every_field_it_states(alice: ApiUser) -> None:
    answer = capture(
        alice, html=posting_page(), url="https://jobs.acme.example/backend?utm_source=x"
    )

    assert values(answer) | {"job_description": None} == {
        "company": "Acme Robotics",
        "role": "Backend Engineer",
        "location": "Berlin",
        "work_mode": None,
        "salary_min": 70000,
        "salary_max": 90000,
        "salary_currency": "EUR",
        "salary_period": "year",
        "employment_type": "full_time",
        "deadline": "2026-12-31",
        "posted_on": "2026-11-03",
        "job_description": None,
        "job_url": "https://jobs.acme.example/backend",
    }
    assert answer["fields"]["job_description"]["value"].startswith("Build the fleet API.")
    assert set(sources(answer).values()) == {"json_ld"}
    assert (answer["duplicate"], answer["notes"]) == (None, [])


def test_pasted_html_is_read_without_fetching_anything(app: FastAPI, alice: ApiUser) -> None:
    fetcher = stub_fetcher(app)

    capture(alice, html=posting_page(), url="https://jobs.acme.example/backend")

    assert fetcher.calls == []


def test_pasted_text_is_read_as_page_text(alice: ApiUser) -> None:
    text = "Backend Engineer\nAcme Robotics\nBerlin, Germany\n\nWe build the fleet API."

    answer = capture(alice, text=text)

    assert sources(answer)
    assert set(sources(answer).values()) <= {"page_text"}


def test_the_extensions_json_ld_and_selection_are_read(alice: ApiUser) -> None:
    block = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": "Data Engineer",
            "hiringOrganization": {"@type": "Organization", "name": "Globex"},
        }
    )

    answer = capture(
        alice,
        url="https://careers.globex.example/jobs/7",
        json_ld=[block],
        selected_text="Data Engineer at Globex. Fully remote. We move data.",
    )

    assert (values(answer)["role"], values(answer)["company"]) == ("Data Engineer", "Globex")
    assert sources(answer)["role"] == "json_ld"
    assert values(answer)["job_url"] == "https://careers.globex.example/jobs/7"


def test_a_page_with_no_posting_says_so(alice: ApiUser) -> None:
    answer = capture(alice, html="<html><body><nav>Home</nav></body></html>")

    assert answer["notes"] == [NOTHING_FOUND]


def test_a_job_board_link_is_read_from_the_boards_api(app: FastAPI, alice: ApiUser) -> None:
    fetcher = stub_fetcher(app)
    fetcher.pages[GREENHOUSE_API] = html_page(
        GREENHOUSE_API, json.dumps(board_answer("greenhouse_job")), content_type="application/json"
    )

    answer = capture(alice, url=GREENHOUSE_LINK)

    assert fetcher.calls == [GREENHOUSE_API]
    assert answer["board"] == "Greenhouse"
    assert values(answer)["role"] == "Senior Backend Engineer, Payments"
    assert sources(answer)["role"] == "job_board"


def test_a_board_api_that_fails_falls_back_to_the_page(app: FastAPI, alice: ApiUser) -> None:
    fetcher = stub_fetcher(app)
    fetcher.pages[GREENHOUSE_API] = SiteUnreachable("down")
    fetcher.pages[GREENHOUSE_LINK] = html_page(GREENHOUSE_LINK, posting_page(url=GREENHOUSE_LINK))

    answer = capture(alice, url=GREENHOUSE_LINK)

    assert fetcher.calls == [GREENHOUSE_API, GREENHOUSE_LINK]
    assert values(answer)["company"] == "Acme Robotics"
    assert sources(answer)["company"] == "json_ld"


def test_an_ordinary_link_is_fetched_and_its_page_read(app: FastAPI, alice: ApiUser) -> None:
    link = "https://careers.acme.example/jobs/backend"
    fetcher = stub_fetcher(app)
    fetcher.pages[link] = html_page(link, posting_page(url=link))

    answer = capture(alice, url=link)

    assert fetcher.calls == [link]
    assert values(answer)["salary_max"] == 90000


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (FetchRefused("That address points inside a private network."), 422),
        (FetchTimedOut("The page took longer than 10 seconds to answer."), 504),
        (SiteUnreachable("Job Tracker couldn't find the site."), 502),
    ],
)
def test_a_fetch_failure_answers_its_plain_message(
    app: FastAPI, alice: ApiUser, error: Exception, status: int
) -> None:
    link = "https://careers.acme.example/jobs/backend"
    stub_fetcher(app).pages[link] = error  # type: ignore[assignment]

    response = alice.client.post("/api/capture", json={"url": link})

    assert response.status_code == status
    assert response.json()["error"]["message"] == str(error)


def test_an_error_page_is_not_read_as_a_posting(app: FastAPI, alice: ApiUser) -> None:
    stub_fetcher(app)  # answers 404 for every link

    response = alice.client.post("/api/capture", json={"url": "https://acme.example/gone"})

    assert response.status_code == 422
    assert "(404)" in response.json()["error"]["message"]


def test_a_link_to_a_file_is_refused_in_plain_words(app: FastAPI, alice: ApiUser) -> None:
    link = "https://acme.example/posting.pdf"
    stub_fetcher(app).pages[link] = html_page(link, "%PDF-1.7", content_type="application/pdf")

    response = alice.client.post("/api/capture", json={"url": link})

    assert response.status_code == 422
    assert "file, not a web page" in response.json()["error"]["message"]


def test_the_real_fetcher_reads_an_allowed_private_host(
    app: FastAPI, alice: ApiUser, site: LoopbackSite
) -> None:
    # The admin's 127.0.0.1 allowance, with the test site's port beside 80 and 443.
    app.dependency_overrides[fetch_policy] = lambda: site.policy("127.0.0.1")
    site.pages["/jobs/7"] = html(posting_page(role="Site Reliability Engineer"))

    answer = capture(alice, url=site.url("/jobs/7"))

    assert values(answer)["role"] == "Site Reliability Engineer"


def test_the_real_fetcher_refuses_a_private_address_by_default(
    app: FastAPI, alice: ApiUser, site: LoopbackSite, connections: list[str]
) -> None:
    app.dependency_overrides[fetch_policy] = lambda: site.policy("jobs.intranet.example")
    site.pages["/jobs/7"] = html(posting_page())

    response = alice.client.post("/api/capture", json={"url": site.url("/jobs/7")})

    assert response.status_code == 422
    assert "private network" in response.json()["error"]["message"]
    assert connections == []


def test_nothing_to_read_is_refused_in_plain_words(alice: ApiUser) -> None:
    response = alice.client.post("/api/capture", json={"json_ld": []})

    assert response.status_code == 422
    assert "Give the posting's link, or paste its text or HTML." in response.text


def test_a_link_that_is_not_a_web_address_is_refused(alice: ApiUser) -> None:
    response = alice.client.post("/api/capture", json={"url": "file:///etc/passwd"})

    assert response.status_code == 422
    assert "http:// or https://" in response.json()["error"]["fields"]["url"]


def test_html_over_its_limit_is_refused_before_reading(alice: ApiUser) -> None:
    response = alice.client.post("/api/capture", json={"html": "a" * (MAX_HTML_BYTES + 1)})

    assert response.status_code == 422
    assert "larger than 5 MB" in response.json()["error"]["fields"]["html"]


def test_too_many_json_ld_blocks_are_refused(alice: ApiUser) -> None:
    response = alice.client.post("/api/capture", json={"text": "x", "json_ld": ["{}"] * 21})

    assert response.status_code == 422
    assert "at most 20" in response.json()["error"]["fields"]["json_ld"]


def test_a_body_over_the_routes_limit_is_refused_with_413(alice: ApiUser) -> None:
    response = alice.client.post(
        "/api/capture",
        content=b'{"html": "' + b"a" * (15 * 1024 * 1024) + b'"}',
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 413
    assert "larger than this instance accepts" in response.json()["error"]["message"]


def test_captures_past_the_per_minute_limit_answer_429(alice: ApiUser, bob: ApiUser) -> None:
    for _ in range(CAPTURES_PER_MINUTE):
        capture(alice, text="Backend Engineer")

    response = alice.client.post("/api/capture", json={"text": "Backend Engineer"})

    assert response.status_code == 429
    assert "Wait" in response.json()["error"]["message"]
    assert int(response.headers["Retry-After"]) > 0
    capture(bob, text="Backend Engineer")  # another user's allowance is their own
