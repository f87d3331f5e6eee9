"""Creating, reading, changing and deleting applications, and the rules on their fields."""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from tests.applications.builders import (
    CLEARABLE,
    EVERY_FIELD,
    field_errors,
    read_application,
    user_fields,
)
from tests.factories import ApiUser


def test_create_stores_every_field_of_the_design_brief(alice: ApiUser) -> None:
    response = alice.client.post("/api/applications", json=EVERY_FIELD)

    assert response.status_code == 201
    created = response.json()
    assert user_fields(created) == EVERY_FIELD
    assert user_fields(read_application(alice, created["id"])) == EVERY_FIELD


def test_create_with_only_company_and_role_uses_the_defaults(alice: ApiUser) -> None:
    created = alice.create_application(company="Acme", role="Engineer")

    assert created["stage"] == "wishlist"
    assert created["priority"] == "medium"
    assert created["tags"] == []
    assert all(created[name] is None for name in CLEARABLE)
    assert datetime.fromisoformat(created["created_at"]).utcoffset() is not None


def test_company_and_role_are_trimmed(alice: ApiUser) -> None:
    created = alice.create_application(company="  Acme  ", role="\tEngineer\n")

    assert (created["company"], created["role"]) == ("Acme", "Engineer")


def test_tags_are_trimmed_lower_cased_and_deduplicated(alice: ApiUser) -> None:
    created = alice.create_application(tags=["  Remote ", "remote", "Python", "REMOTE"])

    assert created["tags"] == ["python", "remote"]


def test_create_and_read_answer_the_tags_in_the_same_order(alice: ApiUser) -> None:
    created = alice.create_application(tags=["zeta", "alpha", "mu"])

    assert created["tags"] == read_application(alice, created["id"])["tags"]


def test_replacing_tags_keeps_only_the_new_ones(alice: ApiUser) -> None:
    created = alice.create_application(tags=["python", "remote"])

    response = alice.client.patch(
        f"/api/applications/{created['id']}", json={"tags": ["Remote", "Go"]}
    )

    assert response.status_code == 200
    assert read_application(alice, created["id"])["tags"] == ["go", "remote"]


def test_patch_changes_only_the_fields_sent(alice: ApiUser) -> None:
    created = alice.create_application(**EVERY_FIELD)

    response = alice.client.patch(
        f"/api/applications/{created['id']}", json={"location": "Lisbon", "priority": "low"}
    )

    assert response.status_code == 200
    expected = {**EVERY_FIELD, "location": "Lisbon", "priority": "low"}
    assert user_fields(read_application(alice, created["id"])) == expected


def test_patch_moves_updated_at_forward_and_keeps_created_at(alice: ApiUser) -> None:
    created = alice.create_application()

    changed = alice.client.patch(f"/api/applications/{created['id']}", json={"notes": "x"}).json()

    assert changed["created_at"] == created["created_at"]
    assert datetime.fromisoformat(changed["updated_at"]) > datetime.fromisoformat(
        created["updated_at"]
    )


def test_null_clears_every_optional_field(alice: ApiUser) -> None:
    created = alice.create_application(**EVERY_FIELD)

    response = alice.client.patch(
        f"/api/applications/{created['id']}", json=dict.fromkeys(CLEARABLE)
    )

    assert response.status_code == 200
    stored = read_application(alice, created["id"])
    assert all(stored[name] is None for name in CLEARABLE)
    assert stored["company"] == EVERY_FIELD["company"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("company", None),
        ("company", "   "),
        ("role", None),
        ("role", ""),
        ("stage", None),
        ("priority", None),
    ],
)
def test_required_fields_cannot_be_cleared(alice: ApiUser, name: str, value: object) -> None:
    created = alice.create_application(**EVERY_FIELD)

    response = alice.client.patch(f"/api/applications/{created['id']}", json={name: value})

    assert name in field_errors(response)
    assert user_fields(read_application(alice, created["id"])) == EVERY_FIELD


def test_salary_min_above_salary_max_is_refused_at_create(alice: ApiUser) -> None:
    response = alice.client.post(
        "/api/applications",
        json={"company": "Acme", "role": "Engineer", "salary_min": 90_000, "salary_max": 70_000},
    )

    assert "salary_max" in field_errors(response)
    assert alice.client.get("/api/applications").json()["total"] == 0


def test_patch_that_makes_the_stored_salary_range_inconsistent_is_refused(
    alice: ApiUser,
) -> None:
    created = alice.create_application(salary_min=70_000, salary_max=90_000)

    response = alice.client.patch(f"/api/applications/{created['id']}", json={"salary_min": 95_000})

    assert "salary_max" in field_errors(response)
    stored = read_application(alice, created["id"])
    assert (stored["salary_min"], stored["salary_max"]) == (70_000, 90_000)


def test_equal_salary_min_and_max_are_accepted(alice: ApiUser) -> None:
    created = alice.create_application(salary_min=80_000, salary_max=80_000)

    assert (created["salary_min"], created["salary_max"]) == (80_000, 80_000)


@pytest.mark.parametrize(
    "url", ["ftp://example.com/job", "javascript:alert(1)", "example.com/job", "mailto:a@b.c"]
)
def test_job_url_must_be_http_or_https(alice: ApiUser, url: str) -> None:
    response = alice.client.post(
        "/api/applications", json={"company": "Acme", "role": "Engineer", "job_url": url}
    )

    assert "job_url" in field_errors(response)


@pytest.mark.parametrize("url", ["http://example.com/job", "HTTPS://example.com/job?id=1"])
def test_http_and_https_job_urls_are_accepted(alice: ApiUser, url: str) -> None:
    assert alice.create_application(job_url=url)["job_url"] == url


def test_currency_is_upper_cased(alice: ApiUser) -> None:
    assert alice.create_application(salary_currency="eur")["salary_currency"] == "EUR"


@pytest.mark.parametrize("currency", ["EURO", "E1R", "US", "€"])
def test_currency_must_be_three_letters(alice: ApiUser, currency: str) -> None:
    response = alice.client.post(
        "/api/applications",
        json={"company": "Acme", "role": "Engineer", "salary_currency": currency},
    )

    assert "salary_currency" in field_errors(response)


def test_delete_removes_the_application(alice: ApiUser) -> None:
    created = alice.create_application()

    response = alice.client.delete(f"/api/applications/{created['id']}")

    assert response.status_code == 204
    assert alice.client.get(f"/api/applications/{created['id']}").status_code == 404


def test_missing_application_answers_404(alice: ApiUser) -> None:
    response = alice.client.get("/api/applications/424242")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_applications_need_a_signed_in_user(client: TestClient) -> None:
    response = client.get("/api/applications")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
