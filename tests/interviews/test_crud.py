"""Interviews on an application: scheduled in a zone, read back, changed, debriefed, deleted."""

from __future__ import annotations

from tests.factories import ApiUser
from tests.interviews.builders import create_contact, create_interview, set_time_zone


def test_a_wall_clock_time_is_read_in_the_zone_given(alice: ApiUser) -> None:
    application = alice.create_application()

    interview = create_interview(
        alice,
        application["id"],
        kind="phone_screen",
        starts_at="2030-01-15T09:30",
        time_zone="America/Los_Angeles",
        duration_minutes=45,
    )

    assert interview["starts_at"].startswith("2030-01-15T17:30:00")
    assert interview["ends_at"].startswith("2030-01-15T18:15:00")
    assert interview["time_zone"] == "America/Los_Angeles"
    assert interview["local_start"] == "2030-01-15T09:30"
    assert interview["kind"] == "phone_screen"
    assert interview["application"]["id"] == application["id"]


def test_without_a_zone_the_users_own_is_used(alice: ApiUser) -> None:
    set_time_zone(alice, "Asia/Kolkata")
    application = alice.create_application()

    interview = create_interview(alice, application["id"], starts_at="2030-01-15T09:30")

    assert interview["time_zone"] == "Asia/Kolkata"
    assert interview["starts_at"].startswith("2030-01-15T04:00:00")


def test_a_moment_with_an_offset_is_kept_as_that_moment(alice: ApiUser) -> None:
    application = alice.create_application()

    interview = create_interview(
        alice,
        application["id"],
        starts_at="2030-01-15T09:30:00+13:00",
        time_zone="Pacific/Tongatapu",
    )

    assert interview["starts_at"].startswith("2030-01-14T20:30:00")
    assert interview["local_start"] == "2030-01-15T09:30"


def test_a_time_the_clocks_skip_is_refused_with_what_to_do(alice: ApiUser) -> None:
    application = alice.create_application()

    response = alice.client.post(
        f"/api/applications/{application['id']}/interviews",
        json={"starts_at": "2030-03-10T02:30", "time_zone": "America/Los_Angeles"},
    )

    assert response.status_code == 422
    problem = response.json()["error"]["fields"]["starts_at"]
    assert "does not exist" in problem
    assert "Choose another time" in problem


def test_listed_on_the_application_soonest_first(alice: ApiUser) -> None:
    application = alice.create_application()
    later = create_interview(alice, application["id"], starts_at="2030-06-01T10:00:00Z")
    sooner = create_interview(alice, application["id"], starts_at="2030-05-01T10:00:00Z")

    page = alice.client.get(f"/api/applications/{application['id']}/interviews").json()

    assert [item["id"] for item in page["items"]] == [sooner["id"], later["id"]]
    assert page["total"] == 2


def test_linked_contacts_are_shown_by_name(alice: ApiUser) -> None:
    application = alice.create_application()
    recruiter = create_contact(alice, application["id"], "Rita Recruiter")
    manager = create_contact(alice, application["id"], "Manny Manager")

    interview = create_interview(
        alice, application["id"], contact_ids=[manager["id"], recruiter["id"], manager["id"]]
    )

    assert sorted(contact["name"] for contact in interview["contacts"]) == [
        "Manny Manager",
        "Rita Recruiter",
    ]


def test_a_contact_of_another_application_is_refused(alice: ApiUser) -> None:
    application = alice.create_application()
    other = alice.create_application()
    elsewhere = create_contact(alice, other["id"], "Someone Else")

    response = alice.client.post(
        f"/api/applications/{application['id']}/interviews",
        json={"starts_at": "2030-05-01T10:00:00Z", "contact_ids": [elsewhere["id"]]},
    )

    assert response.status_code == 422
    assert "contact_ids" in response.json()["error"]["fields"]


def test_outcome_and_debrief_are_recorded_afterwards(alice: ApiUser) -> None:
    application = alice.create_application()
    interview = create_interview(alice, application["id"], prep_notes="Read the blog")

    response = alice.client.patch(
        f"/api/interviews/{interview['id']}",
        json={"outcome": "advanced", "debrief": "Asked about caching; next is the onsite."},
    )

    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed["outcome"] == "advanced"
    assert changed["debrief"].startswith("Asked about caching")
    assert changed["prep_notes"] == "Read the blog"
    assert alice.client.get(f"/api/interviews/{interview['id']}").json() == changed


def test_a_new_zone_alone_keeps_the_wall_clock_time(alice: ApiUser) -> None:
    application = alice.create_application()
    interview = create_interview(
        alice, application["id"], starts_at="2030-01-15T10:00", time_zone="Europe/London"
    )

    changed = alice.client.patch(
        f"/api/interviews/{interview['id']}", json={"time_zone": "Asia/Tokyo"}
    ).json()

    assert changed["local_start"] == "2030-01-15T10:00"
    assert changed["starts_at"].startswith("2030-01-15T01:00:00")


def test_contacts_can_be_replaced_and_cleared(alice: ApiUser) -> None:
    application = alice.create_application()
    first = create_contact(alice, application["id"], "First")
    second = create_contact(alice, application["id"], "Second")
    interview = create_interview(alice, application["id"], contact_ids=[first["id"]])
    url = f"/api/interviews/{interview['id']}"

    replaced = alice.client.patch(url, json={"contact_ids": [second["id"]]}).json()
    cleared = alice.client.patch(url, json={"contact_ids": []}).json()

    assert [contact["name"] for contact in replaced["contacts"]] == ["Second"]
    assert cleared["contacts"] == []


def test_deleted_interview_is_gone(alice: ApiUser) -> None:
    application = alice.create_application()
    interview = create_interview(alice, application["id"])

    deleted = alice.client.delete(f"/api/interviews/{interview['id']}")

    assert deleted.status_code == 204
    assert alice.client.get(f"/api/interviews/{interview['id']}").status_code == 404


def test_an_interview_of_a_trashed_application_is_hidden(alice: ApiUser) -> None:
    application = alice.create_application()
    interview = create_interview(alice, application["id"])

    assert alice.client.delete(f"/api/applications/{application['id']}").status_code == 204

    assert alice.client.get(f"/api/interviews/{interview['id']}").status_code == 404
    assert (
        alice.client.patch(f"/api/interviews/{interview['id']}", json={"debrief": "x"}).status_code
        == 404
    )


def test_deleting_a_contact_takes_it_off_the_interview(alice: ApiUser) -> None:
    application = alice.create_application()
    contact = create_contact(alice, application["id"], "Gone Soon")
    interview = create_interview(alice, application["id"], contact_ids=[contact["id"]])

    assert alice.client.delete(f"/api/contacts/{contact['id']}").status_code == 204

    assert alice.client.get(f"/api/interviews/{interview['id']}").json()["contacts"] == []


def test_interview_notes_count_against_storage(alice: ApiUser) -> None:
    application = alice.create_application()
    before = alice.client.get("/api/meta").json()["usage"]["storage_bytes"]

    create_interview(alice, application["id"], prep_notes="p" * 1000, debrief="d" * 500)

    assert alice.client.get("/api/meta").json()["usage"]["storage_bytes"] == before + 1500
