"""Invitations in the browser: the admin makes a link in Settings while registration is closed,
the person invited signs up through it and lands on the board, and the link is then used up."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import PASSWORD, ApiUser, unique_email
from tests.e2e.ui import DESKTOP, Viewport, go_to, main_nav

pytestmark = pytest.mark.e2e


def test_an_invited_student_signs_up_while_registration_is_closed(
    admin: ApiUser, page: Page, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    admin.api.patch("/api/admin/settings", json={"registration_open": False}).raise_for_status()
    student = unique_email("student")
    admin.sign_in_context(page.context)
    page.goto("/")
    go_to(page, "Settings", heading="Settings")
    invitations = page.get_by_role("form", name="New invitation")
    invitations.get_by_label("Only for this email").fill(student)
    invitations.get_by_role("button", name="Create invitation link").click()
    link = page.get_by_label("Invitation link").input_value()
    assert "/signup?invite=" in link

    visitor = new_context(DESKTOP).new_page()
    visitor.goto(link)
    expect(visitor.get_by_role("status")).to_contain_text(f"You're invited as {student}")
    expect(visitor.get_by_label("Email")).to_have_value(student)
    visitor.get_by_label("Password", exact=True).fill(PASSWORD)
    visitor.get_by_role("button", name="Create account").click()
    expect(main_nav(visitor)).to_be_visible()

    again = new_context(DESKTOP).new_page()
    again.goto(link)
    expect(again.get_by_role("alert")).to_contain_text("already been used")
    page.reload()
    row = page.get_by_role("row").filter(has_text=student)
    expect(row).to_contain_text("1 of 1")
    expect(row).to_contain_text("Used up")


def test_a_coach_invites_a_member_into_their_group(
    admin: ApiUser,
    make_user: Callable[..., ApiUser],
    new_context: Callable[[Viewport], BrowserContext],
) -> None:
    coach = make_user(display_name="Cora Coach")
    group = admin.api.post("/api/groups", json={"name": f"Cohort {coach.id}"}).json()
    admin.api.post(
        f"/api/groups/{group['id']}/members", json={"email": coach.email, "group_role": "coach"}
    ).raise_for_status()
    page = new_context(DESKTOP).new_page()
    coach.sign_in_context(page.context)
    page.goto("/coaching")
    page.get_by_text(f"Invite members to {group['name']}").click()
    form = page.get_by_role("form", name=f"Invite to {group['name']}")
    form.get_by_label("How many people").fill("2")
    form.get_by_role("button", name="Create invitation link").click()
    link = page.get_by_label("Invitation link").input_value()
    expect(page.get_by_text("0 of 2 used")).to_be_visible()

    member = unique_email("member")
    visitor = new_context(DESKTOP).new_page()
    visitor.goto(link)
    expect(visitor.get_by_role("status")).to_contain_text(f"to join {group['name']}")
    visitor.get_by_label("Email").fill(member)
    visitor.get_by_label("Password", exact=True).fill(PASSWORD)
    visitor.get_by_role("button", name="Create account").click()
    expect(main_nav(visitor)).to_be_visible()

    members = admin.api.get(f"/api/groups/{group['id']}/members").json()["items"]
    assert {(m["email"], m["group_role"]) for m in members} == {
        (coach.email, "coach"),
        (member, "member"),
    }
