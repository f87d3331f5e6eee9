"""The layout of the newer pages, measured where a look at them found it broken: the admin's
invitations table, the group's people, a long checkbox label, a document's long file name and
its kind, the results by group on a phone, and the audit log's details."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, FloatRect, Locator, expect

from tests.e2e.api import ApiUser, unique_email
from tests.e2e.ui import PHONE, Viewport, open_signed_in, page_scroll_width, section

pytestmark = pytest.mark.e2e

WIDE = Viewport("wide", 1366, 768)
LONG_GROUP = "Spring cohort, Career Centre evening programme for returning professionals"
LONG_RESUME = "riley-chen-resume-2027-final-FINAL-version-for-data-roles.txt"


def _box(locator: Locator) -> FloatRect:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not on screen"
    return box


def _group_with_people(admin: ApiUser, make_user: Callable[..., ApiUser]) -> dict[str, Any]:
    coach = make_user(display_name="Coach Ana Montgomery-Fitzgerald")
    member = make_user(display_name="Bo")
    group = admin.api.post("/api/groups", json={"name": f"{LONG_GROUP} {coach.id}"}).json()
    for person, role in ((coach, "coach"), (member, "member")):
        admin.api.post(
            f"/api/groups/{group['id']}/members", json={"email": person.email, "group_role": role}
        ).raise_for_status()
    return dict(group)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=lambda viewport: viewport.name)
def test_the_invitations_table_fits_the_settings_page(
    viewport: Viewport,
    admin: ApiUser,
    make_user: Callable[..., ApiUser],
    new_context: Callable[[Viewport], BrowserContext],
) -> None:
    group = _group_with_people(admin, make_user)
    email = unique_email("someone.with.a.rather.long.address.at.the.career-centre")
    admin.api.post(
        "/api/admin/invites",
        json={"email": email, "group_id": group["id"], "group_role": "member", "max_uses": 1},
    ).raise_for_status()
    page = open_signed_in(new_context, admin, viewport)
    page.goto("/settings#settings-instance")
    table = page.get_by_role("table", name="Invitations")
    expect(table.get_by_role("cell", name=email, exact=True)).to_be_visible()
    page.wait_for_load_state("networkidle")

    # It was as wide as its longest email and group name, and the whole page scrolled sideways.
    assert page_scroll_width(page) <= viewport.width, f"wider than {viewport.width} px"
    if viewport == WIDE:
        scroller = table.locator("xpath=..")
        fits: bool = scroller.evaluate("(box) => box.scrollWidth <= box.clientWidth")
        assert fits, "the invitations table scrolls sideways on a wide screen"
    # The form is as wide as the other settings forms, its button as wide as its words.
    form = page.get_by_role("form", name="New invitation")
    assert _box(form)["width"] <= 560
    button = form.get_by_role("button", name="Create invitation link")
    assert _box(button)["width"] < _box(form)["width"] - 40, "the button spans the whole form"


def test_the_role_of_each_person_in_a_group_lines_up(
    admin: ApiUser,
    make_user: Callable[..., ApiUser],
    new_context: Callable[[Viewport], BrowserContext],
) -> None:
    group = _group_with_people(admin, make_user)
    page = open_signed_in(new_context, admin, WIDE)
    page.goto("/admin/groups")
    page.get_by_role("button", name=re.compile(f"Manage {re.escape(group['name'])}")).click()
    long_name = page.get_by_label("Role of Coach Ana Montgomery-Fitzgerald")
    short_name = page.get_by_label("Role of Bo")
    expect(short_name).to_be_visible()

    # Each select was as wide as its label, so a long name pushed its select out of line.
    coach, member = _box(long_name), _box(short_name)
    assert abs(coach["x"] - member["x"]) < 1
    assert abs(coach["width"] - member["width"]) < 1
    # The new-group form and the first group were two boxes touching.
    new_group = page.get_by_role("heading", name="New group").locator("xpath=ancestor::form")
    first_group = page.locator(".group-list > li").first
    assert _box(first_group)["y"] - (_box(new_group)["y"] + _box(new_group)["height"]) >= 8


def test_a_long_checkbox_label_stays_beside_its_box_on_a_phone(
    user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    page = open_signed_in(new_context, user, PHONE)
    page.goto("/settings")
    checkbox = page.get_by_label("Suggest Ghosted for applications gone quiet")
    expect(checkbox).to_be_visible()
    label = page.locator("label", has_text="Suggest Ghosted for applications gone quiet")

    # It dropped under the box as a whole line, as if it were the next field's label.
    box, text = _box(checkbox), _box(label)
    assert text["y"] < box["y"] + box["height"], "the label starts below its checkbox"
    assert text["x"] > box["x"] + box["width"], "the label is not beside its checkbox"


def _upload(user: ApiUser, filename: str, **form: str) -> dict[str, Any]:
    response = user.api.post(
        "/api/documents",
        files=[("files", (filename, f"{filename}: Python, SQL".encode(), "text/plain"))],
        data=form,
    )
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()[0]
    return document


def test_a_long_file_name_takes_its_own_line_and_the_kind_is_themed_on_a_phone(
    user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    _upload(user, LONG_RESUME, kind="resume")
    context = new_context(PHONE)
    user.sign_in_context(context)
    page = context.new_page()
    page.emulate_media(color_scheme="dark")
    page.goto("/documents")
    item = page.get_by_role("list", name="Documents").get_by_role("listitem").first
    name = item.get_by_text(LONG_RESUME, exact=True)
    expect(name).to_be_visible()

    # The name was squeezed beside the badges into a column of a few letters a line.
    assert _box(name)["width"] >= 200, "the file name is squeezed into a narrow column"
    # The kind was the browser's own grey select, unlike every other field in the dark theme.
    kind = item.get_by_label(f"Kind of {LONG_RESUME}")
    search = page.get_by_label("Search")
    colours = [
        field.evaluate("(element) => getComputedStyle(element).backgroundColor")
        for field in (kind, search)
    ]
    assert colours[0] == colours[1], f"the kind select is {colours[0]}, fields are {colours[1]}"


def test_on_a_phone_the_results_by_group_start_with_their_numbers_on_screen(
    user: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    today = datetime.now(UTC).date().isoformat()
    resume = _upload(user, LONG_RESUME, kind="resume")
    for company in ("Northwind", "Globex"):
        application = user.create_application(company=company, stage="applied", applied_on=today)
        sent = user.api.patch(
            f"/api/applications/{application['id']}/sent-documents",
            json={"resume_id": resume["id"]},
        )
        assert sent.status_code == 200, sent.text
    page = open_signed_in(new_context, user, PHONE)
    page.goto("/analytics")
    results = section(page, "Results by group")
    results.scroll_into_view_if_needed()
    row = results.get_by_role("row", name=re.compile(re.escape(LONG_RESUME)))
    expect(row).to_be_visible()

    # The file name stayed on one line and filled the screen; the numbers were all off to the
    # right, with nothing to say the table scrolls.
    applied = row.get_by_role("cell").first
    assert _box(applied)["x"] + _box(applied)["width"] <= PHONE.width
    choices = results.get_by_role("group", name="Group by").get_by_role("button")
    tops = {round(_box(choice)["y"]) for choice in choices.all()}
    assert len(tops) == 1, "the Group by choices wrap onto a second line at 390 px"


def test_the_audit_log_shows_dates_as_dates_and_leaves_out_what_was_not_set(
    admin: ApiUser, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    admin.api.post("/api/admin/invites", json={"max_uses": 3}).raise_for_status()
    page = open_signed_in(new_context, admin, WIDE)
    page.goto("/admin/audit")
    entry = page.get_by_role("row").filter(has_text="Created an invitation").first
    expect(entry).to_contain_text("max uses: 3")

    details = entry.get_by_role("cell").last.inner_text()
    assert "null" not in details, details
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}", details), details
    assert re.search(r"expires at: \w{3}, \w{3} \d{1,2}, \d{4}", details), details
