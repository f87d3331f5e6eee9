"""The API's limits hold through the MCP server: the quota, a rate per token, answers capped in
items and text, refusals worded for people, and a log line per call without the token."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi import FastAPI

from jobtracker.config import Settings
from jobtracker.mcp.schemas import MAX_RESULT_CHARS
from tests.auth.access_token_builders import create_token
from tests.documents.builders import upload_one
from tests.factories import ApiUser
from tests.mcp.client import answer, call_tool, refusal


@pytest.fixture
def token(alice: ApiUser) -> str:
    return str(create_token(alice, scope="write", name="Claude on my laptop")["token"])


def test_creating_past_the_quota_is_refused_with_its_message(
    live: str, settings: Settings, alice: ApiUser, token: str
) -> None:
    settings.max_applications_per_user = 1
    alice.create_application(company="Acme")

    refused = refusal(call_tool(live, token, "create_application", company="Globex", role="SRE"))

    assert refused.startswith("You have reached this instance's limit of 1 application per user.")
    assert alice.client.get("/api/applications").json()["total"] == 1


def test_calls_past_the_rate_are_refused_until_the_minute_is_over(
    live: str, app: FastAPI, token: str
) -> None:
    app.state.mcp_endpoint.backend.calls_per_minute = 3
    for _ in range(3):
        answer(call_tool(live, token, "list_tags"))

    refused = refusal(call_tool(live, token, "list_tags"))

    assert refused.startswith("This access token made 3 calls in the last minute")
    assert "Wait" in refused


def test_a_long_application_is_cut_to_the_text_budget_with_a_marker(
    live: str, alice: ApiUser, token: str
) -> None:
    application = alice.create_application(
        company="Acme", notes="n" * 100_000, job_description="d" * 100_000
    )
    for number in range(3):
        response = alice.client.post(
            f"/api/applications/{application['id']}/deliverables",
            json={"title": f"Essay {number}", "content": "e" * 100_000},
        )
        assert response.status_code == 201

    result = call_tool(live, token, "get_application", application_id=application["id"])
    detail = answer(result)

    assert detail["truncated"] is True
    assert len(json.dumps(detail)) < MAX_RESULT_CHARS + 5_000
    assert detail["application"]["notes"].endswith("[... truncated: 50,000 more characters]")
    assert "truncated" in detail["application"]["job_description"]
    assert [item["title"] for item in detail["deliverables"]] == ["Essay 0", "Essay 1", "Essay 2"]


def test_a_long_document_is_read_in_parts(live: str, alice: ApiUser, token: str) -> None:
    text = "".join(f"line {number:06d}\n" for number in range(10_000))  # 120,000 characters
    document = upload_one(alice, "long.txt", text.encode(), "text/plain")

    first = answer(call_tool(live, token, "read_document_text", document_id=document["id"]))
    rest = [
        answer(
            call_tool(live, token, "read_document_text", document_id=document["id"], offset=offset)
        )
        for offset in (50_000, 100_000)
    ]

    assert (first["characters"], first["truncated"], first["next_offset"]) == (
        120_000,
        True,
        50_000,
    )
    assert first["text"].endswith("[... truncated: 70,000 more characters]")
    assert first["text"].startswith(text[:50_000])
    assert rest[1]["text"] == text[100_000:]
    assert (rest[1]["truncated"], rest[1]["next_offset"]) == (False, None)


def test_a_page_holds_at_most_fifty_applications(live: str, token: str) -> None:
    refused = refusal(call_tool(live, token, "search_applications", limit=500))

    assert refused == "Please correct: Limit: Use a value of 50 or less."


@pytest.mark.parametrize(
    ("tool", "arguments", "message"),
    [
        ("move_stage", {"application_id": 1, "stage": "hired"}, "Stage: Choose one of: "),
        ("search_applications", {"text": "x" * 201}, "Text: Use at most 200 characters."),
        (
            "add_deliverable",
            {"application_id": 1, "title": "Essay", "due_at": "2030-01-01T09:00:00"},
            "Due at: Include a time zone",
        ),
        ("add_contact", {"application_id": 1, "name": " "}, "Name: This can't be empty."),
        ("get_application", {"application_id": 0}, "Application id: Use a value of 1 or more."),
    ],
)
def test_bad_arguments_are_refused_in_plain_words(
    live: str, alice: ApiUser, token: str, tool: str, arguments: dict[str, object], message: str
) -> None:
    alice.create_application(company="Acme")

    refused = refusal(call_tool(live, token, tool, **arguments))

    assert refused.startswith("Please correct: ")
    assert message in refused
    assert "pydantic" not in refused
    assert "Traceback" not in refused


def test_every_call_is_logged_with_the_tokens_name_never_its_value(
    live: str, alice: ApiUser, caplog: pytest.LogCaptureFixture
) -> None:
    created = create_token(alice, scope="read", name="Claude on my laptop")
    caplog.set_level(logging.INFO, logger="jobtracker.mcp")

    answer(call_tool(live, created["token"], "list_tags"))
    refusal(call_tool(live, created["token"], "move_stage", application_id=1, stage="offer"))

    calls = [record.getMessage() for record in caplog.records if record.name == "jobtracker.mcp"]
    assert calls == [
        f"MCP list_tags by access token {created['id']} 'Claude on my laptop' of user {alice.id}",
        f"MCP move_stage by access token {created['id']} 'Claude on my laptop' of user {alice.id}",
    ]
    assert created["token"] not in caplog.text
