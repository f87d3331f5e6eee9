"""The admin's list of users: figures per user, search, sort, pages, in a bounded number of
statements."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.auth.builders import login
from tests.documents.builders import upload_one
from tests.factories import ApiUser
from tests.groups.admin_builders import emails, read_user, users_page


def test_each_user_is_listed_with_applications_and_storage(alice: ApiUser, bob: ApiUser) -> None:
    bob.create_application()
    kept = bob.create_application()
    trashed = bob.create_application()
    assert bob.client.delete(f"/api/applications/{trashed['id']}").status_code == 204
    upload_one(bob, "cv.txt", b"x" * 1000, "text/plain", application_id=kept["id"])

    page = users_page(alice)

    assert page["total"] == 2
    listed = {user["email"]: user for user in page["items"]}
    assert listed["bob@example.com"]["applications"] == 2  # the trash does not count
    assert listed["bob@example.com"]["storage_bytes"] == 1000
    assert listed["bob@example.com"]["display_name"] == "Bob"
    assert listed["bob@example.com"]["role"] == "user"
    assert listed["bob@example.com"]["disabled_at"] is None
    assert listed["alice@example.com"]["role"] == "admin"
    assert listed["alice@example.com"]["applications"] == 0
    assert listed["alice@example.com"]["storage_bytes"] == 0
    assert read_user(alice, bob.id) == listed["bob@example.com"]


def test_search_finds_email_or_name_whatever_the_case(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    make_user(email="carol@school.edu", display_name="Carol Smith")
    make_user(email="dan@example.com", display_name="Daniel SMITHSON")

    assert emails(users_page(alice, q="SMITH", sort="email")) == [
        "carol@school.edu",
        "dan@example.com",
    ]
    assert emails(users_page(alice, q="School.EDU")) == ["carol@school.edu"]
    assert emails(users_page(alice, q="100%_")) == []  # wildcards are plain characters
    assert users_page(alice, q="nobody")["total"] == 0


def test_users_sort_by_each_column_both_ways(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    zed = make_user(email="zed@example.com", display_name="Anna")
    mia = make_user(email="mia@example.com", display_name="Zoe")
    for _ in range(2):
        mia.create_application()
    zed.create_application()
    upload_one(zed, "big.txt", b"y" * 5000, "text/plain")

    assert emails(users_page(alice, sort="email")) == [
        "alice@example.com",
        "mia@example.com",
        "zed@example.com",
    ]
    assert emails(users_page(alice, sort="-email"))[0] == "zed@example.com"
    assert emails(users_page(alice, sort="name")) == [
        "alice@example.com",  # "alice", from the address
        "zed@example.com",  # "Anna"
        "mia@example.com",  # "Zoe"
    ]
    assert emails(users_page(alice, sort="-applications"))[:2] == [
        "mia@example.com",
        "zed@example.com",
    ]
    assert emails(users_page(alice, sort="-storage"))[0] == "zed@example.com"
    assert emails(users_page(alice, sort="created"))[0] == "alice@example.com"
    assert emails(users_page(alice, sort="-created"))[0] == "mia@example.com"


def test_sign_in_is_recorded_and_never_signed_in_sorts_last(
    client: TestClient, alice: ApiUser, bob: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    make_user(email="carol@example.com")
    assert read_user(alice, bob.id)["last_sign_in_at"] is None

    login(client, bob)

    assert read_user(alice, bob.id)["last_sign_in_at"] is not None
    # Never signed in (registration is not a sign-in) comes after any moment, either way.
    assert emails(users_page(alice, sort="-last_sign_in"))[0] == "bob@example.com"
    assert emails(users_page(alice, sort="last_sign_in"))[0] == "bob@example.com"


def test_pages_are_capped_and_counted(alice: ApiUser, make_user: Callable[..., ApiUser]) -> None:
    for number in range(4):
        make_user(email=f"user{number}@example.com")

    page = users_page(alice, limit=2, offset=2, sort="email")

    assert page["total"] == 5
    assert emails(page) == ["user1@example.com", "user2@example.com"]
    too_many = alice.client.get("/api/admin/users", params={"limit": 201})
    assert too_many.status_code == 422
    assert "query.limit" in too_many.json()["error"]["fields"]


@pytest.mark.parametrize("sort", ["password_hash", "-role", "x" * 31])
def test_an_unknown_sort_is_refused_plainly(alice: ApiUser, sort: str) -> None:
    response = alice.client.get("/api/admin/users", params={"sort": sort})

    assert response.status_code in (400, 422)
    error = response.json()["error"]
    assert [key for key in error["fields"] if key.endswith("sort")], error


def test_a_too_long_search_is_refused(alice: ApiUser) -> None:
    response = alice.client.get("/api/admin/users", params={"q": "a" * 201})

    assert response.status_code == 422
    assert "query.q" in response.json()["error"]["fields"]


def test_the_list_takes_the_same_statements_for_two_users_or_eight(
    alice: ApiUser, make_user: Callable[..., ApiUser], statements: list[str]
) -> None:
    def count_for_a_page() -> int:
        statements.clear()
        users_page(alice, sort="-storage", limit=50)
        return len(statements)

    make_user().create_application()
    few = count_for_a_page()
    for _ in range(6):
        user = make_user()
        user.create_application()
        upload_one(user, "cv.txt", b"z" * 100, "text/plain")
    many = count_for_a_page()

    assert many == few
    # Sign-in check (one), the page with its figures (one), and its total (one).
    assert many <= 3, statements
