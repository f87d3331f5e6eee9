"""Every tool, resource and prompt over streamable HTTP, driven by the SDK's own client against a
live app on 127.0.0.1, as a read-and-write token allowed to delete."""

from __future__ import annotations

from typing import Any

import pytest
from mcp.types import TextResourceContents

from tests.auth.access_token_builders import create_token
from tests.factories import ApiUser
from tests.mcp.builders import Tracker, build_tracker, read_application
from tests.mcp.client import answer, call_tool, over_http

READ_TOOLS = {
    "search_applications",
    "get_application",
    "list_upcoming",
    "get_dashboard",
    "list_tags",
    "read_document_text",
}
WRITE_TOOLS = {
    "create_application",
    "update_application",
    "move_stage",
    "add_deliverable",
    "complete_deliverable",
    "add_note",
    "add_contact",
    "link_note",
    "link_document",
    "delete_application",
}


@pytest.fixture
def tracker(alice: ApiUser) -> Tracker:
    return build_tracker(alice)


@pytest.fixture
def token(alice: ApiUser) -> str:
    return str(create_token(alice, scope="write", allow_delete=True)["token"])


def test_every_tool_is_listed_with_a_description_and_schemas(live: str, token: str) -> None:
    listed = over_http(live, token, lambda session: session.list_tools()).tools

    assert {tool.name for tool in listed} == READ_TOOLS | WRITE_TOOLS
    for tool in listed:
        assert len(tool.description or "") > 20, tool.name
        assert tool.input_schema["type"] == "object"
        assert tool.output_schema is not None, tool.name
    reading = {tool.name for tool in listed if tool.annotations and tool.annotations.read_only_hint}
    assert reading == READ_TOOLS


def test_search_finds_by_text_stage_tag_and_dates(live: str, token: str, tracker: Tracker) -> None:
    def ids(**filters: Any) -> list[int]:
        found = answer(call_tool(live, token, "search_applications", **filters))
        return [item["id"] for item in found["items"]]

    assert ids(text="acme") == [tracker.application]
    assert ids(stages=["applied"]) == [tracker.other_application]
    assert ids(tags=["remote"]) == [tracker.application]
    deadline = read_application_deadline(live, token, tracker.application)
    assert ids(deadline_from=deadline, deadline_to=deadline) == [tracker.application]
    assert ids(applied_to="1999-12-31") == []


def read_application_deadline(live: str, token: str, application_id: int) -> str:
    detail = answer(call_tool(live, token, "get_application", application_id=application_id))
    return str(detail["application"]["deadline"])


def test_search_pages_with_next_offset(live: str, token: str, alice: ApiUser) -> None:
    for number in range(3):
        alice.create_application(company=f"Company {number}")

    first = answer(call_tool(live, token, "search_applications", limit=2))
    second = answer(call_tool(live, token, "search_applications", limit=2, offset=2))

    assert (first["total"], len(first["items"]), first["next_offset"]) == (3, 2, 2)
    assert (len(second["items"]), second["next_offset"]) == (1, None)


def test_get_application_brings_everything_about_it(
    live: str, token: str, tracker: Tracker
) -> None:
    detail = answer(call_tool(live, token, "get_application", application_id=tracker.application))

    assert detail["application"]["company"] == "Acme"
    assert detail["application"]["job_description"].startswith("Run Kubernetes")
    assert [item["id"] for item in detail["deliverables"]] == [tracker.deliverable]
    assert [item["name"] for item in detail["contacts"]] == ["Dana Scully"]
    assert [item["title"] for item in detail["notes"]] == ["Why Acme"]
    assert [item["filename"] for item in detail["documents"]] == ["resume.txt"]
    assert [item["people"] for item in detail["interviews"]] == [["Dana Scully"]]
    assert detail["truncated"] is False


def test_list_upcoming_has_deliverables_deadlines_and_interviews(
    live: str, token: str, tracker: Tracker
) -> None:
    upcoming = answer(call_tool(live, token, "list_upcoming", days=7))

    assert [item["id"] for item in upcoming["deliverables"]] == [tracker.deliverable]
    assert [item["application_id"] for item in upcoming["deadlines"]] == [tracker.application]
    assert [item["id"] for item in upcoming["interviews"]] == [tracker.interview]


