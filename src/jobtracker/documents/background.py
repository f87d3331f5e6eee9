"""The text reader of one app process: a single thread that reads documents one at a time.

One at a time, in a child process at the lowest priority: however many files are waiting,
reading them takes at most one core of a small server, and requests always come first.
The thread starts when there is work and ends after IDLE_SECONDS without any; each time it
starts, and whenever its queue runs dry, it also picks up documents left pending by a
process that died.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterable

from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker

from jobtracker.config import Settings
from jobtracker.documents import extraction, pending_text
from jobtracker.documents.extraction import Budget

log = logging.getLogger(__name__)

IDLE_SECONDS = 10.0
_STOP = 0  # never a document id
_creation = threading.Lock()


class TextReader:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        settings: Settings,
        budget: Budget = extraction.BUDGET,
    ) -> None:
        self._session_factory = session_factory
        self._settings = settings  # for the storage quota the text counts against
        self._budget = budget
        self._queue: queue.SimpleQueue[int] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def read_later(self, document_ids: Iterable[int]) -> None:
        """Queue these documents' text to be read; returns at once."""
        for document_id in document_ids:
            self._queue.put(document_id)
        self.wake()

    def wake(self) -> None:
        """Make sure the thread runs, so pending documents (anyone's) get read."""
        with self._lock:
            if self._thread is None and not self._stopped:
                self._thread = threading.Thread(
                    target=self._run, name="document-text-reader", daemon=True
                )
                self._thread.start()

    def stop(self, timeout: float = 1.0) -> None:
        """Take no more work; a child already reading is left to finish or hit its limits."""
        with self._lock:
            self._stopped = True
            thread = self._thread
        self._queue.put(_STOP)
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        self._pick_up_pending()
        while True:
            try:
                document_id = self._queue.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                with self._lock:
                    # Checked under the lock, so a read_later() now starts a new thread.
                    if self._queue.empty():
                        self._thread = None
                        return
                continue
            if document_id == _STOP:
                return
            self._read(document_id)
            if self._queue.empty():
                self._pick_up_pending()

    def _pick_up_pending(self) -> None:
        try:
            with self._session_factory() as session:
                for document_id in pending_text.documents_to_read(session):
                    self._queue.put(document_id)
        except Exception:
            # The database may be down for a moment; the next wake tries again.
            log.exception("Could not look for documents whose text is still to be read")

    def _read(self, document_id: int) -> None:
        try:
            with self._session_factory() as session:
                claimed = pending_text.claim(session, document_id)
            if claimed is None:
                return
            text = extraction.extract_text(claimed.content, claimed.media_type, self._budget)
            with self._session_factory() as session:
                pending_text.save(session, self._settings, claimed, text)
        except Exception:
            # The claim expires and the document is read again, up to MAX_ATTEMPTS times.
            log.exception("Reading the text of document %s failed", document_id)


def reader_for(app: FastAPI) -> TextReader:
    """This app's text reader, made on first use (tests and tools may skip the lifespan)."""
    with _creation:
        reader: TextReader | None = getattr(app.state, "document_text_reader", None)
        if reader is None:
            reader = TextReader(app.state.session_factory, app.state.settings)
            app.state.document_text_reader = reader
        return reader
