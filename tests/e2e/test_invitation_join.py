"""Browser tests: a student who already has an account opens their coach's invitation link,
signs in from it, joins the coach's group and shares with the coach; a signed-in person opening
a link is offered the join at once; a new person signing up through a group's link still lands
on their board."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import PASSWORD, ApiUser, unique_email
from tests.e2e.ui import DESKTOP, Viewport, go_to, main_nav, open_signed_in, section

pytestmark = pytest.mark.e2e


def coached_group(admin: ApiUser, coach: ApiUser) -> dict[str, object]:
    group: dict[str, object] = admin.api.post(
        "/api/groups", json={"name": f"Cohort {coach.id}"}
    ).json()
    admin.api.post(
        f"/api/groups/{group['id']}/members", json={"email": coach.email, "group_role": "coach"}
    ).raise_for_status()
    return group


def coach_link(coach_page: Page, group_name: object) -> str:
    """Through Coaching, as the coach would: a link for a few people into their group."""
    go_to(coach_page, "Coaching", heading="Coaching")
    coach_page.get_by_text(f"Invite members to {group_name}").click()
    form = coach_page.get_by_role("form", name=f"Invite to {group_name}")
    form.get_by_label("How many people").fill("5")
    form.get_by_role("button", name="Create invitation link").click()
    return coach_page.get_by_label("Invitation link").input_value()


def expect_uses(coach_page: Page, group_name: object, shown: str) -> None:
    """The coach's list of the group's links, freshly loaded, shows this count of uses."""
    coach_page.goto("/coaching")
    coach_page.get_by_text(f"Invite members to {group_name}").click()
    expect(coach_page.get_by_text(shown)).to_be_visible()


def test_a_student_with_an_account_signs_in_from_the_link_joins_and_shares(
    admin: ApiUser,
    make_user: Callable[..., ApiUser],
    new_context: Callable[[Viewport], BrowserContext],
) -> None:
    coach, student = make_user(display_name="Coach Cleo"), make_user(display_name="Stu Dent")
    group = coached_group(admin, coach)
    coach_page = open_signed_in(new_context, coach, DESKTOP)
    link = coach_link(coach_page, group["name"])

    # Signed out, the link offers to sign in and join instead of a new account.
    visitor = new_context(DESKTOP).new_page()
    visitor.goto(link)
    expect(visitor.get_by_role("status")).to_contain_text(f"to join {group['name']}")
    visitor.get_by_role("link", name=f"Sign in to join {group['name']}").click()
    visitor.get_by_label("Email").fill(student.email)
    visitor.get_by_label("Password").fill(PASSWORD)
    visitor.get_by_role("button", name="Sign in").click()

    # Back to the invitation, now as the signed-in student.
    expect(visitor.get_by_role("heading", name=f"Join {group['name']}", level=1)).to_be_visible()
    expect(visitor.get_by_text(f"as a member, with your account {student.email}")).to_be_visible()
    visitor.get_by_role("button", name=f"Join {group['name']} as a member").click()

    # They land on Settings > Sharing with the group there, and share their board with it.
    expect(visitor).to_have_url(re.compile(r"/settings#settings-sharing$"))
    shared = section(visitor, "Sharing").get_by_role("group", name=str(group["name"]))
    expect(shared).to_contain_text("Coach Cleo · has not looked yet")
    shared.get_by_label("My board and dashboard").check()
    expect(shared.get_by_label("My board and dashboard")).to_be_checked()

    # The coach sees the student under Coaching, and the link has one use taken.
    expect_uses(coach_page, group["name"], "1 of 5 used")
    coach_page.get_by_role("link", name="Stu Dent").click()
    expect(coach_page.get_by_role("heading", name="Stu Dent", level=1)).to_be_visible()

    # Opening the link again says they are in already, and takes no use.
    visitor.goto(link)
    visitor.get_by_role("button", name=f"Join {group['name']} as a member").click()
    expect(visitor.get_by_role("alert")).to_contain_text(f"already in {group['name']}")
    expect_uses(coach_page, group["name"], "1 of 5 used")


def test_a_signed_in_person_opening_a_link_without_a_group_is_told_it_is_for_new_accounts(
    admin: ApiUser,
    make_user: Callable[..., ApiUser],
    new_context: Callable[[Viewport], BrowserContext],
) -> None:
    link = admin.api.post("/api/admin/invites", json={}).json()["link"]
    person = open_signed_in(new_context, make_user(), DESKTOP)

    person.goto(link)

    expect(person.get_by_text("You already have an account")).to_be_visible()
    expect(person.get_by_text("This link is for creating one")).to_be_visible()
    expect(person.get_by_role("button", name=re.compile("^Join"))).to_have_count(0)


def test_a_new_person_signing_up_through_a_groups_link_lands_on_their_board(
    admin: ApiUser,
    make_user: Callable[..., ApiUser],
    new_context: Callable[[Viewport], BrowserContext],
) -> None:
    group = coached_group(admin, make_user())
    link = admin.api.post(
        "/api/admin/invites", json={"group_id": group["id"], "max_uses": 1}
    ).json()["link"]

    visitor = new_context(DESKTOP).new_page()
    visitor.goto(link)
    visitor.get_by_label("Email").fill(unique_email("newcomer"))
    visitor.get_by_label("Password", exact=True).fill(PASSWORD)
    visitor.get_by_role("button", name="Create account").click()

    expect(main_nav(visitor)).to_be_visible()
    expect(visitor).to_have_url(re.compile(r"^[^?]*/$"))
    expect(visitor.get_by_role("heading", name=re.compile("^Join"))).to_have_count(0)
