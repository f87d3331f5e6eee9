"""Document kinds and versions: Resume v1, v2, v3 numbered by upload order, kept together."""

from __future__ import annotations

from typing import Any

from tests.documents.builders import upload, upload_one
from tests.factories import ApiUser


def text_file(user: ApiUser, name: str, **form: Any) -> dict[str, Any]:
    """A small text document; its words are its name, so every upload is new bytes."""
    data = {key: str(value) for key, value in form.items()}
    response = user.client.post(
        "/api/documents", files=[("files", (name, name.encode(), "text/plain"))], data=data
    )
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()[0]
    return document


def shown(user: ApiUser, document_id: int) -> tuple[str, int | None, int | None]:
    document = user.client.get(f"/api/documents/{document_id}").json()
    return document["kind"], document["family_id"], document["version"]


def test_the_kind_is_guessed_from_the_file_name_until_set(alice: ApiUser) -> None:
    resume = text_file(alice, "Alice CV 2026.txt")
    letter = text_file(alice, "cover-letter-acme.txt")
    notes = text_file(alice, "notes.txt")

    assert [resume["kind"], letter["kind"], notes["kind"]] == ["resume", "cover_letter", "other"]
    assert (resume["family_id"], resume["version"]) == (None, None)


def test_the_kind_can_be_given_at_upload_and_changed(alice: ApiUser) -> None:
    document = text_file(alice, "notes.txt", kind="resume")
    assert document["kind"] == "resume"

    response = alice.client.patch(f"/api/documents/{document['id']}", json={"kind": "other"})

    assert response.status_code == 200
    assert response.json()["kind"] == "other"


def test_an_unknown_kind_is_refused_with_the_choices(alice: ApiUser) -> None:
    document = text_file(alice, "notes.txt")

    response = alice.client.patch(f"/api/documents/{document['id']}", json={"kind": "essay"})

    assert response.status_code == 422
    assert "kind" in response.json()["error"]["fields"]


def test_new_versions_are_numbered_by_upload_order_and_take_the_kind(alice: ApiUser) -> None:
    first = text_file(alice, "resume.txt")
    second = text_file(alice, "resume-march.txt", version_of=first["id"])
    third = text_file(alice, "draft.txt", version_of=second["id"])

    assert (second["family_id"], second["version"]) == (first["id"], 2)
    assert shown(alice, first["id"]) == ("resume", first["id"], 1)
    assert shown(alice, third["id"]) == ("resume", first["id"], 3)


def test_the_same_bytes_uploaded_as_a_version_stay_where_they_were(alice: ApiUser) -> None:
    first = text_file(alice, "resume.txt")
    other = text_file(alice, "notes.txt")

    response = upload(alice, ("again.txt", b"notes.txt", "text/plain"))
    assert response.status_code == 200
    again = alice.client.post(
        "/api/documents",
        files=[("files", ("again.txt", b"notes.txt", "text/plain"))],
        data={"version_of": str(first["id"])},
    )

    assert again.status_code == 200
    assert again.json()[0]["id"] == other["id"]
    assert shown(alice, other["id"]) == ("other", None, None)


def test_changing_the_kind_of_one_version_changes_them_all(alice: ApiUser) -> None:
    first = text_file(alice, "letter.txt", kind="other")
    second = text_file(alice, "letter-2.txt", version_of=first["id"])

    alice.client.patch(f"/api/documents/{second['id']}", json={"kind": "cover_letter"})

    assert shown(alice, first["id"])[0] == "cover_letter"
    assert shown(alice, second["id"])[0] == "cover_letter"


def test_an_older_document_marked_as_a_version_becomes_v1(alice: ApiUser) -> None:
    older = text_file(alice, "resume-2025.txt")
    newer = text_file(alice, "resume-2026.txt")

    response = alice.client.patch(f"/api/documents/{older['id']}", json={"version_of": newer["id"]})

    assert response.status_code == 200
    assert (response.json()["family_id"], response.json()["version"]) == (older["id"], 1)
    assert shown(alice, newer["id"]) == ("resume", older["id"], 2)