def test_get_dashboard_counts_the_applications(live: str, token: str, tracker: Tracker) -> None:
    figures = answer(call_tool(live, token, "get_dashboard"))

    assert figures["applications"] == 2
    stages = {entry["stage"]: entry["count"] for entry in figures["stages"]}
    assert (stages["wishlist"], stages["applied"]) == (1, 1)


def test_list_tags(live: str, token: str, tracker: Tracker) -> None:
    tags = answer(call_tool(live, token, "list_tags"))["tags"]

    assert {tag["name"]: tag["applications"] for tag in tags} == {"platform": 1, "remote": 1}


def test_read_document_text(live: str, token: str, tracker: Tracker) -> None:
    text = answer(call_tool(live, token, "read_document_text", document_id=tracker.document))

    assert text["text"].startswith("Jane Doe")
    assert (text["truncated"], text["next_offset"]) == (False, None)


def test_create_application_from_fields(live: str, token: str, alice: ApiUser) -> None:
    created = answer(
        call_tool(live, token, "create_application", company="Initech", role="Dev", tags=["Python"])
    )

    assert (created["company"], created["stage"], created["tags"]) == (
        "Initech",
        "wishlist",
        ["python"],
    )
    assert read_application(alice, created["id"])["role"] == "Dev"


def test_create_application_from_pasted_text(live: str, token: str, alice: ApiUser) -> None:
    posting = (
        "Senior Data Engineer\nHooli · Berlin, Germany (Remote)\nFull-time\n\n"
        "About the job\n\nHooli builds search."
    )

    created = answer(
        call_tool(live, token, "create_application", text=posting, role="Data Engineer")
    )

    assert (created["company"], created["work_mode"]) == ("Hooli", "remote")
    assert created["role"] == "Data Engineer"  # what the caller gave wins over what was read
    assert "Hooli builds search." in created["job_description"]


def test_the_same_posting_twice_is_refused_unless_allowed(
    live: str, token: str, tracker: Tracker
) -> None:
    again = call_tool(live, token, "create_application", company="acme", role="Platform Engineer")
    anyway = call_tool(
        live,
        token,
        "create_application",
        company="Acme",
        role="Platform Engineer",
        allow_duplicate=True,
    )

    assert again.is_error
    assert f"already tracked as application {tracker.application}" in again.content[0].text  # type: ignore[union-attr]
    assert answer(anyway)["id"] != tracker.application


def test_update_application_changes_and_clears_fields(
    live: str, token: str, alice: ApiUser, tracker: Tracker
) -> None:
    updated = answer(
        call_tool(
            live,
            token,
            "update_application",
            application_id=tracker.application,
            location="Lisbon",
            clear=["notes"],
        )
    )

    assert (updated["location"], updated["notes"]) == ("Lisbon", None)
    stored = read_application(alice, tracker.application)
    assert (stored["location"], stored["notes"]) == ("Lisbon", None)


def test_move_stage_records_the_move(
    live: str, token: str, alice: ApiUser, tracker: Tracker
) -> None:
    moved = answer(
        call_tool(live, token, "move_stage", application_id=tracker.application, stage="applied")
    )

    assert moved["stage"] == "applied"
    assert moved["applied_on"] is not None
    events = alice.client.get(f"/api/applications/{tracker.application}/events").json()["items"]
    assert [event["to_stage"] for event in events][-1] == "applied"


def test_add_and_complete_a_deliverable(live: str, token: str, tracker: Tracker) -> None:
    added = answer(
        call_tool(
            live,
            token,
            "add_deliverable",
            application_id=tracker.application,
            title="Prep checklist",
            due_at="2030-01-01T09:00:00+01:00",
        )
    )
    done = answer(call_tool(live, token, "complete_deliverable", deliverable_id=added["id"]))

    assert (added["title"], added["state"], added["due_at"]) == (
        "Prep checklist",
        "not_started",
        "2030-01-01T08:00:00Z",
    )
    assert done["state"] == "done"
    assert done["done_at"] is not None


