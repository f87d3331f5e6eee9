"""People with accounts racing to join a group through an invitation's last use, through a real
server: exactly as many get in as it allows; one person clicking twice at once takes one use."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from jobtracker.groups.models import GroupMember, Invite
from tests.factories import ApiUser
from tests.groups.invite_builders import invite, make_group
from tests.live_server import serve

RACERS = 8

pytestmark = pytest.mark.postgres_only


def accept_all_at_once(base_url: str, token: str, bearers: list[str]) -> Counter[int]:
    start = threading.Barrier(len(bearers))
    limits = httpx.Limits(max_connections=len(bearers), max_keepalive_connections=len(bearers))
    with httpx.Client(base_url=base_url, limits=limits, timeout=60) as http:

        def accept(bearer: str) -> int:
            start.wait()
            headers = {"Authorization": f"Bearer {bearer}"}
            return http.post(f"/api/auth/invites/{token}/accept", headers=headers).status_code

        with ThreadPoolExecutor(max_workers=len(bearers)) as pool:
            return Counter(pool.map(accept, bearers))


def members_and_uses(app: FastAPI, group_id: int) -> tuple[int, int]:
    with app.state.session_factory() as session:
        members = session.scalar(
            select(func.count()).select_from(GroupMember).where(GroupMember.group_id == group_id)
        )
        return members or 0, session.scalar(select(Invite.uses)) or 0


def test_only_as_many_accounts_as_the_invitation_allows_join(
    backend: str, app: FastAPI, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serialises every writer; real concurrent connections need PostgreSQL")
    group_id = make_group(app)
    token = invite(alice.client, group_id=group_id, max_uses=2)["token"]
    racers = [make_user() for _ in range(RACERS)]

    with serve(app) as base_url:
        statuses = accept_all_at_once(base_url, token, [racer.token for racer in racers])

    assert statuses == {200: 2, 403: RACERS - 2}
    assert members_and_uses(app, group_id) == (2, 2)


def test_one_person_clicking_join_at_once_takes_one_use(
    backend: str, app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serialises every writer; real concurrent connections need PostgreSQL")
    group_id = make_group(app)
    token = invite(alice.client, group_id=group_id, max_uses=10)["token"]

    with serve(app) as base_url:
        statuses = accept_all_at_once(base_url, token, [bob.token] * 4)

    assert statuses == {200: 1, 409: 3}
    assert members_and_uses(app, group_id) == (1, 1)
