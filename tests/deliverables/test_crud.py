"""Creating, reading, listing, changing and deleting an application's deliverables."""

from __future__ import annotations

from tests.deliverables.builders import create_deliverable, in_days, moment, titles
from tests.factories import ApiUser


def test_create_answers_the_deliverable_with_defaults(alice: ApiUser) -> None:
    application = alice.create_application(company="Acme", role="Engineer")

    response = alice.client.post(
        f"/api/applications/{application['id']}/deliverables", json={"title": "Cover letter"}
    )

    assert response.status_code == 201
    deliverable = response.json()
    assert deliverable["application_id"] == application["id"]
    assert deliverable["title"] == "Cover letter"
    assert deliverable["kind"] == "other"
    assert deliverable["state"] == "not_started"
    assert deliverable["due_at"] is None
    assert deliverable["content"] is None
    assert deliverable["done_at"] is None
    assert deliverable["overdue"] is False
    assert deliverable["application"] == {
        "id": application["id"],
        "company": "Acme",
        "role": "Engineer",
        "stage": "wishlist",
    }
    assert moment(deliverable["created_at"]) <= moment(deliverable["updated_at"])


def test_create_stores_every_field_sent(alice: ApiUser) -> None:
    application = alice.create_application()

    deliverable = create_deliverable(
        alice,
        application["id"],
        title="  Take-home task  ",
        kind="coding_task",
        state="in_progress",
        due_at="2031-05-01T17:00:00+02:00",
        content="# Plan\n\nWrite the parser first.",
    )

    stored = alice.client.get(f"/api/deliverables/{deliverable['id']}").json()
    assert stored["title"] == "Take-home task"
    assert stored["kind"] == "coding_task"
    assert stored["state"] == "in_progress"
    assert stored["content"] == "# Plan\n\nWrite the parser first."


def test_due_at_keeps_the_instant_and_answers_in_utc(alice: ApiUser) -> None:
    application = alice.create_application()

    deliverable = create_deliverable(alice, application["id"], due_at="2031-05-01T17:00:00+02:00")

    due_at = moment(deliverable["due_at"])
    assert due_at == moment("2031-05-01T15:00:00+00:00")
    assert due_at.utcoffset() is not None
    assert due_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_list_orders_by_due_date_with_undated_last(alice: ApiUser) -> None:
    application = alice.create_application()
    create_deliverable(alice, application["id"], title="later", due_at=in_days(10))
    create_deliverable(alice, application["id"], title="undated first")
    create_deliverable(alice, application["id"], title="sooner", due_at=in_days(2))
    create_deliverable(alice, application["id"], title="undated second")

    page = alice.client.get(f"/api/applications/{application['id']}/deliverables").json()

    assert titles(page) == ["sooner", "later", "undated first", "undated second"]
    assert page["total"] == 4


def test_list_pages_with_limit_and_offset(alice: ApiUser) -> None:
    application = alice.create_application()
    for day in range(1, 6):
        create_deliverable(alice, application["id"], title=f"day {day}", due_at=in_days(day))

    page = alice.client.get(
        f"/api/applications/{application['id']}/deliverables", params={"limit": 2, "offset": 2}
    ).json()

    assert titles(page) == ["day 3", "day 4"]
    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 2)


def test_list_holds_only_that_applications_deliverables(alice: ApiUser) -> None:
    first = alice.create_application()
    second = alice.create_application()
    create_deliverable(alice, first["id"], title="for the first")
    create_deliverable(alice, second["id"], title="for the second")

    page = alice.client.get(f"/api/applications/{first['id']}/deliverables").json()

    assert titles(page) == ["for the first"]


def test_patch_changes_only_the_fields_sent(alice: ApiUser) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(
        alice, application["id"], title="Essay", kind="essay", content="draft"
    )

    response = alice.client.patch(
        f"/api/deliverables/{deliverable['id']}", json={"title": "Motivation essay"}
    )

    assert response.status_code == 200
    changed = response.json()
    assert changed["title"] == "Motivation essay"
    assert changed["kind"] == "essay"
    assert changed["content"] == "draft"


def test_patch_with_null_clears_the_due_date_and_content(alice: ApiUser) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"], due_at=in_days(3), content="x")

    changed = alice.client.patch(
        f"/api/deliverables/{deliverable['id']}", json={"due_at": None, "content": None}
    ).json()

    assert changed["due_at"] is None
    assert changed["content"] is None


def test_delete_removes_the_deliverable(alice: ApiUser) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"])

    response = alice.client.delete(f"/api/deliverables/{deliverable['id']}")

    assert response.status_code == 204
    assert alice.client.get(f"/api/deliverables/{deliverable['id']}").status_code == 404
    assert alice.client.get("/api/deliverables").json()["total"] == 0


def test_missing_deliverable_answers_404(alice: ApiUser) -> None:
    response = alice.client.get("/api/deliverables/999999")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_missing_application_answers_404_on_list_and_create(alice: ApiUser) -> None:
    listed = alice.client.get("/api/applications/999999/deliverables")
    created = alice.client.post("/api/applications/999999/deliverables", json={"title": "x"})

    assert listed.status_code == created.status_code == 404


def test_deleting_the_application_deletes_its_deliverables(alice: ApiUser) -> None:
    application = alice.create_application()
    kept_application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"])
    kept = create_deliverable(alice, kept_application["id"])

    assert alice.client.delete(f"/api/applications/{application['id']}").status_code == 204

    assert alice.client.get(f"/api/deliverables/{deliverable['id']}").status_code == 404
    assert [item["id"] for item in alice.client.get("/api/deliverables").json()["items"]] == [
        kept["id"]
    ]


def test_renaming_the_application_shows_in_its_deliverables(alice: ApiUser) -> None:
    application = alice.create_application(company="Old name")
    deliverable = create_deliverable(alice, application["id"])
    alice.client.patch(
        f"/api/applications/{application['id']}", json={"company": "New name", "stage": "applied"}
    )

    shown = alice.client.get(f"/api/deliverables/{deliverable['id']}").json()

    assert shown["application"]["company"] == "New name"
    assert shown["application"]["stage"] == "applied"