def test_add_note_linked_to_an_application(live: str, token: str, tracker: Tracker) -> None:
    note = answer(
        call_tool(
            live,
            token,
            "add_note",
            title="Call notes",
            body="Salary band: 90-110k",
            application_id=tracker.other_application,
        )
    )

    assert note["application_ids"] == [tracker.other_application]


def test_add_contact(live: str, token: str, tracker: Tracker) -> None:
    contact = answer(
        call_tool(
            live,
            token,
            "add_contact",
            application_id=tracker.other_application,
            name="Fox Mulder",
            email="fox@example.com",
        )
    )

    assert (contact["name"], contact["application_id"]) == ("Fox Mulder", tracker.other_application)


def test_link_note_keeps_its_other_links(live: str, token: str, tracker: Tracker) -> None:
    note = answer(
        call_tool(
            live, token, "link_note", note_id=tracker.note, application_id=tracker.other_application
        )
    )

    assert note["application_ids"] == sorted([tracker.application, tracker.other_application])


def test_link_document(live: str, token: str, tracker: Tracker) -> None:
    document = answer(
        call_tool(
            live,
            token,
            "link_document",
            document_id=tracker.document,
            application_id=tracker.other_application,
        )
    )

    assert document["application_ids"] == sorted([tracker.application, tracker.other_application])


def test_delete_application_moves_it_to_the_trash(
    live: str, token: str, alice: ApiUser, tracker: Tracker
) -> None:
    deleted = answer(
        call_tool(
            live,
            token,
            "delete_application",
            application_id=tracker.other_application,
            confirm=True,
        )
    )

    assert deleted["company"] == "Globex"
    assert alice.client.get(f"/api/applications/{tracker.other_application}").status_code == 404
    trash = alice.client.get("/api/applications/trash").json()["items"]
    assert [item["id"] for item in trash] == [tracker.other_application]


def test_delete_without_confirmation_deletes_nothing(
    live: str, token: str, alice: ApiUser, tracker: Tracker
) -> None:
    refused = call_tool(
        live, token, "delete_application", application_id=tracker.application, confirm=False
    )

    assert refused.is_error
    assert "confirm" in refused.content[0].text  # type: ignore[union-attr]
    assert read_application(alice, tracker.application)["company"] == "Acme"


def test_an_application_is_a_resource(live: str, token: str, tracker: Tracker) -> None:
    uri = f"jobtracker://applications/{tracker.application}"

    listed = over_http(live, token, lambda session: session.list_resources()).resources
    templates = over_http(live, token, lambda session: session.list_resource_templates())
    read = over_http(live, token, lambda session: session.read_resource(uri)).contents

    assert {str(resource.uri) for resource in listed} == {
        uri,
        f"jobtracker://applications/{tracker.other_application}",
    }
    assert [template.uri_template for template in templates.resource_templates] == [
        "jobtracker://applications/{application_id}"
    ]
    [content] = read
    assert isinstance(content, TextResourceContents)
    assert '"company": "Acme"' in content.text


def test_prompts_carry_the_users_data(live: str, token: str, tracker: Tracker) -> None:
    prompts = over_http(live, token, lambda session: session.list_prompts()).prompts
    review = over_http(live, token, lambda session: session.get_prompt("weekly_review"))
    preparation = over_http(
        live,
        token,
        lambda session: session.get_prompt(
            "prepare_for_interview", {"application_id": str(tracker.application)}
        ),
    )

    assert {prompt.name for prompt in prompts} == {"weekly_review", "prepare_for_interview"}
    [argument] = next(p for p in prompts if p.name == "prepare_for_interview").arguments or []
    assert (argument.name, argument.required) == ("application_id", True)
    assert "search_applications" in (argument.description or "")
    review_text = review.messages[0].content.text  # type: ignore[union-attr]
    assert "Cover letter" in review_text
    assert "weekly job-search review" in review_text
    preparation_text = preparation.messages[0].content.text  # type: ignore[union-attr]
    assert "Acme" in preparation_text
    assert "Dana Scully" in preparation_text
