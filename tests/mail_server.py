"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, for the mail tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"


@dataclass
class MailServer:
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if message["To"] == address]

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 Message accepted"

    def authenticate(
        self, _server: Any, _session: Any, _envelope: Any, mechanism: str, credentials: Any
    ) -> AuthResult:
        assert isinstance(credentials, LoginPassword)
        self.logins.append((credentials.login.decode(), credentials.password.decode()))
        return AuthResult(success=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def smtp_server() -> Iterator[MailServer]:
    """A running server; without TLS, so the app under test needs SMTP_STARTTLS=false."""
    server = MailServer(port=free_port())
    controller = Controller(
        server,
        hostname=HOST,
        port=server.port,
        authenticator=server.authenticate,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    text: str = part.get_content()
    return text.replace("\r\n", "\n")  # lines travel with CRLF
