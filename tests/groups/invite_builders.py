"""Builders for invitation tests: groups and coaches made in the database, invitations and
registrations through the API."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from jobtracker.groups.models import AuditEntry, Group, GroupMember, GroupRole
from tests.factories import DEFAULT_PASSWORD


def make_group(app: FastAPI, name: str = "Class of 2027") -> int:
    with app.state.session_factory() as session:
        group = Group(name=name)
        session.add(group)
        session.commit()
        return group.id


def place(app: FastAPI, group_id: int, user_id: int, role: GroupRole) -> None:
    with app.state.session_factory() as session:
        session.add(GroupMember(group_id=group_id, user_id=user_id, role=role))
        session.commit()


def role_in(app: FastAPI, group_id: int, user_id: int) -> GroupRole | None:
    with app.state.session_factory() as session:
        membership = session.get(GroupMember, (group_id, user_id))
        return membership.role if membership else None


def audit_actions(app: FastAPI) -> list[str]:
    with app.state.session_factory() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def close_registration(admin_client: TestClient) -> None:
    response = admin_client.patch("/api/admin/settings", json={"registration_open": False})
    assert response.status_code == 200, response.text


def invite(client: TestClient, **fields: Any) -> dict[str, Any]:
    response = client.post("/api/admin/invites", json=fields)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def register_with(app: FastAPI, token: str, email: str, *, password: str = DEFAULT_PASSWORD) -> Any:
    """A registration through the link, from a fresh (signed-out) browser."""
    with TestClient(app) as visitor:
        return visitor.post(
            "/api/auth/register", json={"email": email, "password": password, "invite": token}
        )
