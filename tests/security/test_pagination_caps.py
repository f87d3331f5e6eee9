"""Every list is bounded: pages take `limit` up to 200, and tag lists stop at 500 names."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from jobtracker.common import MAX_PAGE_SIZE
from tests.factories import ApiUser

# Suggestion lists of names, capped by the server rather than paged by the client.
TAG_LISTS = {"/api/applications/tags", "/api/writing/tags"}
TAG_LIST_CAP = 500


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
        assert limit["schema"]["maximum"] <= MAX_PAGE_SIZE, path
        assert limit["schema"].get("default", 0) <= MAX_PAGE_SIZE, path


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
