"""Archive and the trash: what each hides, what each keeps, and bringing applications back."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import FastAPI
from sqlalchemy import update

from jobtracker.applications.models import Application
from jobtracker.config import Settings
from jobtracker.db import utcnow
from tests.applications.builders import read_application
from tests.factories import ApiUser


def _listed(user: ApiUser, **query: Any) -> list[int]:
    response = user.client.get("/api/applications", params=query)
    assert response.status_code == 200, response.text
    return [application["id"] for application in response.json()["items"]]


def _trash(user: ApiUser) -> dict[str, Any]:
    response = user.client.get("/api/applications/trash")
    assert response.status_code == 200, response.text
    trash: dict[str, Any] = response.json()
    return trash


def _archive(user: ApiUser, application_id: int) -> dict[str, Any]:
    response = user.client.post(f"/api/applications/{application_id}/archive")
    assert response.status_code == 200, response.text
    archived: dict[str, Any] = response.json()
    return archived


def _delete(user: ApiUser, application_id: int) -> None:
    assert user.client.delete(f"/api/applications/{application_id}").status_code == 204


def test_an_archived_application_leaves_the_default_list_but_not_its_page(alice: ApiUser) -> None:
    kept = alice.create_application()
    archived = alice.create_application()

    answer = _archive(alice, archived["id"])

    assert answer["archived_at"] is not None
    assert _listed(alice) == [kept["id"]]
    assert read_application(alice, archived["id"])["archived_at"] == answer["archived_at"]


def test_the_list_filter_shows_archived_ones_alone_or_with_the_rest(alice: ApiUser) -> None:
    kept = alice.create_application()
    archived = alice.create_application()
    _archive(alice, archived["id"])

    assert _listed(alice, archived="only") == [archived["id"]]
    assert sorted(_listed(alice, archived="include")) == [kept["id"], archived["id"]]
    assert _listed(alice, archived="exclude") == [kept["id"]]


def test_a_search_finds_archived_applications(alice: ApiUser) -> None:
    archived = alice.create_application(company="Zebra Archive Corp")
    _archive(alice, archived["id"])

    assert _listed(alice, q="zebra") == [archived["id"]]
    assert _listed(alice, q="zebra", archived="exclude") == []


def test_an_unknown_archived_filter_is_refused(alice: ApiUser) -> None:
    response = alice.client.get("/api/applications", params={"archived": "sometimes"})

    assert response.status_code == 422


def test_unarchiving_brings_it_back_to_the_list(alice: ApiUser) -> None:
    application = alice.create_application()
    _archive(alice, application["id"])

    response = alice.client.post(f"/api/applications/{application['id']}/unarchive")

    assert response.status_code == 200
    assert response.json()["archived_at"] is None
    assert _listed(alice) == [application["id"]]


def test_archiving_twice_keeps_the_first_moment(alice: ApiUser) -> None:
    application = alice.create_application()
    first = _archive(alice, application["id"])["archived_at"]

    assert _archive(alice, application["id"])["archived_at"] == first


def test_archived_applications_still_count_in_analytics(alice: ApiUser) -> None:
    alice.create_application(stage="applied")
    archived = alice.create_application(stage="applied")
    _archive(alice, archived["id"])

    analytics = alice.client.get("/api/analytics").json()

    assert analytics["totals"]["applications"]["value"] == 2


def test_deleting_moves_it_to_the_trash_and_hides_it(alice: ApiUser) -> None:
    kept = alice.create_application()
    deleted = alice.create_application(company="Gone Inc")

    _delete(alice, deleted["id"])

    assert _listed(alice, archived="include") == [kept["id"]]
    assert alice.client.get(f"/api/applications/{deleted['id']}").status_code == 404
    assert alice.client.get(f"/api/applications/{deleted['id']}/events").status_code == 404
    assert (
        alice.client.patch(
            f"/api/applications/{deleted['id']}", json={"company": "Back"}
        ).status_code
        == 404
    )
    (trashed,) = _trash(alice)["items"]
    assert trashed["id"] == deleted["id"]
    assert trashed["company"] == "Gone Inc"
    assert trashed["days_left"] == 29


def test_restoring_from_the_trash_brings_it_back_as_it_was(alice: ApiUser) -> None:
    application = alice.create_application(tags=["keep"], stage="applied")
    before = read_application(alice, application["id"])
    _delete(alice, application["id"])

    response = alice.client.post(f"/api/applications/trash/{application['id']}/restore")

    assert response.status_code == 200
    after = read_application(alice, application["id"])
    assert {**after, "updated_at": None} == {**before, "updated_at": None}
    assert _trash(alice)["total"] == 0


def test_restoring_one_not_in_the_trash_answers_404(alice: ApiUser) -> None:
    application = alice.create_application()

    response = alice.client.post(f"/api/applications/trash/{application['id']}/restore")

    assert response.status_code == 404
    assert "in the trash" in response.json()["error"]["message"]


def test_delete_for_good_takes_it_out_of_the_trash(alice: ApiUser) -> None:
    application = alice.create_application()
    _delete(alice, application["id"])

    assert alice.client.delete(f"/api/applications/trash/{application['id']}").status_code == 204

    assert _trash(alice)["total"] == 0
    restore = alice.client.post(f"/api/applications/trash/{application['id']}/restore")
    assert restore.status_code == 404


def test_delete_for_good_refuses_one_not_in_the_trash(alice: ApiUser) -> None:
    application = alice.create_application()

    assert alice.client.delete(f"/api/applications/trash/{application['id']}").status_code == 404
    assert read_application(alice, application["id"])["id"] == application["id"]


def test_emptying_the_trash_deletes_only_what_is_in_it(alice: ApiUser) -> None:
    kept = alice.create_application()
    for _ in range(3):
        _delete(alice, alice.create_application()["id"])

    response = alice.client.delete("/api/applications/trash")

    assert response.status_code == 200
    assert response.json() == {"deleted": 3}
    assert _trash(alice)["total"] == 0
    assert _listed(alice) == [kept["id"]]


def test_the_trash_says_how_many_days_are_left(app: FastAPI, alice: ApiUser) -> None:
    application = alice.create_application()
    _delete(alice, application["id"])
    with app.state.session_factory() as session:
        session.execute(
            update(Application).values(deleted_at=utcnow() - timedelta(days=25, hours=1))
        )
        session.commit()

    (trashed,) = _trash(alice)["items"]

    assert trashed["days_left"] == 4


def test_the_trash_does_not_count_toward_the_limit(settings: Settings, alice: ApiUser) -> None:
    settings.max_applications_per_user = 2
    first = alice.create_application()
    alice.create_application()
    _delete(alice, first["id"])

    response = alice.client.post("/api/applications", json={"company": "Third", "role": "Dev"})

    assert response.status_code == 201
    meta = alice.client.get("/api/meta").json()
    assert meta["usage"]["applications"] == 2


def test_restoring_over_the_limit_is_refused_and_says_why(
    settings: Settings, alice: ApiUser
) -> None:
    settings.max_applications_per_user = 1
    first = alice.create_application()
    _delete(alice, first["id"])
    alice.create_application()

    response = alice.client.post(f"/api/applications/trash/{first['id']}/restore")

    assert response.status_code == 403
    message = response.json()["error"]["message"]
    assert "limit of 1 application per user" in message
    assert "Restoring this application" in message
    assert _trash(alice)["total"] == 1


def test_a_selection_of_more_than_500_ids_is_refused(alice: ApiUser) -> None:
    application = alice.create_application()

    too_many = alice.client.get("/api/applications", params={"id": list(range(1, 502))})
    exactly = alice.client.get(
        "/api/applications", params={"id": [application["id"], *range(1000, 1499)]}
    )

    assert too_many.status_code == 422
    assert "500" in too_many.json()["error"]["message"]
    assert exactly.status_code == 200
    assert _listed(alice, id=[application["id"]]) == [application["id"]]
