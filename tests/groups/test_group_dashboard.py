"""The group dashboard adds up the figures of the members who share their board, and nothing
of those who do not; under three sharing it shows only the counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from tests.factories import ApiUser
from tests.groups.coach_builders import add_to_group, coached_group, share

THIS_MONDAY = date.today() - timedelta(days=date.today().weekday())
LAST_MONDAY = THIS_MONDAY - timedelta(weeks=1)


def applied(user: ApiUser, on: date, then: str | None = None) -> None:
    application = user.create_application(stage="applied", applied_on=on.isoformat())
    if then:
        response = user.client.patch(f"/api/applications/{application['id']}", json={"stage": then})
        assert response.status_code == 200, response.text


def test_figures_add_up_the_sharing_members_only(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    coach = make_user()
    first, second, third, private = make_user(), make_user(), make_user(), make_user()
    group_id = coached_group(alice, coach, first, second, third, private)
    for member in (first, second, third):
        share(member, group_id, board=True)
    share(private, group_id, documents=True)  # shares something, but not the board
    applied(first, THIS_MONDAY, then="interview")
    applied(first, THIS_MONDAY)
    applied(second, LAST_MONDAY, then="rejected")
    applied(third, LAST_MONDAY)
    for _ in range(5):
        applied(private, THIS_MONDAY, then="offer")

    dashboard = coach.client.get(f"/api/groups/{group_id}/dashboard").json()

    assert (dashboard["members"], dashboard["members_sharing"]) == (4, 3)
    figures = dashboard["figures"]
    assert figures["applications"] == 4
    weeks = {point["week"]: point["applications"] for point in figures["applications_per_week"]}
    assert len(weeks) == 12
    assert weeks[THIS_MONDAY.isoformat()] == 2
    assert weeks[LAST_MONDAY.isoformat()] == 2
    assert sum(weeks.values()) == 4
    stages = {count["stage"]: count["count"] for count in figures["stages"] if count["count"]}
    assert stages == {"applied": 2, "interview": 1, "rejected": 1}
    assert figures["response_rate"] == {"value": 0.5, "numerator": 2, "denominator": 4}
    assert figures["interview_rate"] == {"value": 0.25, "numerator": 1, "denominator": 4}


def test_under_three_sharing_only_the_counts_are_shown(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    coach, first, second, third = make_user(), make_user(), make_user(), make_user()
    group_id = coached_group(alice, coach, first, second, third)
    share(first, group_id, board=True)
    share(second, group_id, board=True)
    applied(first, THIS_MONDAY)

    dashboard = coach.client.get(f"/api/groups/{group_id}/dashboard").json()

    assert dashboard["members"] == 3
    assert dashboard["members_sharing"] == 2
    assert dashboard["minimum_sharing"] == 3
    assert dashboard["figures"] is None


def test_only_the_groups_coaches_see_its_dashboard(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    coach, student, other_coach = make_user(), make_user(), make_user()
    group_id = coached_group(alice, coach, student)
    other_group = coached_group(alice, other_coach, name="Other")
    add_to_group(alice, other_group, student, "member")

    for caller in (student, other_coach, alice):
        assert caller.client.get(f"/api/groups/{group_id}/dashboard").status_code == 404
    assert coach.client.get(f"/api/groups/{group_id}/dashboard").status_code == 200
