"""A token for an AI assistant, made in Settings: allowed to delete only when asked for, and then
able to delete through the MCP server, driven by the SDK's own client."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from mcp.types import CallToolResult
from playwright.sync_api import Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import section
from tests.mcp.client import answer, call_tool, refusal

pytestmark = pytest.mark.e2e

DELETE_RIGHT = "Allow it to delete applications"


def delete_over_mcp(base_url: str, token: str, application_id: int) -> CallToolResult:
    """On a thread of its own: Playwright's sync API keeps an event loop running on this one."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(
            call_tool,
            base_url,
            token,
            "delete_application",
            application_id=application_id,
            confirm=True,
        ).result()


def create_token_in_settings(page: Page, name: str, *, allow_delete: bool) -> str:
    tokens = section(page, "Access tokens")
    tokens.get_by_label("Token name").fill(name)
    tokens.get_by_label("Access", exact=True).select_option("write")
    if allow_delete:
        tokens.get_by_label(DELETE_RIGHT).check()
    tokens.get_by_role("button", name="Create token").click()
    secret = tokens.get_by_test_id("new-access-token").inner_text().strip()
    tokens.get_by_role("button", name="Done").click()
    return secret


def test_the_delete_right_is_offered_only_for_read_and_write_and_off_by_default(
    user_page: Page,
) -> None:
    user_page.goto("/settings")
    tokens = section(user_page, "Access tokens")

    tokens.get_by_label("Access", exact=True).select_option("read")
    expect(tokens.get_by_label(DELETE_RIGHT)).to_have_count(0)
    tokens.get_by_label("Access", exact=True).select_option("write")
    expect(tokens.get_by_label(DELETE_RIGHT)).not_to_be_checked()


def test_a_token_allowed_to_delete_deletes_over_mcp_and_one_without_cannot(
    user_page: Page, user: ApiUser
) -> None:
    kept = user.create_application(company="Acme")["id"]
    doomed = user.create_application(company="Globex")["id"]
    user_page.goto("/settings")

    careful = create_token_in_settings(user_page, "Careful assistant", allow_delete=False)
    trusted = create_token_in_settings(user_page, "Trusted assistant", allow_delete=True)

    tokens = section(user_page, "Access tokens")
    expect(tokens.get_by_role("listitem").filter(has_text="Careful assistant")).not_to_contain_text(
        "may delete applications"
    )
    trusted_row = tokens.get_by_role("listitem").filter(has_text="Trusted assistant")
    expect(trusted_row).to_contain_text("may delete applications")
    refused = refusal(delete_over_mcp(user.base_url, careful, kept))
    assert "may not delete" in refused
    deleted = answer(delete_over_mcp(user.base_url, trusted, doomed))
    assert deleted["company"] == "Globex"
    remaining = user.api.get("/api/applications").json()["items"]
    assert [item["company"] for item in remaining] == ["Acme"]
