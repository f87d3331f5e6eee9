"""PDF and Word text is read after the upload answers, in a child process with limits."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta

from fastapi import FastAPI
from sqlalchemy import update

from jobtracker.db import utcnow
from jobtracker.documents import extraction, pending_text
from jobtracker.documents.background import TextReader, reader_for
from jobtracker.documents.models import Document
from tests.documents.builders import (
    DOCX,
    MIB,
    PDF,
    make_costly_pdf,
    make_docx,
    make_pdf,
    make_roomy_pdf,
    read_document,
    upload_one,
)
from tests.factories import ApiUser
from tests.portability.builders import export_backup, restore_backup

WORKER = [sys.executable, "-m", "jobtracker.documents.extract_worker"]


def test_a_pdf_upload_answers_before_its_text_is_read(alice: ApiUser) -> None:
    document = upload_one(alice, "resume.pdf", make_pdf("Jane Doe"), PDF)

    assert document["text_status"] == "pending"
    assert document["extraction_note"] is None
    assert read_document(alice, document["id"])["extracted_text"] == "Jane Doe"


def test_a_word_upload_answers_before_its_text_is_read(alice: ApiUser) -> None:
    document = upload_one(alice, "letter.docx", make_docx("Dear team"), DOCX)

    assert document["text_status"] == "pending"
    assert read_document(alice, document["id"])["text_status"] == "ready"


def test_plain_text_is_ready_at_once(alice: ApiUser) -> None:
    document = upload_one(alice, "notes.txt", b"Call Sam on Monday")

    assert document["text_status"] == "ready"


def test_a_pdf_that_costs_too_much_to_read_is_marked_unreadable(alice: ApiUser) -> None:
    costly = make_costly_pdf(pages=20)
    assert len(costly) < 10_000

    document = upload_one(alice, "costly.pdf", costly, PDF)

    assert document["text_status"] == "pending"
    read = read_document(alice, document["id"])
    assert read["text_status"] == "unreadable"
    assert read["extraction_note"] == extraction.TOO_COSTLY
    assert read["extracted_text"] == ""
    # The file itself is kept: only its text could not be read.
    assert alice.client.get(f"/api/documents/{document['id']}/content").content == costly


def test_the_cpu_limit_ends_the_reading_child() -> None:
    finished = subprocess.run(
        [*WORKER, PDF, "1", str(512 * 1024 * 1024)],
        input=make_costly_pdf(pages=20),
        capture_output=True,
        timeout=120,
        check=False,
    )

    assert finished.returncode == -signal.SIGXCPU
    assert finished.stdout == b""


def test_the_memory_limit_stops_the_reading_child_with_a_note() -> None:
    roomy = make_roomy_pdf(30)

    within = subprocess.run(
        [*WORKER, PDF, "20", str(512 * MIB)], input=roomy, capture_output=True, check=True
    )
    beyond = subprocess.run(
        [*WORKER, PDF, "20", str(80 * MIB)], input=roomy, capture_output=True, check=True
    )

    assert json.loads(within.stdout)["text"] == "roomy"
    assert json.loads(beyond.stdout) == {
        "text": "",
        "note": "The file needs too much memory to read its text.",
        "readable": False,
    }


def test_the_reading_child_answers_the_text_within_its_limits() -> None:
    finished = subprocess.run(
        [*WORKER, PDF, "5", str(512 * 1024 * 1024)],
        input=make_pdf("Jane Doe"),
        capture_output=True,
        timeout=120,
        check=True,
    )

    assert json.loads(finished.stdout) == {"text": "Jane Doe", "note": None, "readable": True}


def test_the_reading_child_sets_its_limits_and_lowest_priority() -> None:
    probe = (
        "import os, resource\n"
        "from jobtracker.documents.extract_worker import limit_resources\n"
        "limit_resources(3, 300 * 1024 * 1024)\n"
        "print(resource.getrlimit(resource.RLIMIT_CPU), resource.getrlimit(resource.RLIMIT_AS),"
        " os.nice(0))\n"
    )

    finished = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )

    assert finished.stdout.split() == [
        "(3,",
        "4)",
        f"({300 * 1024 * 1024},",
        f"{300 * 1024 * 1024})",
        "19",
    ]


def _left_by_a_dead_process(app: FastAPI, alice: ApiUser) -> int:
    """A pending PDF whose reader claimed it long ago and never came back."""
    reader_for(app).stop()
    document = upload_one(alice, "resume.pdf", make_pdf("Jane Doe"), PDF)
    long_ago = utcnow() - timedelta(seconds=pending_text.CLAIM_SECONDS + 60)
    with app.state.session_factory() as session:
        session.execute(
            update(Document)
            .where(Document.id == document["id"])
            .values(extraction_claimed_at=long_ago, extraction_attempts=1)
        )
        session.commit()
    return int(document["id"])


def test_text_left_pending_by_a_dead_process_is_read_by_the_next_one(
    app: FastAPI, alice: ApiUser
) -> None:
    document_id = _left_by_a_dead_process(app, alice)

    next_process = TextReader(app.state.session_factory, app.state.settings)
    next_process.wake()
    try:
        read = read_document(alice, document_id)
    finally:
        next_process.stop()

    assert read["text_status"] == "ready"
    assert read["extracted_text"] == "Jane Doe"


def test_a_document_being_read_is_claimed_by_one_process_only(app: FastAPI, alice: ApiUser) -> None:
    document_id = _left_by_a_dead_process(app, alice)

    with app.state.session_factory() as first, app.state.session_factory() as second:
        claims = [pending_text.claim(first, document_id), pending_text.claim(second, document_id)]

    assert claims[0] is not None
    assert claims[1] is None


def test_a_document_that_failed_every_attempt_is_marked_unreadable(
    app: FastAPI, alice: ApiUser
) -> None:
    document_id = _left_by_a_dead_process(app, alice)
    with app.state.session_factory() as session:
        session.execute(
            update(Document)
            .where(Document.id == document_id)
            .values(extraction_attempts=pending_text.MAX_ATTEMPTS)
        )
        session.commit()

        assert pending_text.documents_to_read(session) == []

    read = read_document(alice, document_id)
    assert read["text_status"] == "unreadable"
    assert read["extraction_note"] == extraction.TOO_COSTLY


def test_a_pdf_backed_up_before_its_text_was_read_is_read_after_restore(
    app: FastAPI, alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    reader_for(app).stop()  # the text is not read before the backup is taken
    upload_one(alice, "resume.pdf", make_pdf("Jane Doe"), PDF)
    backup = export_backup(alice)
    newcomer = make_user(email="newcomer@example.com")
    assert restore_backup(newcomer, backup).status_code == 201
    [restored] = newcomer.client.get("/api/documents").json()["items"]

    next_process = TextReader(app.state.session_factory, app.state.settings)
    next_process.wake()
    try:
        read = read_document(newcomer, restored["id"])
    finally:
        next_process.stop()

    assert restored["text_status"] == "pending"
    assert read["extracted_text"] == "Jane Doe"
