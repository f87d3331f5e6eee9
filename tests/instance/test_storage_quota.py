"""The storage quota counts everything a user stores, and every write that adds text keeps to it."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi import FastAPI
from httpx2 import Response  # what the TestClient answers with

from jobtracker.config import Settings
from jobtracker.documents.background import reader_for
from tests.assistant.builders import ask, conversation
from tests.contacts.builders import create_contact
from tests.deliverables.builders import create_deliverable
from tests.documents.builders import PDF, make_pdf, read_document, upload_one
from tests.factories import ApiUser
from tests.instance.builders import fill_storage, storage_used
from tests.live_server import serve
from tests.portability.builders import comparable, export_backup, import_csv, make_csv
from tests.writing.builders import create_writing

MIB = 1024 * 1024
# Two bytes each in UTF-8: the quota counts bytes, not characters, on both databases.
WIDE = "é"
# Free space left before each write: small enough for an assistant question to pass it.
LEFT = 4_000

Store = Callable[[ApiUser, str], object]


@pytest.fixture(autouse=True)
def _stop_text_reader(app: FastAPI) -> Iterator[None]:
    # A reader left running could read a later test's PDF under this test's settings.
    yield
    reader_for(app).stop()


def _in_writing(user: ApiUser, text: str) -> object:
    return create_writing(user, body=text)


def _in_a_job_description(user: ApiUser, text: str) -> object:
    return user.create_application(job_description=text)


def _in_application_notes(user: ApiUser, text: str) -> object:
    return user.create_application(notes=text)


def _in_a_deliverable(user: ApiUser, text: str) -> object:
    return create_deliverable(user, user.create_application()["id"], content=text)


def _in_contact_notes(user: ApiUser, text: str) -> object:
    return create_contact(user, user.create_application()["id"], name="Priya", notes=text)


@pytest.mark.parametrize(
    "store",
    [
        _in_writing,
        _in_a_job_description,
        _in_application_notes,
        _in_a_deliverable,
        _in_contact_notes,
    ],
)
def test_stored_text_counts_as_its_utf8_bytes(alice: ApiUser, store: Store) -> None:
    text = "Grüße aus Köln, " + WIDE * 1_000

    store(alice, text)

    assert storage_used(alice) == len(text.encode())


def test_an_assistant_conversation_counts_both_sides(alice: ApiUser) -> None:
    application = alice.create_application()
    ask(alice, application["id"], "How do I prepare for the panel interview?")
    messages = conversation(alice, application["id"])["messages"]

    used = storage_used(alice)

    assert [message["role"] for message in messages] == ["user", "assistant"]
    assert used == sum(
        len(message["content"].encode()) + len((message["error"] or "").encode())
        for message in messages
    )


def test_a_documents_extracted_text_counts_beside_its_bytes(alice: ApiUser) -> None:
    content = ("Résumé: " + WIDE * 500).encode()
    files = {"files": ("resume.txt", content, "text/plain")}
    assert alice.client.post("/api/documents", files=files).status_code == 201

    assert storage_used(alice) == 2 * len(content)


def test_a_pdfs_text_past_the_storage_quota_is_not_kept_and_says_why(
    alice: ApiUser, settings: Settings
) -> None:
    settings.max_storage_mb_per_user = 1
    content = make_pdf("Jane Doe", "Senior Backend Engineer")
    fill_storage(alice, MIB, leaving=len(content) + 4)  # the file fits, its text does not

    document = read_document(alice, upload_one(alice, "resume.pdf", content, PDF)["id"])

    assert document["text_status"] == "unreadable"
    assert document["extracted_text"] == ""
    assert "storage limit" in document["extraction_note"]
    assert storage_used(alice) == MIB - 4


# Each write that adds text: prepared first (it may need an application or a row to change),
# then attempted with the text.
Attempt = Callable[[str], Response]


def _create_writing(user: ApiUser) -> Attempt:
    return lambda text: user.client.post("/api/writing", json={"title": "Why us", "body": text})


def _update_writing(user: ApiUser) -> Attempt:
    writing = create_writing(user, body="short")
    return lambda text: user.client.patch(f"/api/writing/{writing['id']}", json={"body": text})


def _create_application(user: ApiUser) -> Attempt:
    def attempt(text: str) -> Response:
        body = {"company": "Acme", "role": "Engineer", "job_description": text}
        return user.client.post("/api/applications", json=body)

    return attempt


def _update_application(user: ApiUser) -> Attempt:
    application = user.create_application(notes="short")
    path = f"/api/applications/{application['id']}"
    return lambda text: user.client.patch(path, json={"notes": text})


def _import_applications(user: ApiUser) -> Attempt:
    def attempt(text: str) -> Response:
        half = len(text) // 2
        rows = [
            ["Company", "Role", "Job description"],
            ["Acme", "Engineer", text[:half]],
            ["Globex", "Analyst", text[half:]],
        ]
        return import_csv(user, make_csv(rows))

    return attempt


def _create_deliverable(user: ApiUser) -> Attempt:
    path = f"/api/applications/{user.create_application()['id']}/deliverables"
    return lambda text: user.client.post(path, json={"title": "Essay", "content": text})


def _update_deliverable(user: ApiUser) -> Attempt:
    deliverable = create_deliverable(user, user.create_application()["id"], content="short")
    path = f"/api/deliverables/{deliverable['id']}"
    return lambda text: user.client.patch(path, json={"content": text})


def _create_contact(user: ApiUser) -> Attempt:
    path = f"/api/applications/{user.create_application()['id']}/contacts"
    return lambda text: user.client.post(path, json={"name": "Priya", "notes": text})


def _update_contact(user: ApiUser) -> Attempt:
    contact = create_contact(user, user.create_application()["id"], name="Priya", notes="short")
    return lambda text: user.client.patch(f"/api/contacts/{contact['id']}", json={"notes": text})


def _ask_the_assistant(user: ApiUser) -> Attempt:
    path = f"/api/applications/{user.create_application()['id']}/assistant"
    return lambda text: user.client.post(path, json={"message": text})


WRITES = [
    _create_writing,
    _update_writing,
    _create_application,
    _update_application,
    _import_applications,
    _create_deliverable,
    _update_deliverable,
    _create_contact,
    _update_contact,
    _ask_the_assistant,
]


@pytest.mark.parametrize("write", WRITES)
def test_a_write_past_the_storage_quota_is_refused_and_changes_nothing(
    alice: ApiUser, settings: Settings, write: Callable[[ApiUser], Attempt]
) -> None:
    settings.max_storage_mb_per_user = 1
    attempt = write(alice)
    fill_storage(alice, MIB, leaving=LEFT)
    before = comparable(export_backup(alice))

    response = attempt(WIDE * LEFT)  # twice the bytes that are left

    assert response.status_code == 403, response.text
    error = response.json()["error"]
    assert error["code"] == "quota_exceeded"
    assert "storage limit of 1 MB" in error["message"]
    assert "MAX_STORAGE_MB_PER_USER" in error["message"]
    assert comparable(export_backup(alice)) == before


@pytest.mark.parametrize("write", WRITES)
def test_a_write_that_fills_the_storage_quota_exactly_is_accepted(
    alice: ApiUser, settings: Settings, write: Callable[[ApiUser], Attempt]
) -> None:
    settings.max_storage_mb_per_user = 1
    attempt = write(alice)
    fill_storage(alice, MIB, leaving=LEFT)

    response = attempt(WIDE * (LEFT // 2))

    assert response.status_code in (200, 201), response.text


def test_shortening_text_is_allowed_over_a_lowered_quota(
    alice: ApiUser, settings: Settings
) -> None:
    writing = create_writing(alice, body="x" * 50_000)
    fill_storage(alice, 2 * MIB, leaving=10_000)
    settings.max_storage_mb_per_user = 1

    response = alice.client.patch(f"/api/writing/{writing['id']}", json={"body": "x" * 10})

    assert response.status_code == 200, response.text
    assert storage_used(alice) == 2 * MIB - 10_000 - 50_000 + 10


def test_an_answer_past_the_storage_quota_is_kept_as_a_failed_answer_saying_why(
    alice: ApiUser, settings: Settings
) -> None:
    settings.max_storage_mb_per_user = 1
    application = alice.create_application()
    question = "How do I prepare?"
    fill_storage(alice, MIB, leaving=len(question) + 4)

    ask(alice, application["id"], question)

    answer = conversation(alice, application["id"])["messages"][-1]
    assert answer["role"] == "assistant"
    assert answer["status"] == "failed"
    assert answer["content"] == ""
    assert "MAX_STORAGE_MB_PER_USER" in answer["error"]


CONCURRENT_WRITES = 12


def _create_writing_all_at_once(base_url: str, token: str, body: str) -> Counter[int]:
    start = threading.Barrier(CONCURRENT_WRITES)
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=CONCURRENT_WRITES)

    with httpx.Client(base_url=base_url, headers=headers, limits=limits, timeout=60) as http:

        def create(number: int) -> int:
            start.wait()
            note = {"title": f"Racer {number}", "body": body}
            return http.post("/api/writing", json=note).status_code

        with ThreadPoolExecutor(max_workers=CONCURRENT_WRITES) as pool:
            return Counter(pool.map(create, range(CONCURRENT_WRITES)))


@pytest.mark.postgres_only
def test_concurrent_writes_never_pass_the_storage_quota(
    backend: str, app: FastAPI, settings: Settings, alice: ApiUser
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serialises every writer; real concurrent connections need PostgreSQL")
    settings.max_storage_mb_per_user = 1
    fill_storage(alice, MIB, leaving=100_000)

    with serve(app) as base_url:
        statuses = _create_writing_all_at_once(base_url, alice.token, "x" * 60_000)

    assert statuses == {201: 1, 403: CONCURRENT_WRITES - 1}
    assert storage_used(alice) == MIB - 100_000 + 60_000
