"""Access tokens in the browser: create one in Settings, use it from a script, revoke it."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import PHONE, Viewport, section, shoot

pytestmark = pytest.mark.e2e

WIDE = Viewport("wide", 1366, 900)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_create_use_and_revoke_an_access_token(
    new_context: Callable[[Viewport], BrowserContext], user: ApiUser, viewport: Viewport
) -> None:
    user.create_application(company="Acme")
    context = new_context(viewport)
    user.sign_in_context(context)
    page: Page = context.new_page()
    page.goto("/settings")
    tokens = section(page, "Access tokens")
    tokens.get_by_label("Token name").fill("Backup script")
    tokens.get_by_label("Access").select_option("read")
    tokens.get_by_role("button", name="Create token").click()

    secret = tokens.get_by_test_id("new-access-token").inner_text().strip()
    assert secret.startswith("jtpat_")
    shoot(page, "access-token-created", viewport)
    tokens.get_by_role("button", name="Done").click()
    expect(tokens.get_by_test_id("new-access-token")).to_have_count(0)

    with httpx.Client(base_url=user.base_url, headers={"Authorization": f"Bearer {secret}"}) as api:
        listed = api.get("/api/applications")
        assert [item["company"] for item in listed.json()["items"]] == ["Acme"]
        assert api.post("/api/applications", json={"company": "X", "role": "Y"}).status_code == 403
        page.reload()
        row = tokens.get_by_role("listitem").filter(has_text="Backup script")
        expect(row).to_contain_text("last used")
        shoot(page, "access-token-list", viewport)

        row.get_by_role("button", name="Revoke Backup script").click()
        row.get_by_role("button", name="Revoke token").click()
        expect(tokens.get_by_role("list", name="Your access tokens")).to_have_count(0)
        assert api.get("/api/applications").status_code == 401
