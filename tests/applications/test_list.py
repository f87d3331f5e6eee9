"""Listing applications: filters, text search, sorting, pagination, and the tag list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from jobtracker.applications.service import SORTABLE
from jobtracker.applications.stages import Priority, Stage
from tests.applications.builders import companies, field_errors, list_applications
from tests.factories import ApiUser


def test_filter_by_several_stages_answers_any_of_them(alice: ApiUser) -> None:
    alice.create_application(company="Wished", stage="wishlist")
    alice.create_application(company="Sent", stage="applied")
    alice.create_application(company="Talking", stage="interview")

    page = list_applications(alice, stage=["applied", "interview"], sort="company")

    assert companies(page) == ["Sent", "Talking"]
    assert page["total"] == 2


def test_filter_by_tags_answers_applications_with_all_of_them(alice: ApiUser) -> None:
    alice.create_application(company="Both", tags=["python", "remote"])
    alice.create_application(company="Python only", tags=["python"])
    alice.create_application(company="Remote only", tags=["remote"])

    page = list_applications(alice, tag=["python", "remote"])

    assert companies(page) == ["Both"]


def test_tag_filter_ignores_case_and_spaces(alice: ApiUser) -> None:
    alice.create_application(company="Tagged", tags=["remote"])
    alice.create_application(company="Untagged")

    assert companies(list_applications(alice, tag=" Remote ")) == ["Tagged"]


def test_search_matches_company_role_and_notes_ignoring_case(alice: ApiUser) -> None:
    alice.create_application(company="ROBOTICS Inc", role="Engineer")
    alice.create_application(company="Acme", role="Robotics engineer")
    alice.create_application(company="Globex", role="Engineer", notes="They build robotics kits")
    alice.create_application(company="Initech", role="Engineer", notes="Printers")

    page = list_applications(alice, q="robotICS", sort="company")

    assert companies(page) == ["Acme", "Globex", "ROBOTICS Inc"]


def test_search_treats_percent_sign_literally(alice: ApiUser) -> None:
    alice.create_application(company="Percent", notes="100% remote")
    alice.create_application(company="Thousand", notes="1000 remote")

    assert companies(list_applications(alice, q="100%")) == ["Percent"]


def test_search_treats_underscore_literally(alice: ApiUser) -> None:
    alice.create_application(company="snake_case Ltd")
    alice.create_application(company="snakeXcase Ltd")

    assert companies(list_applications(alice, q="e_c")) == ["snake_case Ltd"]


def test_search_treats_backslash_literally(alice: ApiUser) -> None:
    alice.create_application(company="Back\\slash")
    alice.create_application(company="Backslash")

    assert companies(list_applications(alice, q="k\\s")) == ["Back\\slash"]


def test_filters_combine(alice: ApiUser) -> None:
    alice.create_application(company="Acme A", stage="applied", tags=["remote"])
    alice.create_application(company="Acme B", stage="wishlist", tags=["remote"])
    alice.create_application(company="Acme C", stage="applied")
    alice.create_application(company="Globex", stage="applied", tags=["remote"])

    page = list_applications(alice, stage="applied", tag="remote", q="acme")

    assert companies(page) == ["Acme A"]


# Each sort key, read back from the JSON the list answers. None sorts last both ways.
SORT_VALUES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "created_at": lambda application: datetime.fromisoformat(application["created_at"]),
    "updated_at": lambda application: datetime.fromisoformat(application["updated_at"]),
    "company": lambda application: application["company"].lower(),
    "role": lambda application: application["role"].lower(),
    "stage": lambda application: list(Stage).index(Stage(application["stage"])),
    "priority": lambda application: list(Priority).index(Priority(application["priority"])),
    "applied_on": lambda application: application["applied_on"],
    "deadline": lambda application: application["deadline"],
}


def _expected_order(applications: list[dict[str, Any]], key: str, descending: bool) -> list[str]:
    value = SORT_VALUES[key]
    present = [application for application in applications if value(application) is not None]
    missing = [application for application in applications if value(application) is None]
    present.sort(key=lambda application: (value(application), application["id"]))
    missing.sort(key=lambda application: application["id"])
    if descending:
        present.reverse()
        missing.reverse()
    return [application["company"] for application in present + missing]


def _create_sortable_applications(user: ApiUser) -> list[dict[str, Any]]:
    # Orders differ from key to key, and from the order of creation (and so of ids).
    created = [
        user.create_application(
            company="delta",
            role="Backend",
            stage="offer",
            priority="low",
            applied_on="2026-03-01",
        ),
        user.create_application(
            company="Alpha",
            role="data scientist",
            stage="wishlist",
            priority="high",
            deadline="2026-12-01",
        ),
        user.create_application(
            company="charlie",
            role="Analyst",
            stage="interview",
            priority="medium",
            applied_on="2026-01-15",
            deadline="2026-11-01",
        ),
        user.create_application(
            company="Bravo",
            role="chief",
            stage="rejected",
            priority="high",
            applied_on="2026-02-10",
            deadline="2027-01-01",
        ),
    ]
    # Touch the first one, so updated_at and created_at disagree.
    user.client.patch(f"/api/applications/{created[0]['id']}", json={"notes": "followed up"})
    page = list_applications(user, limit=200)
    applications: list[dict[str, Any]] = page["items"]
    return applications


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("key", sorted(SORTABLE))
def test_sorts_by_each_sortable_field(alice: ApiUser, key: str, descending: bool) -> None:
    applications = _create_sortable_applications(alice)
    expected = _expected_order(applications, key, descending)

    page = list_applications(alice, sort=f"-{key}" if descending else key)

    assert companies(page) == expected


def test_sort_keys_under_test_are_the_sortable_ones() -> None:
    assert set(SORT_VALUES) == set(SORTABLE)


def test_unknown_sort_key_is_refused(alice: ApiUser) -> None:
    response = alice.client.get("/api/applications", params={"sort": "owner_id"})

    assert "sort" in field_errors(response)


def test_default_order_is_most_recently_updated_first(alice: ApiUser) -> None:
    first = alice.create_application(company="First")
    alice.create_application(company="Second")
    alice.client.patch(f"/api/applications/{first['id']}", json={"notes": "newer"})

    assert companies(list_applications(alice)) == ["First", "Second"]


def test_pagination_answers_one_page_and_the_total(alice: ApiUser) -> None:
    for name in ["A", "B", "C", "D", "E"]:
        alice.create_application(company=name)

    page = list_applications(alice, sort="company", limit=2, offset=2)

    assert companies(page) == ["C", "D"]
    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 2)


def test_offset_past_the_end_answers_an_empty_page_with_the_total(alice: ApiUser) -> None:
    alice.create_application()

    page = list_applications(alice, offset=10)

    assert (page["items"], page["total"]) == ([], 1)


@pytest.mark.parametrize(("name", "value"), [("limit", 201), ("limit", 0), ("offset", -1)])
def test_page_bounds_are_enforced(alice: ApiUser, name: str, value: int) -> None:
    response = alice.client.get("/api/applications", params={name: value})

    assert f"query.{name}" in field_errors(response)


def test_limit_of_200_is_allowed(alice: ApiUser) -> None:
    assert list_applications(alice, limit=200)["limit"] == 200


def test_tag_list_counts_each_tag_most_used_first(alice: ApiUser) -> None:
    alice.create_application(tags=["remote", "python"])
    alice.create_application(tags=["remote", "go"])
    alice.create_application(tags=["remote", "python"])

    response = alice.client.get("/api/applications/tags")

    assert response.status_code == 200
    assert response.json() == [
        {"name": "remote", "count": 3},
        {"name": "python", "count": 2},
        {"name": "go", "count": 1},
    ]


def test_tag_list_forgets_tags_no_application_has_any_more(alice: ApiUser) -> None:
    created = alice.create_application(tags=["remote"])
    alice.client.patch(f"/api/applications/{created['id']}", json={"tags": ["onsite"]})

    assert alice.client.get("/api/applications/tags").json() == [{"name": "onsite", "count": 1}]


def test_lists_show_only_the_callers_applications(alice: ApiUser, bob: ApiUser) -> None:
    alice.create_application(company="Alice's", tags=["mine"])
    bob.create_application(company="Bob's", tags=["his"])

    assert companies(list_applications(bob)) == ["Bob's"]
    assert list_applications(bob, q="alice")["total"] == 0
    assert bob.client.get("/api/applications/tags").json() == [{"name": "his", "count": 1}]
