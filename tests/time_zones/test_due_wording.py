"""Due dates are worded on the user's own calendar: UTC-10, UTC+5:30, UTC+13, and across DST.

Each case is chosen so that UTC's calendar would word it differently from the user's.
"""

from __future__ import annotations

import pytest

from tests.assistant.builders import answer_text, ask
from tests.factories import ApiUser
from tests.interviews.builders import frozen_at, set_time_zone


@pytest.mark.parametrize(
    ("zone_name", "now", "due_at", "wording"),
    [
        # Monday noon in Los Angeles is Monday 20:00 UTC; Wednesday 20:00 there is Thursday in UTC.
        (
            "America/Los_Angeles",
            "2030-01-14T12:00:00-08:00",
            "2030-01-16T20:00:00-08:00",
            "due in 2 days, Wed 16 Jan 2030",
        ),
        # 22:00 in Honolulu is already tomorrow in UTC, where 09:00 tomorrow would be "today".
        (
            "Pacific/Honolulu",
            "2030-01-14T22:00:00-10:00",
            "2030-01-15T09:00:00-10:00",
            "due **tomorrow**, Tue 15 Jan 2030 at 09:00",
        ),
        # 01:00 in Kolkata is still the evening before in UTC.
        (
            "Asia/Kolkata",
            "2030-01-14T23:00:00+05:30",
            "2030-01-15T01:00:00+05:30",
            "due **tomorrow**, Tue 15 Jan 2030 at 01:00",
        ),
        # Tonga is 13 hours ahead: 20:00 today there is tomorrow morning in UTC.
        (
            "Pacific/Tongatapu",
            "2030-01-15T08:00:00+13:00",
            "2030-01-15T20:00:00+13:00",
            "due **today** at 20:00",
        ),
        # The clocks go forward on Sunday 10 March 2030: 23:30 on Sunday is 23:30 PDT, one
        # hour nearer in UTC than the Saturday offset would make it.
        (
            "America/Los_Angeles",
            "2030-03-09T23:30:00-08:00",
            "2030-03-10T23:30:00-07:00",
            "due **tomorrow**, Sun 10 Mar 2030 at 23:30",
        ),
        (
            "Pacific/Honolulu",
            "2030-01-15T00:30:00-10:00",
            "2030-01-14T23:00:00-10:00",
            "**overdue** since Mon 14 Jan 2030",
        ),
    ],
)
def test_the_coach_words_due_dates_in_the_users_zone(
    alice: ApiUser, zone_name: str, now: str, due_at: str, wording: str
) -> None:
    set_time_zone(alice, zone_name)
    application = alice.create_application(company="Contoso", role="Engineer")
    response = alice.client.post(
        f"/api/applications/{application['id']}/deliverables",
        json={"title": "Take-home essay", "due_at": due_at},
    )
    assert response.status_code == 201, response.text

    with frozen_at(now):
        plan = answer_text(ask(alice, application["id"], "What is due?"))

    assert wording in plan
