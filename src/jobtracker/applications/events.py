"""What other domains do when an application is sent: they register here, so the applications
domain calls them without importing them (the documents domain records the resume that went out,
and the documents domain already depends on this one)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

# (session, owner id, the ids of the owner's applications just sent); runs inside the move's
# transaction, before its commit, so what it writes is kept or dropped with the move.
SentListener = Callable[[Session, int, Sequence[int]], None]

_sent_listeners: list[SentListener] = []


def when_sent(listener: SentListener) -> SentListener:
    """Register `listener` (once, however often its module is imported) for every send."""
    if listener not in _sent_listeners:
        _sent_listeners.append(listener)
    return listener


def announce_sent(session: Session, owner_id: int, application_ids: Sequence[int]) -> None:
    """Tell the listeners that these applications moved from a stage the employer had not seen
    into one they have (Wishlist to Applied, say); every path that moves one calls this."""
    if not application_ids:
        return
    for listener in _sent_listeners:
        listener(session, owner_id, application_ids)
