"""Capture says when a posting is already tracked, and only ever among the caller's own."""

from __future__ import annotations

from tests.auth.access_token_builders import create_token
from tests.capture.capture_builders import capture, posting_page
from tests.factories import ApiUser

LINK = "https://jobs.acme.example/backend"


def test_the_same_link_with_tracking_parameters_is_the_tracked_application(alice: ApiUser) -> None:
    saved = alice.create_application(
        company="Acme", role="Platform Engineer", stage="interview", job_url=LINK
    )

    answer = capture(alice, html=posting_page(url=f"{LINK}?utm_source=linkedin&gh_src=abc#apply"))

    assert answer["duplicate"] == {
        "application_id": saved["id"],
        "company": "Acme",
        "role": "Platform Engineer",
        "stage": "interview",
        "created_at": saved["created_at"],
        "url": f"/applications/{saved['id']}",
    }


def test_the_same_company_and_role_is_the_tracked_application(alice: ApiUser) -> None:
    saved = alice.create_application(company="ACME Robotics ", role="backend engineer")

    answer = capture(alice, html=posting_page(url="https://elsewhere.example/job/1"))

    assert answer["duplicate"]["application_id"] == saved["id"]


def test_the_link_the_user_gave_matches_when_the_page_names_another(alice: ApiUser) -> None:
    saved = alice.create_application(company="Other", role="Other", job_url=LINK)

    answer = capture(
        alice,
        url=LINK,
        html=posting_page(company="Globex", url="https://globex.example/canonical/7"),
    )

    assert answer["duplicate"]["application_id"] == saved["id"]


def test_a_new_posting_is_no_duplicate(alice: ApiUser) -> None:
    alice.create_application(company="Acme Robotics", role="Designer")

    assert capture(alice, html=posting_page())["duplicate"] is None


def test_another_users_application_is_never_a_duplicate(alice: ApiUser, bob: ApiUser) -> None:
    bob.create_application(company="Acme Robotics", role="Backend Engineer", job_url=LINK)

    assert capture(alice, html=posting_page(), url=LINK)["duplicate"] is None


def test_a_token_sees_only_its_owners_applications(alice: ApiUser, bob: ApiUser) -> None:
    bob.create_application(company="Acme Robotics", role="Backend Engineer", job_url=LINK)
    token = create_token(alice, scope="read")["token"]

    response = alice.client.post(
        "/api/capture",
        json={"html": posting_page(), "url": LINK},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 200, response.text
    assert response.json()["duplicate"] is None
