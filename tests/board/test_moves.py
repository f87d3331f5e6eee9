"""Moving a card: its place within a column, kept; and a stage change in the same request."""

from __future__ import annotations

from tests.applications.builders import stage_events
from tests.board.builders import cards, column, move, moved
from tests.factories import ApiUser


def _three(user: ApiUser) -> list[dict[str, object]]:
    # Created A, B, C: never placed, the most recently changed comes first.
    return [user.create_application(company=name) for name in ("A", "B", "C")]


def test_cards_never_placed_come_most_recently_changed_first(alice: ApiUser) -> None:
    _three(alice)

    assert column(alice, "wishlist") == ["C", "B", "A"]


def test_a_card_moved_to_the_top_stays_there(alice: ApiUser) -> None:
    a, _b, _c = _three(alice)

    moved(alice, a, "wishlist", None)

    assert column(alice, "wishlist") == ["A", "C", "B"]


def test_a_card_placed_after_another_goes_right_below_it(alice: ApiUser) -> None:
    a, b, c = _three(alice)
    moved(alice, a, "wishlist", None)  # A C B

    moved(alice, c, "wishlist", b)

    assert column(alice, "wishlist") == ["A", "B", "C"]
    moved(alice, b, "wishlist", c)
    assert column(alice, "wishlist") == ["A", "C", "B"]


def test_placing_keeps_working_once_the_gaps_are_too_small_to_halve(alice: ApiUser) -> None:
    a, b, c = _three(alice)
    moved(alice, c, "wishlist", b)  # B C A... numbered
    order = column(alice, "wishlist")
    top, second = (
        next(card for card in (a, b, c) if card["company"] == name) for name in order[:2]
    )
    third = next(card for card in (a, b, c) if card["company"] == order[2])

    # Put the third card between the first two, then the second between those, over and over:
    # each time into half the last gap.
    for round_ in range(60):
        mover, anchor = (third, top) if round_ % 2 == 0 else (second, top)
        moved(alice, mover, "wishlist", anchor)
        expected = [order[0], mover["company"]]
        assert column(alice, "wishlist")[:2] == expected

    positions = [card["board_position"] for card in cards(alice)]
    assert len(set(positions)) == 3


def test_a_new_card_appears_at_the_top_of_a_placed_column(alice: ApiUser) -> None:
    a, b, _c = _three(alice)
    moved(alice, a, "wishlist", b)

    alice.create_application(company="D")

    assert column(alice, "wishlist")[0] == "D"


def test_a_drop_in_another_column_changes_stage_and_place_in_one_request(alice: ApiUser) -> None:
    first = alice.create_application(company="First", stage="applied")
    second = alice.create_application(company="Second", stage="applied")
    moved(alice, first, "applied", second)  # Second, First
    card = alice.create_application(company="New")

    answer = moved(alice, card, "applied", second)

    assert answer["stage"] == "applied"
    assert column(alice, "applied") == ["Second", "New", "First"]
    events = stage_events(alice, card["id"])
    assert [(event["from_stage"], event["to_stage"]) for event in events] == [
        (None, "wishlist"),
        ("wishlist", "applied"),
    ]
    assert alice.client.get(f"/api/applications/{card['id']}").json()["applied_on"] is not None


def test_moving_to_another_stage_without_a_place_puts_it_on_top(alice: ApiUser) -> None:
    first = alice.create_application(company="First", stage="applied")
    second = alice.create_application(company="Second", stage="applied")
    moved(alice, second, "applied", first)  # First, Second: both placed
    card = alice.create_application(company="New")
    moved(alice, card, "applied", second)  # First, Second, New

    alice.client.patch(f"/api/applications/{card['id']}", json={"stage": "screening"})
    alice.client.patch(f"/api/applications/{card['id']}", json={"stage": "applied"})

    assert column(alice, "applied") == ["New", "First", "Second"]


def test_placing_after_a_card_that_is_not_in_that_column_is_a_conflict(alice: ApiUser) -> None:
    card = alice.create_application()
    elsewhere = alice.create_application(stage="offer")

    response = move(alice, card, "wishlist", elsewhere)

    assert response.status_code == 409
    assert "Reload the board" in response.json()["error"]["message"]


def test_a_move_with_an_unknown_stage_or_extra_field_is_refused(alice: ApiUser) -> None:
    card = alice.create_application()
    path = f"/api/board/cards/{card['id']}/move"

    unknown = alice.client.post(path, json={"stage": "hired"})
    extra = alice.client.post(path, json={"stage": "applied", "owner_id": 99})

    assert unknown.status_code == extra.status_code == 422
    assert cards(alice)[0]["stage"] == "wishlist"


def test_another_users_card_answers_404_and_is_unchanged(alice: ApiUser, bob: ApiUser) -> None:
    card = alice.create_application(company="Alice's")
    bobs = bob.create_application()
    before = cards(alice)

    response = move(bob, card, "offer", None)
    placed_after_it = move(bob, bobs, "wishlist", card)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert placed_after_it.status_code == 409  # as for any card not in bob's column
    assert cards(alice) == before


def test_a_card_in_the_trash_cannot_be_moved(alice: ApiUser) -> None:
    card = alice.create_application()
    assert alice.client.delete(f"/api/applications/{card['id']}").status_code == 204

    response = move(alice, card, "applied", None)

    assert response.status_code == 404
