"""Archive and restore, Undo after a delete, the Trash page, and the table's bulk actions."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.ui import card

# A delete's Undo is offered this long (UndoToast's UNDO_MS) and no longer.
UNDO_MS = 8000


def table_row(page: Page, company: str) -> Locator:
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=company, exact=True))


def moves(user: ApiUser, application_id: int) -> list[tuple[str | None, str]]:
    response = user.api.get(f"/api/applications/{application_id}/events")
    assert response.status_code == 200, response.text
    return [(event["from_stage"], event["to_stage"]) for event in response.json()["items"]]


def read(user: ApiUser, application_id: int) -> dict[str, Any]:
    response = user.api.get(f"/api/applications/{application_id}")
    assert response.status_code == 200, response.text
    application: dict[str, Any] = response.json()
    return application


def test_archiving_takes_it_off_the_board_and_the_table_can_show_it(
    user_page: Page, user: ApiUser
) -> None:
    archived = user.create_application(company="Archivable Ltd", role="Analyst")
    user.create_application(company="Stays Put", role="Analyst")
    page = user_page
    page.goto(f"/applications/{archived['id']}")

    page.get_by_role("button", name="Archive", exact=True).click()
    expect(page.get_by_role("button", name="Unarchive")).to_be_visible()
    expect(page.get_by_text("it is off your board")).to_be_visible()
    assert read(user, archived["id"])["archived_at"] is not None

    page.get_by_role("link", name="← Board").click()
    expect(card(page, "Stays Put")).to_be_visible()
    expect(card(page, "Archivable Ltd")).to_have_count(0)

    page.goto("/table")
    expect(table_row(page, "Stays Put")).to_be_visible()
    expect(table_row(page, "Archivable Ltd")).to_have_count(0)
    page.get_by_label("Archived", exact=True).select_option(label="Archived only")
    expect(table_row(page, "Archivable Ltd")).to_contain_text("Archived")
    expect(table_row(page, "Stays Put")).to_have_count(0)

    page.get_by_role("link", name="Archivable Ltd").click()
    page.get_by_role("button", name="Unarchive").click()
    expect(page.get_by_role("button", name="Archive", exact=True)).to_be_visible()
    page.get_by_role("link", name="← Board").click()
    expect(card(page, "Archivable Ltd")).to_be_visible()
    assert read(user, archived["id"])["archived_at"] is None


def test_a_delete_moves_it_to_the_trash_with_an_undo_reached_by_keyboard(
    user_page: Page, user: ApiUser
) -> None:
    application = user.create_application(company="Regretted Inc", role="Engineer")
    page = user_page
    page.goto(f"/applications/{application['id']}")

    page.get_by_role("button", name="Delete application").click()
    question = page.get_by_role("group", name="Delete application")
    expect(question).to_contain_text("trash")
    expect(question).not_to_contain_text("cannot be undone")
    question.get_by_role("button", name="Move to trash").click()

    expect(page).to_have_url(f"{user.base_url}/")
    status = page.get_by_role("status").filter(has_text="Regretted Inc was moved to the trash")
    expect(status).to_be_visible()
    expect(card(page, "Regretted Inc")).to_have_count(0)
    assert user.api.get(f"/api/applications/{application['id']}").status_code == 404

    # From the top of the page, Tab reaches Undo before the board's own controls.
    undo = status.get_by_role("button", name="Undo")
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if undo.evaluate("button => button === document.activeElement"):
            break
    expect(undo).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("status").filter(has_text="Restored.")).to_be_visible()
    expect(card(page, "Regretted Inc")).to_be_visible()
    assert read(user, application["id"])["company"] == "Regretted Inc"


def test_the_undo_goes_after_a_few_seconds(user_page: Page, user: ApiUser) -> None:
    application = user.create_application(company="Fleeting Co", role="Engineer")
    page = user_page
    page.goto(f"/applications/{application['id']}")
    page.get_by_role("button", name="Delete application").click()
    page.get_by_role("button", name="Move to trash").click()

    undo = page.get_by_role("status").get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    page.mouse.move(0, 0)  # not resting on the message, which holds it
    expect(undo).to_be_hidden(timeout=UNDO_MS + 4000)


def test_the_trash_page_restores_and_deletes_for_good(user_page: Page, user: ApiUser) -> None:
    kept = user.create_application(company="Comeback Corp", role="Engineer")
    gone = user.create_application(company="Goodbye GmbH", role="Engineer")
    for application in (kept, gone):
        assert user.api.delete(f"/api/applications/{application['id']}").status_code == 204
    page = user_page
    page.goto("/table")

    page.get_by_role("navigation", name="View").get_by_role("link", name="Trash").click()
    expect(page.get_by_role("heading", name="Trash", level=1)).to_be_visible()
    comeback = page.get_by_role("row").filter(has_text="Comeback Corp")
    expect(comeback).to_contain_text("29 days left")

    comeback.get_by_role("button", name="Restore Comeback Corp").click()
    expect(page.locator("main").get_by_role("status")).to_contain_text(
        "Comeback Corp is back on your board."
    )
    expect(comeback).to_have_count(0)

    goodbye = page.get_by_role("row").filter(has_text="Goodbye GmbH")
    goodbye.get_by_role("button", name="Delete for good: Goodbye GmbH").click()
    goodbye.get_by_role("button", name="Delete for good").click()
    expect(page.get_by_text("The trash is empty")).to_be_visible()

    assert read(user, kept["id"])["company"] == "Comeback Corp"
    assert user.api.get("/api/applications/trash").json()["total"] == 0
    assert user.api.post(f"/api/applications/trash/{gone['id']}/restore").status_code == 404


def test_bulk_move_in_the_table_records_one_stage_event_per_application(
    user_page: Page, user: ApiUser
) -> None:
    moved = [
        user.create_application(company=f"Mover {index}", role="Engineer") for index in range(3)
    ]
    still = user.create_application(company="Stayer", role="Engineer")
    page = user_page
    page.goto("/table")

    for application in moved:
        page.get_by_role("checkbox", name=f"Select {application['company']}, Engineer").check()
    bar = page.get_by_role("region", name="3 applications selected")
    bar.get_by_label("Move to stage").select_option(label="Applied")
    bar.get_by_role("button", name="Move", exact=True).click()

    expect(bar.get_by_role("status")).to_have_text("Moved 3 applications to Applied.")
    for application in moved:
        expect(table_row(page, application["company"])).to_contain_text("Applied")
        assert moves(user, application["id"]) == [(None, "wishlist"), ("wishlist", "applied")]
    expect(table_row(page, "Stayer")).to_contain_text("Wishlist")
    assert moves(user, still["id"]) == [(None, "wishlist")]


def test_bulk_tag_adds_and_removes_a_tag_on_the_whole_page(user_page: Page, user: ApiUser) -> None:
    first = user.create_application(company="Tagged One", role="Engineer", tags=["python"])
    second = user.create_application(company="Tagged Two", role="Engineer")
    page = user_page
    page.goto("/table")

    page.get_by_role("checkbox", name="Select every application on this page").check()
    bar = page.get_by_role("region", name="2 applications selected")
    bar.get_by_label("Tag", exact=True).fill("Remote")
    bar.get_by_role("button", name="Add tag").click()

    expect(bar.get_by_role("status")).to_have_text("Tagged 2 applications “Remote”.")
    expect(table_row(page, "Tagged Two")).to_contain_text("remote")
    assert read(user, first["id"])["tags"] == ["python", "remote"]
    assert read(user, second["id"])["tags"] == ["remote"]

    bar.get_by_role("button", name="Remove tag").click()
    expect(bar.get_by_role("status")).to_have_text("Removed “Remote” from 2 applications.")
    assert read(user, first["id"])["tags"] == ["python"]
    assert read(user, second["id"])["tags"] == []


def test_bulk_export_and_delete_with_undo(user_page: Page, user: ApiUser) -> None:
    chosen = [
        user.create_application(company=name, role="Engineer") for name in ("Pick A", "Pick B")
    ]
    user.create_application(company="Left Alone", role="Engineer")
    page = user_page
    page.goto("/table")
    for application in chosen:
        page.get_by_role("checkbox", name=f"Select {application['company']}, Engineer").check()
    bar = page.get_by_role("region", name="2 applications selected")

    with page.expect_download() as download_info:
        bar.get_by_role("link", name="Export selection").click()
    text = download_info.value.path().read_bytes().decode("utf-8-sig")
    assert sorted(row["Company"] for row in csv.DictReader(io.StringIO(text))) == [
        "Pick A",
        "Pick B",
    ]

    bar.get_by_role("button", name="Delete", exact=True).click()
    status = page.get_by_role("status").filter(has_text="2 applications moved to the trash.")
    expect(status).to_be_visible()
    expect(table_row(page, "Pick A")).to_have_count(0)
    expect(table_row(page, "Left Alone")).to_be_visible()
    assert user.api.get("/api/applications/trash").json()["total"] == 2

    status.get_by_role("button", name="Undo").click()
    expect(table_row(page, "Pick A")).to_be_visible()
    expect(table_row(page, "Pick B")).to_be_visible()
    assert user.api.get("/api/applications/trash").json()["total"] == 0


AXE_SCRIPT = Path(__file__).resolve().parents[2] / "frontend/node_modules/axe-core/axe.min.js"


def axe_violations(page: Page) -> list[tuple[str, list[Any]]]:
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document)")
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
    ]


@pytest.mark.skipif(
    not AXE_SCRIPT.is_file(), reason="axe-core is not installed (npm ci in frontend)"
)
def test_axe_finds_no_violations_on_the_trash_the_bulk_bar_and_the_undo(
    user_page: Page, user: ApiUser
) -> None:
    trashed = user.create_application(company="In The Bin", role="Engineer")
    user.api.delete(f"/api/applications/{trashed['id']}")
    user.create_application(company="Selected Co", role="Engineer")
    page = user_page

    page.goto("/trash")
    expect(page.get_by_role("row").filter(has_text="In The Bin")).to_be_visible()
    assert axe_violations(page) == []

    page.goto("/table")
    page.get_by_role("checkbox", name="Select every application on this page").check()
    bar = page.get_by_role("region", name="1 application selected")
    bar.get_by_role("button", name="Delete", exact=True).click()
    expect(page.get_by_role("status").get_by_role("button", name="Undo")).to_be_visible()
    page.get_by_role("status").hover()  # holds the message while axe looks
    assert axe_violations(page) == []
