"""Browser test: the admin makes a group with a coach and invites a student into it, the
student registers through the link and shares their board, the coach comments on one of their
applications, and the student reads the comment and answers."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import PASSWORD, ApiUser, unique_email
from tests.e2e.conftest import LiveServer
from tests.e2e.ui import (
    DESKTOP,
    Viewport,
    create_application,
    go_to,
    main_nav,
    open_signed_in,
    page_scroll_width,
    section,
)

NARROW = Viewport("narrow", 360, 780, mobile=True, scale=2)


def make_group(admin_page: Page, name: str, coach: ApiUser) -> None:
    """Through the admin's Groups page: a new group, with this coach in it."""
    go_to(admin_page, "Groups", heading="Groups")
    admin_page.get_by_label("Group name").fill(name)
    admin_page.get_by_role("button", name="Create group").click()
    people = admin_page.get_by_role("heading", name=f"People in {name}")
    expect(people).to_be_visible()
    admin_page.get_by_label("Email of the person to add").fill(coach.email)
    admin_page.get_by_label("Role in the group").select_option("coach")
    admin_page.get_by_role("button", name="Add to group").click()
    expect(admin_page.get_by_label(f"Role of {coach.display_name}")).to_have_value("coach")


def invite_link(admin_page: Page, group_name: str) -> str:
    """Through Settings > Invitations: a link into the group, as a path on this server."""
    go_to(admin_page, "Settings", heading="Settings")
    form = admin_page.get_by_role("form", name="New invitation")
    form.get_by_label("Into group").select_option(label=group_name)
    expect(form.get_by_label("As")).to_have_value("member")
    form.get_by_role("button", name="Create invitation link").click()
    link = urlsplit(admin_page.get_by_label("Invitation link").input_value())
    return f"{link.path}?{link.query}"


def test_a_coach_comments_on_what_an_invited_student_shares(
    live_server: LiveServer,
    admin: ApiUser,
    make_user: Callable[..., ApiUser],
    new_context: Callable[[Viewport], BrowserContext],
) -> None:
    coach = make_user(display_name="Coach Carla")
    group_name = f"Cohort {coach.id}"
    admin_page = open_signed_in(new_context, admin, DESKTOP)
    make_group(admin_page, group_name, coach)
    link = invite_link(admin_page, group_name)

    # The student registers through the link and adds an application.
    student = new_context(DESKTOP).new_page()
    student.goto(link)
    student.get_by_label("Email").fill(unique_email("student"))
    student.get_by_label("Password").fill(PASSWORD)
    student.get_by_label("Display name").fill("Sam Student")
    student.get_by_role("button", name="Create account").click()
    expect(main_nav(student)).to_be_visible()
    create_application(student, company="Globex", role="Data Analyst")

    # They share their board with the group's coach, in Settings.
    go_to(student, "Settings", heading="Settings")
    sharing = section(student, "Sharing")
    group = sharing.get_by_role("group", name=group_name)
    expect(group).to_contain_text("Coach Carla · has not looked yet")
    board_switch = group.get_by_label("My board and dashboard")
    expect(board_switch).not_to_be_checked()
    expect(group.get_by_label("My documents")).not_to_be_checked()
    board_switch.check()
    expect(board_switch).to_be_checked()

    # The coach finds the student under Coaching and comments on the application.
    coach_page = open_signed_in(new_context, coach, DESKTOP)
    go_to(coach_page, "Coaching", heading="Coaching")
    coached = section(coach_page, group_name)
    expect(coached).to_contain_text("Members sharing: 1 of 1")
    coached.get_by_role("link", name="Sam Student").click()
    expect(coach_page.get_by_role("heading", name="Sam Student", level=1)).to_be_visible()
    expect(coach_page.get_by_role("heading", name="Documents")).to_have_count(0)
    coach_page.get_by_role("button", name=re.compile("Comments on Globex")).click()
    coach_page.get_by_label("Comment on Globex").fill("Lead with the <SQL> project.\nGood luck!")
    coach_page.get_by_role("button", name="Send comment").click()
    expect(coach_page.get_by_role("list", name="Comments")).to_contain_text(
        "Lead with the <SQL> project."
    )

    # The student sees there is a new comment, reads it on the application and answers.
    student.reload()
    sharing = section(student, "Sharing")
    expect(sharing).to_contain_text("1 new comment")
    expect(sharing.get_by_role("group", name=group_name)).to_contain_text(
        re.compile(r"Coach Carla · last looked")
    )
    sharing.get_by_role("link", name="Globex — Data Analyst").click()
    comments = section(student, "Comments")
    thread = comments.get_by_role("list", name="Comments")
    expect(thread).to_contain_text("Coach Carla")
    expect(thread).to_contain_text("Lead with the <SQL> project.")  # as text, not markup
    expect(thread.get_by_text("New", exact=True)).to_be_visible()
    comments.get_by_label("Your answer").fill("Thanks, will do.")
    comments.get_by_role("button", name="Send comment").click()
    expect(thread).to_contain_text("Thanks, will do.")

    coach_page.reload()
    coach_page.get_by_role("button", name=re.compile("Comments on Globex")).click()
    expect(coach_page.get_by_role("list", name="Comments")).to_contain_text("Thanks, will do.")


def test_sharing_and_coaching_fit_a_narrow_phone(
    admin: ApiUser,
    make_user: Callable[..., ApiUser],
    new_context: Callable[[Viewport], BrowserContext],
) -> None:
    coach, student = make_user(display_name="Coach Narrow"), make_user(display_name="Nia")
    created = admin.api.post("/api/groups", json={"name": f"Narrow cohort {coach.id}"}).json()
    for person, role in ((coach, "coach"), (student, "member")):
        admin.api.post(
            f"/api/groups/{created['id']}/members",
            json={"email": person.email, "group_role": role},
        ).raise_for_status()
    student.api.patch(f"/api/shares/{created['id']}", json={"board": True}).raise_for_status()
    student.create_application(company="Initech", role="Tester")

    student_page = open_signed_in(new_context, student, NARROW)
    student_page.goto("/settings#settings-sharing")
    expect(section(student_page, "Sharing").get_by_label("My board and dashboard")).to_be_checked()
    assert page_scroll_width(student_page) <= NARROW.width

    coach_page = open_signed_in(new_context, coach, NARROW)
    coach_page.goto(f"/coaching?group={created['id']}&member={student.id}")
    expect(coach_page.get_by_text("Initech", exact=True)).to_be_visible()
    coach_page.get_by_role("button", name=re.compile("Comments on Initech")).click()
    expect(coach_page.get_by_label("Comment on Initech")).to_be_visible()
    assert page_scroll_width(coach_page) <= NARROW.width
