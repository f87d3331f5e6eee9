"""The board's cards: every active application, what a card shows, and its next step."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.board.builders import cards
from tests.factories import ApiUser
from tests.interviews.builders import create_interview


def test_a_card_carries_what_the_board_shows_and_no_long_text(alice: ApiUser) -> None:
    alice.create_application(
        company="Acme",
        role="Engineer",
        location="Berlin",
        work_mode="hybrid",
        salary_min=60_000,
        salary_max=80_000,
        salary_currency="EUR",
        salary_period="year",
        job_description="A long posting",
        notes="Private notes",
    )

    [card] = cards(alice)

    assert {key: card[key] for key in ("company", "role", "location", "work_mode")} == {
        "company": "Acme",
        "role": "Engineer",
        "location": "Berlin",
        "work_mode": "hybrid",
    }
    assert (card["salary_min"], card["salary_max"], card["salary_currency"]) == (
        60_000,
        80_000,
        "EUR",
    )
    assert card["stage_entered_at"] is not None
    assert "job_description" not in card
    assert "notes" not in card


def test_cards_come_by_stage_in_pipeline_order(alice: ApiUser) -> None:
    for stage in ("offer", "wishlist", "applied"):
        alice.create_application(company=stage.title(), stage=stage)

    assert [card["stage"] for card in cards(alice)] == ["wishlist", "applied", "offer"]


def test_the_board_pages_through_more_than_one_request(alice: ApiUser) -> None:
    for _ in range(3):
        alice.create_application()

    response = alice.client.get("/api/board/cards", params={"limit": 2, "offset": 2})

    assert response.status_code == 200
    assert (len(response.json()["items"]), response.json()["total"]) == (1, 3)


def test_a_page_larger_than_the_board_allows_is_refused(alice: ApiUser) -> None:
    response = alice.client.get("/api/board/cards", params={"limit": 1001})

    assert response.status_code == 422
    assert "limit" in str(response.json()["error"]["fields"])


def test_another_users_applications_are_not_on_the_board(alice: ApiUser, bob: ApiUser) -> None:
    alice.create_application()

    assert cards(bob) == []
    assert bob.client.get("/api/board/cards").json()["total"] == 0


def _add_deliverable(user: ApiUser, application_id: int, title: str, due_at: str | None) -> None:
    response = user.client.post(
        f"/api/applications/{application_id}/deliverables", json={"title": title, "due_at": due_at}
    )
    assert response.status_code == 201, response.text


def _in_days(days: int) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(days=days)


def test_the_next_step_is_the_deliverable_due_before_the_deadline(alice: ApiUser) -> None:
    deadline = _in_days(5).date()
    due = _in_days(2)
    application = alice.create_application(stage="drafting", deadline=deadline.isoformat())
    _add_deliverable(alice, application["id"], "Cover letter", due.isoformat())

    [card] = cards(alice)

    assert card["next_step"]["kind"] == "deliverable"
    assert card["next_step"]["title"] == "Cover letter"
    assert datetime.fromisoformat(card["next_step"]["due_at"]) == due


def test_the_next_step_is_the_deadline_when_it_comes_first(alice: ApiUser) -> None:
    deadline = _in_days(1).date()
    application = alice.create_application(stage="wishlist", deadline=deadline.isoformat())
    _add_deliverable(alice, application["id"], "Essay", _in_days(9).isoformat())
    _add_deliverable(alice, application["id"], "Undated form", None)

    [card] = cards(alice)

    assert card["next_step"] == {
        "kind": "deadline",
        "title": "Apply",
        "deliverable_id": None,
        "interview_id": None,
        "due_at": None,
        "due_on": deadline.isoformat(),
    }


def test_a_deadline_no_longer_counts_once_the_application_is_sent(alice: ApiUser) -> None:
    alice.create_application(stage="applied", deadline=date(2030, 1, 1).isoformat())

    [card] = cards(alice)

    assert card["next_step"] is None


def test_an_interview_sooner_than_the_deliverable_is_the_next_step(alice: ApiUser) -> None:
    application = alice.create_application(stage="interview")
    _add_deliverable(alice, application["id"], "Portfolio", _in_days(3).isoformat())
    starts = _in_days(2)
    interview = create_interview(
        alice, application["id"], kind="phone_screen", starts_at=starts.isoformat()
    )

    [card] = cards(alice)

    assert card["next_step"]["kind"] == "interview"
    assert card["next_step"]["title"] == "Phone screen"
    assert card["next_step"]["interview_id"] == interview["id"]
    assert datetime.fromisoformat(card["next_step"]["due_at"]) == starts


def test_past_cancelled_and_later_interviews_give_way(alice: ApiUser) -> None:
    application = alice.create_application(stage="interview")
    _add_deliverable(alice, application["id"], "Portfolio", _in_days(3).isoformat())
    create_interview(alice, application["id"], starts_at=_in_days(-1).isoformat())
    create_interview(
        alice, application["id"], starts_at=_in_days(1).isoformat(), outcome="cancelled"
    )
    create_interview(alice, application["id"], starts_at=_in_days(4).isoformat())

    [card] = cards(alice)

    assert (card["next_step"]["kind"], card["next_step"]["title"]) == ("deliverable", "Portfolio")


def test_the_list_and_one_application_carry_the_next_step_too(alice: ApiUser) -> None:
    application = alice.create_application(deadline=_in_days(3).date().isoformat())

    listed = alice.client.get("/api/applications").json()["items"][0]
    read = alice.client.get(f"/api/applications/{application['id']}").json()

    assert listed["next_step"]["kind"] == read["next_step"]["kind"] == "deadline"
    assert application["next_step"]["kind"] == "deadline"


def test_archived_and_deleted_applications_leave_the_board(alice: ApiUser) -> None:
    kept = alice.create_application(company="Kept")
    archived = alice.create_application(company="Archived")
    deleted = alice.create_application(company="Deleted")

    assert alice.client.post(f"/api/applications/{archived['id']}/archive").status_code == 200
    assert alice.client.delete(f"/api/applications/{deleted['id']}").status_code == 204

    assert [card["id"] for card in cards(alice)] == [kept["id"]]
    assert alice.client.get("/api/board/cards").json()["total"] == 1
