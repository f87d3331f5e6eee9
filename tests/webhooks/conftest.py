"""Webhook tests: 127.0.0.1 allowed as the admin would allow an intranet host, a receiver there,
name resolution the tests decide, and a guard failing any connection beyond loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jobtracker.config import Settings
from tests.capture.conftest import connections, dns
from tests.scheduler.conftest import FakeClock, clock
from tests.webhooks.receiver import Receiver, receiver_on_loopback

__all__ = ["FakeClock", "clock", "connections", "dns"]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # CAPTURE_ALLOWED_PRIVATE_HOSTS=127.0.0.1: the receiver's host may be private and plain http.
    settings.capture_allowed_private_hosts = "127.0.0.1"
    return settings


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiver_on_loopback() as running:
        yield running
