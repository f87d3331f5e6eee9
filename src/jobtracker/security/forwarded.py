"""The client's real address and scheme behind a known number of reverse proxies.

Each proxy appends the address it was reached from to X-Forwarded-For, so with N proxies in
front of the app the entry N places from the right was written by the outermost one: the
address it saw, which the client cannot choose. Everything left of it is the client's own
writing (uvicorn's `--forwarded-allow-ips '*'` believes the leftmost, so anyone could pose as
any address and dodge the per-address sign-in limit). With no proxy configured the headers
are ignored and the socket's peer is the client.
"""

from __future__ import annotations

import ipaddress

from starlette.types import ASGIApp, Receive, Scope, Send

# Enough for any real proxy chain; a longer header is a client padding it, and only the right
# end matters anyway.
MAX_ENTRIES = 64
SCHEMES = {"http", "https"}


def forwarded_entries(headers: list[tuple[bytes, bytes]], name: bytes) -> list[str]:
    """The comma-separated entries of every `name` header, in order (proxies may repeat it)."""
    entries: list[str] = []
    for key, value in headers:
        if key.lower() == name:
            entries += (entry.strip() for entry in value.decode("latin-1").split(","))
    return entries[-MAX_ENTRIES:]


def plain_address(entry: str) -> str | None:
    """The IP address in an X-Forwarded-For entry (some proxies add a port), or None."""
    candidates = [entry]
    if entry.startswith("[") and "]" in entry:  # [2001:db8::1]:443
        candidates.append(entry[1 : entry.index("]")])
    elif entry.count(":") == 1:  # 203.0.113.7:443
        candidates.append(entry.partition(":")[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


class TrustedProxies:
    """Pure ASGI middleware: sets the scope's client and scheme from the trusted hops' headers."""

    def __init__(self, app: ASGIApp, *, hops: int) -> None:
        self.app = app
        self.hops = hops

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.hops:
            headers = scope["headers"]
            addresses = forwarded_entries(headers, b"x-forwarded-for")
            # Fewer entries than proxies: the request skipped the proxies, keep the socket peer.
            if len(addresses) >= self.hops:
                client = plain_address(addresses[-self.hops])
                if client is not None:
                    scope["client"] = (client, 0)
            schemes = forwarded_entries(headers, b"x-forwarded-proto")
            # Most proxies overwrite this header rather than append to it, so there may be a
            # single entry written by the nearest proxy; never one further left than the hops.
            if schemes:
                scheme = schemes[-min(self.hops, len(schemes))].lower()
                if scheme in SCHEMES:
                    scope["scheme"] = scheme
        await self.app(scope, receive, send)
