"""Outgoing email: one message at a time (plain text, optionally HTML) through the SMTP server."""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

from jobtracker.config import Settings
from jobtracker.errors import AppError

log = logging.getLogger(__name__)


class MailNotSent(AppError):
    status_code = 503
    code = "mail_unavailable"

    def __init__(self, message: str, *, reason: str = "") -> None:
        super().__init__(message)
        # The error's type, for the outbox's record: never the server's reply, which may quote
        # the address or the credentials.
        self.reason = reason


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    text: str
    html: str | None = None
    # RFC 8058: mail clients offer "Unsubscribe" and POST to this address in one click.
    unsubscribe_url: str | None = None


def send(settings: Settings, to: str, subject: str, body: str) -> None:
    """Send a plain-text email, or raise MailNotSent (never waits past SMTP_TIMEOUT_SECONDS)."""
    send_email(settings, Email(to=to, subject=subject, text=body))


def send_email(settings: Settings, email: Email) -> None:
    """Send one email, or raise MailNotSent (never waits past SMTP_TIMEOUT_SECONDS)."""
    message = _message(settings, email)
    try:
        with _connect(settings) as smtp:
            if settings.smtp_security_mode == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        reason = type(error).__name__
        log.warning("could not send an email through SMTP: %s", reason)
        raise MailNotSent(
            "We could not send the email just now. Please try again in a few minutes.",
            reason=reason,
        ) from None


def _connect(settings: Settings) -> smtplib.SMTP:
    if settings.smtp_security_mode == "tls":
        return smtplib.SMTP_SSL(
            settings.smtp_host,
            settings.smtp_port,
            timeout=settings.smtp_timeout_seconds,
            context=ssl.create_default_context(),
        )
    return smtplib.SMTP(
        settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds
    )


def _message(settings: Settings, email: Email) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = email.to
    message["Subject"] = email.subject
    message["Message-ID"] = make_msgid()
    if email.unsubscribe_url:
        message["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(email.text)
    if email.html:
        message.add_alternative(email.html, subtype="html")
    return message
