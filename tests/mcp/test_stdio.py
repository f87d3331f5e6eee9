"""`python -m jobtracker mcp` over stdio, driven by the SDK's stdio client: every tool, a
resource and the prompts, as the token in JOBTRACKER_TOKEN, checked at start and on every call."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
import pytest
from mcp.client.stdio import stdio_client
from mcp.shared.exceptions import MCPError
from mcp.types import TextResourceContents

from jobtracker.auth.deps import READ_ONLY
from jobtracker.config import Settings
from mcp import ClientSession, StdioServerParameters
from tests.auth.access_token_builders import create_token
from tests.factories import ApiUser
from tests.mcp.builders import Tracker, build_tracker
from tests.mcp.client import answer, refusal
from tests.mcp.test_tools import READ_TOOLS, WRITE_TOOLS

T = TypeVar("T")


def environment(settings: Settings, token: str) -> dict[str, str]:
    return {
        "DATABASE_URL": settings.database_url,
        "DATA_DIR": str(settings.data_dir),
        "JWT_SECRET": settings.jwt_secret,
        "MAX_APPLICATIONS_PER_USER": "0",
        "JOBTRACKER_TOKEN": token,
    }


def over_stdio(
    settings: Settings,
    token: str,
    work: Callable[[ClientSession], Awaitable[T]],
    log_file: Path,
) -> T:
    """Start the command as a desktop client would and run `work` in a session with it."""
    server = StdioServerParameters(
        command=sys.executable,
        args=["-m", "jobtracker", "mcp"],
        env=environment(settings, token),
        cwd=log_file.parent,  # no .env of the checkout's
    )

    async def session_work() -> T:
        with log_file.open("w") as log:
            async with (
                stdio_client(server, errlog=log) as (read, write),
                ClientSession(read, write) as session,
            ):
                await session.initialize()
                return await work(session)

    return anyio.run(session_work)


def every_call(tracker: Tracker) -> dict[str, dict[str, Any]]:
    return {
        "search_applications": {"text": "acme"},
        "get_application": {"application_id": tracker.application},
        "list_upcoming": {"days": 7},
        "get_dashboard": {},
        "list_tags": {},
        "read_document_text": {"document_id": tracker.document},
        "create_application": {"company": "Initech", "role": "Dev"},
        "update_application": {"application_id": tracker.application, "location": "Lisbon"},
        "move_stage": {"application_id": tracker.application, "stage": "applied"},
        "add_deliverable": {"application_id": tracker.application, "title": "Checklist"},
        "complete_deliverable": {"deliverable_id": tracker.deliverable},
        "add_note": {"title": "Call", "application_id": tracker.application},
        "add_contact": {"application_id": tracker.application, "name": "Walter"},
        "link_note": {"note_id": tracker.note, "application_id": tracker.other_application},
        "link_document": {
            "document_id": tracker.document,
            "application_id": tracker.other_application,
        },
        "delete_application": {"application_id": tracker.other_application, "confirm": True},
    }


def test_every_tool_a_resource_and_the_prompts_over_stdio(
    app: object, settings: Settings, alice: ApiUser, tmp_path: Path
) -> None:
    tracker = build_tracker(alice)
    created = create_token(alice, scope="write", allow_delete=True, name="Desktop")
    calls = every_call(tracker)
    assert set(calls) == READ_TOOLS | WRITE_TOOLS

    async def work(session: ClientSession) -> dict[str, Any]:
        listed = {tool.name for tool in (await session.list_tools()).tools}
        results = {name: answer(await session.call_tool(name, calls[name])) for name in calls}
        uri = f"jobtracker://applications/{tracker.application}"
        resources = (await session.list_resources()).resources
        [content] = (await session.read_resource(uri)).contents
        review = await session.get_prompt("weekly_review")
        preparation = await session.get_prompt(
            "prepare_for_interview", {"application_id": str(tracker.application)}
        )
        return {
            "listed": listed,
            "results": results,
            "resources": [str(resource.uri) for resource in resources],
            "content": content,
            "prompts": [review.messages[0].content, preparation.messages[0].content],
        }

    done = over_stdio(settings, created["token"], work, tmp_path / "server.log")

    assert done["listed"] == READ_TOOLS | WRITE_TOOLS
    results = done["results"]
    assert [item["id"] for item in results["search_applications"]["items"]] == [tracker.application]
    assert results["create_application"]["company"] == "Initech"
    assert results["move_stage"]["stage"] == "applied"
    assert results["complete_deliverable"]["state"] == "done"
    assert results["delete_application"]["id"] == tracker.other_application
    assert alice.client.get(f"/api/applications/{tracker.application}").json()["location"] == (
        "Lisbon"
    )
    assert f"jobtracker://applications/{tracker.application}" in done["resources"]
    assert isinstance(done["content"], TextResourceContents)
    assert '"company": "Acme"' in done["content"].text
    assert all("Acme" in prompt.text for prompt in done["prompts"])
    log = (tmp_path / "server.log").read_text()
    assert f"MCP delete_application by access token {created['id']} 'Desktop'" in log
    assert created["token"] not in log


def test_a_token_revoked_while_running_stops_working_at_once(
    app: object, settings: Settings, alice: ApiUser, tmp_path: Path
) -> None:
    created = create_token(alice, scope="read")

    async def work(session: ClientSession) -> str:
        answer(await session.call_tool("list_tags", {}))
        assert alice.client.delete(f"/api/tokens/{created['id']}").status_code == 204
        with pytest.raises(MCPError, match="revoked"):
            await session.list_resources()
        return refusal(await session.call_tool("list_tags", {}))

    refused = over_stdio(settings, created["token"], work, tmp_path / "server.log")

    assert "revoked" in refused


def test_a_read_only_token_cannot_write_over_stdio(
    app: object, settings: Settings, alice: ApiUser, tmp_path: Path
) -> None:
    token = create_token(alice, scope="read")["token"]

    async def work(session: ClientSession) -> str:
        return refusal(await session.call_tool("create_application", {"company": "A", "role": "B"}))

    assert over_stdio(settings, token, work, tmp_path / "server.log") == READ_ONLY
    assert alice.client.get("/api/applications").json()["total"] == 0


@pytest.mark.parametrize(
    ("token", "exit_code", "message"),
    [
        ("", 2, "Set JOBTRACKER_TOKEN to a personal access token"),
        ("jtpat_unknown", 1, "This access token is not valid, has expired or was revoked."),
    ],
)
def test_the_command_will_not_start_without_a_valid_token(
    app: object, settings: Settings, tmp_path: Path, token: str, exit_code: int, message: str
) -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "jobtracker", "mcp"],
        env=environment(settings, token) | {"PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert finished.returncode == exit_code
    assert message in finished.stderr
    assert finished.stdout == ""
