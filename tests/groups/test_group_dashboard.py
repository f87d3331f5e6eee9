"""The group dashboard adds up the figures of the members who share their board, and nothing
of those who do not; under three sharing it shows only the counts; it takes as many statements
for a large group as for a small one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from tests.factories import ApiUser
from tests.groups.coach_builders import add_to_group, coached_group, share

THIS_MONDAY = date.today() - timedelta(days=date.today().weekday())
LAST_MONDAY = THIS_MONDAY - timedelta(weeks=1)


def applied(user: ApiUser, on: date, then: str | None = None) -> int:
    application = user.create_application(stage="applied", applied_on=on.isoformat())
    if then:
        move(user, application["id"], then)
    application_id: int = application["id"]
    return application_id


def move(user: ApiUser, application_id: int, stage: str) -> None:
    response = user.client.patch(f"/api/applications/{application_id}", json={"stage": stage})
    assert response.status_code == 200, response.text


def group_dashboard(coach: ApiUser, group_id: int) -> dict[str, Any]:
    response = coach.client.get(f"/api/groups/{group_id}/dashboard")
    assert response.status_code == 200, response.text
    dashboard: dict[str, Any] = response.json()
    return dashboard


def own_figures(member: ApiUser) -> dict[str, Any]:
    """The member's own dashboard, in the group dashboard's terms."""
    response = member.client.get("/api/analytics")
    assert response.status_code == 200, response.text
    analytics = response.json()
    return {
        "applications": analytics["totals"]["applications"]["value"],
        "per_week": Counter(
            {
                point["period"]: point["count"]
                for point in analytics["applications_over_time"]["week"]["points"]
            }
        ),
        "stages": Counter(
            {count["stage"]: count["count"] for count in analytics["stage_distribution"]["stages"]}
        ),
        "response": (
            analytics["rates"]["response"]["numerator"],
            analytics["rates"]["response"]["denominator"],
        ),
        "interview": (
            analytics["rates"]["interview"]["numerator"],
            analytics["rates"]["interview"]["denominator"],
        ),
    }


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


def test_figures_are_the_sum_of_each_members_own(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    coach, first, second, third = make_user(), make_user(), make_user(), make_user()
    group_id = coached_group(alice, coach, first, second, third)
    for member in (first, second, third):
        share(member, group_id, board=True)
    # Histories the rates read differently: answered then refused, refused at once, straight to
    # an offer, never applied, applied with no history through Applied, archived, trashed.
    screened = applied(first, THIS_MONDAY, then="screening")
    move(first, screened, "rejected")
    applied(first, LAST_MONDAY - timedelta(weeks=3), then="rejected")
    applied(second, LAST_MONDAY, then="offer")
    second.create_application(stage="wishlist")
    second.create_application(stage="interview", applied_on=THIS_MONDAY.isoformat())
    archived = applied(third, THIS_MONDAY, then="interview")
    assert third.client.post(f"/api/applications/{archived}/archive").status_code == 200
    trashed = applied(third, LAST_MONDAY, then="offer")
    assert third.client.delete(f"/api/applications/{trashed}").status_code == 204
    applied(third, THIS_MONDAY - timedelta(weeks=20))  # before the weeks shown

    figures = group_dashboard(coach, group_id)["figures"]

    members = [own_figures(member) for member in (first, second, third)]
    assert figures["applications"] == sum(member["applications"] for member in members) == 7
    weeks = {point["week"]: point["applications"] for point in figures["applications_per_week"]}
    per_week = sum((member["per_week"] for member in members), Counter[str]())
    assert weeks == {week: per_week[week] for week in weeks}
    assert sum(weeks.values()) == 5
    stages = sum((member["stages"] for member in members), Counter[str]())
    assert [(count["stage"], count["count"]) for count in figures["stages"]] == [
        (count["stage"], stages[count["stage"]]) for count in figures["stages"]
    ]
    assert sum(count["count"] for count in figures["stages"]) == 7
    for rate in ("response", "interview"):
        numerator = sum(member[rate][0] for member in members)
        denominator = sum(member[rate][1] for member in members)
        shown = figures[f"{rate}_rate"]
        assert (shown["numerator"], shown["denominator"]) == (numerator, denominator)
    assert figures["response_rate"]["numerator"] == 5
    assert figures["interview_rate"]["numerator"] == 3


def test_a_larger_group_takes_no_more_statements(
    alice: ApiUser, make_user: Callable[..., ApiUser], statements: list[str]
) -> None:
    coach = make_user()
    members = [make_user() for _ in range(12)]
    group_id = coached_group(alice, coach, *members)
    for member in members:
        applied(member, THIS_MONDAY, then="interview")
    for member in members[:3]:
        share(member, group_id, board=True)
    statements.clear()
    assert group_dashboard(coach, group_id)["members_sharing"] == 3
    with_three = len(statements)

    for member in members[3:]:
        share(member, group_id, board=True)
    statements.clear()
    dashboard = group_dashboard(coach, group_id)

    assert dashboard["members_sharing"] == 12
    assert dashboard["figures"]["applications"] == 12
    assert len(statements) == with_three, statements
