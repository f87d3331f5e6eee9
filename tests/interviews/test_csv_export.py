"""The spreadsheet export: each application's interview count and its next interview."""

from __future__ import annotations

from tests.factories import ApiUser
from tests.interviews.builders import create_interview, frozen_at, set_time_zone
from tests.portability.builders import csv_records, export_csv


def test_interview_count_and_the_next_one_on_the_users_clock(alice: ApiUser) -> None:
    set_time_zone(alice, "Pacific/Honolulu")
    application = alice.create_application(company="Acme")
    create_interview(alice, application["id"], starts_at="2030-01-02T10:00")  # held
    create_interview(alice, application["id"], starts_at="2030-02-20T09:00")
    create_interview(alice, application["id"], starts_at="2030-01-20T16:30")  # the next one
    alice.create_application(company="Quiet")

    with frozen_at("2030-01-10T12:00:00-10:00"):
        rows = {row["Company"]: row for row in csv_records(export_csv(alice))}

    assert rows["Acme"]["Interviews"] == "3"
    assert rows["Acme"]["Next interview"] == "2030-01-20T16:30:00-10:00"
    assert rows["Quiet"]["Interviews"] == "0"
    assert rows["Quiet"]["Next interview"] == ""


def test_no_next_interview_once_all_are_past(alice: ApiUser) -> None:
    application = alice.create_application(company="Acme")
    create_interview(alice, application["id"], starts_at="2030-01-02T10:00:00Z")

    with frozen_at("2030-03-01T00:00:00+00:00"):
        [row] = csv_records(export_csv(alice))

    assert (row["Interviews"], row["Next interview"]) == ("1", "")
