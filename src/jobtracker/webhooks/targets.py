"""Where a webhook may POST: the address rules, checked when it is saved and before each send.

The rules are the safe fetcher's (capture/policy.py): every address the host resolves to must be
public, unless the admin named the host in CAPTURE_ALLOWED_PRIVATE_HOSTS (an intranet receiver;
the tests' 127.0.0.1). On top of them, for a target that receives the user's data:
- https only; plain http only to a host the admin allowed (a receiver inside the network);
- port 443, 80, or any unprivileged one (1024 and up): receivers often listen on 8443 or 3000,
  while the low ports belong to other protocols (SMTP on 25) a POST must not be aimed at;
  an allowed host may use any port.
"""

from __future__ import annotations

import socket
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as ResolveTimeout
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from jobtracker.capture.policy import FetchPolicy, allowed_addresses

if TYPE_CHECKING:
    from jobtracker.capture.network import Deadline

MAX_URL_LENGTH = 2000
FIRST_UNPRIVILEGED_PORT = 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}
_URL_SAFE = "/%:@!$&'()*+,;=-._~?"

NOT_AN_ADDRESS = "Enter the receiver's full address, starting with https://."
HTTPS_ONLY = (
    "Use an https:// address: webhooks carry your data, so they are only sent encrypted "
    "(plain http:// only to a host the instance's admin allowed)."
)
PRIVATE_NETWORK = (
    "That address points inside a private network, so Job Tracker won't send to it. "
    "Use the receiver's public address, or ask the instance's admin to allow this host."
)
NO_CREDENTIALS = "Leave the user name and password out of the address."

# getaddrinfo has no timeout of its own: it runs aside so a check stops waiting at its deadline.
_resolver = ThreadPoolExecutor(max_workers=2, thread_name_prefix="webhook-resolve")


class TargetRefused(Exception):
    """The address is not one a webhook may be sent to; the message is worded for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # lower case, IDNA, IPv6 without brackets
    port: int
    path: str  # path and query, escaped

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == _DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


def parse(url: str, policy: FetchPolicy) -> Target:
    """The target of `url` when its scheme, host and port are allowed; TargetRefused if not."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise TargetRefused(NOT_AN_ADDRESS) from error
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        raise TargetRefused(NOT_AN_ADDRESS)
    if parts.username is not None or parts.password is not None:
        raise TargetRefused(NO_CREDENTIALS)
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise TargetRefused(NOT_AN_ADDRESS) from error
    allowed_host = policy.allows_private(host)
    if scheme == "http" and not allowed_host:
        raise TargetRefused(HTTPS_ONLY)
    port = port or _DEFAULT_PORTS[scheme]
    if not allowed_host and port not in _DEFAULT_PORTS.values() and port < FIRST_UNPRIVILEGED_PORT:
        raise TargetRefused(
            f"Port {port} is kept for other services. Use 443, or a port from "
            f"{FIRST_UNPRIVILEGED_PORT} up."
        )
    path = quote(parts.path or "/", safe=_URL_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_URL_SAFE)
    return Target(scheme=scheme, host=host, port=port, path=path)


def resolve(target: Target, policy: FetchPolicy, deadline: Deadline) -> list[str]:
    """Every address the host resolves to, each checked: one refused address refuses the host,
    so a name that also points inside the network is never half-trusted."""
    lookup = _resolver.submit(socket.getaddrinfo, target.host, target.port, 0, socket.SOCK_STREAM)
    try:
        answers = lookup.result(timeout=max(deadline.remaining(), 0))
    except ResolveTimeout as error:
        raise TargetRefused(f"Looking up {target.host} took too long.") from error
    except (OSError, UnicodeError, ValueError) as error:
        raise TargetRefused(
            f"Job Tracker couldn't find the host {target.host}. Check the address for typos."
        ) from error
    addresses = allowed_addresses(answers, policy, target.host)
    if addresses is None:
        raise TargetRefused(PRIVATE_NETWORK)
    if not addresses:
        raise TargetRefused(f"Job Tracker couldn't find the host {target.host}.")
    return addresses


def check(url: str, policy: FetchPolicy, seconds: float) -> Target:
    """Parse and resolve, as at save time: the address must be allowed now."""
    # The HTTP client module (15 MiB) is loaded by the first check, not at start.
    from jobtracker.capture.network import Deadline

    target = parse(url, policy)
    resolve(target, policy, Deadline(seconds))
    return target
