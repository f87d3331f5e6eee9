"""Response shapes for the admin's view of outgoing email."""

from __future__ import annotations

from pydantic import BaseModel


class MailStatus(BaseModel):
    email_enabled: bool
    waiting: int  # queued, not sent yet (including ones waiting to be retried)
    failed: int  # given up after every retry
    last_error: str | None  # of the latest failed attempt, if any


class TestEmailSent(BaseModel):
    message: str
