"""The scheduler's loop: every interval (or when woken), queue due digests, send the outbox,
send webhooks (and queue their due-deliverable reminders) and purge the trash of what has been
in it over 30 days.

Each web process runs one (from the app's lifespan) unless SCHEDULER_IN_WEB is off, and
`python -m jobtracker worker` runs one alone. Any number may run against one PostgreSQL: the
work they share is claimed row by row (digests, outbox, webhooks), so nothing is done twice.
The work runs in a thread, so the web process's event loop never waits for the database, SMTP
or a webhook's receiver.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime

from anyio import to_thread
from sqlalchemy.orm import Session, sessionmaker

from jobtracker.applications import lifecycle
from jobtracker.config import Settings
from jobtracker.digests import service as digests
from jobtracker.scheduler import outbox
from jobtracker.webhooks import delivery as webhooks

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class TickResult:
    digests_queued: int
    emails_sent: int
    trash_purged: int
    webhooks_delivered: int = 0


class Scheduler:
    def __init__(self, factory: sessionmaker[Session], settings: Settings, clock: Clock) -> None:
        self.factory = factory
        self.settings = settings
        self.clock = clock
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def tick(self) -> TickResult:
        """One round of every timed job, at the clock's now."""
        now = self.clock()
        queued = digests.queue_due(self.factory, self.settings, now)
        sent = outbox.send_due(self.factory, self.settings, now)
        outbox.prune(self.factory, now)
        webhooks.queue_due_deliverables(self.factory, now)
        delivered = webhooks.deliver_due(self.factory, self.settings, now)
        webhooks.prune(self.factory, now)
        # Idempotent and on an index, so every round and every process may run it.
        with self.factory() as session:
            purged = lifecycle.purge_expired_trash(session, now)
        if purged:
            log.info("purged %d applications from the trash after 30 days", purged)
        return TickResult(
            digests_queued=queued,
            emails_sent=sent,
            trash_purged=purged,
            webhooks_delivered=delivered,
        )

    def wake(self) -> None:
        """Run a round soon (a reset link was queued); safe from any thread."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    async def run(self) -> None:
        """Tick until cancelled; a failing round is logged and the next one tried."""
        self._loop = asyncio.get_running_loop()
        while True:
            try:
                await to_thread.run_sync(self.tick)
            except Exception:
                log.exception("a scheduler round failed; trying again next round")
            with suppress(TimeoutError):
                await asyncio.wait_for(
                    self._wake.wait(), timeout=self.settings.scheduler_interval_seconds
                )
            self._wake.clear()

    async def run_until_stopped(self) -> None:
        """Run until SIGTERM or SIGINT (the worker command): the round under way is left to
        finish its current message, whose claim otherwise lets another process retry it."""
        loop = asyncio.get_running_loop()
        running = asyncio.create_task(self.run())
        for stop in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(stop, running.cancel)
        with suppress(asyncio.CancelledError):
            await running
        log.info("the scheduler stopped")
