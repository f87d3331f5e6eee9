"""Listing writing: each filter, text search, sorting and pagination."""

from __future__ import annotations

import pytest

from tests.factories import ApiUser
from tests.writing.builders import create_writing, field_errors, list_writing, titles


def test_search_matches_title_or_body_ignoring_case(alice: ApiUser) -> None:
    create_writing(alice, title="SALARY expectations")
    create_writing(alice, title="Negotiation", body="Ask about the salary band")
    create_writing(alice, title="Weakness", body="Impatience")

    page = list_writing(alice, q="Salary", sort="title")

    assert titles(page) == ["Negotiation", "SALARY expectations"]
    assert page["total"] == 2


@pytest.mark.parametrize(("query", "expected"), [("100%", "Percent"), ("a_b", "Underscore")])
def test_search_treats_like_wildcards_literally(alice: ApiUser, query: str, expected: str) -> None:
    create_writing(alice, title="Percent", body="100% remote")
    create_writing(alice, title="Thousand", body="1000 remote")
    create_writing(alice, title="Underscore", body="a_b")
    create_writing(alice, title="Letters", body="axb")

    assert titles(list_writing(alice, q=query)) == [expected]


def test_blank_search_matches_everything(alice: ApiUser) -> None:
    create_writing(alice)
    create_writing(alice)

    assert list_writing(alice, q="   ")["total"] == 2


def test_filter_by_tags_answers_writing_with_all_of_them(alice: ApiUser) -> None:
    create_writing(alice, title="Both", tags=["python", "remote"])
    create_writing(alice, title="Python only", tags=["python"])
    create_writing(alice, title="Untagged")

    assert titles(list_writing(alice, tag=["python", "remote"])) == ["Both"]


def test_tag_filter_ignores_case_and_spaces(alice: ApiUser) -> None:
    create_writing(alice, title="Tagged", tags=["remote"])
    create_writing(alice, title="Untagged")

    assert titles(list_writing(alice, tag=" Remote ")) == ["Tagged"]


def test_filter_by_kinds_answers_any_of_them(alice: ApiUser) -> None:
    create_writing(alice, title="A note", kind="note")
    create_writing(alice, title="An answer", kind="answer")
    create_writing(alice, title="A letter", kind="cover_letter")

    page = list_writing(alice, kind=["answer", "cover_letter"], sort="title")

    assert titles(page) == ["A letter", "An answer"]


def test_filter_by_application_answers_writing_linked_to_it(alice: ApiUser) -> None:
    application, other = alice.create_application(), alice.create_application()
    create_writing(alice, title="Linked", application_ids=[application["id"]])
    create_writing(alice, title="Elsewhere", application_ids=[other["id"]])
    create_writing(alice, title="Unlinked")

    assert titles(list_writing(alice, application_id=application["id"])) == ["Linked"]


def test_filters_combine(alice: ApiUser) -> None:
    create_writing(alice, title="Salary answer", kind="answer", tags=["money"])
    create_writing(alice, title="Salary note", kind="note", tags=["money"])
    create_writing(alice, title="Other answer", kind="answer", tags=["money"])

    page = list_writing(alice, q="salary", kind="answer", tag="money")

    assert titles(page) == ["Salary answer"]


def test_default_order_is_most_recently_updated_first(alice: ApiUser) -> None:
    first = create_writing(alice, title="First")
    create_writing(alice, title="Second")
    create_writing(alice, title="Third")
    alice.client.patch(f"/api/writing/{first['id']}", json={"body": "touched"})

    assert titles(list_writing(alice)) == ["First", "Third", "Second"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["apple", "Banana", "cherry"]),
        ("-title", ["cherry", "Banana", "apple"]),
        ("created_at", ["cherry", "apple", "Banana"]),
        ("-created_at", ["Banana", "apple", "cherry"]),
        ("updated_at", ["cherry", "apple", "Banana"]),
    ],
)
def test_sort_orders_by_the_field_named(alice: ApiUser, sort: str, expected: list[str]) -> None:
    for title in ["cherry", "apple", "Banana"]:
        create_writing(alice, title=title)

    assert titles(list_writing(alice, sort=sort)) == expected


def test_unknown_sort_field_is_a_422_naming_sort(alice: ApiUser) -> None:
    response = alice.client.get("/api/writing", params={"sort": "body"})

    assert "sort" in field_errors(response)


def test_unknown_kind_filter_is_a_422(alice: ApiUser) -> None:
    response = alice.client.get("/api/writing", params={"kind": "poem"})

    assert "query.kind.0" in field_errors(response)


def test_filter_by_another_users_application_is_404(alice: ApiUser, bob: ApiUser) -> None:
    bobs = bob.create_application()

    response = alice.client.get("/api/writing", params={"application_id": bobs["id"]})

    assert response.status_code == 404


def test_pagination_reports_total_limit_and_offset(alice: ApiUser) -> None:
    for title in ["a", "b", "c", "d", "e"]:
        create_writing(alice, title=title)

    page = list_writing(alice, sort="title", limit=2, offset=2)

    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 2)
    assert titles(page) == ["c", "d"]


def test_offset_past_the_end_answers_an_empty_page_with_the_total(alice: ApiUser) -> None:
    create_writing(alice)

    page = list_writing(alice, offset=10)

    assert (page["items"], page["total"]) == ([], 1)


@pytest.mark.parametrize(("name", "value"), [("limit", 0), ("limit", 201), ("offset", -1)])
def test_out_of_range_paging_is_a_422(alice: ApiUser, name: str, value: int) -> None:
    response = alice.client.get("/api/writing", params={name: value})

    assert f"query.{name}" in field_errors(response)
