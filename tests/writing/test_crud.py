"""Creating, reading, changing and deleting writing, and how its tags are kept."""

from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient

from tests.factories import ApiUser
from tests.writing.builders import create_writing, list_writing, read_writing


def test_new_writing_starts_as_an_empty_untagged_unlinked_note(alice: ApiUser) -> None:
    response = alice.client.post("/api/writing", json={"title": "First thoughts"})

    assert response.status_code == 201
    writing = response.json()
    assert writing["title"] == "First thoughts"
    assert (writing["kind"], writing["body"]) == ("note", "")
    assert (writing["tags"], writing["application_ids"]) == ([], [])


def test_every_field_sent_on_create_is_stored(alice: ApiUser) -> None:
    application = alice.create_application()
    body = "## Why us\n\n- *mission*\n- **team**\n"

    created = create_writing(
        alice,
        title="Why do you want to work here?",
        kind="answer",
        body=body,
        tags=["motivation"],
        application_ids=[application["id"]],
    )

    stored = read_writing(alice, created["id"])
    assert stored == created
    assert stored["kind"] == "answer"
    assert stored["body"] == body
    assert stored["tags"] == ["motivation"]
    assert stored["application_ids"] == [application["id"]]


def test_title_is_trimmed_but_the_markdown_body_is_kept_as_typed(alice: ApiUser) -> None:
    writing = create_writing(alice, title="  Spaced title  ", body="    indented code\n")

    assert writing["title"] == "Spaced title"
    assert writing["body"] == "    indented code\n"


def test_tags_are_lower_cased_and_de_duplicated(alice: ApiUser) -> None:
    writing = create_writing(alice, tags=["Python", " python ", "PYTHON", "Remote"])

    assert writing["tags"] == ["python", "remote"]
    assert read_writing(alice, writing["id"])["tags"] == ["python", "remote"]


def test_patch_changes_only_the_fields_sent(alice: ApiUser) -> None:
    writing = create_writing(alice, title="Draft", kind="cover_letter", body="Dear", tags=["a"])

    response = alice.client.patch(f"/api/writing/{writing['id']}", json={"title": "Final"})

    assert response.status_code == 200
    changed = response.json()
    assert changed["title"] == "Final"
    assert (changed["kind"], changed["body"], changed["tags"]) == ("cover_letter", "Dear", ["a"])
    assert read_writing(alice, writing["id"]) == changed


def test_patch_moves_updated_at_forward(alice: ApiUser) -> None:
    writing = create_writing(alice)

    changed = alice.client.patch(f"/api/writing/{writing['id']}", json={"body": "More"}).json()

    assert datetime.fromisoformat(changed["updated_at"]) > datetime.fromisoformat(
        writing["updated_at"]
    )
    assert changed["created_at"] == writing["created_at"]


def test_patch_tags_replaces_them_all(alice: ApiUser) -> None:
    writing = create_writing(alice, tags=["old", "kept"])

    response = alice.client.patch(
        f"/api/writing/{writing['id']}", json={"tags": ["Kept", "new", "NEW"]}
    )

    assert response.json()["tags"] == ["kept", "new"]
    assert read_writing(alice, writing["id"])["tags"] == ["kept", "new"]


def test_patch_with_empty_tags_removes_them(alice: ApiUser) -> None:
    writing = create_writing(alice, tags=["old"])

    alice.client.patch(f"/api/writing/{writing['id']}", json={"tags": []})

    assert read_writing(alice, writing["id"])["tags"] == []


def test_patch_can_empty_the_body(alice: ApiUser) -> None:
    writing = create_writing(alice, body="Something")

    alice.client.patch(f"/api/writing/{writing['id']}", json={"body": ""})

    assert read_writing(alice, writing["id"])["body"] == ""


def test_delete_removes_the_writing(alice: ApiUser) -> None:
    writing = create_writing(alice, tags=["gone"])

    response = alice.client.delete(f"/api/writing/{writing['id']}")

    assert response.status_code == 204
    assert alice.client.get(f"/api/writing/{writing['id']}").status_code == 404
    assert list_writing(alice)["total"] == 0
    assert alice.client.get("/api/writing/tags").json() == []


def test_a_missing_id_answers_404(alice: ApiUser) -> None:
    response = alice.client.get("/api/writing/12345")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_tag_list_counts_each_tag_across_the_users_writing(alice: ApiUser) -> None:
    create_writing(alice, tags=["behavioural", "intro"])
    create_writing(alice, tags=["behavioural"])

    response = alice.client.get("/api/writing/tags")

    assert response.status_code == 200
    assert response.json() == [
        {"name": "behavioural", "count": 2},
        {"name": "intro", "count": 1},
    ]


def test_writing_needs_a_signed_in_user(client: TestClient) -> None:
    response = client.post("/api/writing", json={"title": "Anonymous"})

    assert response.status_code == 401