def test_a_version_taken_out_leaves_the_others_together(alice: ApiUser) -> None:
    first = text_file(alice, "resume.txt")
    second = text_file(alice, "resume-b.txt", version_of=first["id"])
    third = text_file(alice, "resume-c.txt", version_of=first["id"])

    response = alice.client.patch(f"/api/documents/{first['id']}", json={"version_of": None})

    assert (response.json()["family_id"], response.json()["version"]) == (None, None)
    assert shown(alice, second["id"]) == ("resume", second["id"], 1)
    assert shown(alice, third["id"]) == ("resume", second["id"], 2)


def test_deleting_the_first_version_renumbers_the_rest_under_the_next(alice: ApiUser) -> None:
    first = text_file(alice, "resume.txt")
    second = text_file(alice, "resume-b.txt", version_of=first["id"])
    third = text_file(alice, "resume-c.txt", version_of=first["id"])

    assert alice.client.delete(f"/api/documents/{first['id']}").status_code == 204

    assert shown(alice, second["id"]) == ("resume", second["id"], 1)
    assert shown(alice, third["id"]) == ("resume", second["id"], 2)


def test_deleting_one_of_two_versions_leaves_a_plain_document(alice: ApiUser) -> None:
    first = text_file(alice, "resume.txt")
    second = text_file(alice, "resume-b.txt", version_of=first["id"])

    alice.client.delete(f"/api/documents/{second['id']}")

    assert shown(alice, first["id"]) == ("resume", None, None)


def test_the_list_shows_each_version(alice: ApiUser) -> None:
    first = text_file(alice, "resume.txt")
    text_file(alice, "resume-b.txt", version_of=first["id"])
    text_file(alice, "notes.txt")

    items = alice.client.get("/api/documents").json()["items"]

    assert [(item["filename"], item["version"]) for item in items] == [
        ("notes.txt", None),
        ("resume-b.txt", 2),
        ("resume.txt", 1),
    ]


def test_a_document_cannot_be_a_version_of_itself(alice: ApiUser) -> None:
    document = text_file(alice, "resume.txt")

    response = alice.client.patch(
        f"/api/documents/{document['id']}", json={"version_of": document["id"]}
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"version_of": "choose another document"}


def test_another_users_document_is_no_family_to_join(alice: ApiUser, bob: ApiUser) -> None:
    alices = text_file(alice, "resume.txt")
    bobs = text_file(bob, "resume-bob.txt")

    patched = bob.client.patch(f"/api/documents/{bobs['id']}", json={"version_of": alices["id"]})
    uploaded = bob.client.post(
        "/api/documents",
        files=[("files", ("planted.txt", b"planted", "text/plain"))],
        data={"version_of": str(alices["id"])},
    )

    assert (patched.status_code, uploaded.status_code) == (404, 404)
    assert shown(bob, bobs["id"]) == ("resume", None, None)
    assert bob.client.get("/api/documents").json()["total"] == 1
    assert shown(alice, alices["id"]) == ("resume", None, None)


def test_an_upload_as_a_version_of_a_missing_document_stores_nothing(alice: ApiUser) -> None:
    response = alice.client.post(
        "/api/documents",
        files=[("files", ("resume.txt", b"resume", "text/plain"))],
        data={"version_of": "999999"},
    )

    assert response.status_code == 404
    assert alice.client.get("/api/documents").json()["total"] == 0
    assert upload_one(alice, "resume.txt", b"resume")["version"] is None


def test_the_list_can_be_narrowed_to_one_kind(alice: ApiUser) -> None:
    text_file(alice, "resume.txt")
    text_file(alice, "cover-letter.txt")

    page = alice.client.get("/api/documents", params={"kind": "resume"}).json()

    assert [item["filename"] for item in page["items"]] == ["resume.txt"]
