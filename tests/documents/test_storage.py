"""The same bytes are stored once per user, and what is stored counts against a storage quota."""

from __future__ import annotations

import os
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.config import Settings
from tests.documents.builders import MIB, PDF, make_pdf, read_document, upload, upload_one
from tests.factories import ApiUser
from tests.live_server import serve

KIB = 1024
CONCURRENT_UPLOADS = 12


def text_of(size: int) -> bytes:
    """Distinct text of exactly `size` bytes, so no two calls dedupe into one document."""
    return os.urandom(size // 2).hex().encode()[:size]


def test_uploading_the_same_bytes_again_returns_the_stored_document(alice: ApiUser) -> None:
    content = make_pdf("Resume")
    first = upload(alice, ("resume.pdf", content, PDF))

    again = upload(alice, ("resume (1).pdf", content, PDF))

    assert first.status_code == 201
    assert again.status_code == 200
    [document] = again.json()
    assert document["id"] == first.json()[0]["id"]
    assert document["filename"] == "resume.pdf"
    assert document["created"] is False
    assert alice.client.get("/api/documents").json()["total"] == 1


def test_the_same_file_twice_in_one_request_is_stored_once(alice: ApiUser) -> None:
    content = make_pdf("Resume")

    response = upload(alice, ("a.pdf", content, PDF), ("b.pdf", content, PDF))

    assert response.status_code == 201
    first, second = response.json()
    assert first["id"] == second["id"]
    assert [first["created"], second["created"]] == [True, False]
    assert alice.client.get("/api/documents").json()["total"] == 1


def test_uploading_known_bytes_to_another_application_links_it_there_too(
    alice: ApiUser,
) -> None:
    acme = alice.create_application(company="Acme")
    globex = alice.create_application(company="Globex")
    content = make_pdf("Resume")
    upload_one(alice, "resume.pdf", content, PDF, application_id=acme["id"])

    document = upload_one(alice, "resume.pdf", content, PDF, application_id=globex["id"])

    assert sorted(linked["company"] for linked in document["applications"]) == ["Acme", "Globex"]


def test_two_users_uploading_the_same_bytes_each_get_their_own(
    alice: ApiUser, bob: ApiUser
) -> None:
    content = make_pdf("Shared template")

    alices = upload(alice, ("template.pdf", content, PDF))
    bobs = upload(bob, ("template.pdf", content, PDF))

    assert alices.status_code == bobs.status_code == 201
    assert alices.json()[0]["id"] != bobs.json()[0]["id"]


def test_going_over_the_storage_quota_is_refused_saying_how_to_raise_it(
    alice: ApiUser, settings: Settings
) -> None:
    settings.max_storage_mb_per_user = 1
    # A text file is stored twice over: its bytes, and its text for search and the assistant.
    upload_one(alice, "first.txt", text_of(350 * KIB))

    response = upload(alice, ("second.txt", text_of(200 * KIB), "text/plain"))

    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "quota_exceeded"
    assert "700.0 KB you already store" in error["message"]
    assert "1 MB" in error["message"]
    assert "MAX_STORAGE_MB_PER_USER" in error["message"]
    assert alice.client.get("/api/documents").json()["total"] == 1


def test_a_batch_that_would_pass_the_quota_stores_none_of_it(
    alice: ApiUser, settings: Settings
) -> None:
    settings.max_storage_mb_per_user = 1

    response = upload(
        alice,
        ("first.txt", text_of(600 * KIB), "text/plain"),
        ("second.txt", text_of(600 * KIB), "text/plain"),
    )

    assert response.status_code == 403
    assert alice.client.get("/api/documents").json()["total"] == 0


def test_uploading_stored_bytes_again_at_the_quota_is_not_refused(
    alice: ApiUser, settings: Settings
) -> None:
    settings.max_storage_mb_per_user = 1
    content = text_of(MIB // 2)  # with its text, exactly the quota
    upload_one(alice, "full.txt", content)

    response = upload(alice, ("full.txt", content, "text/plain"))

    assert response.status_code == 200


def test_deleting_a_document_frees_its_storage(alice: ApiUser, settings: Settings) -> None:
    settings.max_storage_mb_per_user = 1
    document = upload_one(alice, "first.txt", text_of(350 * KIB))
    alice.client.delete(f"/api/documents/{document['id']}")

    response = upload(alice, ("second.txt", text_of(350 * KIB), "text/plain"))

    assert response.status_code == 201


def test_one_users_storage_does_not_count_against_another(
    alice: ApiUser, bob: ApiUser, settings: Settings
) -> None:
    settings.max_storage_mb_per_user = 1
    upload_one(alice, "alice.txt", text_of(450 * KIB))

    response = upload(bob, ("bob.txt", text_of(450 * KIB), "text/plain"))

    assert response.status_code == 201


def test_a_storage_quota_of_zero_means_unlimited(alice: ApiUser, settings: Settings) -> None:
    settings.max_storage_mb_per_user = 0
    settings.max_upload_mb = 2

    response = upload(alice, ("big.txt", text_of(2 * MIB), "text/plain"))

    assert response.status_code == 201


def test_meta_reports_the_storage_limit_and_what_the_user_uses(
    alice: ApiUser, settings: Settings
) -> None:
    settings.max_storage_mb_per_user = 25
    content = make_pdf("Resume")
    resume = upload_one(alice, "resume.pdf", content, PDF)
    upload_one(alice, "copy.pdf", content, PDF)
    upload_one(alice, "notes.txt", b"12345")
    text = read_document(alice, resume["id"])["extracted_text"]

    meta = alice.client.get("/api/meta").json()

    assert meta["limits"]["max_storage_mb_per_user"] == 25
    # Each file once, and the text read from each.
    assert meta["usage"]["storage_bytes"] == len(content) + len(text.encode()) + 5 + 5


def test_meta_without_a_session_shows_the_storage_limit_only(
    client: TestClient, settings: Settings
) -> None:
    meta = client.get("/api/meta").json()

    assert meta["limits"]["max_storage_mb_per_user"] == settings.max_storage_mb_per_user
    assert meta["usage"] is None


def _upload_all_at_once(base_url: str, token: str, contents: list[bytes]) -> Counter[int]:
    start = threading.Barrier(len(contents))
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=len(contents))

    with httpx.Client(base_url=base_url, headers=headers, limits=limits, timeout=60) as http:

        def send(content: bytes) -> int:
            start.wait()
            files = {"files": ("racer.txt", content, "text/plain")}
            return http.post("/api/documents", files=files).status_code

        with ThreadPoolExecutor(max_workers=len(contents)) as pool:
            return Counter(pool.map(send, contents))


@pytest.mark.postgres_only
def test_concurrent_uploads_never_pass_the_storage_quota(
    backend: str, app: FastAPI, settings: Settings, alice: ApiUser
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serialises every writer; real concurrent connections need PostgreSQL")
    settings.max_storage_mb_per_user = 1
    contents = [text_of(150 * KIB) for _ in range(CONCURRENT_UPLOADS)]  # 300 KB with the text

    with serve(app) as base_url:
        statuses = _upload_all_at_once(base_url, alice.token, contents)

    assert statuses == {201: 3, 403: CONCURRENT_UPLOADS - 3}
    assert alice.client.get("/api/meta").json()["usage"]["storage_bytes"] == 3 * 300 * KIB


@pytest.mark.postgres_only
def test_concurrent_uploads_of_the_same_bytes_store_one_document(
    backend: str, app: FastAPI, alice: ApiUser
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serialises every writer; real concurrent connections need PostgreSQL")
    content = text_of(10 * KIB)

    with serve(app) as base_url:
        statuses = _upload_all_at_once(base_url, alice.token, [content] * CONCURRENT_UPLOADS)

    assert statuses == {201: 1, 200: CONCURRENT_UPLOADS - 1}
    assert alice.client.get("/api/documents").json()["total"] == 1
