"""Two people racing for an invitation's last use through a real server: exactly one gets it."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from jobtracker.auth.models import User
from jobtracker.groups.models import Invite
from tests.factories import DEFAULT_PASSWORD, ApiUser
from tests.groups.invite_builders import close_registration, invite
from tests.live_server import serve

RACERS = 12


def register_all_at_once(base_url: str, token: str, count: int) -> Counter[int]:
    start = threading.Barrier(count)
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    with httpx.Client(base_url=base_url, limits=limits, timeout=60) as http:

        def register(number: int) -> int:
            body = {"email": f"racer{number}@example.com", "password": DEFAULT_PASSWORD}
            start.wait()
            return http.post("/api/auth/register", json={**body, "invite": token}).status_code

        with ThreadPoolExecutor(max_workers=count) as pool:
            return Counter(pool.map(register, range(count)))


@pytest.mark.postgres_only
@pytest.mark.parametrize("uses", [1, 3])
def test_only_as_many_racers_as_the_invitation_allows_get_in(
    backend: str, app: FastAPI, alice: ApiUser, uses: int
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serialises every writer; real concurrent connections need PostgreSQL")
    close_registration(alice.client)
    token = invite(alice.client, max_uses=uses)["token"]

    with serve(app) as base_url:
        statuses = register_all_at_once(base_url, token, RACERS)

    assert statuses == {201: uses, 403: RACERS - uses}
    with app.state.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1 + uses
        assert session.scalar(select(Invite.uses)) == uses
