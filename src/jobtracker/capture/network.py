"""Connections for the safe fetcher: only to addresses already checked, all within one deadline."""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable, Sequence
from typing import Any

import httpcore2

# Made by the first connection: loading the system's certificates takes ~20 ms of every start.
_tls: ssl.SSLContext | None = None


def tls_context() -> ssl.SSLContext:
    global _tls  # one context for the process, made once
    if _tls is None:
        _tls = ssl.create_default_context()
    return _tls


def caused_by_certificate(error: BaseException) -> bool:
    """Whether a connection failed because the certificate couldn't be verified."""
    problem: BaseException | None = error
    while problem is not None:
        if isinstance(problem, ssl.SSLCertVerificationError):
            return True
        problem = problem.__cause__ or problem.__context__
    return False


def pinned_pool(addresses: Sequence[str], deadline: Deadline) -> httpcore2.ConnectionPool:
    """A pool that connects only to the checked addresses, TLS verified against the host name."""
    backend = PinnedBackend(addresses, deadline)
    return httpcore2.ConnectionPool(ssl_context=tls_context(), network_backend=backend)


def request_url(scheme: str, host: str, port: int, path: str) -> httpcore2.URL:
    """The URL asked for: `host` as checked (lower case, IPv6 without brackets), `path` escaped."""
    return httpcore2.URL(
        scheme=scheme.encode(), host=host.encode("ascii"), port=port, target=path.encode("ascii")
    )


def timeouts(seconds: float) -> dict[str, dict[str, float]]:
    """The request extensions that bound each phase of one request by `seconds`."""
    return {"timeout": dict.fromkeys(("connect", "read", "write", "pool"), seconds)}


class Deadline:
    """One point in time that every connect, read and write of a fetch must finish by."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends_at = time.monotonic() + seconds

    def remaining(self) -> float:
        return self._ends_at - time.monotonic()

    def bound(self, timeout: float | None, timeout_error: type[Exception]) -> float:
        """The smaller of an operation's own timeout and what is left; raises when nothing is."""
        left = self.remaining()
        if left <= 0:
            raise timeout_error("the fetch's deadline has passed")
        return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore2.NetworkStream):
    """A connection whose every operation stops at the deadline, so a slow drip is cut off."""

    def __init__(self, stream: httpcore2.NetworkStream, deadline: Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.bound(timeout, httpcore2.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.bound(timeout, httpcore2.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore2.NetworkStream:
        bounded = self._deadline.bound(timeout, httpcore2.ConnectTimeout)
        return DeadlineStream(
            self._stream.start_tls(ssl_context, server_hostname, bounded), self._deadline
        )

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class PinnedBackend(httpcore2.NetworkBackend):
    """Connects to the checked addresses whatever host name it is asked for.

    The name is never resolved again, so a DNS answer that changes between the check and the
    connection (rebinding) cannot redirect it; TLS still verifies the certificate against the
    name, which httpcore passes to `start_tls` separately.
    """

    def __init__(self, addresses: Sequence[str], deadline: Deadline) -> None:
        self._addresses = addresses
        self._deadline = deadline
        self._backend = httpcore2.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        failure: Exception | None = None
        for address in self._addresses:
            bounded = self._deadline.bound(timeout, httpcore2.ConnectTimeout)
            try:
                stream = self._backend.connect_tcp(address, port, bounded, local_address)
            except httpcore2.ConnectError as error:  # the next address may answer
                failure = error
                continue
            return DeadlineStream(stream, self._deadline)
        raise failure or httpcore2.ConnectError(f"no address to connect to for {host}")

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        raise httpcore2.ConnectError("the fetcher never uses Unix sockets")
