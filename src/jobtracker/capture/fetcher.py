"""The safe fetcher: reads one web page from a public address, bounded in size and time.

Every address (the first and each redirect's) is checked before anything connects: only http
and https on allowed ports, and every address the host name resolves to must be public unless
the admin allowed that host by name. The connection then goes to the checked address itself.
"""

from __future__ import annotations

import socket
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as ResolveTimeout
from dataclasses import dataclass
from email.message import Message
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, quote, urljoin, urlsplit

from jobtracker.capture.errors import FetchRefused, FetchTimedOut, PageTooLarge, SiteUnreachable
from jobtracker.capture.policy import FetchPolicy, allowed_addresses

if TYPE_CHECKING:
    from jobtracker.capture.network import Deadline

ONLY_WEB_ADDRESSES = "Only web addresses starting with http:// or https:// can be fetched."
NOT_AN_ADDRESS = "That doesn't look like a web address. Check it and try again."
PRIVATE_NETWORK = "That address points inside a private network, so Job Tracker won't fetch it."
UNVERIFIED_CERTIFICATE = (
    "The site's security certificate couldn't be verified, so Job Tracker didn't fetch it."
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_TEXT_TYPES = frozenset({"application/json", "application/xml", "application/xhtml+xml"})
# Characters a path or query may keep as they are; anything else (spaces, accents) is escaped.
_URL_SAFE = "/%:@!$&'()*+,;=-._~?"

# getaddrinfo has no timeout of its own: it runs aside so the fetch can stop waiting at the
# deadline. Few workers, so a flood of slow names queues instead of piling up threads.
_resolver = ThreadPoolExecutor(max_workers=4, thread_name_prefix="fetch-resolve")


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    status: int
    content_type: str  # lower case, without parameters; "" when the site gave none
    charset: str | None
    body: bytes
    text: str | None  # the body decoded by its charset, for text types; None for others
    bytes_read: int


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str  # lower case, IPv6 without brackets
    port: int
    path: str  # path and query, escaped


def fetch(url: str, policy: FetchPolicy) -> FetchedPage:
    """Fetch `url` under `policy`, following at most `policy.max_redirects` redirects.

    Raises a FetchError subclass, worded for a person, for every reason it doesn't.
    """
    # The HTTP client (15 MiB in each web process) is loaded by the first fetch, not at start.
    import httpcore2

    from jobtracker.capture.network import Deadline, caused_by_certificate

    deadline = Deadline(policy.timeout_seconds)
    address = url.strip()
    for hop in range(policy.max_redirects + 1):
        target = _parse(address, policy)
        addresses = _resolve(target, policy, deadline)
        try:
            page, location = _get(target, addresses, policy, deadline)
        except httpcore2.TimeoutException as error:
            raise FetchTimedOut(_too_slow(policy)) from error
        except httpcore2.ConnectError as error:
            if caused_by_certificate(error):
                raise SiteUnreachable(UNVERIFIED_CERTIFICATE) from error
            raise SiteUnreachable(_no_answer(target)) from error
        except (httpcore2.NetworkError, httpcore2.ProtocolError) as error:
            raise SiteUnreachable(_no_answer(target)) from error
        if location is None:
            return page
        if hop == policy.max_redirects:
            break
        address = urljoin(target.url, location)
    raise FetchRefused(
        f"Too many redirects: the page sent Job Tracker on more than {policy.max_redirects} "
        "times, so it stopped following."
    )


def _no_answer(target: _Target) -> str:
    return (
        f"Job Tracker couldn't get a readable answer from {target.host}. "
        "The site may be down or refuse the connection; try again later."
    )


def _too_slow(policy: FetchPolicy) -> str:
    return f"The page took longer than {policy.timeout_seconds:g} seconds to answer."


def _parse(url: str, policy: FetchPolicy) -> _Target:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchRefused(NOT_AN_ADDRESS) from error
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise FetchRefused(ONLY_WEB_ADDRESSES)
    host = parts.hostname or ""
    if not host:
        raise FetchRefused(NOT_AN_ADDRESS)
    try:
        host = host.encode("idna").decode("ascii")  # internationalised names, as DNS knows them
    except UnicodeError as error:
        raise FetchRefused(NOT_AN_ADDRESS) from error
    port = port or _DEFAULT_PORTS[scheme]
    if port not in policy.allowed_ports:
        raise FetchRefused(
            f"Job Tracker only fetches pages on the usual web ports, and this address asks for "
            f"port {port}. Use the page's plain http:// or https:// address."
        )
    path = quote(parts.path or "/", safe=_URL_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_URL_SAFE)
    return _Target(url=_without_fragment(parts), scheme=scheme, host=host, port=port, path=path)


def _without_fragment(parts: SplitResult) -> str:
    return parts._replace(fragment="").geturl()


def _resolve(target: _Target, policy: FetchPolicy, deadline: Deadline) -> list[str]:
    """Every address the host resolves to, each checked; one refused address refuses the host."""
    lookup = _resolver.submit(socket.getaddrinfo, target.host, target.port, 0, socket.SOCK_STREAM)
    try:
        answers = lookup.result(timeout=max(deadline.remaining(), 0))
    except ResolveTimeout as error:
        raise FetchTimedOut(_too_slow(policy)) from error
    except (OSError, UnicodeError, ValueError) as error:  # ValueError: a name with a NUL
        raise SiteUnreachable(
            f"Job Tracker couldn't find the site {target.host}. Check the address for typos."
        ) from error
    addresses = allowed_addresses(answers, policy, target.host)
    if addresses is None:
        raise FetchRefused(PRIVATE_NETWORK)
    if not addresses:
        raise SiteUnreachable(f"Job Tracker couldn't find the site {target.host}.")
    return addresses


def _get(
    target: _Target, addresses: list[str], policy: FetchPolicy, deadline: Deadline
) -> tuple[FetchedPage, str | None]:
    """One GET to the checked addresses: the page, and where it redirects to, if it does."""
    from jobtracker.capture.network import pinned_pool, request_url, timeouts

    url = request_url(target.scheme, target.host, target.port, target.path)
    # No cookies, no credentials, no compression (a small compressed body could unpack huge).
    headers = [
        (b"Host", _host_header(target).encode("ascii")),
        (b"User-Agent", policy.user_agent.encode("ascii", "replace")),
        (b"Accept", b"text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"),
        (b"Accept-Encoding", b"identity"),
    ]
    extensions = timeouts(policy.timeout_seconds)
    with (
        pinned_pool(addresses, deadline) as pool,
        pool.stream("GET", url, headers=headers, extensions=extensions) as response,
    ):
        response_headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in response.headers
        }
        location = response_headers.get("location")
        if response.status in REDIRECT_STATUSES and location:
            return _page(target, response.status, response_headers, b""), location
        length = response_headers.get("content-length", "")
        if length.isdigit() and int(length) > policy.max_bytes:
            raise PageTooLarge(_too_large(policy))
        body = bytearray()
        for chunk in response.iter_stream():
            body += chunk
            if len(body) > policy.max_bytes:
                raise PageTooLarge(_too_large(policy))
        return _page(target, response.status, response_headers, bytes(body)), None


def _host_header(target: _Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host  # IPv6 in brackets
    return host if target.port == _DEFAULT_PORTS[target.scheme] else f"{host}:{target.port}"


def _too_large(policy: FetchPolicy) -> str:
    megabytes = policy.max_bytes / (1024 * 1024)
    return f"The page is larger than {megabytes:g} MB, so Job Tracker stopped reading it."


def _page(target: _Target, status: int, headers: dict[str, str], body: bytes) -> FetchedPage:
    header = Message()
    header["content-type"] = headers.get("content-type", "")
    content_type = header.get_content_type() if headers.get("content-type") else ""
    charset = header.get_content_charset()
    return FetchedPage(
        url=target.url,
        status=status,
        content_type=content_type,
        charset=charset,
        body=body,
        text=_decode(body, content_type, charset),
        bytes_read=len(body),
    )


def _decode(body: bytes, content_type: str, charset: str | None) -> str | None:
    textual = (
        content_type.startswith("text/")
        or content_type in _TEXT_TYPES
        or content_type.endswith(("+xml", "+json"))
    )
    if not textual and content_type:
        return None
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python doesn't know
        return body.decode("utf-8", errors="replace")
