"""The user's own columns: names, folded and hidden, validated and kept per user."""

from __future__ import annotations

from typing import Any

from tests.factories import ApiUser


def _layout(user: ApiUser) -> dict[str, dict[str, Any]]:
    response = user.client.get("/api/board/layout")
    assert response.status_code == 200, response.text
    return {column["stage"]: column for column in response.json()["stages"]}


def _save(user: ApiUser, *stages: dict[str, Any]) -> Any:
    return user.client.put("/api/board/layout", json={"stages": list(stages)})


def test_by_default_final_stages_are_folded_and_nothing_is_renamed_or_hidden(
    alice: ApiUser,
) -> None:
    layout = _layout(alice)

    assert list(layout) == [
        "wishlist",
        "drafting",
        "applied",
        "screening",
        "interview",
        "offer",
        "accepted",
        "rejected",
        "withdrawn",
        "ghosted",
    ]
    assert [stage for stage, column in layout.items() if column["collapsed"]] == [
        "accepted",
        "rejected",
        "withdrawn",
        "ghosted",
    ]
    assert not any(column["hidden"] or column["label"] for column in layout.values())


def test_a_name_folding_and_hiding_are_kept(alice: ApiUser) -> None:
    response = _save(
        alice,
        {"stage": "wishlist", "label": "  Dream jobs  "},
        {"stage": "rejected", "collapsed": False},
        {"stage": "drafting", "hidden": True},
        {"stage": "offer", "collapsed": True},
    )

    assert response.status_code == 200, response.text
    layout = _layout(alice)
    assert layout["wishlist"]["label"] == "Dream jobs"
    assert layout["rejected"]["collapsed"] is False
    assert layout["drafting"]["hidden"] is True
    assert layout["offer"]["collapsed"] is True
    assert layout["ghosted"]["collapsed"] is True


def test_an_empty_list_resets_every_column(alice: ApiUser) -> None:
    _save(alice, {"stage": "wishlist", "label": "Dream jobs", "hidden": True})

    assert _save(alice).status_code == 200

    assert _layout(alice)["wishlist"] == {
        "stage": "wishlist",
        "label": None,
        "collapsed": False,
        "hidden": False,
        "final": False,
    }


def test_an_unknown_stage_is_refused_with_the_known_ones(alice: ApiUser) -> None:
    response = _save(alice, {"stage": "hired", "label": "Yes!"})

    assert response.status_code == 422
    message = str(response.json()["error"])
    assert "There is no stage called 'hired'" in message
    assert "wishlist" in message


def test_a_name_over_40_characters_is_refused(alice: ApiUser) -> None:
    response = _save(alice, {"stage": "wishlist", "label": "x" * 41})

    assert response.status_code == 422
    assert _layout(alice)["wishlist"]["label"] is None


def test_a_name_with_control_characters_is_refused(alice: ApiUser) -> None:
    response = _save(alice, {"stage": "wishlist", "label": "Two\nlines"})

    assert response.status_code == 422


def test_a_stage_listed_twice_is_refused(alice: ApiUser) -> None:
    response = _save(alice, {"stage": "offer"}, {"stage": "offer", "hidden": True})

    assert response.status_code == 422
    assert "listed twice" in str(response.json()["error"])


def test_a_hostile_layout_is_refused_without_work(alice: ApiUser) -> None:
    many = [{"stage": "wishlist"} for _ in range(5000)]
    huge_stage = {"stage": "w" * 100_000}

    assert alice.client.put("/api/board/layout", json={"stages": many}).status_code == 422
    assert _save(alice, huge_stage).status_code == 422
    assert _save(alice, {"stage": "offer", "owner_id": 2}).status_code == 422


def test_each_user_has_their_own_layout(alice: ApiUser, bob: ApiUser) -> None:
    _save(alice, {"stage": "wishlist", "label": "Alice's"})

    assert _layout(bob)["wishlist"]["label"] is None
    assert _save(bob, {"stage": "wishlist", "hidden": True}).status_code == 200
    assert _layout(alice)["wishlist"] == {
        "stage": "wishlist",
        "label": "Alice's",
        "collapsed": False,
        "hidden": False,
        "final": False,
    }
