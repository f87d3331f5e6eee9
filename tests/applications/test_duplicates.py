"""The shared rule for 'already tracked': comparable URLs and names, and the finder."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi import FastAPI

from jobtracker.applications.duplicates import (
    DuplicateFinder,
    TrackedApplication,
    comparable_job_url,
    comparable_name,
)
from jobtracker.applications.stages import Stage
from tests.factories import ApiUser

POSTING = "https://boards.greenhouse.io/acme/jobs/4012345"


@pytest.mark.parametrize(
    "variant",
    [
        POSTING,
        "http://boards.greenhouse.io/acme/jobs/4012345/",
        "https://BOARDS.greenhouse.io/acme/jobs/4012345#app",
        "https://boards.greenhouse.io/acme/jobs/4012345?gh_src=abc123&utm_source=linkedin",
        "https://www.boards.greenhouse.io/acme/jobs/4012345?UTM_MEDIUM=x&trk=public_jobs",
        " https://boards.greenhouse.io:443/acme/jobs/4012345?refId=9&lever-source=Glassdoor ",
    ],
)
def test_tracking_parameters_fragments_and_cosmetics_are_ignored(variant: str) -> None:
    assert comparable_job_url(variant) == comparable_job_url(POSTING)


def test_parameters_that_name_the_posting_are_kept_in_any_order() -> None:
    first = comparable_job_url("https://acme.com/careers?gh_jid=111&team=eng")
    assert first == comparable_job_url("https://acme.com/careers?team=eng&gh_jid=111")
    assert first != comparable_job_url("https://acme.com/careers?gh_jid=222&team=eng")


def test_the_path_case_and_the_port_still_count() -> None:
    assert comparable_job_url("https://acme.com/Jobs/1") != comparable_job_url(
        "https://acme.com/jobs/1"
    )
    assert comparable_job_url("https://acme.com:8443/jobs/1") != comparable_job_url(
        "https://acme.com/jobs/1"
    )


@pytest.mark.parametrize("not_a_link", [None, "", "   ", "acme.com/jobs/1", "mailto:hr@acme.com"])
def test_what_is_not_a_web_address_compares_as_nothing(not_a_link: str | None) -> None:
    assert comparable_job_url(not_a_link) is None


def test_names_compare_without_case_spacing_or_edge_punctuation() -> None:
    assert comparable_name("  Acme   Corp. ") == comparable_name("acme corp")
    assert comparable_name("Senior Engineer \u2013 ") == comparable_name("senior  ENGINEER")
    assert comparable_name("Acme Corp") != comparable_name("Acme Corporation")


def _tracked(application_id: int, company: str, role: str, url: str | None) -> TrackedApplication:
    return TrackedApplication(
        application_id, company, role, Stage.APPLIED, url, datetime(2026, 11, 3, tzinfo=UTC)
    )


def test_the_finder_matches_by_url_first_then_by_company_and_role() -> None:
    finder = DuplicateFinder(
        [_tracked(1, "Acme", "Engineer", POSTING), _tracked(2, "Globex", "Designer", None)]
    )
    by_url = finder.find(job_url=f"{POSTING}?utm_campaign=x", company="Other", role="Other")
    assert by_url is not None
    assert by_url.id == 1
    by_name = finder.find(job_url=None, company=" globex ", role="DESIGNER")
    assert by_name is not None
    assert by_name.id == 2
    assert finder.find(job_url="https://acme.com/jobs/2", company="Acme", role="Manager") is None
    # A blank company or role never matches another blank one.
    assert finder.find(job_url=None, company="", role="") is None


def test_rows_added_later_are_found_too() -> None:
    finder = DuplicateFinder([])
    finder.add(_tracked(7, "Initech", "Analyst", None))
    found = finder.find(job_url=None, company="Initech", role="analyst")
    assert found is not None
    assert found.id == 7


def test_for_owner_sees_only_that_users_applications(
    app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    alice.create_application(company="Acme", role="Engineer", job_url=POSTING)
    with app.state.session_factory() as session:
        assert (
            DuplicateFinder.for_owner(session, bob.id).find(
                job_url=POSTING, company="Acme", role="Engineer"
            )
            is None
        )
    bobs = bob.create_application(company="Acme", role="Engineer")
    with app.state.session_factory() as session:
        found = DuplicateFinder.for_owner(session, bob.id).find(
            job_url=None, company="acme", role="engineer"
        )
    assert found is not None
    assert found.id == bobs["id"]
    assert found.stage == Stage.WISHLIST
