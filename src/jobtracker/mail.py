"""Outgoing email: one plain-text message at a time through the configured SMTP server."""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

from jobtracker.config import Settings
from jobtracker.errors import AppError

log = logging.getLogger(__name__)


class MailNotSent(AppError):
    status_code = 503
    code = "mail_unavailable"


def send(settings: Settings, to: str, subject: str, body: str) -> None:
    """Send a plain-text email, or raise MailNotSent (never waits past SMTP_TIMEOUT_SECONDS)."""
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid()
    message.set_content(body)
    try:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds
        ) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        # The type only: the server's reply may quote the address or the credentials.
        log.warning("could not send an email through SMTP: %s", type(error).__name__)
        raise MailNotSent(
            "We could not send the email just now. Please try again in a few minutes."
        ) from None
