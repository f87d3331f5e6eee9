"""The groups' pages pass axe-core in light and dark mode and at 360 px: the admin's Groups
page with a group open, Settings > Sharing with a coach listed, the Coaching overview with the
group dashboard, and a member's shared work with a comment thread open."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.every_page import describe_violations
from tests.e2e.ui import DESKTOP, REPO_ROOT, Viewport, page_scroll_width

AXE_SCRIPT = REPO_ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
NARROW = Viewport("narrow", 360, 780, mobile=True, scale=2)
MODES = {"light": (DESKTOP, "light"), "dark": (DESKTOP, "dark"), "narrow": (NARROW, "light")}


@dataclass(frozen=True)
class Cohort:
    admin: ApiUser
    coach: ApiUser
    student: ApiUser
    group_id: int
    group_name: str


@pytest.fixture
def cohort(admin: ApiUser, make_user: Callable[..., ApiUser]) -> Cohort:
    coach, student = make_user(display_name="Coach Ana"), make_user(display_name="Student Bo")
    name = f"Axe cohort {coach.id}"
    group = admin.api.post("/api/groups", json={"name": name}).json()
    for person, role in ((coach, "coach"), (student, "member")):
        admin.api.post(
            f"/api/groups/{group['id']}/members", json={"email": person.email, "group_role": role}
        ).raise_for_status()
    student.api.patch(
        f"/api/shares/{group['id']}", json={"board": True, "documents": True}
    ).raise_for_status()
    application = student.create_application(company="Acme", role="Analyst", stage="applied")
    coach.api.post(
        f"/api/applications/{application['id']}/comments", json={"body": "Nice start."}
    ).raise_for_status()
    return Cohort(admin, coach, student, group["id"], name)


def _groups_page(page: Page, cohort: Cohort) -> None:
    page.goto("/admin/groups")
    page.get_by_role("button", name=re.compile(f"Manage {cohort.group_name}")).click()
    expect(page.get_by_label("Role of Coach Ana")).to_be_visible()


def _sharing(page: Page, cohort: Cohort) -> None:
    page.goto("/settings#settings-sharing")
    expect(page.get_by_label("My board and dashboard")).to_be_checked()
    expect(page.get_by_text("1 new comment")).to_be_visible()


def _coaching(page: Page, cohort: Cohort) -> None:
    page.goto("/coaching")
    expect(page.get_by_text("Members sharing: 1 of 1")).to_be_visible()


def _member_work(page: Page, cohort: Cohort) -> None:
    page.goto(f"/coaching?group={cohort.group_id}&member={cohort.student.id}")
    page.get_by_role("button", name=re.compile("Comments on Acme")).click()
    expect(page.get_by_text("Nice start.")).to_be_visible()


PAGES: dict[str, tuple[str, Callable[[Page, Cohort], None]]] = {
    "groups": ("admin", _groups_page),
    "sharing": ("student", _sharing),
    "coaching": ("coach", _coaching),
    "member-work": ("coach", _member_work),
}


@pytest.mark.skipif(not AXE_SCRIPT.is_file(), reason="axe-core is not installed (npm ci)")
@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_page_passes_axe_and_fits(
    cohort: Cohort, new_context: Callable[[Viewport], BrowserContext], name: str, mode: str
) -> None:
    viewport, color_scheme = MODES[mode]
    who, open_page = PAGES[name]
    context = new_context(viewport)
    getattr(cohort, who).sign_in_context(context)
    page = context.new_page()
    page.emulate_media(color_scheme=color_scheme)  # type: ignore[arg-type]
    open_page(page, cohort)
    page.wait_for_load_state("networkidle")

    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate("() => axe.run(document)")
    assert len(result["passes"]) > 10, "axe checked next to nothing: is the page there?"
    assert not result["violations"], describe_violations(result["violations"])
    assert page_scroll_width(page) <= viewport.width
