"""Builders for board tests: the cards as the board loads them, and moving one."""

from __future__ import annotations

from typing import Any

from httpx2 import Response

from tests.factories import ApiUser


def cards(user: ApiUser, **params: Any) -> list[dict[str, Any]]:
    response = user.client.get("/api/board/cards", params=params)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def column(user: ApiUser, stage: str) -> list[str]:
    """The companies in a column, top to bottom."""
    return [card["company"] for card in cards(user) if card["stage"] == stage]


def move(user: ApiUser, card: dict[str, Any], stage: str, after: dict[str, Any] | None) -> Response:
    body = {"stage": stage, "after_id": after["id"] if after else None}
    return user.client.post(f"/api/board/cards/{card['id']}/move", json=body)


def moved(user: ApiUser, card: dict[str, Any], stage: str, after: dict[str, Any] | None) -> Any:
    response = move(user, card, stage, after)
    assert response.status_code == 200, response.text
    return response.json()
