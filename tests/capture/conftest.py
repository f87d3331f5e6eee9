"""Name resolution the tests decide, and a guard that fails a test connecting beyond loopback."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.capture.builders import LoopbackSite, loopback_site

Resolver = Callable[..., list[tuple[Any, ...]]]


@pytest.fixture(autouse=True)
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every address a socket tried to connect to; anything but loopback fails the test."""
    attempted: list[str] = []
    real_connect = socket.socket.connect

    def guarded_connect(sock: socket.socket, address: Any) -> None:
        host = str(address[0]) if isinstance(address, tuple) else str(address)
        attempted.append(host)
        if not ipaddress.ip_address(host.split("%")[0]).is_loopback:
            pytest.fail(f"the fetcher tried to connect to {host}, which is not loopback")
        real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect)
    return attempted


@pytest.fixture(autouse=True)
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Test names → the addresses they resolve to; other names don't resolve, literals do."""
    answers: dict[str, list[str]] = {}
    real_getaddrinfo: Resolver = socket.getaddrinfo

    def stub_getaddrinfo(host: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if host in answers:
            return [_answer(address, int(port)) for address in answers[host]]
        try:
            ipaddress.ip_address(host)
        except ValueError:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
        return real_getaddrinfo(host, port, 0, socket.SOCK_STREAM, 0, socket.AI_NUMERICHOST)

    monkeypatch.setattr(socket, "getaddrinfo", stub_getaddrinfo)
    return answers


def _answer(address: str, port: int) -> tuple[Any, ...]:
    if ipaddress.ip_address(address).version == 6:
        return (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))


@pytest.fixture
def site() -> Iterator[LoopbackSite]:
    with loopback_site() as running:
        yield running
