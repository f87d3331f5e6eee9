"""Admin routes for outgoing email: its state, and a test message to check the settings."""

from __future__ import annotations

from fastapi import APIRouter

from jobtracker import mail
from jobtracker.auth.deps import CurrentAdmin, SettingsDep
from jobtracker.db import SessionDep
from jobtracker.errors import Conflict
from jobtracker.scheduler import outbox
from jobtracker.scheduler.schemas import MailStatus, TestEmailSent

router = APIRouter(prefix="/api/admin", tags=["instance"])
EMAIL_OFF = (
    "No email is set up: set SMTP_HOST, SMTP_PORT, SMTP_FROM and PUBLIC_URL "
    "(and SMTP_USERNAME, SMTP_PASSWORD, SMTP_SECURITY as your provider needs), then restart."
)


@router.get("/mail")
def read_mail_status(
    _admin: CurrentAdmin, session: SessionDep, settings: SettingsDep
) -> MailStatus:
    waiting, failed, last_error = outbox.status(session)
    return MailStatus(
        email_enabled=settings.email_enabled, waiting=waiting, failed=failed, last_error=last_error
    )


@router.post(
    "/test-email",
    responses={409: {"description": "No email is set up"}, 503: {"description": "Not sent"}},
)
def send_test_email(admin: CurrentAdmin, settings: SettingsDep) -> TestEmailSent:
    """Send a test message to the admin's own address, now, and say whether it went."""
    if not settings.email_enabled:
        raise Conflict(EMAIL_OFF)
    mail.send_email(
        settings,
        mail.Email(
            to=admin.email,
            subject="Job Tracker test email",
            text=(
                "This is a test email from Job Tracker: outgoing email works.\n\n"
                f"Sent through {settings.smtp_host}:{settings.smtp_port} "
                f"({settings.smtp_security_mode}).\n"
            ),
        ),
    )
    return TestEmailSent(message=f"A test email was sent to {admin.email}. Check that inbox.")
