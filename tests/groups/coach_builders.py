"""Builders for groups, shares and comments, through the API as an admin, a member or a coach
would use it."""

from __future__ import annotations

from typing import Any

from tests.factories import ApiUser


def create_group(admin: ApiUser, name: str = "Cohort 7") -> int:
    response = admin.client.post("/api/groups", json={"name": name})
    assert response.status_code == 201, response.text
    group_id: int = response.json()["id"]
    return group_id


def add_to_group(admin: ApiUser, group_id: int, user: ApiUser, group_role: str) -> None:
    response = admin.client.post(
        f"/api/groups/{group_id}/members", json={"email": user.email, "group_role": group_role}
    )
    assert response.status_code == 201, response.text


def share(member: ApiUser, group_id: int, **switches: bool) -> dict[str, Any]:
    response = member.client.patch(f"/api/shares/{group_id}", json=switches)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def coached_group(admin: ApiUser, coach: ApiUser, *members: ApiUser, name: str = "Cohort 7") -> int:
    """A group with this coach and these members, nothing shared yet."""
    group_id = create_group(admin, name)
    add_to_group(admin, group_id, coach, "coach")
    for member in members:
        add_to_group(admin, group_id, member, "member")
    return group_id


def comment(user: ApiUser, application_id: int, body: str) -> dict[str, Any]:
    response = user.client.post(f"/api/applications/{application_id}/comments", json={"body": body})
    assert response.status_code == 201, response.text
    answer: dict[str, Any] = response.json()
    return answer
