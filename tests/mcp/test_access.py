"""Who may do what through the MCP server: the token is checked on every request, its scope and
delete right hold on every tool, and one user's token never reaches another user's data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI
from mcp.shared.exceptions import MCPError
from sqlalchemy import update

from jobtracker.auth.deps import READ_ONLY
from jobtracker.db import utcnow
from jobtracker.instance.models import InstanceSettings
from jobtracker.mcp.service import NO_DELETING
from tests.auth.access_token_builders import create_token, list_tokens, set_token_times
from tests.factories import ApiUser
from tests.live_server import serve
from tests.mcp.builders import Tracker, build_tracker, post
from tests.mcp.client import answer, call_tool, http_session, refusal, run

INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "test", "version": "1"},
    },
}
MCP_HEADERS = {"Accept": "application/json, text/event-stream"}

Arguments = Callable[[Tracker], dict[str, Any]]
# Every write tool, with arguments that would change the tracker build_tracker made.
WRITE_CALLS: dict[str, Arguments] = {
    "create_application": lambda _t: {"company": "Initech", "role": "Dev"},
    "update_application": lambda t: {"application_id": t.application, "location": "Mars"},
    "move_stage": lambda t: {"application_id": t.application, "stage": "offer"},
    "add_deliverable": lambda t: {"application_id": t.application, "title": "Essay"},
    "complete_deliverable": lambda t: {"deliverable_id": t.deliverable},
    "add_note": lambda t: {"title": "Note", "application_id": t.application},
    "add_contact": lambda t: {"application_id": t.application, "name": "Walter"},
    "link_note": lambda t: {"note_id": t.note, "application_id": t.other_application},
    "link_document": lambda t: {"document_id": t.document, "application_id": t.other_application},
    "delete_application": lambda t: {"application_id": t.application, "confirm": True},
}
# Every tool that takes an id of the user's, with alice's ids (bob's own where one is needed).
FOREIGN_CALLS: dict[str, Callable[[Tracker, Tracker], dict[str, Any]]] = {
    "get_application": lambda a, _b: {"application_id": a.application},
    "read_document_text": lambda a, _b: {"document_id": a.document},
    "update_application": lambda a, _b: {"application_id": a.application, "location": "Mars"},
    "move_stage": lambda a, _b: {"application_id": a.application, "stage": "offer"},
    "add_deliverable": lambda a, _b: {"application_id": a.application, "title": "Essay"},
    "complete_deliverable": lambda a, _b: {"deliverable_id": a.deliverable},
    "add_note": lambda a, _b: {"title": "Note", "application_id": a.application},
    "add_contact": lambda a, _b: {"application_id": a.application, "name": "Walter"},
    "link_note(alice's note)": lambda a, b: {"note_id": a.note, "application_id": b.application},
    "link_note(to alice's application)": lambda a, b: {
        "note_id": b.note,
        "application_id": a.application,
    },
    "link_document(alice's document)": lambda a, b: {
        "document_id": a.document,
        "application_id": b.application,
    },
    "link_document(to alice's application)": lambda a, b: {
        "document_id": b.document,
        "application_id": a.application,
    },
    "delete_application": lambda a, _b: {"application_id": a.application, "confirm": True},
}


def everything_of(user: ApiUser) -> dict[str, Any]:
    """What the user has, as the API shows it: to see that nothing changed."""
    lists = ("applications", "deliverables", "writing", "documents", "contacts")
    return {name: user.client.get(f"/api/{name}?limit=200").json() for name in lists}


def test_no_token_is_refused_with_401_before_any_mcp_work(live: str) -> None:
    response = httpx2.post(f"{live}/mcp", json=INITIALIZE, headers=MCP_HEADERS)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="jobtracker"'
    assert response.json()["error"]["code"] == "not_authenticated"
    assert "Authorization: Bearer jtpat_" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "credentials",
    ["jtpat_not-a-real-token", "a-session-jwt", "Basic YWxpY2U6cGFzc3dvcmQ="],
)
def test_a_wrong_credential_is_refused_with_401(
    live: str, alice: ApiUser, credentials: str
) -> None:
    header = alice.token if credentials == "a-session-jwt" else credentials
    scheme = "" if header.startswith("Basic") else "Bearer "

    response = httpx2.post(
        f"{live}/mcp", json=INITIALIZE, headers=MCP_HEADERS | {"Authorization": scheme + header}
    )

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith('Bearer realm="jobtracker"')


def test_a_valid_token_gets_past_the_check(live: str, alice: ApiUser) -> None:
    token = create_token(alice, scope="read")["token"]

    response = httpx2.post(
        f"{live}/mcp",
        json=INITIALIZE,
        headers=MCP_HEADERS | {"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 200
    assert response.json()["result"]["serverInfo"]["name"] == "jobtracker"


def test_a_token_revoked_mid_session_stops_working_at_once(live: str, alice: ApiUser) -> None:
    created = create_token(alice, scope="read")

    async def session_across_the_revocation() -> None:
        async with http_session(live, created["token"]) as session:
            answer(await session.call_tool("list_tags", {}))
            assert alice.client.delete(f"/api/tokens/{created['id']}").status_code == 204
            with pytest.raises((MCPError, httpx2.HTTPStatusError)):
                await session.call_tool("list_tags", {})

    run(session_across_the_revocation)
    response = httpx2.post(
        f"{live}/mcp",
        json=INITIALIZE,
        headers=MCP_HEADERS | {"Authorization": f"Bearer {created['token']}"},
    )
    assert response.status_code == 401
    assert "revoked" in response.json()["error"]["message"]


def test_an_expired_token_is_refused(live: str, app: FastAPI, alice: ApiUser) -> None:
    created = create_token(alice, scope="read", expires_in_days=30)
    set_token_times(app, created["id"], expires_at=utcnow() - timedelta(minutes=1))

    response = httpx2.post(
        f"{live}/mcp",
        json=INITIALIZE,
        headers=MCP_HEADERS | {"Authorization": f"Bearer {created['token']}"},
    )

    assert response.status_code == 401


@pytest.mark.parametrize("tool", sorted(WRITE_CALLS))
def test_a_read_only_token_is_refused_every_write_tool(
    live: str, alice: ApiUser, tool: str
) -> None:
    tracker = build_tracker(alice)
    token = create_token(alice, scope="read")["token"]
    before = everything_of(alice)

    refused = refusal(call_tool(live, token, tool, **WRITE_CALLS[tool](tracker)))

    assert refused == READ_ONLY
    assert everything_of(alice) == before


def test_a_token_not_allowed_to_delete_cannot_delete(live: str, alice: ApiUser) -> None:
    tracker = build_tracker(alice)
    token = create_token(alice, scope="write")["token"]

    refused = refusal(
        call_tool(
            live, token, "delete_application", application_id=tracker.application, confirm=True
        )
    )

    assert refused == NO_DELETING
    assert alice.client.get(f"/api/applications/{tracker.application}").status_code == 200


def test_only_a_read_and_write_token_may_be_allowed_to_delete(alice: ApiUser) -> None:
    refused = alice.client.post(
        "/api/tokens", json={"name": "Assistant", "scope": "read", "allow_delete": True}
    )
    allowed = create_token(alice, scope="write", allow_delete=True)

    assert refused.status_code == 422
    assert refused.json()["error"]["fields"]["allow_delete"].startswith(
        "Only a read-and-write token can be allowed to delete."
    )
    assert allowed["allow_delete"] is True
    assert [token["allow_delete"] for token in list_tokens(alice)] == [True]
    assert create_token(alice, scope="write")["allow_delete"] is False


@pytest.mark.parametrize("tool", sorted(FOREIGN_CALLS))
def test_another_users_ids_are_not_found_and_nothing_changes(
    live: str, alice: ApiUser, bob: ApiUser, tool: str
) -> None:
    alices = build_tracker(alice)
    bobs = build_tracker(bob)
    token = create_token(bob, scope="write", allow_delete=True)["token"]
    before = everything_of(alice)

    refused = refusal(
        call_tool(live, token, tool.split("(")[0], **FOREIGN_CALLS[tool](alices, bobs))
    )

    assert "was not found" in refused
    assert everything_of(alice) == before


def test_another_users_application_is_no_resource_nor_prompt(
    live: str, alice: ApiUser, bob: ApiUser
) -> None:
    alices = build_tracker(alice)
    token = create_token(bob, scope="read")["token"]
    uri = f"jobtracker://applications/{alices.application}"

    async def reads() -> None:
        async with http_session(live, token) as session:
            assert (await session.list_resources()).resources == []
            with pytest.raises(MCPError, match="was not found"):
                await session.read_resource(uri)
            with pytest.raises(MCPError, match="was not found"):
                await session.get_prompt(
                    "prepare_for_interview", {"application_id": str(alices.application)}
                )

    run(reads)


def test_reading_tools_see_only_the_tokens_user(live: str, alice: ApiUser, bob: ApiUser) -> None:
    build_tracker(alice)
    post(bob, "/api/applications", {"company": "Bob's own", "role": "Dev"})
    token = create_token(bob, scope="read")["token"]

    found = answer(call_tool(live, token, "search_applications"))
    upcoming = answer(call_tool(live, token, "list_upcoming", days=30))
    figures = answer(call_tool(live, token, "get_dashboard"))
    tags = answer(call_tool(live, token, "list_tags"))

    assert [item["company"] for item in found["items"]] == ["Bob's own"]
    assert upcoming["deliverables"] == upcoming["deadlines"] == upcoming["interviews"] == []
    assert figures["applications"] == 1
    assert tags["tags"] == []


def test_no_event_stream_is_held_open(live: str, alice: ApiUser) -> None:
    token = create_token(alice, scope="read")["token"]

    response = httpx2.get(
        f"{live}/mcp",
        headers={"Accept": "text/event-stream", "Authorization": f"Bearer {token}"},
        timeout=5,
    )

    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_an_admin_held_to_two_factor_is_refused_until_it_is_set_up(
    live: str, app: FastAPI, alice: ApiUser
) -> None:
    token = create_token(alice, scope="read")["token"]  # alice, the first user, is the admin
    with app.state.session_factory() as session:
        session.execute(update(InstanceSettings).values(admins_require_two_factor=True))
        session.commit()

    refused = refusal(call_tool(live, token, "list_tags"))

    assert refused.startswith("This instance requires admins to use two-factor sign-in.")


def test_a_server_that_cannot_start_answers_503_and_the_api_goes_on(
    app: FastAPI, alice: ApiUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("the SDK failed to load")

    monkeypatch.setattr(app.state.mcp_endpoint, "_build_server", broken)
    token = create_token(alice, scope="read")["token"]
    with serve(app) as url:
        refused = httpx2.post(
            f"{url}/mcp",
            json=INITIALIZE,
            headers=MCP_HEADERS | {"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        health = httpx2.get(f"{url}/api/health", timeout=5)

    assert refused.status_code == 503
    assert refused.json()["error"]["code"] == "unavailable"
    assert health.status_code == 200


def test_another_users_application_is_no_duplicate(live: str, alice: ApiUser, bob: ApiUser) -> None:
    build_tracker(alice)  # alice tracks Acme, Platform Engineer
    token = create_token(bob, scope="write")["token"]

    created = answer(
        call_tool(live, token, "create_application", company="Acme", role="Platform Engineer")
    )

    alices = everything_of(alice)["applications"]["items"]
    assert created["id"] not in {item["id"] for item in alices}
    assert bob.client.get("/api/applications").json()["total"] == 1
