"""Every list is bounded: pages take `limit` up to 200, tag lists stop at 500 names, and a
repeatable filter (?tag=a&tag=b…) takes at most 20 values. The exceptions are named below,
each with its own bound."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from jobtracker.applications.board_schemas import MAX_BOARD_PAGE
from jobtracker.applications.schemas import MAX_BULK_IDS
from jobtracker.common import MAX_FILTER_VALUES, MAX_PAGE_SIZE
from tests.factories import ApiUser

# Suggestion lists of names, capped by the server rather than paged by the client.
TAG_LISTS = {"/api/applications/tags", "/api/writing/tags"}
TAG_LIST_CAP = 500
# The board draws every active application, in pages of its own size (tests/board).
WIDE_PAGES = {
    "/api/board/cards": MAX_BOARD_PAGE,
    # A coach reads a member's board the same way (tests/groups/test_coach_access.py).
    "/api/groups/{group_id}/members/{member_id}/board": MAX_BOARD_PAGE,
}
# A selection of applications by id (the table's bulk export), as many as a bulk action takes.
SELECTIONS = {
    ("/api/applications", "id"): MAX_BULK_IDS,
    ("/api/export/applications.csv", "id"): MAX_BULK_IDS,
}


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    reference = schema.get("$ref", "")
    return spec["components"]["schemas"][reference.split("/")[-1]] if reference else schema


def _list_operations(spec: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """GET operations answering a page (`items`), and those answering a bare array."""
    pages, arrays = {}, set()
    for path, operations in spec["paths"].items():
        operation = operations.get("get")
        content = (operation or {}).get("responses", {}).get("200", {}).get("content", {})
        schema = _resolve(spec, content.get("application/json", {}).get("schema") or {})
        if schema.get("type") == "array":
            arrays.add(path)
        elif "items" in schema.get("properties", {}):
            pages[path] = operation
    return pages, arrays


def test_every_page_takes_a_limit_of_at_most_200(app: FastAPI) -> None:
    pages, _ = _list_operations(app.openapi())
    assert pages, "no paginated list found: has the schema changed shape?"
    for path, operation in pages.items():
        limit = {p["name"]: p for p in operation.get("parameters", [])}.get("limit")
        assert limit is not None, f"{path} has no limit parameter"
        cap = WIDE_PAGES.get(path, MAX_PAGE_SIZE)
        assert limit["schema"]["maximum"] <= cap, path
        assert limit["schema"].get("default", 0) <= cap, path


def test_the_only_unpaged_lists_are_the_tag_lists(app: FastAPI) -> None:
    _, arrays = _list_operations(app.openapi())

    assert arrays == TAG_LISTS


@pytest.mark.parametrize("kind", ["applications", "writing"])
def test_a_tag_list_stops_at_500_names(alice: ApiUser, kind: str) -> None:
    names = [f"tag-{number}" for number in range(TAG_LIST_CAP + 20)]
    for start in range(0, len(names), 20):
        body: dict[str, Any] = {"tags": names[start : start + 20]}
        body |= {"company": "Acme", "role": "Dev"} if kind == "applications" else {"title": "N"}
        assert alice.client.post(f"/api/{kind}", json=body).status_code == 201

    assert len(alice.client.get(f"/api/{kind}/tags").json()) == TAG_LIST_CAP


def test_a_page_larger_than_200_is_refused(alice: ApiUser) -> None:
    response = alice.client.get("/api/applications", params={"limit": MAX_PAGE_SIZE + 1})

    assert response.status_code == 422
    assert "query.limit" in response.json()["error"]["fields"]


def _repeatable_filters(spec: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(path, parameter, a valid value) for every list-valued query parameter of a GET."""
    filters = []
    for path, operations in spec["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            variants = parameter["schema"].get("anyOf", [parameter["schema"]])
            arrays = [variant for variant in variants if variant.get("type") == "array"]
            if parameter["in"] == "query" and arrays:
                item = _resolve(spec, arrays[0]["items"])
                example = 1 if item.get("type") == "integer" else item.get("enum", ["x"])[0]
                filters.append((path, parameter["name"], example))
    return filters


def test_every_repeatable_filter_documents_at_most_20_values(app: FastAPI) -> None:
    spec = app.openapi()
    filters = _repeatable_filters(spec)
    assert len(filters) >= 8, "fewer repeatable filters than expected: has the schema changed?"
    for path, name, _ in filters:
        operation = spec["paths"][path]["get"]
        parameter = next(p for p in operation["parameters"] if p["name"] == name)
        cap = SELECTIONS.get((path, name), MAX_FILTER_VALUES)
        assert parameter["schema"].get("maxItems") == cap, (path, name)


def test_every_repeatable_filter_refuses_more_than_20_values(app: FastAPI, alice: ApiUser) -> None:
    for path, name, value in _repeatable_filters(app.openapi()):
        cap = SELECTIONS.get((path, name), MAX_FILTER_VALUES)
        response = alice.client.get(path, params={name: [value] * (cap + 1)})

        assert response.status_code == 422, (path, name, response.text)
        error = response.json()["error"]
        wording = "Name at most 500 " if cap == MAX_BULK_IDS else "Filter by at most 20 "
        assert error["message"].startswith(wording), (path, name, error)
        assert list(error["fields"]) == [f"query.{name}"], (path, name)


@pytest.mark.parametrize(
    ("path", "name", "label"),
    [
        ("/api/applications", "tag", "tags"),
        ("/api/applications", "stage", "stages"),
        ("/api/export/applications.csv", "tag", "tags"),
        ("/api/writing", "tag", "tags"),
        ("/api/writing", "kind", "kinds"),
        ("/api/deliverables", "state", "states"),
        ("/api/analytics", "tag", "tags"),
    ],
)
def test_too_many_filter_values_are_refused_naming_the_filter_and_the_maximum(
    alice: ApiUser, path: str, name: str, label: str
) -> None:
    values = {"stage": "applied", "kind": "note", "state": "done"}
    many = [values.get(name, f"tag-{number}") for number in range(1000)]

    response = alice.client.get(path, params={name: many})

    assert response.status_code == 422
    assert response.json()["error"]["message"] == f"Filter by at most 20 {label} at a time."


@pytest.mark.parametrize("path", ["/api/applications", "/api/writing", "/api/analytics"])
def test_20_tags_are_still_a_filter(alice: ApiUser, path: str) -> None:
    tags = [f"tag-{number}" for number in range(MAX_FILTER_VALUES)]

    assert alice.client.get(path, params={"tag": tags}).status_code == 200
