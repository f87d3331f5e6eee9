"""One signed POST of a delivery to its target, bounded in time and in what it reads back.

The target is checked again before every send (its name may resolve elsewhere since it was
saved) and the connection goes to the checked address itself. The whole send, name lookup
included, ends within SEND_SECONDS; redirects are not followed (a receiver answers where it
was asked); of the answer only the status and a few KiB are read.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from jobtracker.capture.policy import FetchPolicy
from jobtracker.webhooks import signing, targets

SEND_SECONDS = 5.0
# Read of the answer's body at most, then the connection is dropped: only the status matters.
MAX_ANSWER_BYTES = 16 * 1024
MAX_ERROR_LENGTH = 500


@dataclass(frozen=True)
class Outgoing:
    """What a send needs, read from the database before any connection is opened."""

    url: str
    secret: str
    event: str
    event_id: str
    body: bytes


@dataclass(frozen=True)
class SendResult:
    delivered: bool  # a 2xx answer
    status_code: int | None
    error: str | None  # worded for the person reading the log
    duration_ms: int


def send(outgoing: Outgoing, policy: FetchPolicy, now: datetime) -> SendResult:
    started = time.monotonic()
    status, error = _post(outgoing, policy, int(now.timestamp()))
    duration_ms = int((time.monotonic() - started) * 1000)
    if error is None and status is not None and not 200 <= status < 300:
        error = _status_problem(status)
    return SendResult(
        delivered=error is None,
        status_code=status,
        error=error[:MAX_ERROR_LENGTH] if error else None,
        duration_ms=duration_ms,
    )


def _status_problem(status: int) -> str:
    if 300 <= status < 400:
        return f"The receiver answered {status} (a redirect); webhooks don't follow redirects."
    return f"The receiver answered {status}."


def _post(outgoing: Outgoing, policy: FetchPolicy, timestamp: int) -> tuple[int | None, str | None]:
    """The answer's status, or None and what went wrong."""
    # The HTTP client module (15 MiB) is loaded by the first send, not at start.
    import httpcore2

    from jobtracker.capture.network import (
        Deadline,
        caused_by_certificate,
        pinned_pool,
        request_url,
        timeouts,
    )

    deadline = Deadline(SEND_SECONDS)
    try:
        target = targets.parse(outgoing.url, policy)
        addresses = targets.resolve(target, policy, deadline)
    except targets.TargetRefused as refusal:
        return None, refusal.message
    url = request_url(target.scheme, target.host, target.port, target.path)
    headers = [
        (b"Host", target.host_header.encode("ascii")),
        (b"User-Agent", policy.user_agent.encode("ascii", "replace")),
        (b"Content-Type", b"application/json"),
        (b"Accept-Encoding", b"identity"),
        (b"X-JobTracker-Event", outgoing.event.encode("ascii")),
        (b"X-JobTracker-Delivery", outgoing.event_id.encode("ascii")),
        (
            signing.SIGNATURE_HEADER.encode("ascii"),
            signing.signature(outgoing.secret, timestamp, outgoing.body).encode("ascii"),
        ),
    ]
    extensions = timeouts(SEND_SECONDS)
    try:
        with (
            pinned_pool(addresses, deadline) as pool,
            pool.stream(
                "POST", url, headers=headers, content=outgoing.body, extensions=extensions
            ) as response,
        ):
            read = 0
            for chunk in response.iter_stream():
                read += len(chunk)
                if read >= MAX_ANSWER_BYTES:
                    break
            return response.status, None
    except httpcore2.TimeoutException:
        return None, f"The receiver didn't answer within {SEND_SECONDS:g} seconds."
    except (httpcore2.NetworkError, httpcore2.ProtocolError) as problem:
        if caused_by_certificate(problem):
            return None, "The receiver's security certificate couldn't be verified."
        return None, f"Job Tracker couldn't connect to {target.host}: the connection failed."
