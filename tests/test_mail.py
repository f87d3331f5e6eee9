"""Outgoing email through a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from jobtracker import mail
from jobtracker.config import Settings
from tests.mail_server import HOST, MailServer, body_of, free_port, smtp_server


def mail_settings(tmp_path: Path, port: int, **changes: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path,
        "smtp_host": HOST,
        "smtp_port": port,
        "smtp_from": "Job Tracker <jobs@example.com>",
        "smtp_starttls": False,
        "public_url": "http://127.0.0.1:8000",
        **changes,
    }
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture
def server() -> MailServer:
    with smtp_server() as running:
        yield running


def test_a_message_arrives_with_its_sender_recipient_subject_and_body(
    tmp_path: Path, server: MailServer
) -> None:
    mail.send(mail_settings(tmp_path, server.port), "ada@example.com", "Hello", "Line one.\n")

    [message] = server.messages
    assert message["From"] == "Job Tracker <jobs@example.com>"
    assert message["To"] == "ada@example.com"
    assert message["Subject"] == "Hello"
    assert body_of(message) == "Line one.\n"


def test_the_username_and_password_are_used_to_log_in(tmp_path: Path, server: MailServer) -> None:
    settings = mail_settings(tmp_path, server.port, smtp_username="app", smtp_password="s3cret")

    mail.send(settings, "ada@example.com", "Hello", "Hi")

    assert server.logins == [("app", "s3cret")]


def test_no_login_without_a_username(tmp_path: Path, server: MailServer) -> None:
    mail.send(mail_settings(tmp_path, server.port), "ada@example.com", "Hello", "Hi")

    assert server.logins == []


def test_an_unreachable_server_raises_mail_not_sent_quickly(tmp_path: Path) -> None:
    settings = mail_settings(tmp_path, free_port(), smtp_timeout_seconds=2)
    started = time.monotonic()

    with pytest.raises(mail.MailNotSent) as refused:
        mail.send(settings, "ada@example.com", "Hello", "Hi")

    assert "try again" in refused.value.message
    assert time.monotonic() - started < 5


def test_starttls_refused_by_the_server_raises_mail_not_sent(
    tmp_path: Path, server: MailServer
) -> None:
    with pytest.raises(mail.MailNotSent):
        mail.send(
            mail_settings(tmp_path, server.port, smtp_starttls=True), "a@example.com", "Hi", "."
        )

    assert server.messages == []


def test_an_smtp_host_without_a_sender_or_public_url_is_refused_at_start(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="SMTP_FROM"):
        Settings(_env_file=None, data_dir=tmp_path, smtp_host=HOST)
