"""The signed-in user's account: profile, and deleting it with everything it owns."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from jobtracker.auth.models import User
from jobtracker.contacts.models import Contact
from jobtracker.deliverables.models import Deliverable
from jobtracker.models import Base
from jobtracker.writing.models import Writing, WritingTag, writing_links
from tests.auth.builders import me_status
from tests.factories import ApiUser

POPULATED_TABLES = [
    "applications",
    "application_tags",
    "stage_events",
    "deliverables",
    "contacts",
    "writing",
    "writing_tags",
]


def give_one_of_everything(app: FastAPI, user: ApiUser) -> None:
    """Rows in POPULATED_TABLES: applications (with tags and stage history) through the API,
    and a deliverable, contact and linked, tagged writing alongside."""
    application = user.create_application(tags=["remote"], stage="applied")
    with app.state.session_factory() as session:
        session.add(Deliverable(owner_id=user.id, application_id=application["id"], title="Essay"))
        session.add(Contact(owner_id=user.id, application_id=application["id"], name="Dana"))
        writing = Writing(owner_id=user.id, title="Why us", body="Because.")
        session.add(writing)
        session.flush()
        session.add(WritingTag(writing_id=writing.id, owner_id=user.id, name="draft"))
        session.execute(
            writing_links.insert().values(writing_id=writing.id, application_id=application["id"])
        )
        session.commit()


def rows_owned_by(app: FastAPI, user_id: int) -> dict[str, int]:
    owned_tables = [table for table in Base.metadata.sorted_tables if "owner_id" in table.c]
    with app.state.session_factory() as session:
        return {
            table.name: session.scalar(
                select(func.count()).select_from(table).where(table.c.owner_id == user_id)
            )
            or 0
            for table in owned_tables
        }


def delete_account(user: ApiUser, password: str) -> int:
    return user.client.request("DELETE", "/api/me", json={"password": password}).status_code


def test_me_answers_the_signed_in_user(alice: ApiUser) -> None:
    me = alice.client.get("/api/me").json()

    assert (me["id"], me["email"], me["display_name"]) == (alice.id, alice.email, "Alice")
    assert "password_hash" not in me


def test_me_without_a_session_is_refused(client: TestClient) -> None:
    response = client.get("/api/me")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_display_name_can_be_changed(alice: ApiUser) -> None:
    response = alice.client.patch("/api/me", json={"display_name": "  Alice Liddell "})

    assert response.status_code == 200
    assert response.json()["display_name"] == "Alice Liddell"
    assert alice.client.get("/api/me").json()["display_name"] == "Alice Liddell"


def test_blank_display_name_is_refused(alice: ApiUser) -> None:
    response = alice.client.patch("/api/me", json={"display_name": "   "})

    assert response.status_code == 422
    assert "display_name" in response.json()["error"]["fields"]
    assert alice.client.get("/api/me").json()["display_name"] == "Alice"


def test_account_deletion_with_a_wrong_password_is_refused_and_deletes_nothing(
    app: FastAPI, alice: ApiUser
) -> None:
    give_one_of_everything(app, alice)
    before = rows_owned_by(app, alice.id)

    assert delete_account(alice, "not my password") == 403
    assert alice.client.get("/api/me").status_code == 200
    assert rows_owned_by(app, alice.id) == before


def test_account_deletion_removes_everything_the_user_owns(app: FastAPI, alice: ApiUser) -> None:
    give_one_of_everything(app, alice)
    owned = rows_owned_by(app, alice.id)
    assert all(owned[table] for table in POPULATED_TABLES)  # so the check below can fail

    assert delete_account(alice, alice.password) == 204

    assert set(rows_owned_by(app, alice.id).values()) == {0}
    with app.state.session_factory() as session:
        assert session.get(User, alice.id) is None
        assert session.scalar(select(func.count()).select_from(writing_links)) == 0


def test_account_deletion_leaves_other_users_data_alone(
    app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    give_one_of_everything(app, alice)
    give_one_of_everything(app, bob)
    bobs_rows = rows_owned_by(app, bob.id)

    assert delete_account(alice, alice.password) == 204

    assert rows_owned_by(app, bob.id) == bobs_rows
    assert bob.client.get("/api/applications").json()["total"] == 1


def test_deleted_account_token_no_longer_works(client: TestClient, alice: ApiUser) -> None:
    assert delete_account(alice, alice.password) == 204

    assert me_status(client, alice.token) == 401


def test_deleted_account_cannot_sign_in(client: TestClient, alice: ApiUser) -> None:
    assert delete_account(alice, alice.password) == 204

    response = client.post(
        "/api/auth/login", json={"email": alice.email, "password": alice.password}
    )
    assert response.status_code == 401


def test_deleted_accounts_email_can_register_again(client: TestClient, alice: ApiUser) -> None:
    assert delete_account(alice, alice.password) == 204

    response = client.post(
        "/api/auth/register", json={"email": alice.email, "password": "a fresh start pw"}
    )
    assert response.status_code == 201


def test_when_the_only_admin_leaves_the_longest_standing_user_becomes_admin(
    make_user: Callable[..., ApiUser],
) -> None:
    admin, first_user, second_user = make_user(), make_user(), make_user()

    assert delete_account(admin, admin.password) == 204

    assert first_user.client.get("/api/me").json()["role"] == "admin"
    assert second_user.client.get("/api/me").json()["role"] == "user"
    assert first_user.client.get("/api/admin/settings").status_code == 200


def test_when_a_user_leaves_the_admin_stays_the_only_admin(
    make_user: Callable[..., ApiUser],
) -> None:
    admin, leaving, staying = make_user(), make_user(), make_user()

    assert delete_account(leaving, leaving.password) == 204

    assert admin.client.get("/api/me").json()["role"] == "admin"
    assert staying.client.get("/api/me").json()["role"] == "user"


def test_the_last_user_can_delete_their_account(client: TestClient, alice: ApiUser) -> None:
    assert delete_account(alice, alice.password) == 204

    # The instance is empty again, so the next account to register runs it.
    response = client.post(
        "/api/auth/register", json={"email": "next@example.com", "password": "a fresh start pw"}
    )
    assert response.json()["user"]["role"] == "admin"
