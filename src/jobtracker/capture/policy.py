"""What the safe fetcher may reach and how much it may read, and the public-address check."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from jobtracker.config import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

WEB_PORTS = frozenset({80, 443})
DEFAULT_TIMEOUT_SECONDS = 10.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5

# IPv6 ranges that carry an IPv4 address inside: the check judges the IPv4 one, since that is
# where the packets may end up (NAT64 gateways, 6to4 relays, IPv4-compatible addresses).
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch. The default reaches public addresses on ports 80 and 443 only."""

    # Lower-case host names (as written in the address) that may resolve to private
    # addresses: an admin's intranet job boards. Loopback is reached only through this.
    allowed_private_hosts: frozenset[str] = frozenset()
    allowed_ports: frozenset[int] = WEB_PORTS
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    user_agent: str = "JobTracker"

    def allows_private(self, host: str) -> bool:
        return host.lower() in self.allowed_private_hosts


def policy_from_settings(settings: Settings) -> FetchPolicy:
    """The instance's policy: the default limits plus the admin's allowed private hosts."""
    names = settings.capture_allowed_private_hosts.split(",")
    hosts = (host.strip().strip("[]").lower() for host in names)
    return FetchPolicy(
        allowed_private_hosts=frozenset(host for host in hosts if host),
        user_agent=user_agent(settings),
    )


def user_agent(settings: Settings) -> str:
    """Names the software and, when known, the instance, so a site's admin can tell who asks."""
    try:
        release = version("jobtracker")
    except PackageNotFoundError:
        release = "0.0.0"
    contact = f" (+{settings.public_url})" if settings.public_url else ""
    return f"JobTracker/{release}{contact}"


def _effective_address(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def is_public_address(address: IPAddress) -> bool:
    """True for an address on the public internet, the only kind fetched by default.

    `is_global` already rules out loopback, private, link-local (cloud metadata at
    169.254.169.254), carrier-grade NAT, unique-local, documentation and unspecified ranges;
    multicast, reserved and the deprecated site-local ones are refused on top.
    """
    address = _effective_address(address)
    if address.is_multicast or address.is_reserved or address.is_unspecified:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        return False
    return address.is_global


def is_connectable_address(address: IPAddress) -> bool:
    """True for any one-host address, private ones included: an allowed private host's."""
    address = _effective_address(address)
    return not (address.is_multicast or address.is_unspecified)


def allowed_addresses(
    answers: Iterable[tuple[Any, ...]], policy: FetchPolicy, host: str
) -> list[str] | None:
    """The distinct addresses of a name lookup's answers (getaddrinfo's), or None when the
    policy refuses any one of them: a name that also points inside the network is never
    half-trusted."""
    allowed = is_connectable_address if policy.allows_private(host) else is_public_address
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in answers:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if not allowed(address):
            return None
        if str(address) not in addresses:
            addresses.append(str(address))
    return addresses
